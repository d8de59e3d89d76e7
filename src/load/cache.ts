// The load cache: the validated document of every valid file, keyed by the file's path and checked
// against its place (inventory or request) and the sha-256 of its bytes, in
// <root>/.govern/cache/load.json (src/cache.ts). A county whose files have not changed is then
// loaded without parsing or shape-checking them again; the checks across files (duplicate ids,
// references) run every time, on the cached documents.
//
// What decides a cached document is in the fingerprint: the bytes of the loader and model sources
// (src/load, src/model) and the versions of the YAML and schema packages. Invalid files are never
// cached: their diagnostics need the full parser every time. JSON keeps every value a valid document
// can hold (YAML's -0 becomes 0, which no rule tells apart).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachingOff, KeyedCache, sha256, sourcesFingerprint } from '../cache.ts';
import type { AnyDocument, DocumentKind } from '../model/index.ts';
import { packagePath } from '../paths.ts';
import type { Placement } from './document.ts';

const FORMAT = 2;

/** One valid file as it was loaded. */
export interface CachedDocument {
  readonly sha: string;
  readonly placement: Placement;
  readonly kind: DocumentKind;
  readonly doc: AnyDocument;
}

export { sha256 };

/** What the cached documents depend on besides the files themselves. */
export function loaderFingerprint(): string {
  const packages = ['yaml', 'js-yaml', 'zod'].map((p) => readFileSync(packagePath('node_modules', p, 'package.json')));
  return sha256(sourcesFingerprint(['src/load', 'src/model', 'src/paths.ts', 'src/cache.ts']), ...packages);
}

/** The cache of one repository root, read once and written back when something changed. */
export class LoadCache {
  private constructor(private readonly store: KeyedCache<CachedDocument>) {}

  /** The cache at <root>/.govern/cache/load.json, or undefined when caching is off or impossible. */
  static open(root: string, env: Record<string, string | undefined> = process.env): LoadCache | undefined {
    if (cachingOff(env)) return undefined;
    let fingerprint: string;
    try {
      fingerprint = loaderFingerprint();
    } catch {
      return undefined; // sources not beside the code (an installed copy without src/): no cache
    }
    return new LoadCache(KeyedCache.read<CachedDocument>(join(root, '.govern', 'cache', 'load.json'), FORMAT, fingerprint));
  }

  get stats(): { hits: number; misses: number } {
    return this.store.stats;
  }

  /** The cached document of `path` if its bytes and place are the same as when it was cached. */
  get(path: string, placement: Placement, sha: string): CachedDocument | undefined {
    return this.store.get(path, (e) => e.sha === sha && e.placement === placement);
  }

  /** Records a file that loaded without any diagnostic. */
  put(path: string, entry: CachedDocument): void {
    this.store.put(path, entry);
  }

  /** Writes the cache back (`complete`: this load read every file of the repository). */
  save(opts: { complete: boolean }): void {
    this.store.save(opts);
  }
}
