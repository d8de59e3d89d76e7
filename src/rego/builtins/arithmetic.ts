// Rego built-ins: arithmetic operators (plus, minus, mul, div, rem) and abs/round/ceil/floor.
// `minus` is also set difference, as in OPA (topdown/arithmetic.go builtinMinus).
import { RSet, isNumber, type Value } from '../value.ts';
import { arg, def, numArg, typeErr } from './args.ts';
import * as n from './numbers.ts';
import type { BuiltinDef } from './types.ts';

function setDiff(a: RSet, b: RSet): RSet {
  const out = new RSet();
  for (const [k, v] of a.entries()) if (!b.hasKey(k)) out.add(v);
  return out;
}

function minus(args: Value[]): Value {
  const a = arg(args, 0);
  const b = arg(args, 1);
  if (isNumber(a) && isNumber(b)) return n.sub(a, b);
  if (a instanceof RSet && b instanceof RSet) return setDiff(a, b);
  if (!isNumber(a) && !(a instanceof RSet)) throw typeErr('minus', 1, a, 'number', 'set');
  if (a instanceof RSet) throw typeErr('minus', 2, b, 'set');
  throw typeErr('minus', 2, b, 'number');
}

export const builtins: readonly BuiltinDef[] = [
  def('plus', 2, (args) => n.add(numArg('plus', args, 0), numArg('plus', args, 1))),
  def('minus', 2, minus),
  def('mul', 2, (args) => n.mul(numArg('mul', args, 0), numArg('mul', args, 1))),
  def('div', 2, (args) => n.div(numArg('div', args, 0), numArg('div', args, 1))),
  def('rem', 2, (args) => n.rem(numArg('rem', args, 0), numArg('rem', args, 1))),
  def('abs', 1, (args) => n.abs(numArg('abs', args, 0))),
  def('round', 1, (args) => n.round(numArg('round', args, 0))),
  def('ceil', 1, (args) => n.ceil(numArg('ceil', args, 0))),
  def('floor', 1, (args) => n.floor(numArg('floor', args, 0))),
];

export { setDiff };
