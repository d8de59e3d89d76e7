// Rego built-ins: units.parse (SI and binary suffixes, "m" is milli) and units.parse_bytes (byte
// sizes, case-insensitive, "m" is mega), computed with exact rationals as OPA does with big.Rat.
import { numberFromText, num, type Value } from '../value.ts';
import { builtinErr, def, strArg } from './args.ts';
import type { BuiltinDef } from './types.ts';

const K = 1000n;
const KI = 1024n;
const pow = (b: bigint, e: number): bigint => b ** BigInt(e);

/** A rational number p/q. */
type Rat = [bigint, bigint];

const MAX_EXPONENT = 1000;

/** Splits "1.5e3KiB" into the amount and the unit; an `e` is an exponent only before a digit. */
function splitAmount(s: string): [string, string] {
  const m = /^[0-9.]*(?:[eE][+-]?\d+)?/.exec(s)!;
  let n = m[0];
  // "5e" or "10E" alone: the letter is the exa unit, not an exponent
  if (!/[0-9.]/.test(n)) n = '';
  return [n, s.slice(n.length)];
}

function parseRat(fn: string, text: string, what: string): Rat {
  const m = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) throw builtinErr(fn, `could not parse ${what} to a number`);
  const exp = Number(m[3] ?? '0');
  if (Math.abs(exp) > MAX_EXPONENT) throw builtinErr(fn, 'exponent too large');
  const frac = m[2] ?? '';
  let p = BigInt((m[1] || '0') + frac);
  let q = pow(10n, frac.length);
  if (exp >= 0) p *= pow(10n, exp);
  else q *= pow(10n, -exp);
  return [p, q];
}

/** big.Rat.FloatString(10): ten decimals, halves rounded away from zero. */
function ratToValue([p, q]: Rat, truncate: boolean): Value {
  if (p % q === 0n) return num(p / q);
  if (truncate) return num(p / q);
  const scaled = p * 10n ** 10n;
  let r = scaled / q;
  if ((scaled % q) * 2n >= q) r += 1n;
  const s = r.toString().padStart(11, '0');
  return numberFromText(`${s.slice(0, -10)}.${s.slice(-10)}`);
}

const UNITS: Record<string, Rat> = {
  '': [1n, 1n],
  m: [1n, 1000n],
  k: [K, 1n],
  K: [K, 1n],
  Ki: [KI, 1n],
  M: [pow(K, 2), 1n],
  Mi: [pow(KI, 2), 1n],
  G: [pow(K, 3), 1n],
  Gi: [pow(KI, 3), 1n],
  T: [pow(K, 4), 1n],
  Ti: [pow(KI, 4), 1n],
  P: [pow(K, 5), 1n],
  Pi: [pow(KI, 5), 1n],
  E: [pow(K, 6), 1n],
  Ei: [pow(KI, 6), 1n],
};
// a lowercase first letter means the same unit, except "m" which is milli ("mi" is still mebi)
for (const u of ['Ki', 'Mi', 'G', 'Gi', 'T', 'Ti', 'P', 'Pi', 'E', 'Ei']) UNITS[u.toLowerCase()] = UNITS[u]!;

const BYTE_UNITS: Record<string, bigint> = { '': 1n };
for (const [i, p] of ['k', 'm', 'g', 't', 'p', 'e'].entries()) {
  BYTE_UNITS[p] = BYTE_UNITS[p + 'b'] = pow(K, i + 1);
  BYTE_UNITS[p + 'i'] = BYTE_UNITS[p + 'ib'] = pow(KI, i + 1);
}

function parseUnits(args: Value[]): Value {
  const fn = 'units.parse';
  const s = strArg(fn, args, 0).replace(/"/g, '');
  if (s.includes(' ')) throw builtinErr(fn, 'spaces not allowed in resource strings');
  const [amount, rawUnit] = splitAmount(s);
  if (amount === '') throw builtinErr(fn, 'no amount provided');
  // only the letters after the first are case-insensitive, so "m" (milli) and "M" (mega) differ
  const unit = rawUnit.length > 1 ? rawUnit[0] + rawUnit.slice(1).toLowerCase() : rawUnit;
  const mult = UNITS[unit];
  if (!mult) throw builtinErr(fn, `unknown unit ${JSON.stringify(rawUnit)}`);
  const [p, q] = parseRat(fn, amount, 'amount');
  return ratToValue([p * mult[0], q * mult[1]], false);
}

function parseBytes(args: Value[]): Value {
  const fn = 'units.parse_bytes';
  const s = strArg(fn, args, 0).toLowerCase().replace(/"/g, '');
  if (s.includes(' ')) throw builtinErr(fn, 'spaces not allowed in resource strings');
  const [amount, unit] = splitAmount(s);
  if (amount === '') throw builtinErr(fn, 'no byte amount provided');
  const mult = BYTE_UNITS[unit];
  if (mult === undefined) throw builtinErr(fn, `byte unit ${unit} not recognized`);
  const [p, q] = parseRat(fn, amount, 'byte amount');
  // OPA truncates a fractional byte count (1.1KiB = 1126)
  return ratToValue([p * mult, q], true);
}

export const builtins: readonly BuiltinDef[] = [def('units.parse', 1, parseUnits), def('units.parse_bytes', 1, parseBytes)];
