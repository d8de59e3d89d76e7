// Test helpers for the built-ins: call a built-in by OPA name with JS-ish arguments and read its
// result as OPA's JSON text, or the error it throws.
import { BUILTINS } from '../../../src/rego/builtins/index.ts';
import { BuiltinError, type BuiltinContext } from '../../../src/rego/builtins/types.ts';
import { BigNum, RObject, RSet, fromJS, numberFromText, parseJSON, toJSON, type Value } from '../../../src/rego/value.ts';

export const ctx = (): BuiltinContext => ({ timeNs: 1_700_000_000_123_456_789n, cache: new Map(), randSeed: 42 });

const asValue = (x: unknown): Value =>
  x instanceof RSet || x instanceof RObject || x instanceof BigNum ? x : Array.isArray(x) ? x.map(asValue) : fromJS(x);

/** Calls a built-in; returns its result as canonical JSON text, or "undefined". */
export function call(name: string, ...args: unknown[]): string {
  const v = callValue(name, ...args);
  return v === undefined ? 'undefined' : toJSON(v);
}

export function callValue(name: string, ...args: unknown[]): Value | undefined {
  return callValueAt(ctx().timeNs, name, ...args);
}

/** Calls a built-in in a query evaluated at the given time (nanoseconds since the epoch). */
export function callValueAt(timeNs: bigint, name: string, ...args: unknown[]): Value | undefined {
  const def = BUILTINS.get(name);
  if (!def) throw new Error(`no built-in ${name}`);
  return def.impl(args.map(asValue), { ...ctx(), timeNs });
}

export function callAt(timeNs: bigint, name: string, ...args: unknown[]): string {
  const v = callValueAt(timeNs, name, ...args);
  return v === undefined ? 'undefined' : toJSON(v);
}

/** Calls a built-in that must fail; returns "<code>: <message>". */
export function fails(name: string, ...args: unknown[]): string {
  try {
    const r = callValue(name, ...args);
    return `no error, got ${r === undefined ? 'undefined' : toJSON(r)}`;
  } catch (e) {
    if (e instanceof BuiltinError) return `${e.code}: ${e.message}`;
    throw e;
  }
}

/** Rego values written as JSON (exact numbers), or sets. */
export const j = (text: string): Value => parseJSON(text);
export const set = (...xs: unknown[]): RSet => new RSet(xs.map(asValue));
export const n = (text: string): Value => numberFromText(text);
