// Rego built-in sprintf: Go's fmt.Sprintf over OPA's conversion of Rego values (topdown/strings.go
// builtinSprintf): an integral number becomes an int (or *big.Int when it exceeds int64), another
// number a float64, a string stays a string, and every other value is passed as its Rego text
// (`["a", 1]`, `{"k": true}`, `set()`), so `%v` prints it and `%d` on it prints `%!d(string=...)`.
import { BigNum, RObject, RSet, numberText, type Value } from '../value.ts';
import { arrArg, def, runeCount, strArg } from './args.ts';
import type { BuiltinDef } from './types.ts';

type GoArg =
  | { kind: 'int'; v: bigint; big: boolean }
  | { kind: 'float'; v: number }
  | { kind: 'string'; v: string };

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\x07':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xfffd && ch !== '\ufffd') out += '\\ufffd';
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || (c >= 0xd800 && c <= 0xdfff)) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** A value as OPA prints a Rego term (ast.Term.String): strings quoted, sets as {..} or set(). */
export function regoString(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || v instanceof BigNum) return numberText(v);
  if (typeof v === 'string') return goQuote(v);
  if (Array.isArray(v)) return '[' + v.map(regoString).join(', ') + ']';
  if (v instanceof RSet) return v.size === 0 ? 'set()' : '{' + v.sorted().map(regoString).join(', ') + '}';
  return '{' + (v as RObject).sorted().map(([k, x]) => regoString(k) + ': ' + regoString(x)).join(', ') + '}';
}

function toGoArg(v: Value): GoArg {
  if (typeof v === 'string') return { kind: 'string', v };
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return { kind: 'int', v: BigInt(v), big: false };
    return { kind: 'float', v };
  }
  if (v instanceof BigNum) {
    if (v.int !== undefined) {
      const x = v.int;
      if (!Number.isFinite(Number(x)) && /0{10,}$/.test(x.toString())) {
        // beyond float64 and written with an exponent (2e308): OPA keeps the literal text, which
        // neither int64, big.Int nor float64 parsing accepts, so Go prints that text
        const digits = x.toString();
        const trimmed = digits.replace(/0+$/, '');
        return { kind: 'string', v: `${trimmed}e${digits.length - trimmed.length}` };
      }
      return { kind: 'int', v: x, big: x > INT64_MAX || x < INT64_MIN };
    }
    const f = Number(v.text);
    return Number.isFinite(f) ? { kind: 'float', v: f } : { kind: 'string', v: v.text };
  }
  return { kind: 'string', v: regoString(v) };
}

const goType = (a: GoArg): string => (a.kind === 'int' ? (a.big ? '*big.Int' : 'int') : a.kind === 'float' ? 'float64' : 'string');

// ---- exact decimal digits of a double (for %e %f %g with a precision) --------------------------

/** The exact decimal expansion of a finite double: value = digits × 10^-scale. */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const bits = buf.getBigUint64(0);
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e: number;
  if (exp === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = exp - 1075;
  }
  if (e >= 0) return { digits: mant << BigInt(e), scale: 0 };
  return { digits: mant * 5n ** BigInt(-e), scale: -e };
}

/** Rounds |x| to `frac` digits after the point, half to even (Go rounds the exact value). */
function roundedFixed(x: number, frac: number): { intPart: string; fracPart: string } {
  const { digits, scale } = exactDecimal(x);
  let scaled: bigint;
  if (scale <= frac) scaled = digits * 10n ** BigInt(frac - scale);
  else {
    const div = 10n ** BigInt(scale - frac);
    const q = digits / div;
    const r = digits % div;
    const twice = r * 2n;
    scaled = twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
  }
  const s = scaled.toString().padStart(frac + 1, '0');
  return { intPart: s.slice(0, s.length - frac), fracPart: s.slice(s.length - frac) };
}

/** Significant digits and decimal exponent: |x| = 0.d1d2.. × 10^dp; prec < 0 means shortest. */
function sigDigits(x: number, prec: number): { d: string; dp: number } {
  if (x === 0) return { d: '0', dp: 1 };
  if (prec < 0) {
    const [m = '', e = '0'] = Math.abs(x).toExponential().split('e');
    const d = m.replace('.', '');
    return { d, dp: Number(e) + 1 };
  }
  const { digits, scale } = exactDecimal(x);
  const all = digits.toString();
  const dp = all.length - scale;
  if (all.length <= prec) return { d: all.replace(/0+$/, '') || '0', dp };
  const cut = all.length - prec;
  const div = 10n ** BigInt(cut);
  const q = digits / div;
  const r = digits % div;
  const twice = r * 2n;
  const rounded = twice > div || (twice === div && q % 2n === 1n) ? q + 1n : q;
  const rs = rounded.toString();
  // rounding up may add a digit (9.99 -> 10.0)
  return { d: rs.slice(0, prec).replace(/0+$/, '') || '0', dp: dp + (rs.length > prec ? 1 : 0) };
}

function expForm(d: string, dp: number, fracDigits: number, upper: boolean, keepZeros: boolean): string {
  let mant = d[0]!;
  let rest = d.slice(1);
  if (keepZeros) rest = rest.padEnd(fracDigits, '0');
  if (rest.length > 0) mant += '.' + rest;
  const e = dp - 1;
  const es = (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  return mant + (upper ? 'E' : 'e') + es;
}

function fixedFromDigits(d: string, dp: number): string {
  if (dp <= 0) return '0.' + '0'.repeat(-dp) + d;
  if (dp >= d.length) return d + '0'.repeat(dp - d.length);
  return d.slice(0, dp) + '.' + d.slice(dp);
}

function formatFloat(x: number, verb: string, prec: number, sharp: boolean): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  let body: string;
  switch (verb) {
    case 'e':
    case 'E': {
      const p = prec < 0 ? 6 : prec;
      const { d, dp } = sigDigits(x, p + 1);
      body = expForm(d, dp, p, verb === 'E', true);
      break;
    }
    case 'f':
    case 'F': {
      const p = prec < 0 ? 6 : prec;
      const { intPart, fracPart } = roundedFixed(x, p);
      body = p > 0 ? `${intPart}.${fracPart}` : intPart;
      break;
    }
    default: {
      // g, G, v: %e when the exponent is < -4 or >= the precision (6 when shortest)
      const shortest = prec < 0;
      const p = prec === 0 ? 1 : prec;
      const { d, dp } = sigDigits(x, shortest ? -1 : p);
      let eprec = shortest ? 6 : p;
      if (!shortest && eprec > d.length && d.length >= dp) eprec = d.length;
      const e = dp - 1;
      if (e < -4 || e >= eprec) body = expForm(d, dp, 0, verb === 'G', sharp);
      else body = fixedFromDigits(d, dp);
    }
  }
  return (neg ? '-' : '') + body;
}

// ---- the formatter -----------------------------------------------------------------------------

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width: number;
  prec: number;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const len = runeCount(s);
  if (spec.width <= len) return s;
  const n = spec.width - len;
  if (spec.minus) return s + ' '.repeat(n);
  if (spec.zero && numeric) {
    const m = /^[+\- ]?(?:0[xXbo])?/.exec(s)![0];
    return m + '0'.repeat(n) + s.slice(m.length);
  }
  return (spec.zero ? '0' : ' ').repeat(n) + s;
}

function signed(neg: boolean, body: string, spec: Spec): string {
  return (neg ? '-' : spec.plus ? '+' : spec.space ? ' ' : '') + body;
}

function badVerb(verb: string, a: GoArg): string {
  return `%!${verb}(${a.kind === 'int' && a.big ? 'big.Int' : goType(a)}=${plainValue(a)})`;
}

function plainValue(a: GoArg): string {
  if (a.kind === 'int') return a.v.toString();
  if (a.kind === 'float') return formatFloat(a.v, 'g', -1, false);
  return a.v;
}

function formatInt(a: Extract<GoArg, { kind: 'int' }>, verb: string, spec: Spec): string {
  const neg = a.v < 0n;
  const mag = neg ? -a.v : a.v;
  let digits: string;
  let prefix = '';
  switch (verb) {
    case 'd':
    case 'v':
      digits = mag.toString();
      break;
    case 'b':
      digits = mag.toString(2);
      if (spec.sharp) prefix = '0b';
      break;
    case 'o':
    case 'O':
      digits = mag.toString(8);
      if (verb === 'O') prefix = '0o';
      else if (spec.sharp) prefix = '0';
      break;
    case 'x':
      digits = mag.toString(16);
      if (spec.sharp) prefix = '0x';
      break;
    case 'X':
      digits = mag.toString(16).toUpperCase();
      if (spec.sharp) prefix = '0X';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(a.v)), { ...spec, zero: false }, false);
    case 'q':
      return pad("'" + String.fromCodePoint(Number(a.v)) + "'", spec, false);
    case 'U':
      return pad('U+' + mag.toString(16).toUpperCase().padStart(4, '0'), spec, false);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      // Go formats an int with a float verb as a bad verb; a *big.Int does the same
      return badVerb(verb, a);
    default:
      return badVerb(verb, a);
  }
  if (spec.prec >= 0) {
    digits = digits.padStart(spec.prec, '0');
    if (spec.prec === 0 && mag === 0n) digits = '';
    return pad(signed(neg, prefix + digits, spec), { ...spec, zero: false }, true);
  }
  return pad(signed(neg, prefix + digits, spec), spec, true);
}

function formatOne(a: GoArg, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(goType(a), { ...spec, zero: false }, false);
  if (a.kind === 'int') return formatInt(a, verb, spec);
  if (a.kind === 'float') {
    if (!'eEfFgGv'.includes(verb)) return badVerb(verb, a);
    const s = formatFloat(a.v, verb === 'v' ? 'g' : verb, spec.prec, spec.sharp);
    const neg = s.startsWith('-');
    return pad(signed(neg, neg ? s.slice(1) : s, spec), spec, true);
  }
  const s = a.v;
  switch (verb) {
    case 's':
    case 'v': {
      const r = spec.prec >= 0 ? Array.from(s).slice(0, spec.prec).join('') : s;
      return pad(r, spec, false);
    }
    case 'q':
      return pad(goQuote(spec.prec >= 0 ? Array.from(s).slice(0, spec.prec).join('') : s), spec, false);
    case 'x':
    case 'X': {
      const hex = [...Buffer.from(s, 'utf8')].map((b) => b.toString(16).padStart(2, '0')).join('');
      return pad(verb === 'X' ? hex.toUpperCase() : hex, spec, false);
    }
    default:
      return badVerb(verb, a);
  }
}

const NO_NUM: [number, number, number] = [-1, 0, 0];

/** A width or precision at chars[i] ("*" takes an argument): [value or -1, next i, next argi]. */
function readNum(chars: readonly string[], i: number, args: GoArg[], argi: number): [number, number, number] {
  if (chars[i] === '*') {
    const a = args[argi];
    return [a?.kind === 'int' ? Number(a.v) : -1, i + 1, argi + 1];
  }
  let n = '';
  while (i < chars.length && /[0-9]/.test(chars[i]!)) n += chars[i++];
  if (n === '') {
    // no number (the common case): a shared answer, no array per verb
    NO_NUM[1] = i;
    NO_NUM[2] = argi;
    return NO_NUM;
  }
  return [Number(n), i, argi];
}

// the runes of format strings: policies format with a few constant formats, over and over
const formatRunes = new Map<string, readonly string[]>();

export function sprintf(format: string, values: Value[]): string {
  const args = values.map(toGoArg);
  let argi = 0;
  let out = '';
  let chars = formatRunes.get(format);
  if (chars === undefined) {
    chars = Array.from(format);
    if (formatRunes.size < 512) formatRunes.set(format, chars);
  }
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false, width: -1, prec: -1 };
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = !spec.minus;
      else break;
    }
    let num = readNum(chars, i, args, argi);
    i = num[1];
    argi = num[2];
    spec.width = num[0];
    if (spec.width < -1) {
      spec.minus = true;
      spec.width = -spec.width;
    }
    if (chars[i] === '.') {
      num = readNum(chars, i + 1, args, argi);
      i = num[1];
      argi = num[2];
      spec.prec = num[0] < 0 ? 0 : num[0];
    }
    if (spec.minus) spec.zero = false;
    const verb = chars[i];
    if (verb === undefined) {
      out += '%!(NOVERB)';
      break;
    }
    i++;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const a = args[argi];
    if (a === undefined) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    argi++;
    out += formatOne(a, verb, spec);
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => `${goType(a)}=${plainValue(a)}`).join(', ') + ')';
  }
  return out;
}

export const builtins: readonly BuiltinDef[] = [
  def('sprintf', 2, (args) => sprintf(strArg('sprintf', args, 0), arrArg('sprintf', args, 1))),
];
