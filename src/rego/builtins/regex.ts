// Rego built-ins: the regex family (OPA's names and semantics).
import type { BuiltinDef } from './types.ts';

export const builtins: readonly BuiltinDef[] = [];
