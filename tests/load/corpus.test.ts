// The bad-input corpus (corpus-cases.ts), written to a temporary repository at test time: every file
// is rejected with its expected code at a real position, none crashes the loader, and the repository
// is refused as a whole. Timing is measured by scripts/bench/load.ts, not here.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type LoadResult } from '../../src/load/index.ts';
import { corpusCases, writeCorpus } from './corpus-cases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let dir = '';
let result: LoadResult;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govern-corpus-'));
  await writeCorpus(ROOT, dir);
  result = await loadRepository(dir);
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('bad-input corpus', () => {
  it('has at least fifty bad files', () => {
    expect(corpusCases().length).toBeGreaterThanOrEqual(50);
  });

  it('refuses the repository as a whole when any file is bad', () => {
    expect(result.repository).toBeUndefined();
  });

  for (const c of corpusCases()) {
    it(`rejects ${c.name} with ${c.code}${c.line ? ` at ${c.line}:${c.column ?? ''}` : ''}`, () => {
      const f = result.files.find((x) => x.path === c.file);
      expect(f, c.file).toBeDefined();
      expect(f!.valid).toBe(false);
      const hit = f!.errors.find((e) => e.code === c.code);
      expect(hit, `${c.code} in ${f!.errors.map((e) => e.code).join(', ')}`).toBeDefined();
      expect(hit!.line).toBeGreaterThanOrEqual(1);
      expect(hit!.column).toBeGreaterThanOrEqual(1);
      if (c.line !== undefined) expect(hit!.line).toBe(c.line);
      if (c.column !== undefined) expect(hit!.column).toBe(c.column);
      expect(hit!.message.zh.length).toBeGreaterThan(0);
      expect(hit!.hint?.en.length).toBeGreaterThan(0);
    });
  }

  it('reports the sample request that the corpus copied as valid', () => {
    // guards against a corpus that fails only because its base is broken
    const sample = result.files.find((x) => x.path === 'requests/county-hospital/req-2026-0101.yaml');
    expect(sample?.errors.map((e) => e.code)).toEqual([]);
  });
});
