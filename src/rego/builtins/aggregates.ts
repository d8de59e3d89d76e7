// Rego built-ins: aggregates over collections (count, sum, product, max, min, sort, all, any).
import { RObject, RSet, compare, isNumber, type Value } from '../value.ts';
import { arg, collArg, def, elementErr, runeCount, typeErr, type Num } from './args.ts';
import { add, mul } from './numbers.ts';
import type { BuiltinDef } from './types.ts';

function numbersOf(fn: string, args: Value[]): Num[] {
  const v = arg(args, 0);
  const items = collArg(fn, args, 0);
  return items.map((x) => {
    if (!isNumber(x)) throw elementErr(fn, 1, v, x, 'number');
    return x;
  });
}

function extreme(fn: string, args: Value[], sign: 1 | -1): Value | undefined {
  const items = collArg(fn, args, 0, ['array', 'set']);
  let best: Value | undefined;
  for (const x of items) if (best === undefined || compare(x, best) * sign > 0) best = x;
  return best;
}

export const builtins: readonly BuiltinDef[] = [
  def('count', 1, (args) => {
    const v = arg(args, 0);
    if (Array.isArray(v)) return v.length;
    if (v instanceof RSet || v instanceof RObject) return v.size;
    // Go counts runes (code points), not UTF-16 units
    if (typeof v === 'string') return runeCount(v);
    throw typeErr('count', 1, v, 'array', 'object', 'set', 'string');
  }),
  def('sum', 1, (args) => numbersOf('sum', args).reduce<Num>((acc, x) => add(acc, x), 0)),
  def('product', 1, (args) => numbersOf('product', args).reduce<Num>((acc, x) => mul(acc, x), 1)),
  def('max', 1, (args) => extreme('max', args, 1)),
  def('min', 1, (args) => extreme('min', args, -1)),
  def('sort', 1, (args) => [...collArg('sort', args, 0, ['array', 'set'])].sort(compare)),
  def('all', 1, (args) => collArg('all', args, 0, ['array', 'set']).every((x) => x === true)),
  def('any', 1, (args) => collArg('any', args, 0, ['array', 'set']).some((x) => x === true)),
];
