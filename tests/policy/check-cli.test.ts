// `govern check` as units and the pipeline use it: exit codes, the stable JSON contract, and the
// Markdown and SARIF renderings, on the sample county and on a county with a denied request.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { addFixture, AS_OF, copyCounty, removeCounty, ROOT } from './county.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['check', ...args], {
    io: { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') },
    cwd: ROOT,
    env: {},
  });
  return { code, out, err };
}

describe('govern check on the sample county', () => {
  let json: { code: number; out: string; err: string };
  beforeAll(async () => {
    json = await run(['--format', 'json', '--as-of', AS_OF]);
  });

  it('exits 0 with every request allowed', () => {
    expect(json.err).toBe('');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out) as { requests: { decision: string }[]; summary: { requests: number; allowed: number; denied: number } };
    expect(r.requests.length).toBeGreaterThanOrEqual(30);
    expect(r.requests.every((q) => q.decision === 'allow')).toBe(true);
    expect(r.summary.allowed).toBe(r.summary.requests);
    expect(r.summary.denied).toBe(0);
  });

  it('writes exactly the documented JSON shape', () => {
    const r = JSON.parse(json.out) as Record<string, unknown>;
    expect(Object.keys(r).sort()).toEqual(['requests', 'state', 'summary']);
    expect(Object.keys(r.summary as object).sort()).toEqual(['allowed', 'denied', 'requests', 'warnings']);
    expect(Object.keys(r.state as object)).toEqual(['violations']);
    const requests = r.requests as Record<string, unknown>[];
    for (const q of requests) {
      expect(Object.keys(q).sort()).toEqual(['approvals', 'decision', 'file', 'id', 'kind', 'unit', 'violations']);
      expect(q.file).toMatch(/^requests\/[a-z0-9-]+\/[^/]+\.yaml$/);
      for (const a of q.approvals as Record<string, unknown>[]) {
        expect(Object.keys(a).sort()).toEqual(['count', 'role']);
        expect(typeof a.count).toBe('number');
      }
      expect((q.approvals as { role: string }[]).map((a) => a.role)).toEqual(expect.arrayContaining(['bureau-reviewer', 'unit-security-officer']));
    }
    const warned = requests.flatMap((q) => q.violations as Record<string, unknown>[]);
    expect(warned.length).toBeGreaterThan(0);
    for (const v of warned) {
      expect(Object.keys(v).sort()).toEqual(['article', 'file', 'line', 'message', 'rule', 'severity']);
      expect(Number.isInteger(v.article)).toBe(true);
      expect(typeof v.message).toBe('string');
    }
  });

  it('asks the leading group office director for internet exits, data exchange and vendor access', () => {
    const r = JSON.parse(json.out) as { requests: { kind: string; approvals: { role: string }[] }[] };
    for (const q of r.requests) {
      const office = q.approvals.some((a) => a.role === 'leading-group-office-director');
      expect(office, q.kind).toBe(['InternetExitRequest', 'DataExchangeRequest', 'VendorAccessRequest'].includes(q.kind));
    }
  });

  it('prints Chinese text by default and English with --lang en', async () => {
    const zh = await run(['--as-of', AS_OF]);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('需要的审批：县大数据局审核人 1 人');
    expect(zh.out).toMatch(/共 \d+ 个申请：通过 \d+，拒绝 0/);
    const en = await run(['--as-of', AS_OF, '--lang', 'en', 'requests/county-hospital']);
    expect(en.out).toContain('approvals needed: bureau reviewer x1');
    expect(en.out).toMatch(/\d+ requests: \d+ allowed, 0 denied/);
    expect(en.out).not.toContain('requests/health-bureau/');
  });

  it('rejects an unknown format and a path that is not a request with exit 2', async () => {
    expect((await run(['--format', 'xml'])).code).toBe(2);
    const bad = await run(['inventory/units.yaml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('不是变更申请文件');
  });
});

describe('govern check on a county with a denied request', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = copyCounty();
    file = addFixture(dir, 'rdp-to-internet');
  });
  afterAll(() => removeCounty(dir));

  it('exits 1 and names the rule, article, file and line in JSON', async () => {
    const r = await run(['--repo', dir, '--format', 'json', '--as-of', AS_OF, `${dir}/${file}`]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out) as { requests: { file: string; decision: string; violations: { rule: string; article: number; line: number; file: string }[] }[] };
    expect(out.requests).toHaveLength(1);
    const q = out.requests[0]!;
    expect(q.decision).toBe('deny');
    expect(q.violations).toContainEqual(expect.objectContaining({ rule: 'SS-14-005', article: 18, file, line: 17 }));
  });

  it('renders a Markdown table with the denied finding', async () => {
    const r = await run(['--repo', dir, '--format', 'markdown', '--as-of', AS_OF, `${dir}/${file}`]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('## 策略检查');
    expect(r.out).toMatch(/\| ❌ \| `SS-14-005` \| 第十八条 \| `requests\/county-hospital\/rdp-to-internet\.yaml:17` \|/);
    expect(r.out).toContain('| `REQ-2026-0904`');
  });

  it('renders SARIF 2.1.0 with rules carrying help text and results carrying file and line', async () => {
    const r = await run(['--repo', dir, '--format', 'sarif', '--as-of', AS_OF, `${dir}/${file}`]);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.out) as {
      version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; help: { text: string }; defaultConfiguration: { level: string } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[];
      }[];
    };
    expect(s.version).toBe('2.1.0');
    const run0 = s.runs[0]!;
    const ids = run0.tool.driver.rules.map((x) => x.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('SS-14-005');
    for (const rule of run0.tool.driver.rules) expect(rule.help.text.length).toBeGreaterThan(0);
    const res = run0.results.find((x) => x.ruleId === 'SS-14-005')!;
    expect(res.level).toBe('error');
    expect(run0.tool.driver.rules[res.ruleIndex]!.id).toBe('SS-14-005');
    expect(res.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: file }, region: { startLine: 17, startColumn: 3 } });
  });
});

describe('govern check on an invalid county', () => {
  it('exits 1 with the positioned errors and evaluates nothing', async () => {
    const dir = copyCounty();
    try {
      writeFileSync(join(dir, 'requests', 'health-bureau', 'broken.yaml'), 'apiVersion: govern.shengsi.gov.cn/v1\nkind: PortOpeningRequest\nid: REQ-2026-0999\n');
      const r = await run(['--repo', dir, '--format', 'json', '--as-of', AS_OF]);
      expect(r.code).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toContain('requests/health-bureau/broken.yaml');
      expect(r.err).toContain('仓库校验未通过');
    } finally {
      removeCounty(dir);
    }
  });
});
