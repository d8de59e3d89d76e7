// Errors of the Rego engine, with OPA's error codes and source locations.
import type { Loc } from './ast.ts';

export type RegoErrorCode =
  | 'rego_parse_error'
  | 'rego_compile_error'
  | 'rego_unsafe_var_error'
  | 'rego_recursion_error'
  | 'rego_type_error'
  | 'eval_type_error'
  | 'eval_conflict_error'
  | 'eval_builtin_error'
  | 'eval_cancel_error';

export interface RegoErrorDetail {
  code: RegoErrorCode;
  message: string;
  location?: Loc;
}

export class RegoError extends Error {
  readonly code: RegoErrorCode;
  readonly location?: Loc;
  /** All errors when several were found (compile errors are collected); the first is this one. */
  readonly errors: RegoErrorDetail[];
  constructor(code: RegoErrorCode, message: string, location?: Loc, more?: RegoErrorDetail[]) {
    // OPA's format: file:row: code: message
    const where = location ? `${location.file}:${location.row}: ` : '';
    super(`${where}${code}: ${message}`);
    this.name = 'RegoError';
    this.code = code;
    this.location = location;
    this.errors = more && more.length > 0 ? more : [{ code, message, location }];
    this.rawMessage = message;
  }
  /** The message without location and code. */
  readonly rawMessage: string;

  static collect(errs: RegoErrorDetail[]): RegoError {
    const first = errs[0]!;
    return new RegoError(first.code, first.message, first.location, errs);
  }
}
