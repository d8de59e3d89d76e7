// Rego built-ins: the time family (OPA's names and semantics).
import type { BuiltinDef } from './types.ts';

export const builtins: readonly BuiltinDef[] = [];
