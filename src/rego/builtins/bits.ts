// Rego built-ins: bits.* on arbitrary-size integers (OPA uses big.Int, so nothing overflows).
import { num } from '../value.ts';
import { def, intArg, operandMsg } from './args.ts';
import type { BuiltinDef } from './types.ts';

function shift(fn: string, args: Parameters<typeof intArg>[1]): [bigint, bigint] {
  const a = intArg(fn, args, 0);
  const b = intArg(fn, args, 1);
  if (b < 0n) throw operandMsg(fn, 2, 'must be an unsigned integer number but got a negative integer');
  return [a, b];
}

export const builtins: readonly BuiltinDef[] = [
  def('bits.and', 2, (args) => num(intArg('bits.and', args, 0) & intArg('bits.and', args, 1))),
  def('bits.or', 2, (args) => num(intArg('bits.or', args, 0) | intArg('bits.or', args, 1))),
  def('bits.xor', 2, (args) => num(intArg('bits.xor', args, 0) ^ intArg('bits.xor', args, 1))),
  def('bits.negate', 1, (args) => num(~intArg('bits.negate', args, 0))),
  def('bits.lsh', 2, (args) => {
    const [a, b] = shift('bits.lsh', args);
    return num(a << b);
  }),
  def('bits.rsh', 2, (args) => {
    const [a, b] = shift('bits.rsh', args);
    return num(a >> b);
  }),
];
