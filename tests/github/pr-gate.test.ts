// `govern pr gate` end to end: the command fetches the facts from the local GitHub server (validated
// against GitHub's OpenAPI description), decides, and sets the govern/review-gate status.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../support/github-server.ts';
import { checkFor, govern, writeJson } from '../support/github-cli.ts';
import { writeInventory } from '../support/gate-inventory.ts';

const HEAD = '1'.repeat(40);
const NEW = '2'.repeat(40);
const MERGE = '3'.repeat(40);
let server: GitHubServer;
let repoDir: string;
let check: string;

beforeAll(async () => {
  server = await GitHubServer.start();
  repoDir = writeInventory();
  check = writeJson(checkFor());
});
afterAll(() => server.close());

beforeEach(() => {
  server.pulls.clear();
  server.commits.clear();
  server.statuses.length = 0;
  server.clearFailures();
  server.setTeam('shengsi', 'bureau-reviewers', ['li-reviewer', 'chen-both']);
  server.setTeam('shengsi', 'bureau-security-lead', ['sun-lead']);
  server.setTeam('shengsi', 'leading-group-office', ['zhou-director']);
  server.setTeam('shengsi', 'bureau-security', ['qian-security', 'chen-both']);
  server.setTeam('shengsi', 'unit-county-health', ['liu-filer', 'wang-officer']);
  server.setTeam('shengsi', 'unit-county-edu', ['ma-edu']);
  server.addPull({ number: 7, author: 'liu-filer', headSha: HEAD, files: [{ filename: 'requests/county-health/his-443.yaml', status: 'added' }] });
});
afterEach(() => expect(server.takeInvalid()).toEqual([]));

const gate = (...extra: string[]) => govern(server, ['pr', 'gate', '--pr', '7', '--repo-dir', repoDir, '--check', check, ...extra], repoDir);
const lastStatus = () => server.statuses.at(-1);

function approveHappy(): void {
  server.review(7, 'li-reviewer', 'APPROVED');
  server.review(7, 'wang-officer', 'APPROVED');
}

describe('govern pr gate', () => {
  it('sets a success status when the reviewer and the unit officer approved the head commit', async () => {
    approveHappy();
    const r = await gate();
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('审批门禁通过');
    expect(r.out).toContain('✓ 县大数据局审核人：@li-reviewer');
    expect(lastStatus()).toMatchObject({ sha: HEAD, state: 'success', context: 'govern/review-gate' });
  });

  it('asks only the approvals of the requests this pull request changes, not of every request in the check', async () => {
    const wide = checkFor();
    const other = { ...wide.requests[0]!, id: 'REQ-2026-0099', file: 'requests/county-edu/exit.yaml', unit: 'county-edu', approvals: [{ role: 'leading-group-office-director' as const, count: 1 }] };
    approveHappy();
    const r = await govern(server, ['pr', 'gate', '--pr', '7', '--repo-dir', repoDir, '--check', writeJson({ ...wide, requests: [...wide.requests, other] })], repoDir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses a self-approval by the author', async () => {
    server.pull(7).author = 'wang-officer';
    server.setTeam('shengsi', 'unit-county-health', ['wang-officer']);
    server.push(7, HEAD, 'wang-officer');
    approveHappy();
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('@wang-officer 的批准不计：是拉取请求的作者');
    expect(r.err).toContain('GATE-APPROVAL-MISSING PR #7: 还需要 1 位county-health 的申请单位网络信息安全管理岗（@wang-officer）');
    expect(lastStatus()).toMatchObject({ sha: HEAD, state: 'failure' });
  });

  it('does not count approvals given before a new push', async () => {
    approveHappy();
    server.push(7, NEW, 'liu-filer');
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('批准的是旧提交 1111111');
    expect(lastStatus()).toMatchObject({ sha: NEW, state: 'failure' });
  });

  it('does not count a reviewer who pushed the latest commit', async () => {
    approveHappy();
    server.addCommit({ sha: NEW, author: 'liu-filer', committer: 'li-reviewer', message: 'fixup' });
    server.pull(7).headSha = NEW;
    server.review(7, 'li-reviewer', 'APPROVED');
    server.review(7, 'wang-officer', 'APPROVED');
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('@li-reviewer 的批准不计：提交或推送了最新的提交');
  });

  it('refuses an approver outside the bureau reviewers team', async () => {
    server.review(7, 'ma-edu', 'APPROVED');
    server.review(7, 'wang-officer', 'APPROVED');
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('县大数据局审核人（@shengsi/bureau-reviewers）');
    expect(r.err).toContain('（第14条）');
  });

  it('does not count a pending team invitation as membership', async () => {
    server.setTeam('shengsi', 'bureau-reviewers', ['li-reviewer'], 'pending');
    approveHappy();
    expect((await gate()).code).toBe(1);
  });

  it('does not count a dismissed review', async () => {
    server.review(7, 'li-reviewer', 'DISMISSED');
    server.review(7, 'wang-officer', 'APPROVED');
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('@li-reviewer 的批准不计：审查已被驳回');
  });

  it('lets changes requested after an approval cancel it', async () => {
    approveHappy();
    server.review(7, 'li-reviewer', 'CHANGES_REQUESTED');
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('此后又提出了修改意见');
  });

  it('refuses a unit filing a request for another unit', async () => {
    server.pull(7).author = 'ma-edu';
    server.push(7, HEAD, 'ma-edu');
    approveHappy();
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('GATE-UNIT-FILING PR #7: @ma-edu 不是 county-health 的成员');
  });

  it('requires the bureau security team for a policy change, even on the second page of files', async () => {
    const filler = Array.from({ length: 120 }, (_, i) => ({ filename: `docs/notes/${String(i).padStart(3, '0')}.md`, status: 'added' as const }));
    server.pull(7).files.push(...filler, { filename: 'policies/ports/high_risk.rego', status: 'modified' });
    approveHappy();
    const r = await gate();
    expect(r.code).toBe(1);
    expect(r.err).toContain('县大数据局安全组（@shengsi/bureau-security）');
    server.review(7, 'qian-security', 'APPROVED');
    expect((await gate()).code).toBe(0);
  });

  it('checks a pull request from a fork by the same rules', async () => {
    server.pull(7).forkOwner = 'liu-filer';
    approveHappy();
    const ok = await gate();
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('来自复刻仓库的拉取请求按相同规则核验');
    server.review(7, 'li-reviewer', 'CHANGES_REQUESTED');
    expect((await gate()).code).toBe(1);
  });

  it('re-verifies a merged pull request and sets the status on the merge commit', async () => {
    approveHappy();
    Object.assign(server.pull(7), { merged: true, mergeCommitSha: MERGE });
    expect((await gate('--sha', MERGE)).code).toBe(0);
    expect(lastStatus()).toMatchObject({ sha: MERGE, state: 'success' });
    const other = '4'.repeat(40);
    const r = await gate('--sha', other);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不是拉取请求 #7 合并产生的提交');
  });

  it('fails closed with a clear message when GitHub keeps answering 502, and marks the status as error', async () => {
    approveHappy();
    server.failNext('bad-gateway', 10, { path: /\/reviews$/ });
    const r = await gate();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/GitHub 接口 GET \/repos\/shengsi\/egov-network\/pulls\/7\/reviews 返回 HTTP 502：Server Error。GitHub 暂时不可用，已重试 2 次仍失败/);
    expect(r.err).not.toContain(server.token);
    expect(lastStatus()).toMatchObject({ sha: HEAD, state: 'error' });
  });

  it('reports a failing membership lookup as an error, not as "not a member"', async () => {
    approveHappy();
    server.failNext('bad-gateway', 10, { path: /memberships\/li-reviewer$/ });
    const r = await gate();
    expect(r.code).toBe(2);
    expect(r.err).toContain('/memberships/li-reviewer 返回 HTTP 502');
    expect(lastStatus()).toMatchObject({ sha: HEAD, state: 'error' });
  });

  it('retries a secondary rate limit on membership lookups and still decides', async () => {
    approveHappy();
    server.failNext('secondary-rate-limit', 1, { path: /memberships/ });
    expect((await gate()).code).toBe(0);
  });

  it('fails closed when the inventory has no GitHub configuration', async () => {
    approveHappy();
    const r = await govern(server, ['pr', 'gate', '--pr', '7', '--repo-dir', writeInventory({ github: null }), '--check', check], repoDir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('E-READ inventory/github.yaml');
    expect(lastStatus()).toMatchObject({ state: 'error' });
  });

  it('fails closed when a request changed and no check result is given', async () => {
    approveHappy();
    const r = await govern(server, ['pr', 'gate', '--pr', '7', '--repo-dir', repoDir], repoDir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('GATE-CHECK-MISSING');
  });

  it('explains in English with --lang en', async () => {
    server.review(7, 'wang-officer', 'APPROVED');
    const r = await gate('--lang', 'en');
    expect(r.err).toContain('needs 1 more approval(s) of the head commit from the bureau reviewer');
    expect(lastStatus()!.description).toMatch(/^1 missing: needs 1 more/);
  });
});

describe('pull requests opened from an issue form', () => {
  const BOT = 'govern-automation[bot]';
  const FORM_HEAD = '4'.repeat(40);

  function formPull(filer: string, headRef?: string): number {
    const issue = server.addIssue({ title: '端口开放申请', user: filer });
    const number = issue.number + 1;
    server.addPull({ number, author: BOT, headSha: FORM_HEAD, headRef: headRef ?? `form/issue-${issue.number}`, files: [{ filename: 'requests/county-health/his-443.yaml', status: 'added' }] });
    server.review(number, 'li-reviewer', 'APPROVED');
    server.review(number, 'wang-officer', 'APPROVED');
    return number;
  }

  beforeEach(() => {
    server.issues.length = 0;
  });

  it('counts the issue author as the filer: a member of the unit passes', async () => {
    const n = formPull('liu-filer');
    const r = await govern(server, ['pr', 'gate', '--pr', String(n), '--repo-dir', repoDir, '--check', check], repoDir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('refuses a form filed by someone outside the unit', async () => {
    const n = formPull('ma-edu');
    const r = await govern(server, ['pr', 'gate', '--pr', String(n), '--repo-dir', repoDir, '--check', check], repoDir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('GATE-UNIT-FILING');
    expect(r.err).toContain('@ma-edu');
  });

  it('does not count the filer approving their own form', async () => {
    const n = formPull('wang-officer');
    const r = await govern(server, ['pr', 'gate', '--pr', String(n), '--repo-dir', repoDir, '--check', check], repoDir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('wang-officer');
    expect(r.err).toContain('GATE-APPROVAL-MISSING');
  });

  it('fails closed when the automation account opens a pull request that no form explains', async () => {
    const n = formPull('liu-filer', 'bot-change');
    const r = await govern(server, ['pr', 'gate', '--pr', String(n), '--repo-dir', repoDir, '--check', check], repoDir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('GATE-FILER');
  });
});
