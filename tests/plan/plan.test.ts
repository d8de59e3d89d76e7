import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { desiredState } from '../../src/desired/index.ts';
import { loadRepository } from '../../src/load/index.ts';
import {
  mdEscape,
  plan,
  readSnapshot,
  renderJson,
  renderMarkdown,
  renderText,
  SnapshotError,
  writeSnapshot,
  type ResourceChange,
} from '../../src/plan/index.ts';
import { county, REQUESTS } from '../desired/county.ts';
import { matchGolden, REPO_ROOT, SAMPLE_AS_OF } from './golden.ts';

const AS_OF = '2026-11-25';
const req = (id: string): unknown => structuredClone(REQUESTS[id]);
const find = (changes: readonly ResourceChange[], type: string, name: string) => changes.find((c) => c.type === type && c.name === name);

describe('plan: the diff', () => {
  it('makes everything an add when nothing was applied, with the requests behind each resource', () => {
    const p = plan(desiredState(county(), AS_OF));
    expect(p.summary.change + p.summary.remove).toBe(0);
    expect(p.summary.add).toBe(p.changes.length);
    const policy = find(p.changes, 'firewall.policy', 'req-2026-0012-p1');
    expect(policy?.requests).toEqual(['REQ-2026-0012']);
    expect(policy?.stack).toBe('extranet-edge');
    expect(policy?.fields.find((f) => f.path === 'validUntil')).toEqual({ path: 'validUntil', after: '2026-12-31' });
  });

  it('is empty when the desired state equals the applied one', () => {
    const d = desiredState(county(), AS_OF);
    expect(plan(d, d)).toEqual({ asOf: AS_OF, againstAsOf: AS_OF, changes: [], summary: { add: 0, change: 0, remove: 0 } });
  });

  it('removes an expired opening the day after validUntil, naming its request', () => {
    const before = desiredState(county(), '2026-11-30');
    const p = plan(desiredState(county(), '2026-12-01'), before);
    expect(p.changes.map((c) => [c.action, c.type, c.name, c.requests])).toEqual([
      ['remove', 'firewall.policy', 'req-2026-0013-p1', ['REQ-2026-0013']],
      ['remove', 'firewall.addressObject', 'src-req-2026-0013-p1', ['REQ-2026-0013']],
      ['remove', 'firewall.serviceObject', 'svc-tcp-9000-9001', ['REQ-2026-0013']],
    ]);
    expect(p.summary).toEqual({ add: 0, change: 0, remove: 3 });
  });

  it('reports only the fields that change, with before and after, and the requests of both sides', () => {
    const before = desiredState(county(), AS_OF);
    const r = req('REQ-2026-0012') as { ports: { validUntil?: string; port: number }[] };
    r.ports[0]!.validUntil = '2027-06-30';
    r.ports[0]!.port = 8443;
    const after = desiredState(county([r, ...['REQ-2026-0013', 'REQ-2026-0020', 'REQ-2026-0021', 'REQ-2026-0030', 'REQ-2026-0031'].map(req)]), AS_OF);
    const p = plan(after, before);
    expect(find(p.changes, 'firewall.policy', 'req-2026-0012-p1')).toMatchObject({
      action: 'change',
      requests: ['REQ-2026-0012'],
      fields: [
        { path: 'services', before: ['svc-tcp-443'], after: ['svc-tcp-8443'] },
        { path: 'validUntil', before: '2026-12-31', after: '2027-06-30' },
      ],
    });
    expect(find(p.changes, 'firewall.nat', 'nat-req-2026-0012-p1')?.fields).toEqual([
      { path: 'privatePort', before: 443, after: 8443 },
      { path: 'publicPort', before: 443, after: 8443 },
      { path: 'validUntil', before: '2026-12-31', after: '2027-06-30' },
    ]);
    // svc-tcp-443 is still used by nothing on the firewall: removed; svc-tcp-8443 stays (shared with p2).
    expect(find(p.changes, 'firewall.serviceObject', 'svc-tcp-443')?.action).toBe('remove');
  });

  it('compares nested fields by dotted path', () => {
    const before = desiredState(county(), AS_OF);
    const r = req('REQ-2026-0020') as { securityGroupRules: { port: number }[] };
    r.securityGroupRules[0]!.port = 8443;
    const others = ['REQ-2026-0012', 'REQ-2026-0013', 'REQ-2026-0021', 'REQ-2026-0030', 'REQ-2026-0031'].map(req);
    const p = plan(desiredState(county([r, ...others]), AS_OF), before);
    expect(find(p.changes, 'cloud.securityGroupRule', 'req-2026-0020-r1-59-202-0-0-16')?.fields).toEqual([
      { path: 'ports.from', before: 443, after: 8443 },
      { path: 'ports.to', before: 443, after: 8443 },
    ]);
  });

  it('does not call a change in provenance alone a change to the device', () => {
    const before = desiredState(county(), AS_OF);
    const twin = { ...(req('REQ-2026-0013') as object), id: 'REQ-2026-0014' };
    const after = desiredState(county([...Object.values(REQUESTS), twin]), AS_OF);
    const p = plan(after, before);
    // The shared destination object gains a request but holds the same prefix: no change listed.
    expect(find(p.changes, 'firewall.addressObject', 'dst-health-appointment-10-72-3-15')).toBeUndefined();
    expect(p.changes.filter((c) => c.action === 'add').map((c) => c.name)).toEqual(['req-2026-0014-p1', 'src-req-2026-0014-p1']);
  });
});

describe('plan: renderers', () => {
  const p = plan(desiredState(county(), '2026-12-01'), desiredState(county(), '2026-11-30'));

  it('says in Chinese what a removed opening let through, to whom, on which port, and why', () => {
    const md = renderMarkdown(p);
    expect(md).toContain('### 互联网出口防火墙 `extranet-edge`');
    expect(md).toContain('**删除（3）**');
    expect(md).toContain(
      '- 安全策略 `req-2026-0013-p1` — 放行 extranet-public 59.202.40.8/29 → health-lan 10.72.3.15/32，TCP 9000-9001，至 2026-11-30 止；用途：市卫健委核对预约数据接口 〔REQ-2026-0013〕',
    );
  });

  it('puts what opens to the whole internet first, and nothing else there', () => {
    const md = renderMarkdown(plan(desiredState(county(), AS_OF)));
    const box = md.split('\n').filter((l) => l.startsWith('> - '));
    expect(box).toEqual([
      '> - 新增 安全策略 `req-2026-0012-p1` 〔REQ-2026-0012〕',
      '> - 新增 目的地址转换 `nat-req-2026-0012-p1` 〔REQ-2026-0012〕',
      '> - 新增 安全组规则 `req-2026-0021-p1-0-0-0-0-0` 〔REQ-2026-0021〕',
      '> - 新增 NAT 端口转发 `nat-req-2026-0021-p1` 〔REQ-2026-0021〕',
    ]);
    expect(md.indexOf('需重点审查')).toBeLessThan(md.indexOf('### '));
    expect(renderMarkdown(plan(desiredState(county(), AS_OF)), 'en')).toContain('> **Review closely: open to the whole internet (4)**');
  });

  it('renders English with lang en', () => {
    const md = renderMarkdown(p, 'en');
    expect(md).toContain('**Remove (3)**');
    expect(md).toContain('purpose: 市卫健委核对预约数据接口 [REQ-2026-0013]');
  });

  it('lists the changed fields under a change', () => {
    const r = req('REQ-2026-0012') as { ports: { validUntil?: string }[] };
    r.ports[0]!.validUntil = '2027-06-30';
    const changed = plan(desiredState(county([r]), AS_OF), desiredState(county([req('REQ-2026-0012')]), AS_OF));
    expect(renderMarkdown(changed)).toContain('  - `validUntil: 2026-12-31 → 2027-06-30`');
    expect(renderText(changed, 'en')).toContain('  ~ firewall.policy req-2026-0012-p1 [REQ-2026-0012]');
  });

  it('neutralises markdown and HTML carried by request text', () => {
    expect(mdEscape('<img src=x> **bold** [x](y)')).toBe('&lt;img src=x&gt; \\*\\*bold\\*\\* \\[x\\](y)');
  });

  it('emits the Plan as JSON with sorted keys', () => {
    const json = renderJson(p);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(p)));
    expect(json.indexOf('"action"')).toBeLessThan(json.indexOf('"fields"'));
  });
});

describe('plan: the applied snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'govern-snapshot-'));

  it('reads back what it wrote, as JSON with sorted keys and a schema version', async () => {
    const file = join(dir, 'state', 'applied.json');
    const d = desiredState(county(), AS_OF);
    await writeSnapshot(file, d);
    expect(await readSnapshot(file)).toEqual(JSON.parse(JSON.stringify(d)));
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('{\n  "kind": "AppliedSnapshot",\n  "schemaVersion": 1,\n  "state": {\n    "access"')).toBe(true);
  });

  it('treats a missing snapshot as nothing applied', async () => {
    expect(await readSnapshot(join(dir, 'none.json'))).toBeUndefined();
  });

  it('refuses a snapshot of another schema version, invalid JSON, or a damaged shape', async () => {
    const cases: [string, string][] = [
      ['E-SNAPSHOT-VERSION', JSON.stringify({ kind: 'AppliedSnapshot', schemaVersion: 99, state: {} })],
      ['E-SNAPSHOT-JSON', '{"kind":'],
      ['E-SNAPSHOT-SHAPE', JSON.stringify({ kind: 'AppliedSnapshot', schemaVersion: 1, state: { asOf: '2026-11-25', firewall: { device: 'x' }, cloud: { region: 'r', endpoints: {} }, access: { accounts: [] } } })],
    ];
    for (const [code, text] of cases) {
      const file = join(dir, `${code}.json`);
      writeFileSync(file, text);
      const e = await readSnapshot(file).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SnapshotError);
      expect((e as SnapshotError).code).toBe(code);
    }
  });
});

describe('govern plan on the sample county', () => {
  async function govern(argv: string[]) {
    let out = '';
    let err = '';
    const code = await main(argv, {
      cwd: REPO_ROOT,
      io: { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') },
      env: {},
      now: () => new Date('2026-12-15T02:00:00Z'),
    });
    return { code, out, err };
  }

  it('renders a plan a reviewer can read (golden file)', async () => {
    const loaded = await loadRepository(REPO_ROOT);
    expect(loaded.diagnostics).toEqual([]);
    const p = plan(desiredState(loaded.repository!, SAMPLE_AS_OF));
    expect(p.summary.add).toBeGreaterThan(0);
    matchGolden('plan-sample.md', renderMarkdown(p, 'zh'));
    matchGolden('plan-sample.en.md', renderMarkdown(p, 'en'));
  });

  it('prints the same plan from the command line against an empty snapshot, and exits 0', async () => {
    const none = join(mkdtempSync(join(tmpdir(), 'govern-plan-')), 'applied.json');
    const r = await govern(['plan', '--format', 'markdown', '--as-of', SAMPLE_AS_OF, '--against', none]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(REPO_ROOT, 'tests/golden/plan-sample.md'), 'utf8') + '\n');
  });

  it('prints the Plan JSON contract with --format json', async () => {
    const none = join(mkdtempSync(join(tmpdir(), 'govern-plan-')), 'applied.json');
    const r = await govern(['plan', '--format', 'json', '--as-of', SAMPLE_AS_OF, '--against', none]);
    const p = JSON.parse(r.out) as { summary: { add: number }; changes: unknown[] };
    expect(r.code).toBe(0);
    expect(p.summary.add).toBe(p.changes.length);
  });

  it('exits 1 with every positioned error when the repository is invalid', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'govern-empty-'));
    const r = await govern(['plan', '--repo', empty]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('仓库校验未通过');
  });

  it('exits 1 naming the file when the snapshot cannot be trusted', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'govern-plan-')), 'applied.json');
    writeFileSync(bad, 'not json');
    const r = await govern(['plan', '--against', bad, '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`E-SNAPSHOT-JSON ${bad}: the applied state is not valid JSON`);
  });

  it('rejects an unknown format as a usage error', async () => {
    const r = await govern(['plan', '--format', 'yaml']);
    expect(r.code).toBe(2);
  });
});
