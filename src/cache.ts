// The on-disk caches of a county (src/load/cache.ts: validated documents; src/policy/cache.ts:
// policy answers), in the county's folder under cacheHome() (src/paths.ts): outside the checkout,
// so that a pull request cannot commit one. One JSON file each, valid only for the fingerprint it was
// written with (a hash of everything its entries depend on besides their key), read once per run,
// written back atomically when something changed. A missing, damaged or foreign file is an empty
// cache; an unwritable folder is no cache. GOVERN_NO_CACHE=1 turns every cache off.
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder, packagePath } from './paths.ts';

/** GOVERN_NO_CACHE=1 in the command's environment, or in the process's (which always wins). */
export function cachingOff(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.GOVERN_NO_CACHE === '1' || process.env.GOVERN_NO_CACHE === '1';
}

const memo = new Map<string, string>();

/**
 * sha-256 of the package's sources in the given folders or files (relative to the package root,
 * e.g. 'src/rego'), memoized per process. Throws when they are not beside the code.
 */
export function sourcesFingerprint(paths: readonly string[]): string {
  const key = paths.join('\0');
  const hit = memo.get(key);
  if (hit) return hit;
  const h = createHash('sha256');
  for (const rel of paths) {
    const abs = packagePath(rel);
    for (const f of rel.endsWith('.ts') ? [abs] : filesUnder(abs).filter((x) => x.endsWith('.ts'))) {
      h.update(f.slice(packagePath().length));
      h.update('\0');
      h.update(readFileSync(f));
      h.update('\0');
    }
  }
  const out = h.digest('hex');
  memo.set(key, out);
  return out;
}

export function sha256(...parts: (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

interface CacheFile<V> {
  readonly format: number;
  readonly fingerprint: string;
  /** Names this writing of the file: the journal beside it belongs to it only when it names the same. */
  readonly generation?: string;
  readonly entries: Record<string, V>;
}

/** One line of the journal: an entry set (v) or removed (v absent). */
interface JournalLine<V> {
  readonly k: string;
  readonly v?: V;
}

/** Changes up to this share of the entries are appended to the journal rather than rewriting the file. */
const JOURNAL_SHARE = 0.05;
/** A journal longer than this many lines is folded into the file at the next save. */
const JOURNAL_MAX_LINES = 2_000;

/**
 * One cache file: entries by key, kept for the next run when this run used or added them. A run
 * that changes a few entries (a unit edited one request) appends them to a journal beside the file
 * (`<file>.journal`, one JSON line each, headed by the file's generation) instead of writing the
 * whole file again; a damaged or foreign journal, or a torn last line, is ignored from there on.
 */
export class KeyedCache<V> {
  private readonly next = new Map<string, V>();
  /** Keys this run set (put), as opposed to kept. */
  private readonly changedKeys = new Set<string>();
  private saved = false;
  /** Entries taken from the cache and entries made anew in this run (tests, benchmarks). */
  readonly stats = { hits: 0, misses: 0 };

  private constructor(
    private readonly file: string,
    private readonly format: number,
    private readonly fingerprint: string,
    private readonly old: Record<string, V>,
    /** The generation of the file read, and how many journal lines were applied to it. */
    private readonly generation: string | undefined,
    private readonly journalLines: number,
  ) {}

  /** The cache in `file` (and its journal) if written with this format and fingerprint, else an empty one. */
  static read<V>(file: string, format: number, fingerprint: string): KeyedCache<V> {
    let entries: Record<string, V> = {};
    let generation: string | undefined;
    let lines = 0;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile<V>>;
      if (parsed.format === format && parsed.fingerprint === fingerprint && parsed.entries && typeof parsed.entries === 'object') {
        entries = parsed.entries;
        generation = typeof parsed.generation === 'string' ? parsed.generation : undefined;
      }
    } catch {
      // none yet, or unreadable: start empty
    }
    if (generation) lines = applyJournal(`${file}.journal`, generation, entries);
    return new KeyedCache<V>(file, format, fingerprint, entries, generation, lines);
  }

  /** No entry was read (a first run, or one after a change of fingerprint). */
  get empty(): boolean {
    for (const k in this.old) if (Object.prototype.hasOwnProperty.call(this.old, k)) return false;
    return true;
  }

  /** The entry of `key` if there is one and `accept` takes it (a hit); otherwise a miss. */
  get(key: string, accept: (v: V) => boolean = () => true): V | undefined {
    const v = this.peek(key, accept);
    if (v === undefined) this.stats.misses++;
    return v;
  }

  /** Like get, and counted as a hit when taken, but not counted when not (the caller tries get next). */
  peek(key: string, accept: (v: V) => boolean): V | undefined {
    const v = Object.prototype.hasOwnProperty.call(this.old, key) ? this.old[key] : undefined;
    if (v === undefined || !accept(v)) return undefined;
    this.stats.hits++;
    this.next.set(key, v);
    return v;
  }

  /** The entry of `key`, kept for the next run, without counting a hit or a miss (entries besides the answers). */
  lookup(key: string): V | undefined {
    const v = Object.prototype.hasOwnProperty.call(this.old, key) ? this.old[key] : undefined;
    if (v !== undefined) this.next.set(key, v);
    return v;
  }

  put(key: string, v: V): void {
    this.next.set(key, v);
    this.changedKeys.add(key);
  }

  /**
   * Writes the file when an entry was added or, after a run that asked for every entry it needs
   * (`complete`), one was not asked for; a partial run keeps the entries it did not visit.
   * Best effort: when the write fails the old file stays, and its entries are still keyed. Once per
   * run: a second call does nothing.
   */
  save(opts: { complete: boolean }): void {
    if (this.saved) return;
    this.saved = true;
    const oldKeys = Object.keys(this.old);
    const removed = opts.complete ? oldKeys.filter((k) => !this.next.has(k)) : [];
    if (this.changedKeys.size === 0 && removed.length === 0) return;
    try {
      const dir = join(this.file, '..');
      mkdirSync(dir, { recursive: true });
      const changes = this.changedKeys.size + removed.length;
      if (this.generation && changes <= oldKeys.length * JOURNAL_SHARE && this.journalLines + changes <= JOURNAL_MAX_LINES) {
        const lines: JournalLine<V>[] = [...[...this.changedKeys].map((k) => ({ k, v: this.next.get(k)! })), ...removed.map((k) => ({ k }))];
        const journal = `${this.file}.journal`;
        const head = this.journalLines === 0 ? JSON.stringify({ generation: this.generation }) + '\n' : '';
        // the first writer of a journal starts it; later ones append (one write each)
        if (head) writeFileSync(journal, head + lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
        else appendFileSync(journal, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
        return;
      }
      const entries = opts.complete ? Object.fromEntries(this.next) : { ...this.old, ...Object.fromEntries(this.next) };
      const generation = randomBytes(8).toString('hex');
      const body: CacheFile<V> = { format: this.format, fingerprint: this.fingerprint, generation, entries };
      const tmp = join(dir, `.${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.tmp`);
      writeFileSync(tmp, JSON.stringify(body));
      renameSync(tmp, this.file);
      rmSync(`${this.file}.journal`, { force: true });
    } catch {
      // read-only checkout: everything works without the cache
    }
  }
}

/**
 * Applies the journal of the file of `generation` to `entries`; returns the number of lines applied.
 * Stops at the first line that does not parse (a torn write) and ignores a journal of another file.
 */
function applyJournal<V>(journal: string, generation: string, entries: Record<string, V>): number {
  let text: string;
  try {
    text = readFileSync(journal, 'utf8');
  } catch {
    return 0;
  }
  const lines = text.split('\n');
  try {
    if ((JSON.parse(lines[0]!) as { generation?: unknown }).generation !== generation) return 0;
  } catch {
    return 0;
  }
  let applied = 0;
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    let l: JournalLine<V>;
    try {
      l = JSON.parse(line) as JournalLine<V>;
    } catch {
      break;
    }
    if (typeof l.k !== 'string') break;
    if (l.v === undefined) delete entries[l.k];
    else entries[l.k] = l.v;
    applied++;
  }
  return applied + 1;
}
