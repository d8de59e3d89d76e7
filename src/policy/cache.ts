// The decision cache: what the policies answered for an input, in decisions.json of the county's
// cache folder (src/cache.ts), keyed by the sha-256 of the query and the input's JSON, so that a
// request (or the state) whose input has not changed since the last check is not evaluated again.
//
// An answer depends on the input, the policy modules, data.config, the query and the engine: the
// fingerprint covers the module texts, the configuration and the bytes of src/rego and src/policy.
// Policies that call a built-in whose result is not a function of its arguments (time.now_ns,
// rand.intn, uuid.rfc4122, http.send, net.lookup_ip_addr, opa.runtime) are never cached.
import { join } from 'node:path';
import { cachingOff, KeyedCache, sha256, sourcesFingerprint } from '../cache.ts';
import { repoCacheDir } from '../paths.ts';
import type { RuleMeta } from './catalog.ts';

const FORMAT = 1;
/** The entry of the rule catalogue (answers are keyed by sha-256 hex digests: never this). */
const CATALOG_KEY = 'catalog';
const NOT_A_FUNCTION_OF_ITS_INPUT = /\b(?:time\.now_ns|rand\.intn|uuid\.rfc4122|http\.send|net\.lookup_ip_addr|opa\.runtime)\s*\(/;

export interface CacheSubject {
  readonly modules: readonly { readonly name: string; readonly text: string }[];
  readonly config: unknown;
}

/** Answers of earlier checks of one repository root. */
export class DecisionCache {
  private constructor(private readonly store: KeyedCache<unknown>) {}

  /** The cache of the county at `root`, or undefined when caching is off or unsafe. */
  static open(root: string, subject: CacheSubject, env: Record<string, string | undefined> = process.env): DecisionCache | undefined {
    if (cachingOff(env)) return undefined;
    if (subject.modules.some((m) => NOT_A_FUNCTION_OF_ITS_INPUT.test(m.text))) return undefined;
    let fingerprint: string;
    try {
      const modules = [...subject.modules].sort((a, b) => (a.name < b.name ? -1 : 1)).flatMap((m) => [m.name, '\0', m.text, '\0']);
      fingerprint = sha256(`format ${FORMAT}\0`, sourcesFingerprint(['src/rego', 'src/policy', 'src/cache.ts']), JSON.stringify(subject.config), '\0', ...modules);
    } catch {
      return undefined; // sources not beside the code: no cache
    }
    return new DecisionCache(KeyedCache.read<unknown>(join(repoCacheDir(root, env), 'decisions.json'), FORMAT, fingerprint));
  }

  get stats(): { hits: number; misses: number } {
    return this.store.stats;
  }

  /** The key of a query over an input: sha-256 of both (undefined when the input has no JSON form). */
  static keyOf(query: string, input: unknown): string | undefined {
    let json: string;
    try {
      json = JSON.stringify(input);
    } catch {
      return undefined;
    }
    return sha256(query, '\0', json);
  }

  /**
   * The rule catalogue (the METADATA of the deny and warn rules) an earlier check stored: it follows
   * from the module texts, which the fingerprint covers, so that a check answered from the cache
   * need not compile the policies to word its findings.
   */
  catalog(): Map<string, RuleMeta> | undefined {
    const v = this.store.lookup(CATALOG_KEY);
    return Array.isArray(v) ? new Map(v as [string, RuleMeta][]) : undefined;
  }

  storeCatalog(catalog: ReadonlyMap<string, RuleMeta>): void {
    this.store.put(CATALOG_KEY, [...catalog]);
  }

  /** Nothing to look up: keys are then made only for the answers to store (by whoever evaluates). */
  get empty(): boolean {
    return this.store.empty;
  }

  get(key: string): unknown {
    return this.store.get(key);
  }

  put(key: string, answer: unknown): void {
    this.store.put(key, answer);
  }

  /** Writes the cache back (`complete`: this check evaluated every request of the repository). */
  save(opts: { complete: boolean }): void {
    this.store.save(opts);
  }
}
