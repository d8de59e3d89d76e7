// Rego built-ins: comparison operators over OPA's total order of values (any types compare).
import { compare, equal } from '../value.ts';
import { arg, def } from './args.ts';
import type { BuiltinDef } from './types.ts';

export const builtins: readonly BuiltinDef[] = [
  def('equal', 2, (args) => equal(arg(args, 0), arg(args, 1))),
  def('neq', 2, (args) => !equal(arg(args, 0), arg(args, 1))),
  def('lt', 2, (args) => compare(arg(args, 0), arg(args, 1)) < 0),
  def('lte', 2, (args) => compare(arg(args, 0), arg(args, 1)) <= 0),
  def('gt', 2, (args) => compare(arg(args, 0), arg(args, 1)) > 0),
  def('gte', 2, (args) => compare(arg(args, 0), arg(args, 1)) >= 0),
];
