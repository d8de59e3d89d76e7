// The load cache: the validated document of every valid file, keyed by the file's path and checked
// against its place (inventory or request) and the sha-256 of its bytes, in load.json of the
// county's cache folder (src/cache.ts). A county whose files have not changed is then loaded
// without parsing or shape-checking them again; the checks across files (duplicate ids,
// references) run every time, on the cached documents.
//
// A file whose size, times and inode are those it had when it was hashed, and that had not changed
// for a while before, is taken without reading it (as git trusts its index); any other is read and
// hashed. What decides a cached document is in the fingerprint: the bytes of the loader and model sources
// (src/load, src/model) and the versions of the YAML and schema packages. Invalid files are never
// cached: their diagnostics need the full parser every time. JSON keeps every value a valid document
// can hold (YAML's -0 becomes 0, which no rule tells apart).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cachingOff, KeyedCache, sha256, sourcesFingerprint } from '../cache.ts';
import type { AnyDocument, DocumentKind } from '../model/index.ts';
import { packagePath, repoCacheDir } from '../paths.ts';
import type { Placement } from './document.ts';

const FORMAT = 3;

/** A file's size, modification and change times and inode, as stat gives them. */
export type Stamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** One valid file as it was loaded. */
export interface CachedDocument {
  readonly sha: string;
  readonly placement: Placement;
  readonly kind: DocumentKind;
  readonly doc: AnyDocument;
  /** The file's stamp when its bytes were hashed, and when that was (ms since the epoch). */
  readonly stamp?: Stamp;
  readonly hashedAt?: number;
}

/**
 * How long before its hashing a file must have last changed for its stamp to stand for its bytes:
 * a write in the same clock tick as the hashing could leave the stamp unchanged (git's "racily
 * clean" entries), and some file systems keep times to 2 s.
 */
const SETTLED_MS = 2_000;

export function stampOf(st: { size: number; mtimeMs: number; ctimeMs: number; ino: number }): Stamp {
  return [st.size, st.mtimeMs, st.ctimeMs, st.ino];
}

/** The entry's stamp is the file's, and the file had settled before it was hashed. */
function settled(e: CachedDocument, stamp: Stamp): boolean {
  const s = e.stamp;
  if (!s || e.hashedAt === undefined || !s.every((x, i) => x === stamp[i])) return false;
  return Math.max(stamp[1], stamp[2]) < e.hashedAt - SETTLED_MS;
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

  /** The cache of the county at `root`, or undefined when caching is off or impossible. */
  static open(root: string, env: Record<string, string | undefined> = process.env): LoadCache | undefined {
    if (cachingOff(env)) return undefined;
    let fingerprint: string;
    try {
      fingerprint = loaderFingerprint();
    } catch {
      return undefined; // sources not beside the code (an installed copy without src/): no cache
    }
    return new LoadCache(KeyedCache.read<CachedDocument>(join(repoCacheDir(root, env), 'load.json'), FORMAT, fingerprint));
  }

  /** Nothing was read from load.json (a first run, or one after a change of the loader). */
  get empty(): boolean {
    return this.store.empty;
  }

  /** Files taken from the cache (with or without reading them), loaded anew, and read to be hashed. */
  get stats(): { hits: number; misses: number; hashed: number } {
    return { ...this.store.stats, hashed: this.hashed };
  }

  private hashed = 0;

  /**
   * The cached document of `path` without reading it: when its stamp is the one it had when its
   * bytes were hashed, and it had not changed for SETTLED_MS before that. Size, times and inode all
   * equal: the change time cannot be set back, so a file rewritten with its old times still misses.
   */
  byStamp(path: string, placement: Placement, stamp: Stamp): CachedDocument | undefined {
    return this.store.peek(path, (e) => e.placement === placement && settled(e, stamp));
  }

  /** The cached document of `path` if its bytes and place are the same as when it was cached. */
  get(path: string, placement: Placement, sha: string, stamp: Stamp): CachedDocument | undefined {
    this.hashed++;
    const hit = this.store.get(path, (e) => e.sha === sha && e.placement === placement);
    // a file hashed again: remember its stamp, so that the next load need not read it
    if (hit && !settled(hit, stamp)) this.store.put(path, { ...hit, stamp, hashedAt: Date.now() });
    return hit;
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
