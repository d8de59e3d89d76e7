// The review gate's rules, one behaviour each, over the pure function (no GitHub).
import { describe, expect, it } from 'vitest';
import { approvalsForChange, chineseNumber, evaluateGate, isProtectedPath } from '../../src/github/gate.ts';
import type { GateConfig, GateInput, ReviewFact } from '../../src/github/types.ts';
import type { RequiredApproval } from '../../src/model/approvals.ts';

const HEAD = 'a'.repeat(40);
const OLD = 'b'.repeat(40);

const config: GateConfig = {
  org: 'shengsi',
  teams: {
    'bureau-reviewer': 'bureau-reviewers',
    'bureau-security-lead': 'bureau-security-lead',
    'leading-group-office-director': 'leading-group-office',
    'bureau-security-team': 'bureau-security',
  },
  units: {
    'county-health': { team: 'unit-county-health', securityOfficer: 'wang-officer' },
    'county-edu': { team: 'unit-county-edu', securityOfficer: 'zhao-officer' },
  },
};

const members = new Map<string, Set<string>>([
  ['bureau-reviewers', new Set(['li-reviewer', 'chen-both'])],
  ['bureau-security-lead', new Set(['sun-lead'])],
  ['leading-group-office', new Set(['zhou-director'])],
  ['bureau-security', new Set(['qian-security', 'chen-both'])],
  ['unit-county-health', new Set(['liu-filer', 'wang-officer'])],
  ['unit-county-edu', new Set(['ma-edu'])],
]);

const required: RequiredApproval[] = [
  { role: 'bureau-reviewer', count: 1, why: { zh: '第十四条：开放端口须经县大数据局核准备案', en: 'art. 14: opening ports needs the bureau' } },
  { role: 'unit-security-officer', count: 1, unit: 'county-health' },
];

let nextId = 1;
function review(user: string, state: ReviewFact['state'], commitId = HEAD, at = '2026-11-25T08:00:00Z'): ReviewFact {
  return { id: nextId++, user, state, commitId, submittedAt: at };
}

function input(over: Partial<GateInput> = {}): GateInput {
  return {
    pr: { number: 7, author: 'liu-filer', headSha: HEAD, fromFork: false, lastPushers: ['liu-filer'] },
    reviews: [review('li-reviewer', 'APPROVED'), review('wang-officer', 'APPROVED')],
    files: [{ filename: 'requests/county-health/his-443.yaml', status: 'added' }],
    members,
    required,
    checkedFiles: ['requests/county-health/his-443.yaml'],
    config,
    ...over,
  };
}

const codes = (i: GateInput): string[] => evaluateGate(i).findings.map((f) => f.code);

describe('review gate', () => {
  it('passes when the bureau reviewer and the unit security officer approved the head commit', () => {
    const r = evaluateGate(input());
    expect(r.findings).toEqual([]);
    expect(r.pass).toBe(true);
    expect(r.satisfied).toEqual([
      { role: 'bureau-reviewer', by: ['li-reviewer'] },
      { role: 'unit-security-officer', unit: 'county-health', by: ['wang-officer'] },
    ]);
  });

  it('does not count an approval from someone outside the required team', () => {
    const r = evaluateGate(input({ reviews: [review('ma-edu', 'APPROVED'), review('wang-officer', 'APPROVED')] }));
    expect(r.pass).toBe(false);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.code).toBe('GATE-APPROVAL-MISSING');
    expect(r.findings[0]!.article).toBe(14);
    expect(r.findings[0]!.message.zh).toContain('县大数据局审核人（@shengsi/bureau-reviewers）');
    expect(r.findings[0]!.message.zh).toContain('第十四条');
  });

  it("counts only the unit's own security officer for the officer's sign-off", () => {
    const r = evaluateGate(input({ reviews: [review('li-reviewer', 'APPROVED'), review('zhao-officer', 'APPROVED')] }));
    expect(r.pass).toBe(false);
    expect(r.findings.map((f) => [f.code, f.article])).toEqual([['GATE-APPROVAL-MISSING', 19]]);
    expect(r.findings[0]!.message.en).toContain('@wang-officer');
  });

  it('does not count the author approving their own pull request', () => {
    const r = evaluateGate(
      input({
        pr: { number: 7, author: 'wang-officer', headSha: HEAD, fromFork: false, lastPushers: ['wang-officer'] },
        reviews: [review('li-reviewer', 'APPROVED'), review('Wang-Officer', 'APPROVED')],
      }),
    );
    expect(r.pass).toBe(false);
    expect(r.ignored.map((i) => i.login)).toEqual(['wang-officer']);
    expect(r.ignored[0]!.reason.en).toContain('author');
    expect(codes(input({ pr: { number: 7, author: 'wang-officer', headSha: HEAD, fromFork: false, lastPushers: ['liu-filer'] } }))).toContain('GATE-APPROVAL-MISSING');
  });

  it('does not count an approval from whoever made the latest commit', () => {
    const r = evaluateGate(input({ pr: { number: 7, author: 'liu-filer', headSha: HEAD, fromFork: false, lastPushers: ['li-reviewer'] } }));
    expect(r.pass).toBe(false);
    expect(r.ignored).toEqual([{ login: 'li-reviewer', reason: expect.objectContaining({ en: expect.stringContaining('latest commit') }) }]);
  });

  it('fails closed when the head commit is not linked to any GitHub account', () => {
    const r = evaluateGate(input({ pr: { number: 7, author: 'liu-filer', headSha: HEAD, fromFork: false, lastPushers: [] } }));
    expect(r.pass).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(['GATE-FACTS']);
  });

  it('does not count an approval given before the latest push', () => {
    const r = evaluateGate(input({ reviews: [review('li-reviewer', 'APPROVED', OLD), review('wang-officer', 'APPROVED')] }));
    expect(r.pass).toBe(false);
    expect(r.ignored[0]!.reason.zh).toContain('旧提交 bbbbbbb');
  });

  it('lets a later approval of the head commit replace an earlier stale one', () => {
    const r = evaluateGate(
      input({ reviews: [review('li-reviewer', 'APPROVED', OLD, '2026-11-25T07:00:00Z'), review('li-reviewer', 'APPROVED', HEAD), review('wang-officer', 'APPROVED')] }),
    );
    expect(r.pass).toBe(true);
  });

  it('cancels an approval when the same reviewer later requests changes', () => {
    const reviews = [
      review('li-reviewer', 'APPROVED', HEAD, '2026-11-25T08:00:00Z'),
      review('li-reviewer', 'CHANGES_REQUESTED', HEAD, '2026-11-25T09:00:00Z'),
      review('wang-officer', 'APPROVED'),
    ];
    const r = evaluateGate(input({ reviews }));
    expect(r.pass).toBe(false);
    expect(r.ignored[0]!.reason.en).toContain('requested changes');
    // Order is by submission time, not by list order: the same reviews shuffled give the same answer.
    expect(evaluateGate(input({ reviews: [reviews[1]!, reviews[0]!, reviews[2]!] })).pass).toBe(false);
  });

  it('keeps an approval when the reviewer later only comments', () => {
    const r = evaluateGate(
      input({
        reviews: [review('li-reviewer', 'APPROVED', HEAD, '2026-11-25T08:00:00Z'), review('li-reviewer', 'COMMENTED', HEAD, '2026-11-25T09:00:00Z'), review('wang-officer', 'APPROVED')],
      }),
    );
    expect(r.pass).toBe(true);
  });

  it('does not count a dismissed review', () => {
    const r = evaluateGate(input({ reviews: [review('li-reviewer', 'DISMISSED'), review('wang-officer', 'APPROVED')] }));
    expect(r.pass).toBe(false);
    expect(r.findings[0]!.message.zh).toContain('县大数据局审核人');
  });

  it('lets a dismissal cancel the same reviewer\'s earlier approvals too', () => {
    const r = evaluateGate(
      input({
        reviews: [review('li-reviewer', 'APPROVED', HEAD, '2026-11-25T08:00:00Z'), review('li-reviewer', 'DISMISSED', HEAD, '2026-11-25T09:00:00Z'), review('wang-officer', 'APPROVED')],
      }),
    );
    expect(r.pass).toBe(false);
    expect(r.ignored.map((i) => i.login)).toEqual(['li-reviewer']);
  });

  it('refuses a request filed by someone outside the unit', () => {
    const r = evaluateGate(
      input({
        pr: { number: 7, author: 'ma-edu', headSha: HEAD, fromFork: false, lastPushers: ['ma-edu'] },
      }),
    );
    expect(r.pass).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(['GATE-UNIT-FILING']);
    expect(r.findings[0]!.message.zh).toContain('@ma-edu 不是 county-health 的成员');
  });

  it('refuses a request in a folder that is no unit of the inventory', () => {
    const r = evaluateGate(input({ files: [{ filename: 'requests/nobody/x.yaml', status: 'added' }], checkedFiles: ['requests/nobody/x.yaml'] }));
    expect(r.findings.map((f) => f.code)).toEqual(['GATE-UNIT-FILING']);
  });

  it('lets the bureau reviewer approve the removal of a request, whoever proposes it', () => {
    const removal = input({
      pr: { number: 8, author: 'expiry-bot[bot]', headSha: HEAD, fromFork: false, lastPushers: ['expiry-bot[bot]'] },
      files: [{ filename: 'requests/county-health/old-21.yaml', status: 'removed' }],
      required: [],
      checkedFiles: [],
    });
    const none = evaluateGate({ ...removal, reviews: [] });
    expect(none.pass).toBe(false);
    expect(none.findings.map((f) => [f.code, f.article])).toEqual([['GATE-APPROVAL-MISSING', 11]]);
    expect(none.findings[0]!.message.zh).toContain('撤销或移走申请');
    expect(evaluateGate({ ...removal, reviews: [review('li-reviewer', 'APPROVED')] }).pass).toBe(true);
  });

  it('asks only the approvals of the requests the pull request changes', () => {
    const check = {
      requests: [
        { file: 'requests/county-health/his-443.yaml', approvals: required },
        { file: 'requests/county-edu/exit.yaml', approvals: [{ role: 'leading-group-office-director' as const, count: 1 }] },
      ],
    };
    const asked = approvalsForChange(check, [{ filename: 'requests/county-health/his-443.yaml', status: 'modified' }]);
    expect(asked.required.map((a) => a.role)).toEqual(['bureau-reviewer', 'unit-security-officer']);
    expect(asked.checkedFiles).toEqual(['requests/county-health/his-443.yaml', 'requests/county-edu/exit.yaml']);
    expect(evaluateGate(input(asked)).pass).toBe(true);
  });

  it('requires the bureau security team for a change to policies', () => {
    const files = [
      { filename: 'requests/county-health/his-443.yaml', status: 'added' },
      { filename: 'policies/ports/deny_high_risk.rego', status: 'modified' },
    ];
    const r = evaluateGate(input({ files }));
    expect(r.pass).toBe(false);
    expect(r.findings[0]!.message.zh).toContain('县大数据局安全组（@shengsi/bureau-security）');
    expect(r.findings[0]!.article).toBe(11);
    const ok = evaluateGate(input({ files, reviews: [...input().reviews, review('qian-security', 'APPROVED')] }));
    expect(ok.pass).toBe(true);
  });

  it('treats a file moved out of a protected folder as a change to it', () => {
    const r = evaluateGate(input({ files: [{ filename: 'docs/old.rego', status: 'renamed', previousFilename: 'policies/old.rego' }], required: [] }));
    expect(r.findings.map((f) => f.code)).toEqual(['GATE-APPROVAL-MISSING']);
  });

  it('lists every protected path of the pipeline', () => {
    for (const p of ['policies/a.rego', 'stacks/x/index.ts', 'inventory/units.yaml', 'scripts/a.ts', 'src/a.ts', 'schemas/a.json', 'bin/govern.mjs', 'package.json', 'package-lock.json', '.github/workflows/pr.yml']) {
      expect(isProtectedPath(p), p).toBe(true);
    }
    expect(isProtectedPath('requests/county-health/a.yaml')).toBe(false);
    expect(isProtectedPath('docs/package.json')).toBe(false);
  });

  it('lets one person satisfy two roles when they are in both teams', () => {
    const r = evaluateGate(
      input({
        files: [{ filename: 'src/github/gate.ts', status: 'modified' }],
        required: [{ role: 'bureau-reviewer', count: 1 }],
        reviews: [review('chen-both', 'APPROVED')],
      }),
    );
    expect(r.pass).toBe(true);
    expect(r.satisfied.map((s) => [s.role, s.by])).toEqual([
      ['bureau-reviewer', ['chen-both']],
      ['bureau-security-team', ['chen-both']],
    ]);
  });

  it('needs two distinct people for a count of two', () => {
    const two: RequiredApproval[] = [{ role: 'bureau-reviewer', count: 2 }];
    const one = evaluateGate(input({ files: [], checkedFiles: [], required: two, reviews: [review('li-reviewer', 'APPROVED'), review('li-reviewer', 'APPROVED')] }));
    expect(one.pass).toBe(false);
    expect(one.findings[0]!.message.en).toContain('needs 1 more approval');
    const both = evaluateGate(input({ files: [], checkedFiles: [], required: two, reviews: [review('li-reviewer', 'APPROVED'), review('chen-both', 'APPROVED')] }));
    expect(both.pass).toBe(true);
  });

  it('fails closed without a configuration', () => {
    const r = evaluateGate(input({ config: undefined }));
    expect(r.pass).toBe(false);
    expect(r.findings.map((f) => f.code)).toEqual(['GATE-CONFIG']);
  });

  it('fails closed on an unknown role or a nonsensical count', () => {
    const bad = [{ role: 'mayor', count: 1 } as unknown as RequiredApproval];
    expect(codes(input({ required: [...required, ...bad] }))).toEqual(['GATE-CONFIG']);
    expect(codes(input({ required: [{ role: 'bureau-reviewer', count: 0 }] }))).toEqual(['GATE-CONFIG']);
  });

  it('fails closed when a unit has no security officer login', () => {
    const cfg: GateConfig = { ...config, units: { ...config.units, 'county-health': { team: 'unit-county-health' } } };
    expect(codes(input({ config: cfg }))).toEqual(['GATE-CONFIG']);
  });

  it('fails closed when a team membership is unknown', () => {
    const partial = new Map(members);
    partial.delete('bureau-reviewers');
    expect(codes(input({ members: partial }))).toEqual(['GATE-FACTS']);
  });

  it('fails closed when a request changed but no check result was given', () => {
    expect(codes(input({ required: undefined, checkedFiles: undefined }))).toEqual(['GATE-CHECK-MISSING']);
  });

  it('fails when the check result does not cover a changed request', () => {
    expect(codes(input({ checkedFiles: ['requests/county-health/other.yaml'] }))).toEqual(['GATE-CHECK-MISSING']);
  });

  it('evaluates a pull request from a fork by the same rules', () => {
    const pr = { number: 7, author: 'liu-filer', headSha: HEAD, fromFork: true, lastPushers: ['liu-filer'] };
    expect(evaluateGate(input({ pr })).pass).toBe(true);
    expect(evaluateGate(input({ pr, reviews: [review('liu-filer', 'APPROVED')] })).pass).toBe(false);
  });

  it('reads Chinese article numbers', () => {
    expect([chineseNumber('九'), chineseNumber('十一'), chineseNumber('二十一'), chineseNumber('12')]).toEqual([9, 11, 21, 12]);
  });
});
