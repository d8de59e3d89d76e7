// Rego values: the data model shared by the evaluator and the built-ins.
//
// null, booleans and strings are JS primitives; numbers are JS numbers when exact, otherwise a
// BigNum (integers beyond 2^53, or decimals a double cannot hold) so that OPA's lossless numbers
// survive (OPA keeps json.Number text and computes with big.Int / big.Float).
// Arrays are frozen-by-convention JS arrays; sets and objects are classes keyed by a canonical key
// so that composite values can be members and keys. Values are immutable once built, so one value
// may be shared: by the fromJS value cache (ValueCache), by constant literals and by memoized calls.

export type Value = null | boolean | number | BigNum | string | Value[] | RSet | RObject;

/** A number a double cannot hold exactly: an integer beyond 2^53 or a long decimal. */
export class BigNum {
  /** `int` is set when the number is integral; `text` is the decimal text (normalised). */
  constructor(
    readonly text: string,
    readonly int: bigint | undefined,
  ) {}
  /** Nearest double (lossy). */
  toNumber(): number {
    return this.int !== undefined ? Number(this.int) : Number(this.text);
  }
}

const keyCache = new WeakMap<object, string>();

/** Objects up to this many string keys are searched linearly (see RObject). */
const SMALL = 8;

export class RSet {
  private readonly map = new Map<string, Value>();
  /** Built by rules (a partial set or object, a package document) rather than a value: only such documents merge (see eval.ts). */
  struct = false;
  constructor(items?: Iterable<Value>) {
    if (items) for (const v of items) this.add(v);
  }
  /** Mutating add: only while building a set (before it is shared). */
  add(v: Value): void {
    const k = key(v);
    if (!this.map.has(k)) this.map.set(k, v);
  }
  has(v: Value): boolean {
    return this.map.has(key(v));
  }
  hasKey(k: string): boolean {
    return this.map.has(k);
  }
  get size(): number {
    return this.map.size;
  }
  values(): IterableIterator<Value> {
    return this.map.values();
  }
  entries(): IterableIterator<[string, Value]> {
    return this.map.entries();
  }
  [Symbol.iterator](): IterableIterator<Value> {
    return this.map.values();
  }
  /** Members in OPA's sort order. */
  sorted(): Value[] {
    return [...this.map.values()].sort(compare);
  }
  private ckey: string | undefined;
  /** The canonical key of this set (see key()); computed once, as sets are immutable once shared. */
  canonicalKey(): string {
    if (this.ckey !== undefined) return this.ckey;
    const parts: string[] = [];
    for (const kk of this.map.keys()) parts.push(escKey(kk));
    parts.sort();
    return (this.ckey = '<' + parts.join(',') + '>');
  }
}

export class RObject {
  /**
   * Keys and values in insertion order, flat: the key of entry i at 2i, its value at 2i+1, whatever
   * the type of the key (no pair array per entry: inputs converted by fromJS are kept for a whole
   * run, and a pair is more memory than the key and value it holds). String keys of small objects
   * are searched linearly, which is cheaper to build and to read than a Map; past SMALL entries an
   * index by key is kept beside. Other keys (numbers, composites) are found by their canonical key.
   */
  private kv: Value[] = [];
  /** Built by rules rather than a value (see RSet.struct). */
  struct = false;
  /** Entry positions of string keys (past SMALL entries). */
  private sidx: Map<string, number> | undefined;
  /** Entry positions of the keys that are not strings, by canonical key (made on first use). */
  private oidx: Map<string, number> | undefined;
  /** The entries as pairs, made when first asked for (see entries()); dropped on a change. */
  private pairs: [Value, Value][] | undefined;
  constructor(entries?: Iterable<[Value, Value]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }
  /**
   * An object of distinct string keys from a flat [key, value, ...] array, which it takes over:
   * built at its exact length, it holds no spare capacity (inputs converted by fromJS live long).
   */
  static ofDistinctStrings(kv: Value[]): RObject {
    const o = new RObject();
    o.kv = kv;
    if (kv.length > 2 * SMALL) o.index();
    return o;
  }
  /** Entry position of a string key, or -1. */
  private find(k: string): number {
    if (this.sidx !== undefined) return this.sidx.get(k) ?? -1;
    const kv = this.kv;
    for (let i = 0; i < kv.length; i += 2) if (kv[i] === k) return i >> 1;
    return -1;
  }
  /** Entry position of a key of another type, or -1. */
  private findOther(k: Value): number {
    return this.oidx === undefined ? -1 : (this.oidx.get(key(k)) ?? -1);
  }
  private push(k: Value, v: Value): void {
    this.kv.push(k, v);
    this.pairs = undefined;
    const n = this.kv.length >> 1;
    if (typeof k !== 'string') (this.oidx ??= new Map()).set(key(k), n - 1);
    else if (this.sidx !== undefined) this.sidx.set(k, n - 1);
    else if (n > SMALL) this.index();
  }
  private replace(i: number, k: Value, v: Value): void {
    this.kv[2 * i] = k;
    this.kv[2 * i + 1] = v;
    this.pairs = undefined;
  }
  private index(): void {
    const m = new Map<string, number>();
    const kv = this.kv;
    for (let i = 0; i < kv.length; i += 2) {
      const kk = kv[i];
      if (typeof kk === 'string') m.set(kk, i >> 1);
    }
    this.sidx = m;
  }
  /** Mutating set: only while building an object (before it is shared). */
  set(k: Value, v: Value): void {
    if (typeof k === 'string') {
      this.setStr(k, v);
      return;
    }
    const i = this.findOther(k);
    if (i >= 0) this.replace(i, k, v);
    else this.push(k, v);
  }
  /** Mutating set of a string key (building an object from JS data). */
  setStr(k: string, v: Value): void {
    const i = this.find(k);
    if (i >= 0) this.replace(i, k, v);
    else this.push(k, v);
  }
  get(k: Value): Value | undefined {
    if (typeof k === 'string') return this.getStr(k);
    const i = this.findOther(k);
    return i < 0 ? undefined : this.kv[2 * i + 1];
  }
  /** Fast path for string keys. */
  getStr(s: string): Value | undefined {
    const kv = this.kv;
    if (this.sidx !== undefined) {
      const i = this.sidx.get(s);
      return i === undefined ? undefined : kv[2 * i + 1];
    }
    for (let i = 0; i < kv.length; i += 2) if (kv[i] === s) return kv[i + 1];
    return undefined;
  }
  has(k: Value): boolean {
    return (typeof k === 'string' ? this.find(k) : this.findOther(k)) >= 0;
  }
  delete(k: Value): void {
    const i = typeof k === 'string' ? this.find(k) : this.findOther(k);
    if (i < 0) return;
    this.kv.splice(2 * i, 2);
    this.pairs = undefined;
    if (this.sidx !== undefined) this.index();
    if (this.oidx !== undefined) {
      const m = new Map<string, number>();
      for (let j = 0; j < this.kv.length; j += 2) {
        const kk = this.kv[j]!;
        if (typeof kk !== 'string') m.set(key(kk), j >> 1);
      }
      this.oidx = m.size > 0 ? m : undefined;
    }
  }
  get size(): number {
    return this.kv.length >> 1;
  }
  /** The key of entry i (0 <= i < size), in insertion order: iteration without pairs. */
  keyAt(i: number): Value {
    return this.kv[2 * i]!;
  }
  /** The value of entry i (0 <= i < size). */
  valueAt(i: number): Value {
    return this.kv[2 * i + 1]!;
  }
  entries(): IterableIterator<[Value, Value]> {
    let ps = this.pairs;
    if (ps === undefined) {
      ps = new Array<[Value, Value]>(this.kv.length >> 1);
      for (let i = 0; i < ps.length; i++) ps[i] = [this.kv[2 * i]!, this.kv[2 * i + 1]!];
      this.pairs = ps;
    }
    return ps.values();
  }
  keys(): Value[] {
    const out: Value[] = new Array(this.kv.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = this.kv[2 * i]!;
    return out;
  }
  [Symbol.iterator](): IterableIterator<[Value, Value]> {
    return this.entries();
  }
  /** Entries in OPA's key sort order. */
  sorted(): [Value, Value][] {
    return [...this.entries()].sort((a, b) => compare(a[0], b[0]));
  }
  private ckey: string | undefined;
  /** The canonical key of this object (see key()); computed once, as objects are immutable once shared. */
  canonicalKey(): string {
    if (this.ckey !== undefined) return this.ckey;
    const kv = this.kv;
    if (this.oidx === undefined) {
      // string keys only (the common case): a small insertion sort of the entry positions beats
      // Array.prototype.sort
      const es: number[] = [];
      for (let i = 0; i < kv.length; i += 2) {
        const k = kv[i] as string;
        let j = es.length;
        es.push(i);
        while (j > 0 && (kv[es[j - 1]!] as string) > k) {
          es[j] = es[j - 1]!;
          j--;
        }
        es[j] = i;
      }
      let out = '{';
      for (let i = 0; i < es.length; i++) {
        const k = kv[es[i]!] as string;
        const vk = key(kv[es[i]! + 1]!);
        out += (i ? ',' : '') + (k.length + 1) + '|s' + k + ':' + vk.length + '|' + vk;
      }
      return (this.ckey = out + '}');
    }
    const parts: string[] = [];
    for (let i = 0; i < kv.length; i += 2) parts.push(escKey(key(kv[i]!)) + ':' + escKey(key(kv[i + 1]!)));
    parts.sort();
    return (this.ckey = '{' + parts.join(',') + '}');
  }
}

// ---- type predicates -------------------------------------------------------------------------

export const isNumber = (v: Value): v is number | BigNum => typeof v === 'number' || v instanceof BigNum;
export const isString = (v: Value): v is string => typeof v === 'string';
export const isArray = (v: Value): v is Value[] => Array.isArray(v);
export const isSet = (v: Value): v is RSet => v instanceof RSet;
export const isObject = (v: Value): v is RObject => v instanceof RObject;
export const isBoolean = (v: Value): v is boolean => typeof v === 'boolean';

/** OPA's type_name. */
export function typeName(v: Value): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'set' | 'object' {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
  }
  if (v instanceof BigNum) return 'number';
  if (Array.isArray(v)) return 'array';
  if (v instanceof RSet) return 'set';
  return 'object';
}

// ---- numbers ---------------------------------------------------------------------------------

/** Builds a number from decimal text, keeping it exact (a JS number where that is lossless). */
export function numberFromText(text: string): number | BigNum {
  const n = Number(text);
  if (/^-?\d+$/.test(text)) {
    const b = BigInt(text);
    if (Number.isSafeInteger(n)) return n;
    return new BigNum(b.toString(), b);
  }
  // decimal or exponent form
  if (Number.isFinite(n) && sameDecimal(text, n)) return n;
  return normaliseDecimal(text);
}

function sameDecimal(text: string, n: number): boolean {
  // a double is exact enough when its shortest repr reads back to the same value as the text
  const digits = text.replace(/^-/, '').replace(/[eE].*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15 || String(n) === text;
}

function normaliseDecimal(text: string): number | BigNum {
  // integral value written with an exponent or a fraction of zeros -> exact integer
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return Number(text);
  const [, sign, intPart = '', frac = '', expStr = '0'] = m;
  const exp = Number(expStr);
  let digits = (intPart + frac).replace(/^0+/, '') || '0';
  let scale = frac.length - exp; // value = digits * 10^-scale
  while (scale > 0 && digits.endsWith('0') && digits !== '0') {
    digits = digits.slice(0, -1);
    scale--;
  }
  if (digits === '0') return 0;
  if (scale <= 0 && -scale < 400) {
    const b = BigInt(sign + digits + '0'.repeat(-scale));
    const asNum = Number(b);
    if (Number.isSafeInteger(asNum)) return asNum;
    return new BigNum(b.toString(), b);
  }
  return new BigNum(sign + (scale > 0 ? shiftDecimal(digits, scale) : digits), undefined);
}

function shiftDecimal(digits: string, scale: number): string {
  if (digits.length > scale) return digits.slice(0, digits.length - scale) + '.' + digits.slice(digits.length - scale);
  return '0.' + '0'.repeat(scale - digits.length) + digits;
}

/** Builds a number from a JS number or bigint, choosing the exact representation. */
export function num(n: number | bigint): number | BigNum {
  if (typeof n === 'bigint') {
    const asNum = Number(n);
    return Number.isSafeInteger(asNum) ? asNum : new BigNum(n.toString(), n);
  }
  return n;
}

/** The exact integer value of a number, or undefined when it is not integral. */
export function toBigInt(v: number | BigNum): bigint | undefined {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return undefined;
    return BigInt(v);
  }
  return v.int;
}

export function toNumber(v: number | BigNum): number {
  return typeof v === 'number' ? v : v.toNumber();
}

/** Canonical text of a number, as OPA prints it in JSON. */
export function numberText(v: number | BigNum): string {
  if (typeof v !== 'number') return v.text;
  if (Number.isInteger(v) && !Number.isSafeInteger(v) && Number.isFinite(v)) return BigInt(v).toString();
  return String(v);
}

function compareNumbers(a: number | BigNum, b: number | BigNum): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== undefined && bi !== undefined) return ai < bi ? -1 : ai > bi ? 1 : 0;
  const an = toNumber(a);
  const bn = toNumber(b);
  return an < bn ? -1 : an > bn ? 1 : 0;
}

// ---- keys, equality and order ----------------------------------------------------------------

const strKey = (s: string): string => 's' + s;

// keys of small non-negative integers (ports, indexes), made once: lookups by them build no string
const SMALL_INT_KEYS: (string | undefined)[] = [];

/** A canonical string for a value: equal values (OPA equality) have equal keys. */
export function key(v: Value): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'string':
      return strKey(v);
    case 'boolean':
      return v ? 't' : 'f';
    case 'number':
      if (v >= 0 && v < 65536 && Number.isInteger(v)) return (SMALL_INT_KEYS[v] ??= '#' + v);
      return '#' + numberText(v);
  }
  if (v instanceof BigNum) return '#' + v.text;
  if (Array.isArray(v)) {
    // arrays are plain JS arrays: their keys are cached on the side
    const cached = keyCache.get(v);
    if (cached !== undefined) return cached;
    let k = '[';
    for (let i = 0; i < v.length; i++) k += (i ? ',' : '') + escKey(key(v[i]!));
    k += ']';
    if (v.length > 8) keyCache.set(v, k);
    return k;
  }
  return v.canonicalKey();
}

// nested keys are length-prefixed so that separators inside strings cannot collide
const escKey = (k: string): string => k.length + '|' + k;

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    if (isNumber(a) && isNumber(b)) return compareNumbers(a, b) === 0;
    return false;
  }
  return key(a) === key(b);
}

const typeRank = (v: Value): number => {
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean':
      return 1;
    case 'number':
      return 2;
    case 'string':
      return 3;
  }
  if (v instanceof BigNum) return 2;
  if (Array.isArray(v)) return 4;
  if (v instanceof RObject) return 5;
  return 6; // set
};

/** OPA's total order: null < boolean < number < string < array < object < set. */
export function compare(a: Value, b: Value): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return 0;
    case 1:
      return a === b ? 0 : a ? 1 : -1;
    case 2:
      return compareNumbers(a as number | BigNum, b as number | BigNum);
    case 3:
      return compareStrings(a as string, b as string);
    case 4: {
      const x = a as Value[];
      const y = b as Value[];
      for (let i = 0; i < x.length && i < y.length; i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
    }
    case 5: {
      // OPA compares objects by their sorted keys first, then by the values of those keys
      const x = (a as RObject).sorted();
      const y = (b as RObject).sorted();
      for (let i = 0; i < x.length && i < y.length; i++) {
        const c = compare(x[i]![0], y[i]![0]);
        if (c !== 0) return c;
        const d = compare(x[i]![1], y[i]![1]);
        if (d !== 0) return d;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
    default: {
      const x = (a as RSet).sorted();
      const y = (b as RSet).sorted();
      for (let i = 0; i < x.length && i < y.length; i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
  }
}

/** Go compares strings by bytes (UTF-8), which is code point order, not UTF-16 unit order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      const sa = ca >= 0xd800 && ca <= 0xdfff;
      const sb = cb >= 0xd800 && cb <= 0xdfff;
      if (sa !== sb) return sa ? 1 : -1; // a surrogate (astral code point) sorts after any BMP char
      return ca < cb ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

// ---- JSON ------------------------------------------------------------------------------------

/**
 * Values already converted from JS objects, by object identity (see fromJS). Opt-in: it is only
 * right while the caller does not mutate those objects, since a hit returns the value converted
 * before. Made with createValueCache(); held weakly, so it never keeps a JS object alive.
 */
export type ValueCache = WeakMap<object, Value>;

/** A value cache for fromJS (and QueryOptions.valueCache): one per run over unchanging JS data. */
export function createValueCache(): ValueCache {
  return new WeakMap();
}

/**
 * Converts plain JSON-like JS data (from YAML or JSON.parse) to a Rego value. With a cache, a JS
 * object or array met before (in this input or an earlier one) is converted once and its value
 * shared: inputs built from one loaded repository repeat the same unit, systems, zones and
 * openings in many requests.
 */
export function fromJS(x: unknown, cache?: ValueCache): Value {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'string':
    case 'boolean':
    case 'number':
      return x;
    case 'bigint':
      return num(x);
  }
  if (cache === undefined) return fromObject(x as object, undefined);
  let v = cache.get(x as object);
  if (v === undefined) cache.set(x as object, (v = fromObject(x as object, cache)));
  return v;
}

function fromObject(x: object, cache: ValueCache | undefined): Value {
  if (Array.isArray(x)) {
    const out: Value[] = new Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = fromJS(x[i], cache);
    return out;
  }
  if (x instanceof BigNum || x instanceof RSet || x instanceof RObject) return x;
  if (x instanceof Set) return new RSet([...x].map((e) => fromJS(e, cache)));
  if (x instanceof Date) return x.toISOString();
  const rec = x as Record<string, unknown>;
  // own keys are distinct: no search per key
  const keys = Object.keys(rec);
  const kv: Value[] = new Array(2 * keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    kv[2 * i] = k;
    kv[2 * i + 1] = fromJS(rec[k], cache);
  }
  return RObject.ofDistinctStrings(kv);
}

/** Converts a Rego value to plain JS data (sets become sorted arrays; non-string keys are stringified). */
export function toJS(v: Value): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (v instanceof BigNum) return v.toNumber();
  if (Array.isArray(v)) return v.map(toJS);
  if (v instanceof RSet) return v.sorted().map(toJS);
  const out: Record<string, unknown> = {};
  for (const [k, val] of v.sorted()) out[typeof k === 'string' ? k : toJSON(k)] = toJS(val);
  return out;
}

/** Serialises a value as JSON the way OPA does (sets as sorted arrays, objects with sorted keys, exact numbers). */
export function toJSON(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return numberText(v);
  }
  if (v instanceof BigNum) return v.text;
  if (Array.isArray(v)) return '[' + v.map(toJSON).join(',') + ']';
  if (v instanceof RSet) return '[' + v.sorted().map(toJSON).join(',') + ']';
  return (
    '{' +
    v
      .sorted()
      .map(([k, val]) => JSON.stringify(typeof k === 'string' ? k : toJSON(k)) + ':' + toJSON(val))
      .join(',') +
    '}'
  );
}

/** Parses JSON text into a Rego value without losing number precision. Throws SyntaxError on bad JSON. */
export function parseJSON(text: string): Value {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`invalid JSON at offset ${i}: ${what}`);
  };
  const parseValue = (): Value => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = new RObject();
      ws();
      if (text[i] === '}') {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected string key');
        const k = parseString();
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        o.set(k, parseValue());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return o;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const a: Value[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return a;
      }
      for (;;) {
        a.push(parseValue());
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return a;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return parseString();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return numberFromText(m[0]);
  };
  const parseString = (): string => {
    const start = i;
    i++;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '\\') i += 2;
      else if (ch === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      } else i++;
    }
    return fail('unterminated string');
  };
  const v = parseValue();
  ws();
  if (i !== text.length) fail('trailing characters');
  return v;
}
