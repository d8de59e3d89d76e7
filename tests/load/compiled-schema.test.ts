// checkDocument validates with the schemas compiled by zod (z.compile). The compiled parser must give
// what the plain schema gives: the same document for valid input, the same issues for invalid input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { compiledSchema } from '../../src/load/document.ts';
import { parseYamlFile } from '../../src/load/index.ts';
import { DOCUMENT_SCHEMAS, isDocumentKind } from '../../src/model/index.ts';
import { yamlFiles } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** Documents of the sample county and the fixtures, by kind. */
function documents(): { kind: keyof typeof DOCUMENT_SCHEMAS; value: unknown }[] {
  const out: { kind: keyof typeof DOCUMENT_SCHEMAS; value: unknown }[] = [];
  for (const f of ['inventory', 'requests', 'tests/fixtures'].flatMap((d) => yamlFiles(join(ROOT, d)))) {
    const v = parseYamlFile(f, readFileSync(f), { maxBytes: 32 << 20 }).value as { kind?: unknown } | undefined;
    if (v && typeof v === 'object' && isDocumentKind(v.kind)) out.push({ kind: v.kind, value: v });
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  null, 0, -1, 1.5, 70000, 443, '', '   ', ' padded text ', 'abc', 'Bad_Id', '2026-02-30', '2024-02-29', '10.0.0.1/8', '10.0.0.0/8',
  '::1', '8000-8010', '9-3', 'any', 'tcp', 'REQ-2026-0001', [], [1], ['a'], {}, { x: 1 }, true, false,
];

/** Every path of a value: [] for the root, then keys and indexes. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

/** A copy of `v` with the value at `path` replaced, deleted (undefined), or given an unknown sibling. */
function mutate(v: unknown, path: (string | number)[], to: unknown, op: 'set' | 'delete' | 'extra'): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  if (path.length === 0) return op === 'extra' ? { ...copy, unknownField: 1 } : copy;
  let parent = copy;
  for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op === 'extra') {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>).unknownField = to;
  } else parent[last] = to;
  return copy;
}

const outcome = (schema: z.ZodType, v: unknown): string => {
  const r = schema.safeParse(v);
  return r.success ? `ok ${JSON.stringify(r.data)}` : `issues ${JSON.stringify(r.error.issues)}`;
};

describe('the compiled schemas', () => {
  it('give the plain schemas’ documents and issues, for the sample county and for mutated documents', () => {
    const docs = documents();
    expect(docs.length).toBeGreaterThan(40);
    let seed = 1;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let valid = 0;
    let invalid = 0;
    for (const { kind, value } of docs) {
      const plain = DOCUMENT_SCHEMAS[kind] as unknown as z.ZodType;
      const compiled = compiledSchema(kind);
      const cases = [value];
      const all = paths(value);
      for (let i = 0; i < 40; i++) {
        const op = (['set', 'set', 'delete', 'extra'] as const)[next(4)]!;
        cases.push(mutate(value, all[next(all.length)]!, REPLACEMENTS[next(REPLACEMENTS.length)], op));
      }
      for (const c of cases) {
        const want = outcome(plain, c);
        expect(outcome(compiled, c), kind).toBe(want);
        if (want.startsWith('ok')) valid++;
        else invalid++;
      }
    }
    // both outcomes are compared many times, or the comparison proves little
    expect(valid).toBeGreaterThan(200);
    expect(invalid).toBeGreaterThan(500);
  });
});
