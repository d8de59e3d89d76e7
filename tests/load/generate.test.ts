// The synthetic county generator: deterministic, and valid by construction.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCounty } from '../../src/load/generate.ts';
import { loadRepository } from '../../src/load/index.ts';
import { main } from '../../scripts/gen.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'govern-gen-'));
  dirs.push(d);
  return d;
}

describe('generateCounty', () => {
  it('writes a county that loads without a single error, with every request kind', async () => {
    const out = await tmp();
    const s = await generateCounty({ units: 12, systems: 40, rules: 95, seed: 7, out });
    expect(s).toMatchObject({ units: 12, systems: 40, rules: 95 });
    const r = await loadRepository(out);
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual([]);
    const repo = r.repository!;
    expect(repo.units.length).toBe(12);
    expect(repo.systems.length).toBe(40);
    const rules = repo.requests.flatMap((q) => (q.doc.kind === 'PortOpeningRequest' ? q.doc.ports : []));
    expect(rules.length).toBe(95);
    expect(new Set(repo.requests.map((q) => q.doc.kind)).size).toBe(7);
  });

  it('gives every port its own purpose, a bounded validity and a restricted source unless it is public web on 443', async () => {
    const out = await tmp();
    await generateCounty({ units: 5, systems: 30, rules: 60, seed: 2, out });
    const repo = (await loadRepository(out)).repository!;
    for (const q of repo.requests) {
      if (q.doc.kind !== 'PortOpeningRequest') continue;
      expect(q.doc.securityOfficerSignoff).toBeDefined();
      for (const p of q.doc.ports) {
        expect(p.purpose?.length).toBeGreaterThanOrEqual(8);
        expect(p.validUntil).toBeDefined();
        if (p.source.cidrs.includes('0.0.0.0/0')) {
          expect(p.port).toBe(443);
          expect(p.publicAddress).toBeDefined();
        }
      }
    }
  });

  it('writes the same bytes for the same seed and different ones for another seed', async () => {
    const [a, b, c] = [await tmp(), await tmp(), await tmp()];
    await generateCounty({ units: 4, systems: 10, rules: 20, seed: 5, out: a });
    await generateCounty({ units: 4, systems: 10, rules: 20, seed: 5, out: b });
    await generateCounty({ units: 4, systems: 10, rules: 20, seed: 6, out: c });
    const sys = (d: string): Promise<string> => readFile(join(d, 'inventory/systems.yaml'), 'utf8');
    expect(await sys(a)).toBe(await sys(b));
    expect(await sys(a)).not.toBe(await sys(c));
  });

  it('is run by npm run gen with its options, and refuses a missing --out with exit 2', async () => {
    const out = await tmp();
    expect(await main(['--units', '3', '--systems', '5', '--rules', '7', '--seed', '1', '--out', out])).toBe(0);
    expect((await loadRepository(out)).repository?.systems.length).toBe(5);
    expect(await main(['--units', '3'])).toBe(2);
  });
});
