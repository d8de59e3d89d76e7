// src/desired: approved, unexpired requests + inventory -> the desired state (types.ts), with provenance.
export type * from './types.ts';
export { desiredState, inForce, compareText, slug } from './derive.ts';
export { DesiredStateError } from './errors.ts';
export { instanceTypeOf } from './sizing.ts';
