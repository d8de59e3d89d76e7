// Go's big.Float at OPA's precision, for arithmetic on non-integers: OPA parses a number's text
// into a big.Float of 64 mantissa bits (SetString), computes there, and prints the result with the
// shortest decimal that reads back to the same 64-bit value (Text('g', -1)). Doing the same, rather
// than computing with doubles, keeps results such as 0.1 + 0.2 = 0.3 identical to OPA's.
import { BigNum, num, numberFromText } from '../value.ts';

export type Num = number | BigNum;

/** A binary float: value = m × 2^e, |m| < 2^64 (0 has m = 0). */
export interface BF {
  m: bigint;
  e: number;
}

const PREC = 64;

const pow10Cache = new Map<number, bigint>();
const pow10 = (k: number): bigint => {
  let v = pow10Cache.get(k);
  if (v === undefined) {
    v = 10n ** BigInt(k);
    if (pow10Cache.size < 2000) pow10Cache.set(k, v);
  }
  return v;
};

const HEX_BITS: Record<string, number> = { '1': 1, '2': 2, '3': 2, '4': 3, '5': 3, '6': 3, '7': 3 };
/** Bit length of a non-negative bigint (hex digits are far cheaper to produce than binary). */
const bitLen = (v: bigint): number => {
  if (v === 0n) return 0;
  const h = v.toString(16);
  return (h.length - 1) * 4 + (HEX_BITS[h[0]!] ?? 4);
};

const pow5Cache = new Map<number, bigint>();
const pow5 = (k: number): bigint => {
  let v = pow5Cache.get(k);
  if (v === undefined) {
    v = 5n ** BigInt(k);
    if (pow5Cache.size < 2000) pow5Cache.set(k, v);
  }
  return v;
};

/** Rounds v × 2^e to PREC bits, half to even. */
export function roundBin(v: bigint, e: number): BF {
  if (v === 0n) return { m: 0n, e: 0 };
  const neg = v < 0n;
  let a = neg ? -v : v;
  const extra = bitLen(a) - PREC;
  if (extra > 0) {
    const div = 1n << BigInt(extra);
    let q = a >> BigInt(extra);
    const r = a - (q << BigInt(extra));
    if (r * 2n > div || (r * 2n === div && (q & 1n) === 1n)) q += 1n;
    a = q;
    e += extra;
    if (bitLen(a) > PREC) {
      a >>= 1n;
      e += 1;
    }
  }
  return { m: neg ? -a : a, e };
}

/** Rounds the rational p / q (q > 0) to PREC bits, half to even. */
function roundRat(p: bigint, q: bigint): BF {
  if (p === 0n) return { m: 0n, e: 0 };
  const neg = p < 0n;
  const a = neg ? -p : p;
  // scale so that the integer quotient has PREC + 2 bits, then round the rest away exactly
  let e = bitLen(a) - bitLen(q) - (PREC + 2);
  const num0 = e < 0 ? a << BigInt(-e) : a;
  const den0 = e > 0 ? q << BigInt(e) : q;
  let quo = num0 / den0;
  const rem = num0 - quo * den0;
  // fold the remainder into a sticky bit so the final rounding sees it
  quo = (quo << 1n) | (rem !== 0n ? 1n : 0n);
  e -= 1;
  const r = roundBin(quo, e);
  return neg ? { m: -r.m, e: r.e } : r;
}

/** A decimal text (OPA's number text) as big.Float.SetString would read it. */
export function fromText(text: string): BF {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m) return fromDouble(Number(text));
  const digits = BigInt((m[2] || '0') + (m[3] ?? '')) * (m[1] === '-' ? -1n : 1n);
  const scale = (m[3] ?? '').length - Number(m[4] ?? '0');
  if (scale <= 0) return roundBin(digits * pow10(-scale), 0);
  return roundRat(digits, pow10(scale));
}

function fromDouble(x: number): BF {
  // every double is exactly representable in 64 bits
  return fromText(x.toString());
}

/**
 * A number as OPA would read its text. A JS number is read from its shortest decimal form, which is
 * the literal's text (1e109 is "1e+109", not the binary expansion of the nearest double).
 */
export const toBF = (n: Num): BF => fromText(typeof n === 'number' ? String(n) : n.text);

export function add(a: BF, b: BF): BF {
  const e = Math.min(a.e, b.e);
  return roundBin((a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e);
}

export const neg = (a: BF): BF => ({ m: -a.m, e: a.e });

export const mul = (a: BF, b: BF): BF => roundBin(a.m * b.m, a.e + b.e);

export function div(a: BF, b: BF): BF {
  const q = roundRat(a.m, b.m < 0n ? -b.m : b.m);
  return { m: b.m < 0n ? -q.m : q.m, e: q.e + a.e - b.e };
}

export const isZeroBF = (a: BF): boolean => a.m === 0n;

/** The exact integer value, when integral. */
export function bfToBigInt(a: BF): bigint | undefined {
  if (a.e >= 0) return a.m << BigInt(a.e);
  const shift = BigInt(-a.e);
  const q = a.m >> shift;
  return q << shift === a.m ? q : undefined;
}

/** Truncation toward zero (big.Float.Int). */
export function bfTrunc(a: BF): bigint {
  if (a.e >= 0) return a.m << BigInt(a.e);
  const neg = a.m < 0n;
  const t = (neg ? -a.m : a.m) >> BigInt(-a.e);
  return neg ? -t : t;
}

/** Exact decimal digits of |a|: value = digits × 10^-scale. */
function exactDecimal(a: BF): { digits: bigint; scale: number } {
  const m = a.m < 0n ? -a.m : a.m;
  if (a.e >= 0) return { digits: m << BigInt(a.e), scale: 0 };
  return { digits: m * pow5(-a.e), scale: -a.e };
}

/** |a| rounded to n significant decimal digits (half to even): digits string and decimal exponent. */
function sig(a: BF, n: number): { d: string; exp: number } {
  const { digits, scale } = exactDecimal(a);
  const s = digits.toString();
  const exp = s.length - scale; // value = 0.s × 10^exp
  if (s.length <= n) return { d: s, exp };
  const cut = BigInt(s.length - n);
  const div = pow10(Number(cut));
  let q = digits / div;
  const r = digits % div;
  if (r * 2n > div || (r * 2n === div && (q & 1n) === 1n)) q += 1n;
  const qs = q.toString();
  return qs.length > n ? { d: qs.slice(0, n), exp: exp + 1 } : { d: qs, exp };
}

function decimalText(neg: boolean, d: string, exp: number): string {
  const t = d.replace(/0+$/, '') || '0';
  let body: string;
  if (exp <= 0) body = '0.' + '0'.repeat(-exp) + t;
  else if (exp >= t.length) body = t + '0'.repeat(exp - t.length);
  else body = t.slice(0, exp) + '.' + t.slice(exp);
  return (neg ? '-' : '') + body;
}

/** A big.Float result as an OPA number: exact when integral, else the shortest round-tripping decimal. */
export function fromBF(a: BF): Num {
  const i = bfToBigInt(a);
  if (i !== undefined) return num(i);
  const target = roundBin(a.m, a.e);
  const roundTrips = (n: number): string | undefined => {
    const { d, exp } = sig(a, n);
    const text = decimalText(a.m < 0n, d, exp);
    const back = fromText(text);
    return back.m === target.m && back.e === target.e ? text : undefined;
  };
  // more digits never stop a decimal from reading back: grow the count until one does, then bisect
  let lo = 1;
  let hi = 1;
  while (hi < 25 && roundTrips(hi) === undefined) {
    lo = hi + 1;
    hi = Math.min(25, hi * 2);
  }
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (roundTrips(mid) !== undefined) hi = mid;
    else lo = mid + 1;
  }
  const text = roundTrips(lo) ?? decimalText(a.m < 0n, sig(a, 25).d, sig(a, 25).exp);
  return numberFromText(text);
}
