// Rego built-ins: type_name and the is_* type tests (they answer false, never undefined).
import { RObject, RSet, isNumber, typeName } from '../value.ts';
import { arg, def } from './args.ts';
import type { BuiltinDef } from './types.ts';

export const builtins: readonly BuiltinDef[] = [
  def('type_name', 1, (args) => typeName(arg(args, 0))),
  def('is_number', 1, (args) => isNumber(arg(args, 0))),
  def('is_string', 1, (args) => typeof arg(args, 0) === 'string'),
  def('is_boolean', 1, (args) => typeof arg(args, 0) === 'boolean'),
  def('is_array', 1, (args) => Array.isArray(arg(args, 0))),
  def('is_set', 1, (args) => arg(args, 0) instanceof RSet),
  def('is_object', 1, (args) => arg(args, 0) instanceof RObject),
  def('is_null', 1, (args) => arg(args, 0) === null),
];
