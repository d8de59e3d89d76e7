// The pull-request comment renderer: golden output for a realistic result, and GitHub's length limit.
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderComment } from '../../src/github/comment.ts';
import type { Plan } from '../../src/plan/types.ts';
import type { CheckResult, RequestDecision } from '../../src/policy/types.ts';
import { expectGolden } from '../support/golden.ts';
import { SMALL_CHECK, SMALL_GATE, SMALL_PLAN } from '../support/github-fixtures.ts';

const REPORT = 'https://github.com/shengsi/egov-network/actions/runs/42';

function huge(nRequests: number, nPlan: number): { check: CheckResult; plan: Plan } {
  const requests: RequestDecision[] = Array.from({ length: nRequests }, (_, i) => {
    const base = SMALL_CHECK.requests[i % 2]!;
    const id = `REQ-2026-${String(i).padStart(5, '0')}`;
    return { ...base, id, file: `requests/county-health/r-${String(i).padStart(5, '0')}.yaml`, violations: base.violations.map((v) => ({ ...v, file: `requests/county-health/r-${i}.yaml` })) };
  });
  const denied = requests.filter((r) => r.decision === 'deny').length;
  const changes = Array.from({ length: nPlan }, (_, i) => ({ ...SMALL_PLAN.changes[0]!, name: `rule-${i}` }));
  return {
    check: { requests, state: SMALL_CHECK.state, summary: { requests: nRequests, allowed: nRequests - denied, denied, warnings: nRequests } },
    plan: { changes, summary: { add: nPlan, change: 0, remove: 0 } },
  };
}

describe('pull-request comment', () => {
  it('renders a realistic result (golden)', () => {
    expectGolden('pr-comment.md', renderComment({ check: SMALL_CHECK, plan: SMALL_PLAN, gate: SMALL_GATE, reportUrl: REPORT }));
  });

  it('renders a clean result without a gate result, listing the approvals the gate will check (golden)', () => {
    const allowed: CheckResult = { ...SMALL_CHECK, requests: [SMALL_CHECK.requests[0]!], state: { violations: [] }, summary: { requests: 1, allowed: 1, denied: 0, warnings: 1 } };
    expectGolden('pr-comment-allowed.md', renderComment({ check: allowed }));
  });

  it('starts with the hidden marker and cites articles', () => {
    const text = renderComment({ check: SMALL_CHECK });
    expect(text.startsWith(COMMENT_MARKER + '\n')).toBe(true);
    expect(text).toContain('**SS-14-002**（第14条）`requests/county-health/db-3306.yaml:11:9`：高危端口 3306（MySQL）不得向互联网开放');
  });

  it('stays within the limit for a huge result, dropping allowed details first and saying what it left out', () => {
    const { check, plan } = huge(4000, 6000);
    const full = renderComment({ check, plan, gate: SMALL_GATE, reportUrl: REPORT }, Number.MAX_SAFE_INTEGER);
    expect(full.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const text = renderComment({ check, plan, gate: SMALL_GATE, reportUrl: REPORT });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text.startsWith(COMMENT_MARKER)).toBe(true);
    expect(text).toMatch(/省略了：.*2000 个通过申请的明细/);
    expect(text).toContain(`完整内容见[完整报告](${REPORT})`);
    // Denied requests are kept before allowed ones; the approvals section is always there.
    expect(text).toContain('#### ❌ REQ-2026-00001');
    expect(text).not.toContain('#### ✅');
    expect(text).toContain('### 审批');
  });

  it('keeps every denied detail and truncates the plan when only the plan is too long', () => {
    const { check } = huge(20, 0);
    const plan = huge(0, 3000).plan;
    const text = renderComment({ check, plan, reportUrl: REPORT });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text.match(/^#### ❌/gm)).toHaveLength(10);
    expect(text).toMatch(/省略了：10 个通过申请的明细、\d+ 行变更计划/);
    expect(text).toContain('rule-0`');
  });

  it('stays within the limit even when a part it always keeps is longer than the limit', () => {
    const f = SMALL_GATE.findings[0]!;
    const gate = { ...SMALL_GATE, findings: [{ ...f, message: { zh: '长'.repeat(70_000), en: 'x' } }] };
    const text = renderComment({ check: SMALL_CHECK, gate, reportUrl: REPORT });
    expect(text.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(text).toContain(`评论已在 65536 字符处截断，完整报告：${REPORT}`);
  });

  it('escapes text from files so it cannot forge the marker or break a table', () => {
    const r = SMALL_CHECK.requests[0]!;
    const evil = { ...SMALL_CHECK, requests: [{ ...r, id: 'a|b', violations: [{ ...r.violations[0]!, message: { zh: COMMENT_MARKER, en: '' } }] }] };
    const text = renderComment({ check: evil });
    expect(text.split(COMMENT_MARKER)).toHaveLength(2);
    expect(text).toContain('| a\\|b |');
  });
});
