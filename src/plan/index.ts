// src/plan: desired state vs the last applied snapshot -> a change set, and its renderers.
export type * from './types.ts';
export { plan, fieldChanges } from './diff.ts';
export { flatten, STACKS, TYPES, TYPE_LABELS, type FlatResource, type StackName, type ResourceType } from './resources.ts';
export { renderMarkdown, renderText, renderJson, mdEscape, STACK_LABELS } from './render.ts';
export { readSnapshot, writeSnapshot, SnapshotError, SNAPSHOT_SCHEMA_VERSION, DEFAULT_SNAPSHOT_PATH, type SnapshotFile } from './snapshot.ts';
export { stableJson, sortKeys } from './json.ts';
