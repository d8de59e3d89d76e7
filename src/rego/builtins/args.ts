// Argument checking shared by the built-in families: each helper returns the operand with its
// Rego type narrowed, or throws the eval_type_error OPA gives for that operand
// ("<fn>: operand <n> must be <type> but got <type>", topdown/builtins/builtins.go NewOperandTypeErr).
import { BigNum, RObject, RSet, toBigInt, typeName, type Value } from '../value.ts';
import { BuiltinError, type BuiltinDef, type BuiltinImpl } from './types.ts';

export type Num = number | BigNum;

export function def(name: string, arity: number, impl: BuiltinImpl, nondeterministic = false): BuiltinDef {
  return nondeterministic ? { name, arity, impl, nondeterministic } : { name, arity, impl };
}

/** "operand 1 must be one of {array, set} but got number" (OPA joins several expected types). */
export function typeErr(fn: string, pos: number, got: Value, ...expected: string[]): BuiltinError {
  const want = expected.length === 1 ? expected[0]! : `one of {${expected.join(', ')}}`;
  return new BuiltinError('eval_type_error', `${fn}: operand ${pos} must be ${want} but got ${typeName(got)}`);
}

/** An operand error with a free-form message, still a type error ("operand 2: element must be..."). */
export function operandMsg(fn: string, pos: number, msg: string): BuiltinError {
  return new BuiltinError('eval_type_error', `${fn}: operand ${pos} ${msg}`);
}

/** "operand 1 must be array of numbers but got array containing string" (NewOperandElementErr). */
export function elementErr(fn: string, pos: number, composite: Value, elem: Value, expected: string): BuiltinError {
  const c = typeName(composite);
  return new BuiltinError('eval_type_error', `${fn}: operand ${pos} must be ${c} of ${expected}s but got ${c} containing ${typeName(elem)}`);
}

/** A non-type failure: eval_builtin_error "<fn>: <msg>". */
export function builtinErr(fn: string, msg: string): BuiltinError {
  return new BuiltinError('eval_builtin_error', `${fn}: ${msg}`);
}

export function arg(args: Value[], i: number): Value {
  const v = args[i];
  if (v === undefined) throw new BuiltinError('eval_type_error', `missing operand ${i + 1}`);
  return v;
}

export function numArg(fn: string, args: Value[], i: number): Num {
  const v = arg(args, i);
  if (typeof v === 'number' || v instanceof BigNum) return v;
  throw typeErr(fn, i + 1, v, 'number');
}

export function strArg(fn: string, args: Value[], i: number): string {
  const v = arg(args, i);
  if (typeof v === 'string') return v;
  throw typeErr(fn, i + 1, v, 'string');
}

export function boolArg(fn: string, args: Value[], i: number): boolean {
  const v = arg(args, i);
  if (typeof v === 'boolean') return v;
  throw typeErr(fn, i + 1, v, 'boolean');
}

export function arrArg(fn: string, args: Value[], i: number): Value[] {
  const v = arg(args, i);
  if (Array.isArray(v)) return v;
  throw typeErr(fn, i + 1, v, 'array');
}

export function objArg(fn: string, args: Value[], i: number): RObject {
  const v = arg(args, i);
  if (v instanceof RObject) return v;
  throw typeErr(fn, i + 1, v, 'object');
}

export function setArg(fn: string, args: Value[], i: number): RSet {
  const v = arg(args, i);
  if (v instanceof RSet) return v;
  throw typeErr(fn, i + 1, v, 'set');
}

/** An array or a set, as a list (sets in sorted order, as OPA iterates them). */
export function collArg(fn: string, args: Value[], i: number, expected: string[] = ['set', 'array']): Value[] {
  const v = arg(args, i);
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.sorted();
  throw typeErr(fn, i + 1, v, ...expected);
}

/** An integral number as bigint: "operand 1 must be integer number but got floating-point number". */
export function intArg(fn: string, args: Value[], i: number): bigint {
  const n = numArg(fn, args, i);
  const b = toBigInt(n);
  if (b === undefined) {
    throw new BuiltinError('eval_type_error', `${fn}: operand ${i + 1} must be integer number but got floating-point number`);
  }
  return b;
}

/** An integer that fits a JS number (indexes, counts); Go's int conversion, so larger values are rejected. */
export function smallIntArg(fn: string, args: Value[], i: number): number {
  const b = intArg(fn, args, i);
  if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new BuiltinError('eval_type_error', `${fn}: operand ${i + 1} must be integer number but got floating-point number`);
  }
  return Number(b);
}

/** Strings as Go sees them: a sequence of code points (runes). */
export function runes(s: string): string[] {
  return Array.from(s);
}

const SURROGATE = /[\ud800-\udfff]/;

/** The number of runes (code points) of s, as Array.from(s).length, without building the array. */
export function runeCount(s: string): number {
  if (!SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
