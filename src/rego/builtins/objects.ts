// Rego built-ins: the objects family (OPA's names and semantics).
import type { BuiltinDef } from './types.ts';

export const builtins: readonly BuiltinDef[] = [];
