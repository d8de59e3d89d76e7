// bin/launch.mjs: the CLI runs from an esbuild bundle that is rebuilt whenever one of the sources it
// was built from changes, and the bundle finds the package's own files (policies/) like the sources do.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- plain JavaScript module without type declarations (it runs before any TypeScript loader)
import { build, buildDirOf, freshBuild, wantsGcFlags } from '../../bin/launch.mjs';
// @ts-expect-error -- plain JavaScript module without type declarations
import { codeCacheKey, runBundle } from '../../bin/bundle.mjs';

interface Build {
  dir: string;
  digest: string;
}
const typedBuild = build as (root: string, buildDir: string, entries: Record<string, string>) => Promise<Build | undefined>;
const typedFresh = freshBuild as (root: string, buildDir: string) => Build | undefined;
const typedBuildDir = buildDirOf as (root?: string) => string;
const typedWants = wantsGcFlags as (argv: string[]) => boolean;
const typedRun = runBundle as (dir: string, entry: string, key: string) => { exports: unknown; codeCache: string; saveCodeCache: () => void };
const typedKey = codeCacheKey as (words: string[], execArgv?: string[]) => string;

const ROOT = join(import.meta.dirname, '..', '..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A tiny package: an entry that imports a module of its own and a package from node_modules. */
function fixture(): string {
  const root = mkdtempSync(join(tmpdir(), 'govern-launch-'));
  dirs.push(root);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src', 'value.ts'), 'export const value: number = 1;\n');
  writeFileSync(join(root, 'entry.ts'), "import { value } from './src/value.ts';\nexport const answer = (): number => value;\n");
  return root;
}

function answerOf(b: Build): number {
  return (typedRun(b.dir, 'entry', 'test').exports as { answer: () => number }).answer();
}

describe('the bundle launcher', () => {
  it('reuses a build while its sources are unchanged and rebuilds when one changes', async () => {
    const root = fixture();
    const out = join(root, '.govern', 'build');
    expect(typedFresh(root, out)).toBeUndefined();
    const first = await typedBuild(root, out, { entry: 'entry.ts' });
    expect(first).toBeDefined();
    expect(answerOf(first!)).toBe(1);
    expect(typedFresh(root, out)?.digest).toBe(first!.digest);

    writeFileSync(join(root, 'src', 'value.ts'), 'export const value: number = 2;\n');
    expect(typedFresh(root, out)).toBeUndefined();
    const second = await typedBuild(root, out, { entry: 'entry.ts' });
    expect(second!.digest).not.toBe(first!.digest);
    expect(answerOf(second!)).toBe(2);
    expect(typedFresh(root, out)?.digest).toBe(second!.digest);
  });

  it("runs a bundle with the code cache of its first run, and compiles (and writes the cache again) when V8 rejects it", async () => {
    const root = fixture();
    const b = (await typedBuild(root, join(root, '.govern', 'build'), { entry: 'entry.ts' }))!;
    const cacheFile = join(b.dir, 'entry.check.v8cache');
    // each run in a node of its own: within one process V8 reuses what it compiled and never reads a cache
    const run = (key: string, save: boolean): { codeCache: string; answer: number } => {
      const script = `import { runBundle } from ${JSON.stringify(pathToFileURL(join(ROOT, 'bin', 'bundle.mjs')).href)};
        const r = runBundle(${JSON.stringify(b.dir)}, 'entry', ${JSON.stringify(key)});
        const answer = r.exports.answer();
        if (${save}) r.saveCodeCache();
        console.log(JSON.stringify({ codeCache: r.codeCache, answer }));`;
      const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
      expect(p.stderr).toBe('');
      return JSON.parse(p.stdout) as { codeCache: string; answer: number };
    };
    expect(run('check', false)).toEqual({ codeCache: 'none', answer: 1 });
    expect(existsSync(cacheFile)).toBe(false);
    expect(run('check', true)).toEqual({ codeCache: 'none', answer: 1 });
    expect(statSync(cacheFile).size).toBeGreaterThan(0);
    expect(run('check', true)).toEqual({ codeCache: 'used', answer: 1 });
    writeFileSync(cacheFile, Buffer.from('not a code cache, e.g. one of another V8 '.repeat(50)));
    expect(run('check', true)).toEqual({ codeCache: 'rejected', answer: 1 });
    expect(run('check', false)).toEqual({ codeCache: 'used', answer: 1 });
    expect(readdirSync(b.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // another command has a cache of its own
    expect(run('validate', false)).toEqual({ codeCache: 'none', answer: 1 });
  });

  it('shows stack traces in the sources with GOVERN_DEBUG=1 (the bundle required as usual, no code cache)', async () => {
    const root = fixture();
    writeFileSync(join(root, 'src', 'boom.ts'), "export function boom(): never {\n  throw new Error('boom');\n}\n");
    writeFileSync(join(root, 'entry.ts'), "import { boom } from './src/boom.ts';\nexport const answer = (): number => boom();\n");
    const b = (await typedBuild(root, join(root, '.govern', 'build'), { entry: 'entry.ts' }))!;
    const script = `import { runBundle } from ${JSON.stringify(pathToFileURL(join(ROOT, 'bin', 'bundle.mjs')).href)};
      process.setSourceMapsEnabled(true);
      const r = runBundle(${JSON.stringify(b.dir)}, 'entry', 'debug');
      try { r.exports.answer(); } catch (e) { console.log(JSON.stringify({ codeCache: r.codeCache, stack: e.stack })); }`;
    const run = (env: Record<string, string>): { codeCache: string; stack: string } => {
      const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, ...env } });
      return JSON.parse(p.stdout) as { codeCache: string; stack: string };
    };
    const debug = run({ GOVERN_DEBUG: '1' });
    expect(debug.codeCache).toBe('none');
    expect(debug.stack).toMatch(/src[\\/]boom\.ts:2/);
    const plain = run({ GOVERN_DEBUG: '0' });
    expect(plain.stack).toContain('entry.cjs');
  });

  it('keys the code cache by the command and the V8 flags', () => {
    expect(typedKey(['check', '--repo', 'x'], [])).toBe('check');
    expect(typedKey(['pr', 'gate'], [])).toBe('pr');
    expect(typedKey(['--help'], [])).toBe('default');
    expect(typedKey(['check'], ['--single-threaded-gc'])).toBe('check.single-threaded-gc');
    expect(typedKey(['check'], ['--cpu-prof', '--cpu-prof-dir=/tmp/p'])).toBe('check');
  });

  it('treats a deleted source as a stale build', async () => {
    const root = fixture();
    const out = join(root, '.govern', 'build');
    await typedBuild(root, out, { entry: 'entry.ts' });
    const current = JSON.parse(readFileSync(join(out, 'current.json'), 'utf8')) as { inputs: string[] };
    expect(current.inputs).toEqual(['entry.ts', 'src/value.ts']);
    rmSync(join(root, 'src', 'value.ts'));
    expect(typedFresh(root, out)).toBeUndefined();
  });

  it('rebuilds when package.json or package-lock.json changes (a bundled package may have a new version)', async () => {
    const root = fixture();
    const out = join(root, '.govern', 'build');
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'fixture', dependencies: { zod: '4.0.0' } }));
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: {} }));
    await typedBuild(root, out, { entry: 'entry.ts' });
    expect(typedFresh(root, out)).toBeDefined();
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/zod': { version: '4.0.1' } } }));
    expect(typedFresh(root, out)).toBeUndefined();
  });

  it('runs the bundled CLI, which finds policies/ from node_modules/.cache like the sources do, and keeps no bundle in the checkout', () => {
    const bundled = spawnSync(process.execPath, [join(ROOT, 'bin', 'govern.mjs'), 'check', '--format', 'json', '--as-of', '2026-11-25'], { cwd: ROOT, encoding: 'utf8' });
    const sources = spawnSync(process.execPath, [join(ROOT, 'bin', 'govern.mjs'), 'check', '--format', 'json', '--as-of', '2026-11-25'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, GOVERN_NO_BUNDLE: '1' },
    });
    expect(bundled.status).toBe(0);
    const current = JSON.parse(readFileSync(join(typedBuildDir(), 'current.json'), 'utf8')) as { dir: string; inputs: string[] };
    expect(current.inputs).toContain('src/policy/evaluate.ts');
    expect(typedBuildDir().startsWith(join(ROOT, 'node_modules') + sep)).toBe(true);
    expect(bundled.stdout).toBe(sources.stdout);
    expect((JSON.parse(bundled.stdout) as { requests: unknown[] }).requests.length).toBeGreaterThan(10);
  });

  it('restarts node with single-threaded garbage collection only for whole-county checks', () => {
    expect(typedWants(['check'])).toBe(true);
    expect(typedWants(['check', '--format', 'json', '--repo', 'x', '--as-of', '2026-11-25'])).toBe(true);
    expect(typedWants(['pipeline', '--out', 'o'])).toBe(true);
    expect(typedWants(['check', '--format', 'json', 'requests/a/b.yaml'])).toBe(false);
    expect(typedWants(['check', '--help'])).toBe(false);
    expect(typedWants(['validate'])).toBe(false);
    expect(typedWants([])).toBe(false);
  });

  it('passes the exit code and the output of a restarted check through unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'govern-restart-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'inventory'), join(dir, 'inventory'), { recursive: true });
    cpSync(join(ROOT, 'requests'), join(dir, 'requests'), { recursive: true });
    cpSync(join(ROOT, 'tests', 'fixtures', 'policy', 'rdp-to-internet.yaml'), join(dir, 'requests', 'county-hospital', 'rdp-to-internet.yaml'));
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'govern.mjs'), 'check', '--repo', dir, '--format', 'json', '--as-of', '2026-11-25'], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const restarted = run({});
    const direct = run({ GOVERN_GC_FLAGS: '0' });
    expect(restarted.status).toBe(1);
    expect(direct.status).toBe(1);
    expect(restarted.stdout).toBe(direct.stdout);
    expect(restarted.stdout).toContain('SS-14-005');
  });
});
