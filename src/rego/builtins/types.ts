// The contract between the evaluator and the built-in functions.
// A built-in receives evaluated (ground) arguments and returns a value, or undefined when the call
// is undefined (no result). Errors are thrown as BuiltinError; the evaluator decides, as OPA does,
// whether an error halts evaluation (strict mode, type errors) or makes the expression undefined.
import { RObject, RSet, type Value } from '../value.ts';

export interface BuiltinContext {
  /** Evaluation time, nanoseconds since the Unix epoch, fixed for one query (time.now_ns). */
  readonly timeNs: bigint;
  /** Per-query cache for built-ins that memoise (compiled regexes, parsed CIDRs...). */
  readonly cache: Map<string, unknown>;
  /** Sink for print(); undefined means print output is discarded. */
  readonly print?: (line: string) => void;
  /** Seeded per query so rand.intn is repeatable within one query (as OPA caches it). */
  readonly randSeed?: number;
}

export type BuiltinImpl = (args: Value[], ctx: BuiltinContext) => Value | undefined;

export interface BuiltinDef {
  /** Dotted name as OPA spells it, e.g. "net.cidr_contains", or an operator's name, e.g. "plus". */
  readonly name: string;
  /** Number of arguments (the output is not counted). */
  readonly arity: number;
  readonly impl: BuiltinImpl;
  /** Results vary between calls with the same arguments (time.now_ns, rand.intn, http.send...). */
  readonly nondeterministic?: boolean;
}

export type BuiltinErrorCode = 'eval_type_error' | 'eval_builtin_error';

export class BuiltinError extends Error {
  constructor(
    readonly code: BuiltinErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BuiltinError';
  }
}

/** OPA's message for a wrong operand type: "operand 1 must be number but got string". */
export function operandError(fn: string, pos: number, expected: string, got: Value): BuiltinError {
  return new BuiltinError('eval_type_error', `${fn}: operand ${pos} must be ${expected} but got ${typeNameOf(got)}`);
}

function typeNameOf(v: Value): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof RSet) return 'set';
  if (v instanceof RObject) return 'object';
  if (typeof v === 'object') return 'number';
  return typeof v;
}
