// Starts the TypeScript entry points of this package without paying for a TypeScript loader at
// every start: the entries are bundled once by esbuild into buildDirOf()/<digest>/ and run from
// there while every source file they were built from is unchanged (sha-256 of the exact bytes
// esbuild read). When a source changes, the next start rebuilds (about 0.3 s); when no bundle can
// be made (esbuild missing, read-only checkout) it runs the sources through tsx, as before. Each
// entry is one CommonJS file, run with V8's code cache by bin/bundle.mjs.
//
// Our code and the few packages every command needs (INLINE) are in the bundle; other packages are
// resolved from node_modules as usual.
// Several processes may start at once (tests): each build goes to its own folder, published by an
// atomic rename of current.json, so a reader never sees half a bundle.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { codeCacheKey, runBundle } from './bundle.mjs';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where the bundle is kept: node_modules/.cache/shengsi-govern/build of the checkout (the usual place
 * of tools' caches), so that the packages it leaves out resolve from node_modules as usual. Not in
 * the checkout itself, where a pull request could commit a bundle that says it was built from its
 * sources; node_modules is made anew by `npm ci`, and what is in it is trusted like the packages.
 */
export function buildDirOf(root = PACKAGE_ROOT) {
  return join(root, 'node_modules', '.cache', 'shengsi-govern', 'build');
}

/** The bundled entry points: output name -> source, relative to the package root. */
export const ENTRIES = { govern: 'scripts/govern.ts', 'policy-worker': 'src/policy/worker.ts' };

/**
 * Packages bundled with our code (they load 2-3x faster as one module than as hundreds of files;
 * the @octokit ones are ES modules only, which a CommonJS bundle could not require() before Node
 * 20.19); every other package stays in node_modules. package-lock.json is among the digest's inputs, so a
 * new version of one of them makes a new bundle.
 */
const INLINE = ['zod', 'yaml', 'js-yaml', '@octokit/rest', '@octokit/plugin-retry', '@octokit/plugin-throttling'];

/** Bump when the build options below change, so that older bundles are not reused. */
const BUILD_FORMAT = 5;
/** Finished builds kept besides the current one (other checkouts' processes may still run them). */
const KEEP = 3;

const toPosix = (p) => (sep === '/' ? p : p.split(sep).join('/'));

/** sha-256 over the sources (path and bytes) and what else decides the output. */
function digestOf(root, files, contents) {
  const h = createHash('sha256');
  h.update(`format ${BUILD_FORMAT}\0node ${process.versions.node}\0`);
  for (const f of [...files].sort()) {
    h.update(f);
    h.update('\0');
    h.update(contents ? contents.get(f) : readFileSync(join(root, f)));
    h.update('\0');
  }
  return h.digest('hex');
}

/** The current build, if every file it was built from still has the bytes it was built from. */
export function freshBuild(root = PACKAGE_ROOT, buildDir = buildDirOf(root)) {
  let current;
  try {
    current = JSON.parse(readFileSync(join(buildDir, 'current.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (!current || current.format !== BUILD_FORMAT || !Array.isArray(current.inputs) || typeof current.digest !== 'string') return undefined;
  let digest;
  try {
    digest = digestOf(root, current.inputs);
  } catch {
    return undefined; // a source was deleted or moved
  }
  if (digest !== current.digest) return undefined;
  const dir = join(buildDir, current.dir);
  return existsSync(dir) ? { dir, digest } : undefined;
}

/** Bundles the entries with esbuild; returns the new build, or undefined when esbuild is not there. */
export async function build(root = PACKAGE_ROOT, buildDir = buildDirOf(root), entries = ENTRIES) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return undefined;
  }
  const contents = new Map();
  // Read each of our sources here, so that the digest covers exactly the bytes in the bundle.
  const hashing = {
    name: 'hash-sources',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
        const rel = toPosix(relative(root, args.path));
        if (rel.startsWith('..') || rel.startsWith('node_modules/')) return undefined;
        const bytes = readFileSync(args.path);
        contents.set(rel, bytes);
        return { contents: bytes, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
      });
    },
  };
  let external;
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies }).filter((d) => !INLINE.includes(d));
    external = deps.flatMap((d) => [d, `${d}/*`]);
    contents.set('package.json', readFileSync(join(root, 'package.json')));
    if (existsSync(join(root, 'package-lock.json'))) contents.set('package-lock.json', readFileSync(join(root, 'package-lock.json')));
  } catch {
    external = undefined; // no package.json: nothing from node_modules in the bundle
  }
  mkdirSync(buildDir, { recursive: true });
  const tmp = join(buildDir, `.tmp-${process.pid}-${Date.now()}`);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, src]) => [name, join(root, src)])),
    outdir: tmp,
    // one CommonJS file per entry, which bin/bundle.mjs runs with V8's code cache (Node 20 has none for ES modules)
    outExtension: { '.js': '.cjs' },
    bundle: true,
    format: 'cjs',
    // import() of a package (opa-wasm, the Pulumi Automation API: CommonJS) becomes a require() in a
    // promise: a script run by bin/bundle.mjs imports only through an experimental loader that warns
    supported: { 'dynamic-import': false },
    platform: 'node',
    target: 'node20',
    ...(external ? { external } : { packages: 'external' }),
    // our sources find the package's files from their own URL (src/paths.ts)
    define: { 'import.meta.url': '__governModuleUrl' },
    banner: { js: "var __governModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'linked',
    plugins: [hashing],
    logLevel: 'silent',
  });
  // the build's own options: a changed launcher makes a new bundle (the test's fixture packages have none)
  for (const own of ['bin/launch.mjs', 'bin/bundle.mjs']) if (existsSync(join(root, own))) contents.set(own, readFileSync(join(root, own)));
  const inputs = [...contents.keys()].sort();
  const digest = digestOf(root, inputs, contents);
  const name = digest.slice(0, 16);
  const dir = join(buildDir, name);
  if (existsSync(dir)) rmSync(tmp, { recursive: true, force: true });
  else renameSync(tmp, dir);
  const next = join(buildDir, `.current-${process.pid}-${Date.now()}.json`);
  writeFileSync(next, JSON.stringify({ format: BUILD_FORMAT, dir: name, digest, inputs, builtAt: new Date().toISOString() }, null, 1));
  renameSync(next, join(buildDir, 'current.json'));
  prune(buildDir, name);
  return { dir, digest };
}

/** Removes all but the newest KEEP finished builds (and the current one), and stale temporaries. */
function prune(buildDir, keep) {
  const builds = [];
  for (const e of readdirSync(buildDir)) {
    const p = join(buildDir, e);
    try {
      const st = statSync(p);
      if (e.startsWith('.tmp-') || e.startsWith('.current-')) {
        if (Date.now() - st.mtimeMs > 10 * 60_000) rmSync(p, { recursive: true, force: true });
      } else if (st.isDirectory() && e !== keep) builds.push({ p, t: st.mtimeMs });
    } catch {
      // removed by another process meanwhile
    }
  }
  for (const b of builds.sort((a, c) => c.t - a.t).slice(KEEP)) rmSync(b.p, { recursive: true, force: true });
}

/**
 * Loads an entry: from the fresh bundle or a new one (bin/bundle.mjs, with the code cache of the
 * command `words` name), or (no esbuild, no write access) from the source file with tsx registered.
 * GOVERN_NO_BUNDLE=1 always takes the sources. Returns the entry's exports and a function to call
 * when the command is done (it writes the code cache of a first run).
 */
export async function loadEntry(entry, words = [], root = PACKAGE_ROOT) {
  if (process.env.GOVERN_NO_BUNDLE !== '1') {
    let b = freshBuild(root);
    if (!b) {
      try {
        b = await build(root);
      } catch {
        b = undefined; // read-only checkout or a build error: the sources through tsx report it
      }
    }
    if (b) {
      if (process.env.GOVERN_DEBUG === '1') process.setSourceMapsEnabled(true);
      globalThis.__governBundleDir = b.dir; // worker threads start from the same bundle (src/worker.ts)
      return runBundle(b.dir, entry, codeCacheKey(words));
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return { exports: await import(pathToFileURL(join(root, ENTRIES[entry])).href), saveCodeCache: () => undefined };
}

/**
 * V8 flags for the commands that evaluate the whole county on two threads (`check` and `pipeline`
 * without request paths): with V8's default parallel garbage collection the collector's helper
 * threads and the second JavaScript thread take turns on two cores, and the check measured slower
 * on two threads than on one (npm run bench -- check). Single-threaded collection gives the second
 * thread its core.
 */
export const GC_FLAGS = ['--single-threaded-gc'];

/** Options of check and pipeline that take a value (the rest of the words are request paths). */
const VALUED = new Set(['--format', '--repo', '--as-of', '--lang', '--out']);

export function wantsGcFlags(argv) {
  const [command, ...rest] = argv;
  if (command !== 'check' && command !== 'pipeline') return false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--help' || a === '-h') return false;
    if (VALUED.has(a)) i++;
    else if (!a.startsWith('-')) return false; // a path: a few requests, one thread
  }
  return true;
}

/**
 * Runs this command again in a node started with GC_FLAGS when it wants them and they are not set
 * (about 0.08 s), and returns its exit code; undefined when this process goes on itself.
 * GOVERN_GC_FLAGS=0 turns this off.
 */
export async function restartWithGcFlags(argv) {
  if (process.env.GOVERN_GC_FLAGS === '0' || !wantsGcFlags(argv)) return undefined;
  if (GC_FLAGS.every((f) => process.execArgv.includes(f))) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, ...GC_FLAGS, fileURLToPath(new URL('./govern.mjs', import.meta.url)), ...argv], {
    stdio: 'inherit',
    env: { ...process.env, GOVERN_GC_FLAGS: '0' },
  });
  // Ctrl-C reaches both processes (one process group): this one waits for the child to stop
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', (sig) => child.kill(sig));
  const [code, signal] = await new Promise((resolveExit) => {
    child.on('error', () => resolveExit([undefined, undefined]));
    child.on('exit', (c, s) => resolveExit([c, s]));
  });
  process.off('SIGINT', ignore);
  if (code === undefined && signal === undefined) return undefined; // could not start node again: go on here
  if (signal) return 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 9);
  return code ?? 2;
}
