// Where this package's own files are (policies/, the Pulumi provider runtime), found from this
// module's URL by walking up to the package.json of the package: the answer is the same whether the
// code runs from its sources (tsx, vitest) or from the bundle bin/launch.mjs builds. And where the
// caches of a county live: outside the checkout, so that nothing a pull request commits can stand
// in for them.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_NAME = 'shengsi-egov-governance';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      } catch {
        // not ours: keep walking up
      }
    }
    if (dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: package.json not found above ${from}`);
  }
}

/** The folder of this package's package.json. */
export const PACKAGE_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. packagePath('policies'). */
export function packagePath(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}

/** Every file below `dir`, folders followed, in name order. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

/** The file: URL of a module of the package's sources (for code that imports it in another process). */
export function sourceUrl(relativePath: string): string {
  return pathToFileURL(packagePath(relativePath)).href;
}

/**
 * The folder of the county caches: GOVERN_CACHE_DIR, else $XDG_CACHE_HOME/shengsi-govern, else
 * ~/.cache/shengsi-govern; from the command's environment or the process's.
 */
export function cacheHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const dir = env.GOVERN_CACHE_DIR || process.env.GOVERN_CACHE_DIR;
  if (dir) return resolve(dir);
  return join(env.XDG_CACHE_HOME || process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'shengsi-govern');
}

/** The cache folder of one county checkout: keyed by the real path of its root. */
export function repoCacheDir(root: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  let real = resolve(root);
  try {
    real = realpathSync(real);
  } catch {
    // not there (yet): its path as given
  }
  return join(cacheHome(env), 'repos', createHash('sha256').update(real).digest('hex').slice(0, 24));
}
