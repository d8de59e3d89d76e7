// schemas/ holds the JSON Schemas generated from the model: current, one per kind, named in each data
// file's yaml-language-server line, and accepting the sample county (checked with ajv, independently
// of zod).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkSchemas } from '../../src/cli/schemas.ts';
import { DOCUMENT_KINDS, schemaFileName } from '../../src/model/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function dataFiles(): string[] {
  const inv = readdirSync(join(ROOT, 'inventory')).map((f) => `inventory/${f}`);
  const req = readdirSync(join(ROOT, 'requests')).flatMap((u) => readdirSync(join(ROOT, 'requests', u)).map((f) => `requests/${u}/${f}`));
  return [...inv, ...req].filter((f) => f.endsWith('.yaml'));
}

describe('schemas/', () => {
  it('is current: regenerating from the model changes nothing (run npm run schemas if this fails)', async () => {
    expect(await checkSchemas(join(ROOT, 'schemas'))).toEqual({ stale: [], missing: [], extra: [] });
  });

  it('has one schema per document kind', () => {
    const files = readdirSync(join(ROOT, 'schemas')).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(DOCUMENT_KINDS.map(schemaFileName).sort());
  });

  it('is named by the first line of every data file, for the kind the file holds', () => {
    for (const rel of dataFiles()) {
      const text = readFileSync(join(ROOT, rel), 'utf8');
      const kind = (parse(text) as { kind: string }).kind;
      const prefix = rel.startsWith('requests/') ? '../../' : '../';
      expect(text.split('\n')[0], rel).toBe(`# yaml-language-server: $schema=${prefix}schemas/${schemaFileName(kind)}`);
    }
  });

  it('accepts every data file of the sample county', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    (addFormats as unknown as (a: Ajv2020) => void)(ajv);
    const compiled = new Map<string, ReturnType<Ajv2020['compile']>>();
    for (const rel of dataFiles()) {
      const doc = parse(readFileSync(join(ROOT, rel), 'utf8'), { version: '1.2', schema: 'core' }) as { kind: string };
      if (!compiled.has(doc.kind)) compiled.set(doc.kind, ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas', schemaFileName(doc.kind)), 'utf8'))));
      const validate = compiled.get(doc.kind)!;
      expect(validate(doc) ? [] : validate.errors, rel).toEqual([]);
    }
  });

  it('rejects an unknown field, as the loader does', () => {
    const ajv = new Ajv2020({ strict: false });
    const schema = JSON.parse(readFileSync(join(ROOT, 'schemas/offboarding-request.json'), 'utf8'));
    const doc = parse(readFileSync(join(ROOT, 'requests/hrss-bureau/req-2026-0701.yaml'), 'utf8'));
    expect(ajv.validate(schema, doc)).toBe(true);
    expect(ajv.validate(schema, { ...doc, aproved: true })).toBe(false);
  });
});
