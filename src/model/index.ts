// The county model: zod schemas and types for inventory documents and change requests, and the
// shape of a loaded repository. src/load fills it from YAML; everything else reads it.
import { z } from 'zod';
import {
  INVENTORY_SCHEMAS,
  type AccountT,
  type CloudCatalogT,
  type DeviceCatalogT,
  type GitHubConfigT,
  type PersonT,
  type PolicyConfigT,
  type RectificationCatalogT,
  type SystemT,
  type TerminalGroupT,
  type UnitT,
  type ZoneT,
} from './inventory.ts';
import { REQUEST_SCHEMAS, type ChangeRequest, type RequestKind } from './requests.ts';

export * from './common.ts';
export * from './inventory.ts';
export * from './requests.ts';
export * from './approvals.ts';
export * from './net.ts';

/** Every document kind and its schema. */
export const DOCUMENT_SCHEMAS = { ...INVENTORY_SCHEMAS, ...REQUEST_SCHEMAS } as const;
export type DocumentKind = keyof typeof DOCUMENT_SCHEMAS;
export const DOCUMENT_KINDS = Object.keys(DOCUMENT_SCHEMAS) as DocumentKind[];

export function isDocumentKind(k: unknown): k is DocumentKind {
  return typeof k === 'string' && Object.prototype.hasOwnProperty.call(DOCUMENT_SCHEMAS, k);
}

export function isRequestKind(k: unknown): k is RequestKind {
  return typeof k === 'string' && Object.prototype.hasOwnProperty.call(REQUEST_SCHEMAS, k);
}

/** A position in a source file (1-based). */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
}

/** A change request as loaded: the document, its file (relative to the repository root) and positions. */
export interface LoadedRequest {
  readonly doc: ChangeRequest;
  /** Path relative to the repository root, with forward slashes: requests/<unit>/<file>.yaml */
  readonly file: string;
  /** Position of a field by its path joined with '.', e.g. "ports.0.purpose"; "" is the document. */
  readonly positions: ReadonlyMap<string, SourcePos>;
}

/** The whole county as the repository describes it. */
export interface Repository {
  readonly root: string;
  readonly zones: readonly ZoneT[];
  readonly units: readonly UnitT[];
  readonly people: readonly PersonT[];
  readonly accounts: readonly AccountT[];
  readonly systems: readonly SystemT[];
  readonly terminalGroups: readonly TerminalGroupT[];
  readonly cloud: CloudCatalogT;
  readonly devices: DeviceCatalogT;
  readonly rectification: RectificationCatalogT['notices'];
  readonly config: PolicyConfigT;
  readonly github: GitHubConfigT;
  readonly requests: readonly LoadedRequest[];
}

export type { ChangeRequest, RequestKind };
export type AnyDocument = z.infer<(typeof DOCUMENT_SCHEMAS)[DocumentKind]>;
