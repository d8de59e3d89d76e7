// The limits the loader enforces on untrusted input, in one place so that docs/request-files.md, the
// messages and the tests agree. A request comes from any unit's branch: it must fail fast and clearly.

/** A request file is one change: 1 MiB is hundreds of times more than any real request needs. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** An inventory file may list a 3,000-system county (about 3 MiB of YAML); 32 MiB leaves room. */
export const MAX_INVENTORY_BYTES = 32 * 1024 * 1024;
/** Files elsewhere (fixtures, files named on the command line) get the request limit unless inventory kinds. */
export const MAX_OTHER_BYTES = MAX_INVENTORY_BYTES;
/** Deepest nesting of mappings and sequences; real documents stay below 10. */
export const MAX_DEPTH = 64;
/**
 * yaml's maxAliasCount: the product of alias uses and aliased nodes allowed while resolving (it stops
 * "billion laughs" expansion). Our documents need no aliases at all; 100 keeps honest reuse working.
 */
export const MAX_ALIAS_COUNT = 100;
