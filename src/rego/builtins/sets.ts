// Rego built-ins: set operators (and = `&`, or = `|`), intersection, union and set_diff.
import { RSet, type Value } from '../value.ts';
import { def, elementErr, setArg } from './args.ts';
import { setDiff } from './arithmetic.ts';
import type { BuiltinDef } from './types.ts';

function intersect(a: RSet, b: RSet): RSet {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  const out = new RSet();
  for (const [k, v] of small.entries()) if (big.hasKey(k)) out.add(v);
  return out;
}

function union(a: RSet, b: RSet): RSet {
  const out = new RSet(a);
  for (const v of b) out.add(v);
  return out;
}

function setsOf(fn: string, args: Value[]): RSet[] {
  const s = setArg(fn, args, 0);
  const out: RSet[] = [];
  for (const v of s) {
    if (!(v instanceof RSet)) throw elementErr(fn, 1, s, v, 'set');
    out.push(v);
  }
  return out;
}

export const builtins: readonly BuiltinDef[] = [
  def('and', 2, (args) => intersect(setArg('and', args, 0), setArg('and', args, 1))),
  def('or', 2, (args) => union(setArg('or', args, 0), setArg('or', args, 1))),
  def('set_diff', 2, (args) => setDiff(setArg('set_diff', args, 0), setArg('set_diff', args, 1))),
  def('intersection', 1, (args) => {
    const sets = setsOf('intersection', args);
    if (sets.length === 0) return new RSet();
    return sets.reduce((acc, s) => intersect(acc, s));
  }),
  def('union', 1, (args) => setsOf('union', args).reduce((acc, s) => union(acc, s), new RSet())),
];

