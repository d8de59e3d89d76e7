// Rego built-ins: to_number and the cast_* conversions.
import { RObject, RSet, isNumber, numberFromText, type Value } from '../value.ts';
import { arg, builtinErr, def, typeErr } from './args.ts';
import { BuiltinError, type BuiltinDef } from './types.ts';

// Go's strconv.ParseFloat syntax (decimal form; hex floats need a 'p' exponent and are rare in policy)
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;

function toNumber(args: Value[]): Value {
  const v = arg(args, 0);
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isNumber(v)) return v;
  if (typeof v === 'string') {
    if (NON_FINITE.test(v)) {
      // OPA refuses NaN and infinities: they are not JSON numbers
      throw new BuiltinError('eval_type_error', `to_number: operand 1 must be a valid number string but got ${JSON.stringify(v)}`);
    }
    if (!DECIMAL.test(v)) throw builtinErr('to_number', `strconv.ParseFloat: parsing ${JSON.stringify(v)}: invalid syntax`);
    let text = v.replace(/^\+/, '');
    text = text.replace(/^(-?)\./, '$10.').replace(/\.(?=[eE]|$)/, '');
    const x = Number(text);
    if (!Number.isFinite(x) && !/^-?\d+$/.test(text)) {
      throw builtinErr('to_number', `strconv.ParseFloat: parsing ${JSON.stringify(v)}: value out of range`);
    }
    return numberFromText(text);
  }
  throw typeErr('to_number', 1, v, 'null', 'boolean', 'number', 'string');
}

export const builtins: readonly BuiltinDef[] = [
  def('to_number', 1, toNumber),
  def('cast_array', 1, (args) => {
    const v = arg(args, 0);
    if (Array.isArray(v)) return v;
    if (v instanceof RSet) return v.sorted();
    throw typeErr('cast_array', 1, v, 'array', 'set');
  }),
  def('cast_set', 1, (args) => {
    const v = arg(args, 0);
    if (Array.isArray(v)) return new RSet(v);
    if (v instanceof RSet) return v;
    throw typeErr('cast_set', 1, v, 'array', 'set');
  }),
  def('cast_string', 1, (args) => {
    const v = arg(args, 0);
    if (typeof v === 'string') return v;
    throw typeErr('cast_string', 1, v, 'string');
  }),
  def('cast_boolean', 1, (args) => {
    const v = arg(args, 0);
    if (typeof v === 'boolean') return v;
    throw typeErr('cast_boolean', 1, v, 'boolean');
  }),
  def('cast_null', 1, (args) => {
    const v = arg(args, 0);
    if (v === null) return null;
    throw typeErr('cast_null', 1, v, 'null');
  }),
  def('cast_object', 1, (args) => {
    const v = arg(args, 0);
    if (v instanceof RObject) return v;
    throw typeErr('cast_object', 1, v, 'object');
  }),
];
