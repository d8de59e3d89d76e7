// Number arithmetic for the built-ins, and the numbers.* / rand.intn built-ins.
//
// OPA computes with big.Int when both operands are integers and with big.Float (64-bit mantissa)
// otherwise. We keep integers exact with bigint (any size) and compute non-integers with the same
// 64-bit binary floats (bigfloat.ts), printing results as OPA does, so 0.1 + 0.2 is 0.3 and 1 / 3 is
// 0.33333333333333333334, as in OPA. An integral result is an exact integer (2.5 * 2 = 5).
import { BigNum, num, toBigInt, type Value } from '../value.ts';
import * as bf from './bigfloat.ts';
import { builtinErr, def, intArg, strArg, type Num } from './args.ts';
import type { BuiltinDef } from './types.ts';

export function isInt(n: Num): boolean {
  return typeof n === 'number' ? Number.isInteger(n) : n.int !== undefined;
}

type IntOp = (a: bigint, b: bigint) => bigint;
type SmallOp = (a: number, b: number) => number;
type FloatOp = (a: bf.BF, b: bf.BF) => bf.BF;

function arith(a: Num, b: Num, iop: IntOp, sop: SmallOp, fop: FloatOp): Num {
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b)) {
    const r = sop(a, b);
    if (Number.isSafeInteger(r)) return r;
  }
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== undefined && bi !== undefined) return num(iop(ai, bi));
  return bf.fromBF(fop(bf.toBF(a), bf.toBF(b)));
}

export const add = (a: Num, b: Num): Num => arith(a, b, (x, y) => x + y, (x, y) => x + y, bf.add);
export const sub = (a: Num, b: Num): Num => arith(a, b, (x, y) => x - y, (x, y) => x - y, (x, y) => bf.add(x, bf.neg(y)));
export const mul = (a: Num, b: Num): Num => arith(a, b, (x, y) => x * y, (x, y) => x * y, bf.mul);

export function div(a: Num, b: Num): Num {
  if (isZero(b)) throw builtinErr('div', 'divide by zero');
  // Fast path for safe integers, where OPA's big.Float gives the same value as a double:
  // b = m * 2^i * 5^j: when m divides a, a/b is a finite decimal; with at most 15 significant
  // digits, that decimal is OPA's shortest text (no shorter decimal is within 2^-64 of it) and the
  // double a / b is the same as the one read from that text (both the nearest to the quotient).
  // Longer quotients (-2378523645615642 / 64 = -37164431962744.40625) print as OPA does only
  // through big.Float: a double would print its own shortest form (-37164431962744.41).
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    if (a === 0) return 0;
    let m = b < 0 ? -b : b;
    let i = 0;
    while (m % 2 === 0) {
      m /= 2;
      i++;
    }
    let j = 0;
    while (m % 5 === 0) {
      m /= 5;
      j++;
    }
    if (a % m === 0) {
      // the decimal digits: (a / m) * 2^(k-i) * 5^(k-j), k = max(i, j) decimal places
      const k = Math.max(i, j);
      const digits = Math.abs(a / m) * 2 ** (k - i) * 5 ** (k - j);
      if (digits < 1e15) return a / b;
    }
  }
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== undefined && bi !== undefined && ai % bi === 0n) return num(ai / bi);
  return bf.fromBF(bf.div(bf.toBF(a), bf.toBF(b)));
}

export function rem(a: Num, b: Num): Num {
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai === undefined || bi === undefined) throw builtinErr('rem', 'modulo on floating-point number');
  if (bi === 0n) throw builtinErr('rem', 'modulo by zero');
  return num(ai % bi); // Go's big.Int.Rem truncates like bigint %
}

export function isZero(n: Num): boolean {
  return typeof n === 'number' ? n === 0 : n.int !== undefined ? n.int === 0n : Number(n.text) === 0;
}

export function sign(n: Num): number {
  if (typeof n === 'number') return Math.sign(n);
  return n.text.startsWith('-') ? -1 : isZero(n) ? 0 : 1;
}

export function neg(n: Num): Num {
  if (typeof n === 'number') return n === 0 ? 0 : -n;
  if (n.int !== undefined) return num(-n.int);
  return new BigNum(n.text.startsWith('-') ? n.text.slice(1) : '-' + n.text, undefined);
}

export function abs(n: Num): Num {
  return sign(n) < 0 ? neg(n) : n;
}

const HALF: bf.BF = { m: 1n, e: -1 };

/** Rounds half away from zero, as OPA's arithRound (on the 64-bit value). */
/** A double that is not an integer but small enough that Math.floor and friends are exact on it. */
const smallFraction = (n: Num): n is number => typeof n === 'number' && Math.abs(n) < 2 ** 52;

export function round(n: Num): Num {
  if (isInt(n)) return n;
  // half away from zero, as Go's big.Float rounding in OPA
  if (smallFraction(n)) return (n < 0 ? -Math.round(-n) : Math.round(n)) || 0;
  const x = bf.toBF(n);
  return num(bf.bfTrunc(x.m < 0n ? bf.add(x, bf.neg(HALF)) : bf.add(x, HALF)));
}

export function ceil(n: Num): Num {
  if (isInt(n)) return n;
  if (smallFraction(n)) return Math.ceil(n) || 0;
  const t = bf.bfTrunc(bf.toBF(n));
  return num(sign(n) > 0 ? t + 1n : t);
}

export function floor(n: Num): Num {
  if (isInt(n)) return n;
  if (smallFraction(n)) return Math.floor(n);
  const t = bf.bfTrunc(bf.toBF(n));
  return num(sign(n) < 0 ? t - 1n : t);
}

// ---- numbers.range, numbers.range_step, rand.intn ---------------------------------------------

// OPA refuses ranges it could not hold in memory; we cap the result size for the same reason
const MAX_RANGE = 10_000_000n;

function range(fn: string, a: bigint, b: bigint, step: bigint): Value[] {
  const size = (a > b ? a - b : b - a) / step + 1n;
  if (size > MAX_RANGE) throw builtinErr(fn, 'range too large');
  const out: Value[] = [];
  if (a <= b) for (let i = a; i <= b; i += step) out.push(num(i));
  else for (let i = a; i >= b; i -= step) out.push(num(i));
  return out;
}

// A small deterministic generator (mulberry32): rand.intn must give the same value for the same
// arguments within one query, and differ between queries (seeded by the evaluator).
function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

export const builtins: readonly BuiltinDef[] = [
  def('numbers.range', 2, (args) => range('numbers.range', intArg('numbers.range', args, 0), intArg('numbers.range', args, 1), 1n)),
  def('numbers.range_step', 3, (args) => {
    const fn = 'numbers.range_step';
    const a = intArg(fn, args, 0);
    const b = intArg(fn, args, 1);
    const step = intArg(fn, args, 2);
    if (step <= 0n) throw builtinErr(fn, 'step must be a positive number above zero');
    return range(fn, a, b, step);
  }),
  def(
    'rand.intn',
    2,
    (args, ctx) => {
      const fn = 'rand.intn';
      const s = strArg(fn, args, 0);
      let n = intArg(fn, args, 1);
      if (n === 0n) return 0;
      if (n < 0n) n = -n;
      const cacheKey = `rand.intn\u0000${s}\u0000${n}`;
      const hit = ctx.cache.get(cacheKey);
      if (hit !== undefined) return hit as Value;
      const seed = (ctx.randSeed ?? Number(ctx.timeNs % 4294967296n)) ^ hashString(cacheKey);
      const r = mulberry32(seed)();
      const out = num(BigInt(Math.floor(r * Number(n > 2n ** 53n ? 2n ** 53n : n))) % n);
      ctx.cache.set(cacheKey, out);
      return out;
    },
    true,
  ),
];
