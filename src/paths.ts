// Where this package's own files are (policies/, the Pulumi provider runtime), found from this
// module's URL by walking up to the package.json of the package. The answer is the same whether the
// code runs from its sources (tsx, vitest) or from the bundle bin/launch.mjs builds in .govern/build.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

/** The file: URL of a module of the package's sources (for code that imports it in another process). */
export function sourceUrl(relativePath: string): string {
  return pathToFileURL(packagePath(relativePath)).href;
}
