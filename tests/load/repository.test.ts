// loadRepository and validatePaths over the sample county and copies of it broken one way each.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRepository, validatePaths } from '../../src/load/index.ts';
import { cleanup, copyCounty, ROOT } from './helpers.ts';

afterAll(cleanup);

async function edit(dir: string, rel: string, from: string, to: string): Promise<void> {
  const text = await readFile(join(dir, rel), 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  await writeFile(join(dir, rel), text.replace(from, to));
}

const errorsOf = (r: Awaited<ReturnType<typeof loadRepository>>, file: string): string[] =>
  r.files.find((f) => f.path === file)?.errors.map((e) => `${e.code} ${e.line}:${e.column}`) ?? [];

describe('loadRepository', () => {
  it('loads the sample county into a repository with every document', async () => {
    const r = await loadRepository(ROOT);
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual([]);
    const repo = r.repository!;
    expect(repo.units.length).toBe(14);
    expect(repo.systems.length).toBeGreaterThanOrEqual(20);
    expect(repo.requests.length).toBeGreaterThanOrEqual(30);
    expect(new Set(repo.requests.map((q) => q.doc.kind)).size).toBe(7);
    expect(repo.config.bureauUnit).toBe('big-data-center');
    expect(repo.devices.interfaceDevices.map((d) => d.id)).toContain('fw-exit-01');
    expect(repo.people.find((p) => p.id === 'pei-jiale')?.roles).toEqual(['leading-group-office-director']);
  });

  it('gives each loaded request its file and the positions of its fields', async () => {
    const r = await loadRepository(ROOT);
    const q = r.repository!.requests.find((x) => x.doc.id === 'REQ-2026-0101')!;
    expect(q.file).toBe('requests/county-hospital/req-2026-0101.yaml');
    expect(q.positions.get('ports.0.purpose')).toEqual({ line: 17, column: 5 });
  });

  it('applies the schema defaults (an account not marked shared is not shared)', async () => {
    const r = await loadRepository(ROOT);
    expect(r.repository!.accounts.every((a) => a.shared === false)).toBe(true);
  });

  it('fails closed: one invalid request and there is no repository', async () => {
    const dir = await copyCounty();
    await edit(dir, 'requests/county-hospital/req-2026-0101.yaml', '    protocol: tcp', '    protocol: tcpp');
    const r = await loadRepository(dir);
    expect(r.repository).toBeUndefined();
    expect(errorsOf(r, 'requests/county-hospital/req-2026-0101.yaml')).toEqual(['E-ENUM 16:15']);
  });

  it('reports every error of a file, not only the first', async () => {
    const dir = await copyCounty();
    const f = 'requests/county-hospital/req-2026-0101.yaml';
    await edit(dir, f, '    protocol: tcp', '    protocol: tcpp');
    await edit(dir, f, 'submitted: 2026-11-16', 'submitted: 2026-11-31');
    await edit(dir, f, '    purpose:', '    purpos:');
    const r = await loadRepository(dir);
    expect(errorsOf(r, f).sort()).toEqual(['E-DATE 8:12', 'E-ENUM 16:15', 'E-UNKNOWN-FIELD 17:5'].sort());
  });

  it('suggests the closest field name for a typo, in Chinese and English', async () => {
    const dir = await copyCounty();
    await edit(dir, 'requests/county-hospital/req-2026-0101.yaml', '    purpose:', '    purpos:');
    const r = await loadRepository(dir);
    const d = r.diagnostics.find((x) => x.code === 'E-UNKNOWN-FIELD')!;
    expect(d.hint?.zh).toContain('是否应为 purpose');
    expect(d.hint?.en).toContain('did you mean purpose');
  });

  it('checks inventory references: a unit whose security officer is not a person', async () => {
    const dir = await copyCounty();
    await edit(dir, 'inventory/units.yaml', 'securityOfficer: zhang-haibo', 'securityOfficer: zhang-haibao');
    const r = await loadRepository(dir);
    const d = r.diagnostics.find((x) => x.code === 'E-REF-PERSON')!;
    expect(`${d.file}:${d.line}:${d.column}`).toBe('inventory/units.yaml:11:22');
    expect(d.hint?.zh).toContain('zhang-haibo');
    expect(r.repository).toBeUndefined();
  });

  it('checks request references to systems, people and zones', async () => {
    const dir = await copyCounty();
    await edit(dir, 'requests/county-hospital/req-2026-0101.yaml', 'system: hospital-appointment', 'system: hospital-booking');
    const r = await loadRepository(dir);
    expect(errorsOf(r, 'requests/county-hospital/req-2026-0101.yaml')).toEqual(['E-REF-SYSTEM 19:28']);
  });

  it('merges list documents spread over several inventory files', async () => {
    const dir = await copyCounty();
    await writeFile(
      join(dir, 'inventory/people-2.yaml'),
      'apiVersion: govern.shengsi.gov.cn/v1\nkind: PersonCatalog\npeople:\n  - id: new-person\n    name: 新人\n    unit: caiyuan-town\n    roles: [staff]\n',
    );
    const r = await loadRepository(dir);
    expect(r.repository!.people.some((p) => p.id === 'new-person')).toBe(true);
  });

  it('refuses an id defined twice across files and points at the first definition', async () => {
    const dir = await copyCounty();
    await writeFile(
      join(dir, 'inventory/people-2.yaml'),
      'apiVersion: govern.shengsi.gov.cn/v1\nkind: PersonCatalog\npeople:\n  - id: xu-ming\n    name: 徐明\n    unit: caiyuan-town\n    roles: [staff]\n',
    );
    const r = await loadRepository(dir);
    const d = r.diagnostics.find((x) => x.code === 'E-DUPLICATE-ID')!;
    expect(`${d.file}:${d.line}:${d.column}`).toMatch(/^inventory\/people(-2)?\.yaml:\d+:9$/);
    expect(d.message.zh).toMatch(/xu-ming 重复，已在 inventory\/people(-2)?\.yaml:\d+:9 定义/);
  });

  it('refuses a second document of a one-of-a-kind catalogue', async () => {
    const dir = await copyCounty();
    await writeFile(join(dir, 'inventory/zz-github.yaml'), await readFile(join(dir, 'inventory/github.yaml')));
    const r = await loadRepository(dir);
    expect(errorsOf(r, 'inventory/zz-github.yaml')).toEqual(['E-DUPLICATE-DOC 4:7']);
  });

  it('reports a missing inventory document', async () => {
    const dir = await copyCounty();
    await rm(join(dir, 'inventory/policy-config.yaml'));
    const r = await loadRepository(dir);
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}`)).toEqual(['E-MISSING-DOC inventory/']);
    expect(r.diagnostics[0]!.message.zh).toContain('PolicyConfig');
  });

  it("requires a request's unit to be the folder it sits in", async () => {
    const dir = await copyCounty();
    await edit(dir, 'requests/county-hospital/req-2026-0101.yaml', 'unit: county-hospital', 'unit: health-bureau');
    const r = await loadRepository(dir);
    expect(errorsOf(r, 'requests/county-hospital/req-2026-0101.yaml')).toEqual(['E-UNIT-FOLDER 5:7']);
  });

  it('refuses an inventory kind in a request folder and a request kind in inventory/', async () => {
    const dir = await copyCounty();
    await writeFile(join(dir, 'requests/county-hospital/zones.yaml'), await readFile(join(dir, 'inventory/zones.yaml')));
    await writeFile(join(dir, 'inventory/req.yaml'), await readFile(join(dir, 'requests/county-hospital/req-2026-0101.yaml')));
    const r = await loadRepository(dir);
    expect(errorsOf(r, 'requests/county-hospital/zones.yaml')).toEqual(['E-FILE-LOCATION 5:7']);
    expect(errorsOf(r, 'inventory/req.yaml')).toEqual(['E-FILE-LOCATION 3:7']);
  });

  it('refuses YAML files one folder off: in a subfolder of inventory/ or of a unit folder, or directly in requests/', async () => {
    const dir = await copyCounty();
    await mkdir(join(dir, 'inventory/old'));
    await mkdir(join(dir, 'requests/county-hospital/drafts'));
    await writeFile(join(dir, 'inventory/old/zones.yaml'), 'a: 1\n');
    await writeFile(join(dir, 'requests/county-hospital/drafts/x.yaml'), 'a: 1\n');
    await writeFile(join(dir, 'requests/x.yaml'), 'a: 1\n');
    const r = await loadRepository(dir);
    expect(errorsOf(r, 'inventory/old/zones.yaml')).toEqual(['E-FILE-LOCATION 1:1']);
    expect(errorsOf(r, 'requests/county-hospital/drafts/x.yaml')).toEqual(['E-FILE-LOCATION 1:1']);
    expect(errorsOf(r, 'requests/x.yaml')).toEqual(['E-FILE-LOCATION 1:1']);
  });

  it('ignores files that are not YAML', async () => {
    const dir = await copyCounty();
    await writeFile(join(dir, 'requests/county-hospital/README.md'), '# notes\n');
    const r = await loadRepository(dir);
    expect(r.repository).toBeDefined();
  });
});

describe('validatePaths', () => {
  it('checks one request against the repository inventory', async () => {
    const r = await validatePaths(ROOT, ['requests/county-hospital/req-2026-0101.yaml']);
    expect(r.files.map((f) => [f.path, f.valid])).toEqual([['requests/county-hospital/req-2026-0101.yaml', true]]);
  });

  it('expands a folder to its YAML files', async () => {
    const r = await validatePaths(ROOT, ['requests/county-hospital']);
    expect(r.files.length).toBeGreaterThanOrEqual(4);
    expect(r.files.every((f) => f.valid)).toBe(true);
  });

  it('marks a request E-INVENTORY-INVALID when the inventory cannot be trusted', async () => {
    const dir = await copyCounty();
    await edit(dir, 'inventory/systems.yaml', 'hosting: unit-lan', 'hosting: basement');
    const r = await validatePaths(dir, ['requests/county-hospital/req-2026-0101.yaml']);
    expect(r.files[0]!.errors.map((e) => e.code)).toEqual(['E-INVENTORY-INVALID']);
  });

  it('reports a path that does not exist as E-READ', async () => {
    const r = await validatePaths(ROOT, ['requests/no-such-unit/x.yaml']);
    expect(r.files.map((f) => [f.path, f.valid, f.errors[0]?.code])).toEqual([['requests/no-such-unit/x.yaml', false, 'E-READ']]);
  });
});
