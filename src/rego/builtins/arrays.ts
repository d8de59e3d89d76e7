// Rego built-ins: array.concat, array.slice, array.reverse, array.flatten.
import { def, arrArg, intArg } from './args.ts';
import type { Value } from '../value.ts';
import type { BuiltinDef } from './types.ts';

export const builtins: readonly BuiltinDef[] = [
  def('array.concat', 2, (args) => [...arrArg('array.concat', args, 0), ...arrArg('array.concat', args, 1)]),
  def('array.slice', 3, (args) => {
    const fn = 'array.slice';
    const a = arrArg(fn, args, 0);
    const len = BigInt(a.length);
    let start = intArg(fn, args, 1);
    let stop = intArg(fn, args, 2);
    // OPA clamps both indexes into [0, len] and answers [] when they cross
    if (start < 0n) start = 0n;
    if (stop > len) stop = len;
    if (stop < start) return [];
    return a.slice(Number(start), Number(stop));
  }),
  def('array.reverse', 1, (args) => [...arrArg('array.reverse', args, 0)].reverse()),
  def('array.flatten', 1, (args) => {
    const out: Value[] = [];
    for (const x of arrArg('array.flatten', args, 0)) {
      if (Array.isArray(x)) out.push(...x);
      else out.push(x);
    }
    return out;
  }),
];
