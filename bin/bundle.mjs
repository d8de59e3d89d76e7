// Runs one entry of the bundle bin/launch.mjs builds (<build>/<entry>.cjs, CommonJS) with V8's code
// cache: the first run of a command compiles the bundle as usual and, when it ends, writes the code
// V8 compiled for it (<build>/<entry>.<key>.v8cache, written whole or not at all); the next runs of
// that command read it instead of compiling (node --help of the CLI: 0.52 s -> 0.33 s on the 2-core
// VM). V8 checks the cache against the source and its own version and flags, and rejects one that
// does not match; a rejected or unreadable cache is a compile, never an error. The cache sits in the
// build's own folder, which a rebuild replaces: it can never belong to other sources. With
// GOVERN_DEBUG=1 the bundle is required as usual, without the cache, so that stacks show the sources.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** Dynamic import() from the bundle (packages that are ES modules only) needs this loader; missing before Node 20.12. */
const MAIN_LOADER = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

/**
 * The cache of one command: its name (what it compiles differs from command to command) and the
 * V8 flags this process runs with (V8 rejects a cache made under other flags).
 */
export function codeCacheKey(words, execArgv = process.execArgv) {
  const command = words.find((w) => /^[a-z][a-z-]*$/.test(w)) ?? 'default';
  const flags = execArgv.filter((a) => a.startsWith('--') && !a.startsWith('--cpu-prof') && !a.startsWith('--inspect'));
  return flags.length === 0 ? command : `${command}.${flags.map((f) => f.replace(/^-+/, '').replace(/[^a-z0-9]+/gi, '-')).join('.')}`;
}

/**
 * Loads <dir>/<entry>.cjs with the code cache of `key`, and returns its exports, what became of the
 * cache ('none', 'used', 'rejected') and a function that writes the cache when there was none (or V8
 * rejected it): called when the command's work is done, so that the cache holds the functions it ran.
 */
export function runBundle(dir, entry, key) {
  const file = join(dir, `${entry}.cjs`);
  const require = createRequire(file);
  const module = { exports: {} };
  // GOVERN_DEBUG=1: through Node's own loader, which maps stack traces to the sources (a script run
  // by vm gets no source map)
  if (MAIN_LOADER === undefined || process.env.GOVERN_DEBUG === '1') {
    module.exports = require(file);
    return { exports: module.exports, codeCache: 'none', saveCodeCache: () => undefined };
  }
  const cacheFile = join(dir, `${entry}.${key}.v8cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(file, 'utf8');
  // the wrapper of a CommonJS module, on the first line: the bundle's lines and columns stay as they are
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    importModuleDynamically: MAIN_LOADER,
  });
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  let saved = false;
  const saveCodeCache = () => {
    if (!stale || saved) return;
    saved = true;
    const tmp = `${cacheFile}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
    try {
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      rmSync(tmp, { force: true }); // a read-only build folder: every start compiles, as without a cache
    }
  };
  const codeCache = cachedData === undefined ? 'none' : stale ? 'rejected' : 'used';
  return { exports: module.exports, codeCache, saveCodeCache };
}
