// The fast paths of parseYamlFile. The `yaml` package gives every node its position but reads about
// 1 MB/s; js-yaml reads about 15 MB/s and gives none. A county of 3,000 systems and 30,000 port rules
// is 16 MB of YAML, so plain documents are read without positions, which are computed only when
// something asks for one (an error, a policy finding), by the full parser, once per file.
// First the block reader (readBlockSubset), for the subset county files are written in; then js-yaml
// for other plain documents; anything that is not plainly a single document of mappings, sequences
// and scalars (anchors, aliases, tags, explicit keys, document markers) or that js-yaml refuses goes
// to the full parser, which alone reports positioned errors. tests/load/fast-yaml.test.ts and
// tests/load/block-reader.test.ts prove the paths give the full parser's values.
import jsyaml from 'js-yaml';

/**
 * The deepest document the block reader (readBlockSubset) takes. The nesting pre-scan
 * (findExcessiveNesting) estimates at most 3 levels more than the real depth of text the reader
 * accepts (one '-', one ':' and one '[]' on a line), so text the reader accepts is far below the
 * 64-level limit and needs no pre-scan; anything deeper goes the long way, through the pre-scan.
 */
export const BLOCK_READER_MAX_DEPTH = 32;

/**
 * Characters the block reader leaves to the parsers: everything but the line feed and printable
 * text (tabs, carriage returns, control characters, surrogates, byte order marks, U+FFFE/U+FFFF).
 * js-yaml refuses some of these and the full parser decides what the others mean.
 */
const OUTSIDE_BLOCK_SUBSET = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
/** Plain scalars the YAML 1.2 core schema resolves to something other than a string. */
const CORE_NOT_STRING =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;
/** The integers the block reader converts itself; other numbers go to the parsers. */
const PLAIN_INT = /^-?(?:0|[1-9][0-9]{0,14})$/;

/** Keys read before, by a hash of their text (BlockReader.key). */
const KEYS: (string | undefined)[] = new Array<string | undefined>(1024).fill(undefined);

/** Thrown inside the block reader when the text is outside its subset; never escapes it. */
const OUTSIDE = new Error('outside the block subset');

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Characters that cannot start a plain scalar the block reader takes (YAML 1.2 indicators). */
function isIndicator(c: number): boolean {
  // , [ ] { } # & * ! | > ' " % @ ` ? :
  return (
    c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === HASH || c === 38 || c === 42 || c === 33 || c === 124 ||
    c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96 || c === 63 || c === COLON
  );
}

/** False for most text, cheaply: only these first characters and lengths can match CORE_NOT_STRING. */
function mayNotBeString(s: string): boolean {
  const c = s.charCodeAt(0);
  // digits + - . ~
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126) return true;
  // null true false in their three spellings
  return (s.length === 4 || s.length === 5) && (c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70);
}

/**
 * True for text that starts with a digit and yet cannot be a number of CORE_NOT_STRING, cheaply:
 * dates, addresses, CIDRs, versions, filing numbers. A number starting with a digit is written with
 * digits, one '.', e/E, a sign only after e/E, and o, x and hex digits; anything else is text.
 */
function isDigitsText(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 48 || c > 57) return false;
  let dots = 0;
  for (let i = 1; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch >= 48 && ch <= 57) continue;
    if (ch === 46) {
      if (++dots > 1) return true;
    } else if (ch === 43 || ch === DASH) {
      const p = s.charCodeAt(i - 1);
      if (p !== 101 && p !== 69) return true;
    } else if (!(ch === 111 || ch === 120 || (ch >= 97 && ch <= 102) || (ch >= 65 && ch <= 70))) return true;
  }
  return false;
}

/** A plain scalar as the YAML 1.2 core schema reads it, or OUTSIDE for the rare forms. */
function resolvePlain(s: string): unknown {
  if (!mayNotBeString(s) || isDigitsText(s)) return s;
  if (!CORE_NOT_STRING.test(s)) return s;
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null' || s === '~') return null;
  if (PLAIN_INT.test(s) && s !== '-0') return Number(s);
  throw OUTSIDE;
}

/**
 * Reads the subset of YAML that inventory and request files are written in, about ten times faster
 * than js-yaml: block mappings and sequences ("- key: value" included), single-line plain, 'single'
 * and "double" (no escapes) scalars, comments, [] and {}. The first thing outside the subset (flow
 * collections, multi-line or block scalars, anchors, tags, quoted keys, duplicate keys, numbers other
 * than plain integers, more than BLOCK_READER_MAX_DEPTH levels...) returns undefined, and the text goes
 * the long way (pre-scan, js-yaml, full parser). What it returns is what the full parser returns
 * (tests/load/fast-yaml.test.ts compares them on the county, the fixtures and generated text).
 */
export function readBlockSubset(text: string): Record<string, unknown> | undefined {
  if (OUTSIDE_BLOCK_SUBSET.test(text)) return undefined;
  const r = new BlockReader(text);
  try {
    return r.document();
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

class BlockReader {
  /** The current line: where it starts, its indentation, where its content starts and ends. */
  private start = 0;
  private indent = 0;
  private content = 0;
  private end = 0;
  private eof = false;
  /** Where the next line starts. */
  private next = 0;

  constructor(private readonly text: string) {}

  document(): Record<string, unknown> | undefined {
    this.advance();
    if (this.eof || this.isDashItem()) return undefined;
    const root = this.mapping(this.indent, 1);
    if (!this.eof) throw OUTSIDE;
    return root;
  }

  /** Moves to the next line with content (not blank, not only a comment). */
  private advance(): void {
    const t = this.text;
    for (;;) {
      const s = this.next;
      if (s >= t.length) {
        this.eof = true;
        return;
      }
      let e = t.indexOf('\n', s);
      if (e < 0) e = t.length;
      this.next = e + 1;
      let i = s;
      while (i < e && t.charCodeAt(i) === SPACE) i++;
      if (i === e || t.charCodeAt(i) === HASH) continue;
      // document markers and directives
      if (i === s && (t.startsWith('---', s) || t.startsWith('...', s))) throw OUTSIDE;
      this.start = s;
      this.indent = i - s;
      this.content = i;
      this.end = e;
      return;
    }
  }

  private isDashItem(): boolean {
    const t = this.text;
    return t.charCodeAt(this.content) === DASH && (this.content + 1 === this.end || t.charCodeAt(this.content + 1) === SPACE);
  }

  /** The value of a key or item written on the following lines, more indented than `parent`. */
  private nested(parent: number, depth: number, sameIndentSequence: boolean): unknown {
    if (this.eof) return null;
    if (this.indent > parent) return this.isDashItem() ? this.sequence(this.indent, depth) : this.mapping(this.indent, depth);
    if (sameIndentSequence && this.indent === parent && this.isDashItem()) return this.sequence(parent, depth);
    return null;
  }

  /** A block mapping whose keys sit at column `n`; the current line holds its first key. */
  private mapping(n: number, depth: number): Record<string, unknown> {
    if (depth > BLOCK_READER_MAX_DEPTH) throw OUTSIDE;
    const out: Record<string, unknown> = {};
    for (;;) {
      const colon = this.keyColon(this.content, this.end);
      if (colon < 0) throw OUTSIDE;
      const key = this.key(this.content, this.trimSpaces(this.content, colon));
      // a key the object already answers, own or inherited like "constructor", is left to the parsers
      if (out[key] !== undefined) throw OUTSIDE;
      const v = this.skipSpaces(colon + 1);
      if (v === this.end || this.text.charCodeAt(v) === HASH) {
        this.advance();
        out[key] = this.nested(n, depth + 1, true);
      } else {
        out[key] = this.scalar(v, depth + 1);
        this.advance();
        if (!this.eof && this.indent > n) throw OUTSIDE; // a multi-line scalar
      }
      if (this.eof || this.indent < n) return out;
      if (this.indent > n || this.isDashItem()) throw OUTSIDE;
    }
  }

  /** A block sequence whose dashes sit at column `n`; the current line holds its first item. */
  private sequence(n: number, depth: number): unknown[] {
    if (depth > BLOCK_READER_MAX_DEPTH) throw OUTSIDE;
    const out: unknown[] = [];
    for (;;) {
      const v = this.skipSpaces(this.content + 1);
      if (v === this.end || this.text.charCodeAt(v) === HASH) {
        this.advance();
        out.push(this.nested(n, depth + 1, false));
      } else if (this.keyColon(v, this.end) >= 0) {
        // "- key: value": a mapping whose keys sit at the column of this first key
        this.indent = v - this.start;
        this.content = v;
        out.push(this.mapping(this.indent, depth + 1));
      } else {
        out.push(this.scalar(v, depth + 1));
        this.advance();
        if (!this.eof && this.indent > n) throw OUTSIDE;
      }
      if (this.eof || this.indent < n) return out;
      if (this.indent > n) throw OUTSIDE;
      if (!this.isDashItem()) return out; // a key of the mapping this sequence is the value of
    }
  }

  /** Where the flow node read last ends. */
  private flowEnd = 0;

  /**
   * A flow node written on one line, [a, b] or { k: v }, from `s`; sets flowEnd. Left to the parsers:
   * a collection over several lines, empty entries and trailing commas, implicit keys ([a: b]),
   * keys without values, quoted keys, and text the nesting pre-scan would count differently.
   */
  private flow(s: number, depth: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(s);
    if (c === 91 || c === 123) {
      if (depth > BLOCK_READER_MAX_DEPTH) throw OUTSIDE;
      const close = c + 2;
      const seq: unknown[] = [];
      const map: Record<string, unknown> = {};
      let i = this.skipSpaces(s + 1);
      if (t.charCodeAt(i) === close) {
        this.flowEnd = i + 1;
        return c === 91 ? seq : map;
      }
      for (;;) {
        if (c === 91) seq.push(this.flow(i, depth + 1));
        else {
          const colon = this.flowKeyColon(i);
          const key = this.key(i, this.trimSpaces(i, colon));
          if (map[key] !== undefined) throw OUTSIDE;
          const v = this.skipSpaces(colon + 1);
          const vc = t.charCodeAt(v);
          if (v >= this.end || vc === 44 || vc === close) throw OUTSIDE; // a key without a value
          map[key] = this.flow(v, depth + 1);
        }
        i = this.skipSpaces(this.flowEnd);
        const d = t.charCodeAt(i);
        if (i < this.end && d === close) {
          this.flowEnd = i + 1;
          return c === 91 ? seq : map;
        }
        if (i >= this.end || d !== 44) throw OUTSIDE;
        i = this.skipSpaces(i + 1);
        if (i >= this.end || t.charCodeAt(i) === close || t.charCodeAt(i) === 44) throw OUTSIDE;
      }
    }
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(s);
      const raw = t.slice(s + 1, close);
      // '' and \ are left to the parsers here: the nesting pre-scan reads them differently in flow text
      if (raw.includes(c === 39 ? "'" : '\\')) throw OUTSIDE;
      this.flowEnd = close + 1;
      return raw;
    }
    // a plain scalar: no flow indicators in it, and not starting like anything else
    if (isIndicator(c) || c === DASH) {
      const n = t.charCodeAt(s + 1);
      if (c !== DASH || !((n >= 48 && n <= 57) || (n >= 97 && n <= 122))) throw OUTSIDE;
    }
    let j = s;
    for (; j < this.end; j++) {
      const ch = t.charCodeAt(j);
      if (ch === 44 || ch === 93 || ch === 125) break;
      if (ch === 91 || ch === 123) throw OUTSIDE;
      if (ch === COLON) {
        const n = j + 1 < this.end ? t.charCodeAt(j + 1) : SPACE;
        if (n === SPACE || n === 44 || n === 91 || n === 93 || n === 123 || n === 125) throw OUTSIDE;
      }
      if (ch === HASH && t.charCodeAt(j - 1) === SPACE) throw OUTSIDE;
    }
    if (j >= this.end) throw OUTSIDE;
    this.flowEnd = j;
    return resolvePlain(t.slice(s, this.trimSpaces(s, j)));
  }

  /** The ':' ending the plain key of a flow mapping entry at `s` (followed by a space). */
  private flowKeyColon(s: number): number {
    const t = this.text;
    const c = t.charCodeAt(s);
    if (isIndicator(c) || c === DASH) throw OUTSIDE;
    for (let j = s + 1; j < this.end; j++) {
      const ch = t.charCodeAt(j);
      if (ch === COLON) {
        const n = j + 1 < this.end ? t.charCodeAt(j + 1) : SPACE;
        if (n === SPACE) return j;
        if (n === 44 || n === 91 || n === 93 || n === 123 || n === 125) throw OUTSIDE;
      }
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) throw OUTSIDE;
      if (ch === HASH && t.charCodeAt(j - 1) === SPACE) throw OUTSIDE;
    }
    throw OUTSIDE;
  }

  /**
   * The plain key from `s` to `e`. Keys that are not plain strings, the prototype and long keys are
   * left to the parsers. A county repeats a few dozen keys hundreds of thousands of times: a key is
   * taken from KEYS when it is there, which spares slicing it and V8 looking the slice up in its
   * table of property names (twice: for the duplicate test and for the store).
   */
  private key(s: number, e: number): string {
    const t = this.text;
    let h = e - s;
    for (let i = s; i < e; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
    const slot = h & (KEYS.length - 1);
    const known = KEYS[slot];
    if (known !== undefined && known.length === e - s && t.startsWith(known, s)) return known;
    const key = t.slice(s, e);
    if (key.length > 1000 || (mayNotBeString(key) && CORE_NOT_STRING.test(key)) || key === '__proto__') throw OUTSIDE;
    // the property name V8 keeps for the key (Object.keys answers the table's own string)
    const name = Object.keys({ [key]: 0 })[0]!;
    KEYS[slot] = name;
    return name;
  }

  /** Where trailing spaces before `e` start: only spaces, since trimEnd() would also take U+3000 and U+00A0, which YAML keeps. */
  private trimSpaces(s: number, e: number): number {
    while (e > s && this.text.charCodeAt(e - 1) === SPACE) e--;
    return e;
  }

  private skipSpaces(i: number): number {
    while (i < this.end && this.text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /**
   * Where the ": " of a plain key starting at `s` is, or -1 when the text there is no plain key.
   * Throws OUTSIDE for what only the parsers may read (a quoted key, an indicator).
   */
  private keyColon(s: number, e: number): number {
    const t = this.text;
    const c = t.charCodeAt(s);
    if (c === 34 || c === 39) {
      // a quoted scalar: fine as a value, left to the parsers as a key
      const close = this.quoteEnd(s);
      const after = this.skipSpaces(close + 1);
      if (after < e && t.charCodeAt(after) === COLON) throw OUTSIDE;
      return -1;
    }
    if (isIndicator(c) || (c === DASH && (s + 1 === e || t.charCodeAt(s + 1) === SPACE))) return -1;
    for (let j = s + 1; j < e; j++) {
      const ch = t.charCodeAt(j);
      if (ch === COLON && (j + 1 === e || t.charCodeAt(j + 1) === SPACE)) return j;
      if (ch === HASH && t.charCodeAt(j - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** The index of the quote closing the quoted scalar at `s`, on the same line; OUTSIDE otherwise. */
  private quoteEnd(s: number): number {
    const t = this.text;
    const q = t.charCodeAt(s);
    let j = s + 1;
    for (;;) {
      j = t.indexOf(q === 34 ? '"' : "'", j);
      if (j < 0 || j >= this.end) throw OUTSIDE;
      if (q === 39 && t.charCodeAt(j + 1) === 39) {
        j += 2;
        continue;
      }
      return j;
    }
  }

  /** A scalar or single-line flow collection from `s` to the end of the line (before a comment). */
  private scalar(s: number, depth: number): unknown {
    const t = this.text;
    const e = this.end;
    const c = t.charCodeAt(s);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(s);
      const after = this.skipSpaces(close + 1);
      // only spaces, or spaces and a comment, may follow
      if (after < e && (after === close + 1 || t.charCodeAt(after) !== HASH)) throw OUTSIDE;
      const raw = t.slice(s + 1, close);
      if (c === 39) return raw.replaceAll("''", "'");
      if (raw.includes('\\')) throw OUTSIDE;
      return raw;
    }
    if (c === 91 || c === 123) {
      const value = this.flow(s, depth);
      const after = this.skipSpaces(this.flowEnd);
      if (after < e && (after === this.flowEnd || t.charCodeAt(after) !== HASH)) throw OUTSIDE;
      return value;
    }
    if (isIndicator(c) || (c === DASH && (s + 1 === e || t.charCodeAt(s + 1) === SPACE))) throw OUTSIDE;
    let j = s + 1;
    for (; j < e; j++) {
      const ch = t.charCodeAt(j);
      if (ch === COLON && (j + 1 === e || t.charCodeAt(j + 1) === SPACE)) throw OUTSIDE; // a mapping
      if (ch === HASH && t.charCodeAt(j - 1) === SPACE) break;
    }
    return resolvePlain(t.slice(s, this.trimSpaces(s, j)));
  }
}

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
