// The repository as files: finds inventory/*.yaml and requests/<unit>/*.yaml, loads each one
// (yaml.ts, document.ts), then checks what no single file can: duplicate ids across files, the one
// document of each singleton kind, references between documents, and that a request sits in the
// folder of its unit. Fails closed: no Repository unless every file is valid.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../i18n/index.ts';
import type {
  ChangeRequest,
  CloudCatalogT,
  DeviceCatalogT,
  DocumentKind,
  GitHubConfigT,
  LoadedRequest,
  PolicyConfigT,
  RectificationCatalogT,
  Repository,
} from '../model/index.ts';
import { INVENTORY_SCHEMAS, isRequestKind } from '../model/index.ts';
import { LoadCache, sha256, stampOf, type CachedDocument, type Stamp } from './cache.ts';
import { checkDocument, type Placement } from './document.ts';
import { LazyMap } from './fast-yaml.ts';
import { MAX_INVENTORY_BYTES, MAX_OTHER_BYTES, MAX_REQUEST_BYTES } from './limits.ts';
import { diagnostic } from './messages.ts';
import { posOf, type LoadedFile } from './file.ts';
import { checkReferences } from './references.ts';
import { mark } from '../timing.ts';
import { lazyPositions, parseYamlFile, type ParsedYaml } from './yaml.ts';

export interface FileReport {
  /** Relative to the repository root, forward slashes. */
  readonly path: string;
  readonly valid: boolean;
  readonly errors: Diagnostic[];
}

export interface LoadResult {
  /** The county; undefined when anything is invalid (fail closed). */
  readonly repository?: Repository;
  /** Every diagnostic: those of the files, and those about the repository as a whole (a missing document). */
  readonly diagnostics: Diagnostic[];
  readonly files: FileReport[];
  /** Writes the load cache (with LoadOptions.deferSave; a no-op when there is nothing to write). */
  readonly saveCache?: () => void;
}

/**
 * Request files another thread loads while this one loads the rest (LoadOptions.onListed): each
 * one's load-cache entry, or null for a file with a diagnostic (loaded again here, for positions).
 */
export interface LoadHelper {
  /** Absolute paths, among the listed request files. */
  readonly paths: readonly string[];
  /** One result per path, in order; undefined when the thread failed (the files are loaded here then). */
  readonly loaded: Promise<readonly (CachedDocument | null)[] | undefined>;
}

export interface LoadOptions {
  /** The validated documents of earlier loads (cache.ts); default: the county's load.json (src/paths.ts repoCacheDir). */
  readonly cache?: LoadCache | false;
  /** Leave writing the cache to the caller (LoadResult.saveCache), e.g. for while it waits on a thread. */
  readonly deferSave?: boolean;
  /**
   * Told the request files before any is read (e.g. to start a thread meanwhile), and whether the
   * load cache holds nothing (`cold`: every file is to be parsed); may hand some of them to another
   * thread to load (loadElsewhere there).
   */
  readonly onListed?: (listed: { readonly requests: number; readonly paths: readonly string[]; readonly cold: boolean }) => LoadHelper | undefined | void;
}

const SINGLETONS = ['CloudCatalog', 'DeviceCatalog', 'PolicyConfig', 'GitHubConfig'] as const;
const REQUIRED_INVENTORY = [...SINGLETONS, 'ZoneCatalog', 'UnitCatalog', 'PersonCatalog'] as const;
const YAML_FILE = /\.ya?ml$/;

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Where a file sits decides the kinds it may hold and its size limit. */
export function placementOf(rel: string): Placement {
  if (/^inventory\/[^/]+$/.test(rel)) return 'inventory';
  if (/(?:^|\/)requests\/[^/]+\/[^/]+$/.test(rel)) return 'request';
  if (rel.startsWith('requests/')) return 'request';
  return 'any';
}

function maxBytesOf(p: Placement): number {
  return p === 'inventory' ? MAX_INVENTORY_BYTES : p === 'request' ? MAX_REQUEST_BYTES : MAX_OTHER_BYTES;
}

/** The YAML files below `dir`, in name order; synchronous: a county's 300 folders list 3x faster so than through the thread pool. */
function listYaml(dir: string, depth: number): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory() && depth > 0 && !e.name.startsWith('.') && e.name !== 'node_modules') out.push(...listYaml(full, depth - 1));
    else if (e.isFile() && YAML_FILE.test(e.name)) out.push(full);
  }
  return out.sort();
}

/** A cached valid file: its document, and its positions from its text if something asks for one. */
function fromCache(rel: string, bytes: () => Uint8Array, value: unknown): ParsedYaml {
  let lazy: ReturnType<typeof lazyPositions> | undefined;
  const positions = (): ReturnType<typeof lazyPositions> => {
    if (!lazy) {
      const text = new TextDecoder('utf-8').decode(bytes());
      lazy = lazyPositions(rel, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    return lazy;
  };
  return {
    value,
    positions: new LazyMap(() => new Map(positions().positions)),
    valuePositions: new LazyMap(() => new Map(positions().valuePositions)),
    diagnostics: [],
  };
}

function cached(f: LoadedFile, hit: CachedDocument, bytes: () => Uint8Array): LoadedFile {
  f.parsed = fromCache(f.path, bytes, hit.doc);
  f.kind = hit.kind;
  f.doc = hit.doc;
  return f;
}

/** What loadFile asks of a load cache. */
type DocumentStore = Pick<LoadCache, 'byStamp' | 'get' | 'put'>;

/** Reads, parses and shape-checks one file (or takes it from the cache). Never throws. */
export function loadFile(root: string, abs: string, cache?: DocumentStore): LoadedFile {
  const rel = toPosix(relative(root, abs)) || basename(abs);
  const placement = placementOf(rel);
  const f: LoadedFile = { path: rel, placement, diagnostics: [] };
  // requests/<unit>/<file> and inventory/<file> only: a file one folder off would be ignored or misread
  const misplaced =
    (placement === 'request' && !/(?:^|\/)requests\/[^/]+\/[^/]+$/.test(rel)) || (rel.startsWith('inventory/') && rel.split('/').length > 2);
  if (misplaced) {
    f.diagnostics.push(diagnostic('E-FILE-LOCATION', rel, { line: 1, column: 1 }, { kind: rel.startsWith('inventory/') ? 'inventory' : 'request' }));
    return f;
  }
  const limit = maxBytesOf(placement);
  if (rel.startsWith('..')) cache = undefined; // a fixture named from outside: not the county's
  let bytes: Uint8Array;
  let stamp: Stamp;
  try {
    const st = statSync(abs);
    if (st.size > limit) {
      f.diagnostics.push(diagnostic('E-FILE-TOO-LARGE', rel, { line: 1, column: 1 }, { size: st.size, limit }));
      return f;
    }
    stamp = stampOf(st);
    const unread = cache?.byStamp(rel, placement, stamp);
    if (unread) return cached(f, unread, () => readFileSync(abs));
    // synchronous: thousands of small files read faster one after another than through the thread pool
    bytes = readFileSync(abs);
  } catch (e) {
    f.diagnostics.push(diagnostic('E-READ', rel, undefined, { detail: (e as NodeJS.ErrnoException).code ?? String(e) }));
    return f;
  }
  const sha = cache ? sha256(bytes) : '';
  const hit = cache?.get(rel, placement, sha, stamp);
  if (hit) return cached(f, hit, () => bytes);
  const parsed = parseYamlFile(rel, bytes, { maxBytes: limit });
  f.parsed = parsed;
  f.diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.length > 0) return f;
  const checked = checkDocument(rel, parsed, placement);
  f.kind = checked.kind;
  f.doc = checked.doc;
  f.diagnostics.push(...checked.diagnostics);
  if (cache && f.diagnostics.length === 0 && f.kind !== undefined && f.doc !== undefined) cache.put(rel, { sha, placement, kind: f.kind, doc: f.doc, stamp, hashedAt: Date.now() });
  return f;
}

function loadAll(root: string, files: readonly string[], cache: LoadCache | undefined): LoadedFile[] {
  return files.map((abs) => loadFile(root, abs, cache));
}

/**
 * What a thread loading files for another does (LoadHelper): each file loaded by loadFile, as the
 * entry a load cache would record of it, or null when it has a diagnostic.
 */
export function loadElsewhere(root: string, paths: readonly string[]): (CachedDocument | null)[] {
  return paths.map((abs) => {
    let entry: CachedDocument | null = null;
    const recorder: DocumentStore = { byStamp: () => undefined, get: () => undefined, put: (_path, e) => (entry = e) };
    return loadFile(root, abs, recorder).diagnostics.length === 0 ? entry : null;
  });
}

/**
 * The files loaded here and, for those `helper` took, from its entries (as from a load cache: their
 * positions from their text when something asks; recorded in `cache`); a file it could not load
 * or that has a diagnostic is loaded here. In the order of `paths`.
 */
async function loadShared(root: string, paths: readonly string[], cache: LoadCache | undefined, helper: LoadHelper): Promise<LoadedFile[]> {
  const theirs = new Set(helper.paths);
  const mine = new Map(paths.filter((p) => !theirs.has(p)).map((abs) => [abs, loadFile(root, abs, cache)]));
  mark(`loaded ${mine.size} files, ${theirs.size} on the worker`);
  const loaded = await helper.loaded;
  let taken = 0;
  helper.paths.forEach((abs, i) => {
    const entry = loaded?.[i];
    if (!entry) return;
    const f: LoadedFile = { path: toPosix(relative(root, abs)), placement: entry.placement, diagnostics: [] };
    mine.set(abs, cached(f, entry, () => readFileSync(abs)));
    cache?.put(f.path, entry);
    taken++;
  });
  const files = paths.map((abs) => mine.get(abs) ?? loadFile(root, abs, cache));
  mark(`took ${taken} files from the worker, loaded ${helper.paths.length - taken} again here`);
  return files;
}

function cacheOf(root: string, opts: LoadOptions): LoadCache | undefined {
  return opts.cache === false ? undefined : (opts.cache ?? LoadCache.open(root));
}

/**
 * Cross-file checks over shape-valid files. Inventory references are checked only when every
 * inventory file has a valid shape (otherwise every reference into a broken file would be reported
 * again); request references only when the inventory is complete and valid.
 */
function crossCheck(files: LoadedFile[], global: Diagnostic[]): { inventoryOk: boolean } {
  const inventory = files.filter((f) => f.kind !== undefined && f.kind in INVENTORY_SCHEMAS && f.doc);
  const inventoryFilesOk = files.filter((f) => f.placement === 'inventory').every((f) => f.diagnostics.length === 0);
  // singletons: one document each; required kinds present
  const firstOf = new Map<string, LoadedFile>();
  for (const f of files.filter((x) => x.kind !== undefined && x.kind in INVENTORY_SCHEMAS)) {
    const k = f.kind!;
    const first = firstOf.get(k);
    if (first && (SINGLETONS as readonly string[]).includes(k)) {
      const p = posOf(first, 'kind');
      f.diagnostics.push(diagnostic('E-DUPLICATE-DOC', f.path, posOf(f, 'kind'), { kind: k, first: `${first.path}:${p?.line ?? 1}:${p?.column ?? 1}` }));
    } else if (!first) firstOf.set(k, f);
  }
  let complete = true;
  for (const k of REQUIRED_INVENTORY) {
    if (!firstOf.has(k)) {
      complete = false;
      global.push(diagnostic('E-MISSING-DOC', 'inventory/', undefined, { kind: k }));
    }
  }
  const inventoryOk = inventoryFilesOk && complete && inventory.every((f) => f.diagnostics.length === 0);
  if (!inventoryOk) return { inventoryOk: false };
  checkReferences(inventory, files.filter((f) => f.doc && f.kind !== undefined && isRequestKind(f.kind)));
  return { inventoryOk: inventory.every((f) => f.diagnostics.length === 0) };
}

function assemble(root: string, files: LoadedFile[]): Repository {
  const docs = <T>(kind: DocumentKind): T[] => files.filter((f) => f.kind === kind).map((f) => f.doc as T);
  const one = <T>(kind: DocumentKind): T => docs<T>(kind)[0]!;
  const lists = <T>(kind: DocumentKind, key: string): T[] => docs<Record<string, T[]>>(kind).flatMap((d) => d[key] ?? []);
  const requests: LoadedRequest[] = files
    .filter((f) => f.kind !== undefined && isRequestKind(f.kind))
    .map((f) => ({ doc: f.doc as ChangeRequest, file: f.path, positions: f.parsed!.positions }));
  return {
    root,
    zones: lists('ZoneCatalog', 'zones'),
    units: lists('UnitCatalog', 'units'),
    people: lists('PersonCatalog', 'people'),
    accounts: lists('AccountCatalog', 'accounts'),
    systems: lists('SystemCatalog', 'systems'),
    terminalGroups: lists('TerminalCatalog', 'terminalGroups'),
    cloud: one<CloudCatalogT>('CloudCatalog'),
    devices: one<DeviceCatalogT>('DeviceCatalog'),
    rectification: lists<RectificationCatalogT['notices'][number]>('RectificationCatalog', 'notices'),
    config: one<PolicyConfigT>('PolicyConfig'),
    github: one<GitHubConfigT>('GitHubConfig'),
    requests,
  };
}

function report(f: LoadedFile): FileReport {
  return { path: f.path, valid: f.diagnostics.length === 0, errors: f.diagnostics };
}

/** Loads the whole repository at `root`: inventory/*.yaml and requests/<unit>/*.yaml. */
export async function loadRepository(root: string, opts: LoadOptions = {}): Promise<LoadResult> {
  const absRoot = resolve(root);
  const inventory = listYaml(join(absRoot, 'inventory'), 1);
  const requests = listYaml(join(absRoot, 'requests'), 2);
  mark(`listed ${inventory.length} inventory and ${requests.length} request files`);
  const cache = cacheOf(absRoot, opts);
  const helper = opts.onListed?.({ requests: requests.length, paths: requests, cold: cache === undefined || cache.empty }) ?? undefined;
  const paths = [...inventory, ...requests];
  const files = helper ? await loadShared(absRoot, paths, cache, helper) : loadAll(absRoot, paths, cache);
  const saveCache = (): void => cache?.save({ complete: true });
  if (!opts.deferSave) saveCache();
  const global: Diagnostic[] = [];
  crossCheck(files, global);
  const diagnostics = [...files.flatMap((f) => f.diagnostics), ...global];
  const reports = files.map(report);
  const later = opts.deferSave ? { saveCache } : {};
  if (diagnostics.length > 0) return { diagnostics, files: reports, ...later };
  return { repository: assemble(absRoot, files), diagnostics, files: reports, ...later };
}

/**
 * Validates the files and folders named on the command line (absolute, or relative to `root`),
 * with the repository's inventory as the context of their references. An inventory document given
 * from outside inventory/ (a fixture) stands in for the repository's documents of its kind. Reports
 * only the named files; a path that does not exist is reported as E-READ.
 */
export async function validatePaths(root: string, paths: readonly string[], opts: LoadOptions = {}): Promise<LoadResult> {
  const absRoot = resolve(root);
  const named: string[] = [];
  const missing: Diagnostic[] = [];
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(absRoot, p);
    let st;
    try {
      st = await stat(abs);
    } catch {
      missing.push(diagnostic('E-READ', toPosix(relative(absRoot, abs)), undefined, { detail: 'ENOENT' }));
      continue;
    }
    if (st.isDirectory()) named.push(...listYaml(abs, 8));
    else named.push(abs);
  }
  const unique = [...new Set(named)];
  const cache = cacheOf(absRoot, opts);
  const given = loadAll(absRoot, unique, cache);
  const givenPaths = new Set(given.map((f) => f.path));
  const standaloneKinds = new Set(given.filter((f) => f.placement === 'any' && f.kind && f.kind in INVENTORY_SCHEMAS).map((f) => f.kind));
  const contextPaths = listYaml(join(absRoot, 'inventory'), 0).filter((p) => !givenPaths.has(toPosix(relative(absRoot, p))));
  const context = loadAll(absRoot, contextPaths, cache).filter((f) => !(f.kind && standaloneKinds.has(f.kind)));
  cache?.save({ complete: false });
  const all = [...context, ...given];
  const global: Diagnostic[] = [];
  const { inventoryOk } = crossCheck(all, global);
  if (!inventoryOk) {
    for (const f of given) {
      if (f.placement !== 'inventory' && f.diagnostics.length === 0 && !(f.kind && f.kind in INVENTORY_SCHEMAS))
        f.diagnostics.push(diagnostic('E-INVENTORY-INVALID', f.path, posOf(f, '')));
    }
  }
  const files = [...given.map(report), ...missing.map((d) => ({ path: d.file, valid: false, errors: [d] }))];
  const reportedInventory = given.some((f) => f.kind && f.kind in INVENTORY_SCHEMAS);
  const diagnostics = [...files.flatMap((f) => f.errors), ...(reportedInventory ? global : [])];
  return { diagnostics, files };
}
