// One file on its way through the loader, and where a field of it is written.
import type { Diagnostic } from '../i18n/index.ts';
import type { AnyDocument, DocumentKind, SourcePos } from '../model/index.ts';
import type { Placement } from './document.ts';
import type { ParsedYaml } from './yaml.ts';

/** One file on its way through the loader. */
export interface LoadedFile {
  readonly path: string;
  readonly placement: Placement;
  parsed?: ParsedYaml;
  kind?: DocumentKind;
  doc?: AnyDocument;
  readonly diagnostics: Diagnostic[];
}

export function posOf(f: LoadedFile, path: string): SourcePos | undefined {
  const vp = f.parsed?.valuePositions;
  if (!vp) return undefined;
  for (let p = path; ; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const hit = vp.get(p);
    if (hit) return hit;
    if (p === '') return undefined;
  }
}

