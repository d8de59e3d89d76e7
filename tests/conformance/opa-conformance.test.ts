// OPA's own conformance cases (/work/shared/opa-conformance, at ../shared from the repository root)
// against the Rego engine: every case passes except those listed in known-failures.txt, and every
// listed case still fails (so the list shrinks as the engine improves).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../../src/rego/conformance.ts';
import { CASES_DIR, failingIds, readKnownFailures } from './known-failures.ts';

describe('OPA conformance suite', () => {
  it('fails exactly the cases listed in known-failures.txt', () => {
    const dir = fileURLToPath(CASES_DIR);
    expect(existsSync(dir), `conformance cases not found at ${dir}`).toBe(true);
    const report = runConformance(dir);
    const known = readKnownFailures();
    const failing = failingIds(report.results);
    const newlyFailing = [...failing.values()].filter((r) => !known.has(r.id)).map((r) => `${r.id}: ${r.reason}`);
    const ids = new Set(report.results.map((r) => r.id));
    const nowPassing = [...known].filter((id) => ids.has(id) && !failing.has(id));
    const unknown = [...known].filter((id) => !ids.has(id));
    expect(newlyFailing, 'cases that fail but are not listed').toEqual([]);
    expect(nowPassing, 'listed cases that now pass: remove them from known-failures.txt').toEqual([]);
    expect(unknown, 'listed ids that match no case').toEqual([]);
    expect(report.passed).toBeGreaterThan(1300);
  }, 120_000);
});
