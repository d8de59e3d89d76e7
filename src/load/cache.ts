// The load cache: the validated document of every valid file, keyed by the file's path, its place
// (inventory or request) and the sha-256 of its bytes, in <root>/.govern/cache/load.json. A county
// whose files have not changed is then loaded without parsing or shape-checking them again; the
// checks across files (duplicate ids, references) run every time, on the cached documents.
//
// What decides a cached document is written into the cache's fingerprint: the bytes of the loader
// and model sources (src/load, src/model) and the versions of the YAML and schema packages. Any
// change there, a malformed cache file or an unwritable folder means no cache, never a wrong one.
// Invalid files are never cached: their diagnostics need the full parser every time.
// GOVERN_NO_CACHE=1 turns the cache off (the load is then exactly the uncached one).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnyDocument, DocumentKind } from '../model/index.ts';
import { packagePath } from '../paths.ts';
import type { Placement } from './document.ts';

const FORMAT = 1;

/** One valid file as it was loaded. */
export interface CachedDocument {
  readonly sha: string;
  readonly placement: Placement;
  readonly kind: DocumentKind;
  readonly doc: AnyDocument;
}

interface CacheFile {
  readonly format: number;
  readonly fingerprint: string;
  readonly files: Record<string, CachedDocument>;
}

let fingerprintMemo: string | undefined;

function sourcesOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourcesOf(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** What the cached documents depend on besides the files themselves. */
export function loaderFingerprint(): string {
  if (fingerprintMemo) return fingerprintMemo;
  const h = createHash('sha256');
  h.update(`format ${FORMAT}\0`);
  for (const f of [...sourcesOf(packagePath('src', 'load')), ...sourcesOf(packagePath('src', 'model')), packagePath('src', 'paths.ts')]) {
    h.update(f.slice(packagePath().length));
    h.update('\0');
    h.update(readFileSync(f));
  }
  for (const pkg of ['yaml', 'js-yaml', 'zod']) {
    h.update(readFileSync(packagePath('node_modules', pkg, 'package.json')));
  }
  fingerprintMemo = h.digest('hex');
  return fingerprintMemo;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The cache of one repository root, read once and written back when something changed. */
export class LoadCache {
  private readonly old: Record<string, CachedDocument>;
  private readonly next = new Map<string, CachedDocument>();
  private changed = false;
  /** Files taken from the cache and files loaded anew in this run (for tests and benchmarks). */
  readonly stats = { hits: 0, misses: 0 };

  private constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    old: Record<string, CachedDocument>,
  ) {
    this.old = old;
  }

  /** The cache at <root>/.govern/cache/load.json, or undefined when caching is off or impossible. */
  static open(root: string, env: Record<string, string | undefined> = process.env): LoadCache | undefined {
    if (env.GOVERN_NO_CACHE === '1') return undefined;
    let fingerprint: string;
    try {
      fingerprint = loaderFingerprint();
    } catch {
      return undefined; // sources not beside the code (an installed copy without src/): no cache
    }
    const file = join(root, '.govern', 'cache', 'load.json');
    let files: Record<string, CachedDocument> = {};
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile>;
      if (parsed.format === FORMAT && parsed.fingerprint === fingerprint && parsed.files && typeof parsed.files === 'object') files = parsed.files;
    } catch {
      // no cache yet, or an unreadable one: start empty
    }
    return new LoadCache(file, fingerprint, files);
  }

  /** The cached document of `path` if its bytes and place are the same as when it was cached. */
  get(path: string, placement: Placement, sha: string): CachedDocument | undefined {
    const hit = Object.prototype.hasOwnProperty.call(this.old, path) ? this.old[path] : undefined;
    if (!hit || hit.sha !== sha || hit.placement !== placement) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    this.next.set(path, hit);
    return hit;
  }

  /** Records a file that loaded without any diagnostic. */
  put(path: string, entry: CachedDocument): void {
    this.next.set(path, entry);
    this.changed = true;
  }

  /**
   * Writes the cache when a file was added or changed, or (after loading the whole repository,
   * `complete`) removed, since it was read; a partial load keeps the entries it did not visit.
   * Best effort: a failed write leaves the old cache (whose entries are still keyed by sha).
   */
  save(opts: { complete: boolean }): void {
    const removed = opts.complete && this.next.size !== Object.keys(this.old).length;
    if (!this.changed && !removed) return;
    const files = opts.complete ? Object.fromEntries(this.next) : { ...this.old, ...Object.fromEntries(this.next) };
    const body: CacheFile = { format: FORMAT, fingerprint: this.fingerprint, files };
    try {
      const dir = join(this.file, '..');
      mkdirSync(dir, { recursive: true });
      const tmp = join(dir, `.load-${process.pid}-${Date.now()}.json`);
      writeFileSync(tmp, JSON.stringify(body));
      renameSync(tmp, this.file);
    } catch {
      // read-only checkout: loading works without the cache
    }
  }
}
