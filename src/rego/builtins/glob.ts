// Rego built-ins: the glob family (OPA's names and semantics).
import type { BuiltinDef } from './types.ts';

export const builtins: readonly BuiltinDef[] = [];
