// Rego built-ins over strings (topdown/strings.go). Go strings are UTF-8 bytes and OPA counts and
// indexes in runes (code points), so every position here is a code-point position, never a UTF-16 unit.
import { RObject, RSet, toBigInt, toNumber, type Value } from '../value.ts';
import { arg, builtinErr, collArg, def, elementErr, numArg, operandMsg, runes, smallIntArg, strArg, typeErr } from './args.ts';
import type { BuiltinDef } from './types.ts';

/** Code-point index of a UTF-16 index into s. */
function runeIndex(s: string, utf16: number): number {
  return Array.from(s.slice(0, utf16)).length;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Go's unicode.IsSpace. */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

// Trimming walks code points from the ends of the string (a surrogate pair is one rune, a lone
// surrogate one too, as Array.from splits them) and cuts once: no array of runes per call.

/** The code point count (1 or 2 UTF-16 units) of the rune starting at i. */
const runeLenAt = (s: string, i: number): number => ((s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);

/** The rune ending at j (exclusive) as [code point, its UTF-16 length]. */
function runeBefore(s: string, j: number): [number, number] {
  const lo = s.charCodeAt(j - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && j >= 2) {
    const hi = s.charCodeAt(j - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) return [(hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000, 2];
  }
  return [lo, 1];
}

// cut sets by their text: policies trim with a few constant cutsets, over and over
const cutSets = new Map<string, Set<number>>();
function cutSet(cutset: string): Set<number> {
  let set = cutSets.get(cutset);
  if (set === undefined) {
    set = new Set();
    for (const ch of cutset) set.add(ch.codePointAt(0)!);
    if (cutSets.size < 256) cutSets.set(cutset, set);
  }
  return set;
}

// cut is the set of code points to drop; undefined means Go's white space (trim_space)
const drops = (cp: number, cut: Set<number> | undefined): boolean => (cut === undefined ? GO_SPACE.test(String.fromCodePoint(cp)) : cut.has(cp));

function trimStart(s: string, i: number, end: number, cut: Set<number> | undefined): number {
  while (i < end) {
    const cp = s.codePointAt(i)!;
    if (!drops(cp, cut)) break;
    i += runeLenAt(s, i);
  }
  return i;
}

function trimEnd(s: string, start: number, j: number, cut: Set<number> | undefined): number {
  while (j > start) {
    const [cp, n] = runeBefore(s, j);
    if (!drops(cp, cut)) break;
    j -= n;
  }
  return j;
}

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const cut = cutSet(cutset);
  const i = left ? trimStart(s, 0, s.length, cut) : 0;
  const j = right ? trimEnd(s, i, s.length, cut) : s.length;
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

function trimSpace(s: string): string {
  const i = trimStart(s, 0, s.length, undefined);
  const j = trimEnd(s, i, s.length, undefined);
  return i === 0 && j === s.length ? s : s.slice(i, j);
}

/** Go's strings.Split: an empty separator splits into runes. */
export function goSplit(s: string, sep: string): string[] {
  if (sep === '') return runes(s);
  return s.split(sep);
}

/** Go's strings.Replace with n = -1 (an empty `old` matches at every rune boundary). */
function replaceAll(s: string, old: string, rep: string): string {
  if (old === '') {
    const r = runes(s);
    return rep + r.map((c) => c + rep).join('');
  }
  return s.split(old).join(rep);
}

/** Go's strings.Count: non-overlapping; an empty substring counts rune boundaries. */
function countOf(s: string, sub: string): number {
  if (sub === '') return runes(s).length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i !== -1; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** Strings from a string, array or set operand (strings.any_prefix_match and friends). */
function stringsOperand(fn: string, args: Value[], i: number): string[] {
  const v = arg(args, i);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) || v instanceof RSet) {
    const items = Array.isArray(v) ? v : v.sorted();
    return items.map((x) => {
      if (typeof x !== 'string') throw elementErr(fn, i + 1, v, x, 'string');
      return x;
    });
  }
  throw typeErr(fn, i + 1, v, 'string', 'set', 'array');
}

function formatInt(args: Value[]): string {
  const fn = 'format_int';
  const n = numArg(fn, args, 0);
  const base = smallIntArg(fn, args, 1);
  if (![2, 8, 10, 16].includes(base)) throw operandMsg(fn, 2, 'must be one of {2, 8, 10, 16}');
  // OPA truncates toward zero before formatting
  let b = toBigInt(n);
  if (b === undefined) b = BigInt(Math.trunc(toNumber(n)));
  return b.toString(base);
}

function replaceN(args: Value[]): string {
  const fn = 'strings.replace_n';
  const pats = arg(args, 0);
  if (!(pats instanceof RObject)) throw typeErr(fn, 1, pats, 'object');
  const s = strArg(fn, args, 1);
  const pairs: [string, string][] = [];
  for (const [k, v] of pats.sorted()) {
    if (typeof k !== 'string') throw operandMsg(fn, 1, 'non-string key found in pattern object');
    if (typeof v !== 'string') throw operandMsg(fn, 1, 'non-string value found in pattern object');
    pairs.push([k, v]);
  }
  // Go's strings.NewReplacer: at each position the first pattern (in argument order, which OPA
  // gives in sorted key order) that matches wins; matches do not overlap
  let out = '';
  let i = 0;
  outer: while (i < s.length) {
    for (const [old, rep] of pairs) {
      if (old !== '' && s.startsWith(old, i)) {
        out += rep;
        i += old.length;
        continue outer;
      }
    }
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    out += ch;
    i += ch.length;
  }
  return out;
}

function splitN(args: Value[]): Value[] {
  const fn = 'strings.split_n';
  const s = strArg(fn, args, 0);
  const sep = strArg(fn, args, 1);
  const n = smallIntArg(fn, args, 2);
  const parts = goSplit(s, sep);
  if (n >= 0) return parts.slice(0, n);
  return parts.slice(Math.max(0, parts.length + n));
}

function concat(args: Value[]): string {
  const fn = 'concat';
  const sep = strArg(fn, args, 0);
  const v = arg(args, 1);
  const items = collArg(fn, args, 1, ['set', 'array']);
  return items
    .map((x) => {
      if (typeof x !== 'string') throw elementErr(fn, 2, v, x, 'string');
      return x;
    })
    .join(sep);
}

function substring(args: Value[]): string {
  const fn = 'substring';
  const s = strArg(fn, args, 0);
  const start = smallIntArg(fn, args, 1);
  const len = smallIntArg(fn, args, 2);
  if (start < 0) throw builtinErr(fn, 'negative offset');
  // without surrogates, code points are UTF-16 units: slice directly
  if (!SURROGATE.test(s)) return start >= s.length ? '' : len < 0 ? s.slice(start) : s.slice(start, start + len);
  const r = runes(s);
  if (start >= r.length) return '';
  return (len < 0 ? r.slice(start) : r.slice(start, start + len)).join('');
}

function indexOfN(args: Value[]): Value[] {
  const s = strArg('indexof_n', args, 0);
  const sub = strArg('indexof_n', args, 1);
  const out: Value[] = [];
  for (let i = s.indexOf(sub); i !== -1 && i < s.length; i = s.indexOf(sub, i + 1)) out.push(runeIndex(s, i));
  return out;
}

const s1 = (fn: string, f: (s: string) => Value): BuiltinDef => def(fn, 1, (args) => f(strArg(fn, args, 0)));
const s2 = (fn: string, f: (a: string, b: string) => Value): BuiltinDef =>
  def(fn, 2, (args) => f(strArg(fn, args, 0), strArg(fn, args, 1)));

export const builtins: readonly BuiltinDef[] = [
  def('concat', 2, concat),
  s2('contains', (a, b) => a.includes(b)),
  s2('startswith', (a, b) => a.startsWith(b)),
  s2('endswith', (a, b) => a.endsWith(b)),
  def('format_int', 2, formatInt),
  s2('indexof', (a, b) => {
    const i = a.indexOf(b);
    return i < 0 ? -1 : runeIndex(a, i);
  }),
  def('indexof_n', 2, indexOfN),
  s1('lower', (s) => s.toLowerCase()),
  s1('upper', (s) => s.toUpperCase()),
  def('replace', 3, (args) => replaceAll(strArg('replace', args, 0), strArg('replace', args, 1), strArg('replace', args, 2))),
  def('strings.replace_n', 2, replaceN),
  s2('split', (a, b) => (a === '' && b === '' ? [] : goSplit(a, b))),
  def('strings.split_n', 3, splitN),
  def('substring', 3, substring),
  s2('trim', (a, b) => trimSet(a, b, true, true)),
  s2('trim_left', (a, b) => trimSet(a, b, true, false)),
  s2('trim_right', (a, b) => trimSet(a, b, false, true)),
  s2('trim_prefix', (a, b) => (a.startsWith(b) ? a.slice(b.length) : a)),
  s2('trim_suffix', (a, b) => (b !== '' && a.endsWith(b) ? a.slice(0, a.length - b.length) : a)),
  s1('trim_space', trimSpace),
  // OPA's message names this built-in "reverse" (topdown/strings.go builtinReverse)
  def('strings.reverse', 1, (args) => runes(strArg('reverse', args, 0)).reverse().join('')),
  s2('strings.count', (a, b) => countOf(a, b)),
  def('strings.any_prefix_match', 2, (args) => {
    const fn = 'strings.any_prefix_match';
    const xs = stringsOperand(fn, args, 0);
    const ps = stringsOperand(fn, args, 1);
    return xs.some((x) => ps.some((p) => x.startsWith(p)));
  }),
  def('strings.any_suffix_match', 2, (args) => {
    const fn = 'strings.any_suffix_match';
    const xs = stringsOperand(fn, args, 0);
    const ps = stringsOperand(fn, args, 1);
    return xs.some((x) => ps.some((p) => x.endsWith(p)));
  }),
];

