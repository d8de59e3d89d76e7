// Number arithmetic for the built-ins, and the numbers.* / rand.intn built-ins.
//
// OPA computes with big.Int when both operands are integers and with big.Float otherwise. We keep
// integers exact with bigint (any size) and compute non-integers with doubles; a result that is
// integral comes back as an exact integer (2.5 * 2 = 5, not 5.0). OPA's big.Float carries a 64-bit
// mantissa, so a decimal result can differ from ours in the 17th significant digit; none of OPA's
// conformance cases depend on that.
import { BigNum, num, toBigInt, toNumber, type Value } from '../value.ts';
import { builtinErr, def, intArg, strArg, type Num } from './args.ts';
import { BuiltinError, type BuiltinDef } from './types.ts';

/** A double as a Rego number: integral doubles become exact integers. */
export function fromDouble(fn: string, x: number): Num {
  if (!Number.isFinite(x)) throw builtinErr(fn, 'result is not a finite number');
  if (Number.isInteger(x)) return Number.isSafeInteger(x) ? (Object.is(x, -0) ? 0 : x) : num(BigInt(x));
  return x;
}

export function isInt(n: Num): boolean {
  return typeof n === 'number' ? Number.isInteger(n) : n.int !== undefined;
}

type IntOp = (a: bigint, b: bigint) => bigint;
type FloatOp = (a: number, b: number) => number;

function arith(fn: string, a: Num, b: Num, iop: IntOp, fop: FloatOp): Num {
  if (typeof a === 'number' && typeof b === 'number' && Number.isInteger(a) && Number.isInteger(b)) {
    const r = fop(a, b);
    if (Number.isSafeInteger(r)) return r;
  }
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== undefined && bi !== undefined) return num(iop(ai, bi));
  return fromDouble(fn, fop(toNumber(a), toNumber(b)));
}

export const add = (a: Num, b: Num): Num => arith('plus', a, b, (x, y) => x + y, (x, y) => x + y);
export const sub = (a: Num, b: Num): Num => arith('minus', a, b, (x, y) => x - y, (x, y) => x - y);
export const mul = (a: Num, b: Num): Num => arith('mul', a, b, (x, y) => x * y, (x, y) => x * y);

export function div(a: Num, b: Num): Num {
  if (isZero(b)) throw builtinErr('div', 'divide by zero');
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== undefined && bi !== undefined && ai % bi === 0n) return num(ai / bi);
  return fromDouble('div', toNumber(a) / toNumber(b));
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

/** Rounds half away from zero, as OPA's arithRound. */
export function round(n: Num): Num {
  if (isInt(n)) return n;
  const x = toNumber(n);
  return fromDouble('round', x < 0 ? -Math.round(-x) : Math.round(x));
}

export function ceil(n: Num): Num {
  return isInt(n) ? n : fromDouble('ceil', Math.ceil(toNumber(n)));
}

export function floor(n: Num): Num {
  return isInt(n) ? n : fromDouble('floor', Math.floor(toNumber(n)));
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

/** Checks a number is finite when read from text (to_number, units): NaN and Inf are not Rego numbers. */
export function assertFinite(fn: string, x: number, pos: number): void {
  if (!Number.isFinite(x)) throw new BuiltinError('eval_type_error', `${fn}: operand ${pos} must be a finite number`);
}

