// The fast path of parseYamlFile. The `yaml` package gives every node its position but reads about
// 1 MB/s; js-yaml reads about 15 MB/s and gives none. A county of 3,000 systems and 30,000 port rules
// is 16 MB of YAML, so plain documents are read by js-yaml and their positions are computed only when
// something asks for one (an error, a policy finding), by the full parser, once per file.
// Anything that is not plainly a single document of mappings, sequences and scalars (anchors, aliases,
// tags, explicit keys, document markers) or that js-yaml refuses, goes to the full parser, which
// alone reports positioned errors. tests/load/fast-yaml.test.ts proves both paths give equal values.
import jsyaml from 'js-yaml';

/** Text the fast path must not take: anchors, aliases, tags, explicit keys, document markers. */
const NEEDS_FULL_PARSER = /[&*!]|^\s*\? |^(?:---|\.\.\.)/m;
/**
 * Scalars js-yaml resolves unlike YAML 1.2 core (0b101 is a string in 1.2, a number in js-yaml;
 * -.5 the reverse; -0 loses its sign): such text goes to the full parser (tests/load/fast-yaml.test.ts).
 */
const RESOLVED_DIFFERENTLY = /(?:^|[\s[{,])(?:[-+]?(?:0b|\.\d)|-0(?=[\s,\]}]|$))/m;

/** The document as plain data, or undefined when the full parser must read it. */
export function fastParse(text: string): unknown {
  if (NEEDS_FULL_PARSER.test(text) || RESOLVED_DIFFERENTLY.test(text)) return undefined;
  let value: unknown;
  try {
    value = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
  } catch {
    return undefined; // the full parser reports it with its position
  }
  // empty documents and scalars at the top get the full parser's diagnostics
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  return value;
}

/** A map computed on first use (positions of a fast-parsed file). */
export class LazyMap<K, V> implements ReadonlyMap<K, V> {
  private map: Map<K, V> | undefined;
  constructor(private readonly compute: () => Map<K, V>) {}
  private get m(): Map<K, V> {
    this.map ??= this.compute();
    return this.map;
  }
  get size(): number {
    return this.m.size;
  }
  get(k: K): V | undefined {
    return this.m.get(k);
  }
  has(k: K): boolean {
    return this.m.has(k);
  }
  forEach(cb: (v: V, k: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    this.m.forEach((v, k) => cb.call(thisArg, v, k, this));
  }
  entries(): MapIterator<[K, V]> {
    return this.m.entries();
  }
  keys(): MapIterator<K> {
    return this.m.keys();
  }
  values(): MapIterator<V> {
    return this.m.values();
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.m[Symbol.iterator]();
  }
}
