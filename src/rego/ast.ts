// The Rego abstract syntax tree produced by the parser and annotated in place by the compiler
// (variable slots, resolved references, reordered bodies).
import type { Value } from './value.ts';

export interface Loc {
  readonly file: string;
  readonly row: number;
  readonly col: number;
}

/**
 * A term of the program. A collection literal made only of scalars and such literals
 * (`["port"]`, `{"zh": "…", "en": "…"}`) has `constant` true and its value in `ground`, set by
 * the evaluator on first use: one value shared by every evaluation (values are immutable). An
 * object literal whose keys are distinct string constants has `strKeys` true (also set on first
 * use): its entries are placed without a search per key.
 */
export type Term =
  | { type: 'scalar'; value: Value; loc: Loc }
  | { type: 'var'; name: string; loc: Loc; slot?: number; wild?: boolean }
  | { type: 'ref'; head: Term; path: Term[]; loc: Loc }
  | { type: 'array'; items: Term[]; loc: Loc; ground?: Value; constant?: boolean }
  | { type: 'set'; items: Term[]; loc: Loc; ground?: Value; constant?: boolean }
  | { type: 'object'; items: [Term, Term][]; loc: Loc; ground?: Value; constant?: boolean; strKeys?: boolean }
  | { type: 'call'; name: string; args: Term[]; loc: Loc; op?: boolean; target?: CallTarget }
  | { type: 'arraycomp'; head: Term; body: Expr[]; loc: Loc }
  | { type: 'setcomp'; head: Term; body: Expr[]; loc: Loc }
  | { type: 'objcomp'; key: Term; value: Term; body: Expr[]; loc: Loc }
  | { type: 'template'; parts: (string | Term)[]; loc: Loc };

/** What a call resolves to (set by the compiler). */
export type CallTarget =
  | { kind: 'builtin'; name: string; arity: number }
  | { kind: 'func'; name: string; path: string[]; arity: number; node: object }
  | { kind: 'special'; name: string; arity: number; value?: Value };

export interface With {
  target: Term;
  value: Term;
  loc: Loc;
  /** Set by the compiler: what the target replaces. */
  kind?: 'input' | 'data' | 'func';
  path?: string[];
  fnKey?: string;
  /** For a function target: the replacement function, when the value names one. */
  fnTarget?: CallTarget;
}

export type ExprBody =
  | { type: 'term'; term: Term }
  | { type: 'unify'; lhs: Term; rhs: Term }
  | { type: 'assign'; lhs: Term; rhs: Term }
  | { type: 'some'; vars: Term[] }
  | { type: 'somein'; key?: Term; value: Term; domain: Term }
  | { type: 'every'; key?: Term; value: Term; domain: Term; body: Expr[] }
  /** Experimental `and` / `or` keywords and `{ ... }` expression bodies: true when the operands succeed. */
  | { type: 'logic'; op: 'and' | 'or'; operands: Expr[][] };

export type Expr = ExprBody & { negated: boolean; with: With[]; loc: Loc; text?: string };

export interface Annotation {
  scope: string;
  title?: string;
  description?: string;
  entrypoint?: boolean;
  custom?: Record<string, unknown>;
  /** Every field as written (YAML), for rego.metadata.* and callers reading custom fields. */
  raw: Record<string, unknown>;
  loc: Loc;
}

export interface ElseClause {
  value?: Term;
  body: Expr[];
  loc: Loc;
}

export interface Rule {
  /** Head reference: first element a var name, then terms (strings for .x). */
  ref: Term[];
  args?: Term[];
  kind: 'complete' | 'set' | 'func';
  /** complete: the value (true when omitted); set: the member. */
  value?: Term;
  isDefault: boolean;
  assign: boolean;
  body: Expr[];
  elses: ElseClause[];
  annotations: Annotation[];
  loc: Loc;
  module: Module;
  /** Set by the parser when the body was written (not the implicit `true`). */
  hasBody: boolean;
}

export interface Import {
  path: Term; // a ref term
  alias?: string;
  loc: Loc;
}

export interface Module {
  file: string;
  pkg: string[];
  pkgLoc: Loc;
  imports: Import[];
  rules: Rule[];
  annotations: Annotation[];
  text: string;
}
