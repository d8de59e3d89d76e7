// JSON Schemas of every document kind, generated from the zod model, so that editors (through the
// `# yaml-language-server: $schema=` line of each file) complete and check fields as people type.
// Custom checks (dates, CIDRs, port ranges) are not expressible in JSON Schema: `govern validate` has
// the last word.
import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_SCHEMAS } from './index.ts';
import { schemaFileName } from './requests.ts';

/** File name -> JSON text (2-space indented, trailing newline), in kind order. */
export function jsonSchemaFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of DOCUMENT_KINDS) {
    const schema = z.toJSONSchema(DOCUMENT_SCHEMAS[kind] as unknown as z.ZodType, {
      target: 'draft-2020-12',
      // what people write: fields with defaults are optional
      io: 'input',
      unrepresentable: 'any',
    });
    out.set(schemaFileName(kind), JSON.stringify(schema, null, 2) + '\n');
  }
  return out;
}
