// Requests a bureau reviewer would deny are denied by the right rule and article; requests they
// would approve, and the sample county itself, are allowed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository, type CheckResult } from '../../src/policy/index.ts';
import { addFixture, AS_OF, copyCounty, item, loadCounty, patchInventory, policiesFor, removeCounty } from './county.ts';

/** Fixtures denied on their own: the request itself breaks the Measures. */
const DENIED: readonly { fixture: string; rule: string; article: number }[] = [
  { fixture: 'secret-data', rule: 'SS-06-001', article: 6 },
  { fixture: 'missing-purpose', rule: 'SS-14-001', article: 14 },
  { fixture: 'rdp-to-internet', rule: 'SS-14-005', article: 18 },
  { fixture: 'any-source-8080', rule: 'SS-14-006', article: 18 },
  { fixture: 'any-port', rule: 'SS-14-002', article: 14 },
  { fixture: 'mysql-to-internet', rule: 'SS-14-003', article: 14 },
  { fixture: 'no-end-date', rule: 'SS-14-007', article: 14 },
  { fixture: 'no-rollback-plan', rule: 'SS-24-001', article: 24 },
  { fixture: 'no-officer-signoff', rule: 'SS-19-001', article: 19 },
  { fixture: 'other-units-system', rule: 'SS-05-002', article: 5 },
  { fixture: 'vendor-without-project-approval', rule: 'SS-21-001', article: 21 },
  { fixture: 'exchange-without-isolation', rule: 'SS-12-001', article: 12 },
  { fixture: 'ferry-by-bureau', rule: 'SS-12-002', article: 12 },
  { fixture: 'exit-without-bureau-approval', rule: 'SS-09-001', article: 9 },
  { fixture: 'access-without-assessment', rule: 'SS-10-001', article: 10 },
  { fixture: 'interface-device-by-unit', rule: 'SS-11-001', article: 11 },
  { fixture: 'unapproved-software', rule: 'SS-17-001', article: 17 },
  { fixture: 'offboarding-leaves-account', rule: 'SS-20-001', article: 20 },
];

const CLEAN = ['clean-port', 'clean-hospital-port', 'clean-vendor-access', 'clean-network-access'];

function decisionOf(result: CheckResult, file: string) {
  const d = result.requests.find((r) => r.file === file);
  if (!d) throw new Error(`${file} was not checked`);
  return d;
}

describe('the sample county with every governance fixture added', () => {
  let dir: string;
  let result: CheckResult;
  const files = new Map<string, string>();

  beforeAll(async () => {
    dir = copyCounty();
    for (const f of [...DENIED.map((d) => d.fixture), ...CLEAN]) files.set(f, addFixture(dir, f));
    const repo = await loadCounty(dir);
    result = checkRepository(repo, { today: AS_OF, policies: policiesFor(repo) });
  });
  afterAll(() => removeCounty(dir));

  it.each(DENIED)('denies $fixture with $rule (article $article)', ({ fixture, rule, article }) => {
    const d = decisionOf(result, files.get(fixture)!);
    expect(d.decision).toBe('deny');
    const v = d.violations.find((x) => x.rule === rule && x.severity === 'deny');
    expect(v, `${fixture}: ${d.violations.map((x) => x.rule).join(', ')}`).toBeDefined();
    expect(v!.article).toBe(article);
    expect(v!.file).toBe(files.get(fixture));
    expect(v!.line).toBeGreaterThan(0);
    expect(v!.message.zh).toContain('《嵊泗县电子政务网络与信息系统安全管理暂行办法》');
  });

  it.each(CLEAN)('allows %s', (fixture) => {
    const d = decisionOf(result, files.get(fixture)!);
    expect(d.violations.filter((v) => v.severity === 'deny')).toEqual([]);
    expect(d.decision).toBe('allow');
  });

  it('keeps every sample request allowed next to the fixtures', () => {
    const sample = result.requests.filter((r) => ![...files.values()].includes(r.file));
    expect(sample.length).toBeGreaterThanOrEqual(30);
    expect(sample.filter((r) => r.decision === 'deny').map((r) => r.file)).toEqual([]);
  });

  it('flags in the state check the openings of denied requests only', () => {
    const unapproved = result.state.violations.filter((v) => v.rule === 'SS-14-101');
    const deniedFiles = new Set(result.requests.filter((r) => r.decision === 'deny').map((r) => r.file));
    expect(unapproved.length).toBeGreaterThan(0);
    for (const v of unapproved) expect(deniedFiles.has(v.file)).toBe(true);
  });

  it('places the missing purpose on the port it belongs to', () => {
    const v = decisionOf(result, files.get('missing-purpose')!).violations.find((x) => x.rule === 'SS-14-001')!;
    // the field is absent, so the finding falls back to its port rule (its list item starts on line 17)
    expect(v.line).toBe(17);
  });
});

/** Fixtures allowed on their own and denied because of the county's state of a system, person or unit. */
const STATE_CASES: readonly {
  name: string;
  fixture: string;
  file: string;
  change: (doc: Record<string, unknown>) => void;
  rule: string;
  article: number;
}[] = [
  {
    name: 'a level-3 system whose MLPS test is over a year old',
    fixture: 'clean-hospital-port',
    file: 'systems.yaml',
    change: (d) => void ((item(d, 'systems', 'hospital-appointment').mlps as Record<string, unknown>).lastAssessment = '2025-09-30'),
    rule: 'SS-15-003',
    article: 15,
  },
  {
    name: 'a system whose MLPS conclusion is 差',
    fixture: 'clean-hospital-port',
    file: 'systems.yaml',
    change: (d) => void ((item(d, 'systems', 'hospital-appointment').mlps as Record<string, unknown>).conclusion = '差'),
    rule: 'SS-15-004',
    article: 15,
  },
  {
    name: 'a cloud system that did not pass the onboarding check',
    fixture: 'clean-hospital-port',
    file: 'systems.yaml',
    change: (d) => void ((item(d, 'systems', 'hospital-appointment').cloudOnboarding as Record<string, unknown>).passed = false),
    rule: 'SS-15-005',
    article: 15,
  },
  {
    name: 'a system keeping logs for 90 days',
    fixture: 'clean-hospital-port',
    file: 'systems.yaml',
    change: (d) => void ((item(d, 'systems', 'hospital-appointment').logging as Record<string, unknown>).retentionDays = 90),
    rule: 'SS-16-001',
    article: 16,
  },
  {
    name: 'a unit with an overdue rectification notice',
    fixture: 'clean-port',
    file: 'rectification.yaml',
    change: (d) =>
      void (d.notices as unknown[]).push({
        id: 'RN-2026-009',
        unit: 'health-bureau',
        subject: '卫生健康系统日志未异地备份',
        articles: [16],
        issued: '2026-09-01',
        deadline: '2026-10-31',
      }),
    rule: 'SS-25-001',
    article: 25,
  },
  {
    name: 'vendor staff whose security training is older than a year',
    fixture: 'clean-vendor-access',
    file: 'people.yaml',
    change: (d) => void (item(d, 'people', 'zhou-tao').trainingDate = '2025-10-01'),
    rule: 'SS-22-001',
    article: 22,
  },
  {
    name: 'a terminal group with unregistered terminals',
    fixture: 'clean-network-access',
    file: 'terminals.yaml',
    change: (d) => void (item(d, 'terminalGroups', 'tg-shengshan-town-office').registeredAssets = 30),
    rule: 'SS-13-001',
    article: 13,
  },
  {
    name: 'vendor admin access to a level-3 system without two-factor authentication',
    fixture: 'vendor-admin-without-mfa',
    file: 'systems.yaml',
    change: (d) => void (item(d, 'systems', 'hospital-his').adminMfa = false),
    rule: 'SS-18-002',
    article: 18,
  },
];

describe('requests denied because of the county they live in', () => {
  it.each(STATE_CASES)('denies a request touching $name with $rule', async ({ fixture, file, change, rule, article }) => {
    const dir = copyCounty();
    try {
      const rel = addFixture(dir, fixture);
      patchInventory(dir, file, change);
      const repo = await loadCounty(dir);
      const result = checkRepository(repo, { today: AS_OF, policies: policiesFor(repo), files: [rel] });
      const d = decisionOf(result, rel);
      expect(d.decision).toBe('deny');
      const v = d.violations.find((x) => x.rule === rule && x.severity === 'deny');
      expect(v, d.violations.map((x) => x.rule).join(', ')).toBeDefined();
      expect(v!.article).toBe(article);
    } finally {
      removeCounty(dir);
    }
  });
});
