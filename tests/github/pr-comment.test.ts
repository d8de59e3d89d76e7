// `govern pr comment` end to end against the local GitHub server: one comment, updated in place, and
// the govern/check check run with annotations in batches of 50.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from '../../src/github/comment.ts';
import type { CheckResult } from '../../src/policy/types.ts';
import { GitHubServer } from '../support/github-server.ts';
import { govern, writeJson } from '../support/github-cli.ts';
import { SMALL_CHECK, SMALL_PLAN } from '../support/github-fixtures.ts';

const HEAD = '5'.repeat(40);
let server: GitHubServer;
let cwd: string;
let check: string;
let plan: string;

beforeAll(async () => {
  server = await GitHubServer.start();
  check = writeJson(SMALL_CHECK);
  plan = writeJson(SMALL_PLAN, 'plan.json');
  cwd = process.cwd();
});
afterAll(() => server.close());
beforeEach(() => {
  server.pulls.clear();
  server.comments.length = 0;
  server.checkRuns.length = 0;
  server.log.length = 0;
  server.addPull({ number: 9, author: 'liu-filer', headSha: HEAD });
});
afterEach(() => expect(server.takeInvalid()).toEqual([]));

const comment = (...extra: string[]) => govern(server, ['pr', 'comment', '--pr', '9', '--check', check, '--plan', plan, ...extra], cwd);

describe('govern pr comment', () => {
  it('creates the comment once and then edits it in place', async () => {
    server.comments.push({ id: 1, issue: 9, user: 'ma-edu', userType: 'User', body: '请尽快审核', createdAt: '2026-11-25T07:00:00Z', updatedAt: '2026-11-25T07:00:00Z' });
    const first = await comment('--report-url', 'https://example.gov.cn/r/1');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('评论已创建');
    const second = await comment('--report-url', 'https://example.gov.cn/r/2');
    expect(second.out).toContain('评论已更新');
    const ours = server.comments.filter((c) => c.body.startsWith(COMMENT_MARKER));
    expect(ours).toHaveLength(1);
    expect(ours[0]!.body).toContain('https://example.gov.cn/r/2');
    expect(server.comments.find((c) => c.id === 1)!.body).toBe('请尽快审核');
    expect(server.log.filter((l) => l.method === 'POST' && l.path.endsWith('/issues/9/comments'))).toHaveLength(1);
    expect(server.log.filter((l) => l.method === 'PATCH' && l.path.includes('/issues/comments/'))).toHaveLength(1);
  });

  it('finds its comment beyond the first page of comments and leaves an unchanged one alone', async () => {
    for (let i = 0; i < 130; i++) {
      server.comments.push({ id: 10 + i, issue: 9, user: 'li-reviewer', userType: 'User', body: `意见 ${i}`, createdAt: '2026-11-25T07:00:00Z', updatedAt: '2026-11-25T07:00:00Z' });
    }
    await comment();
    const again = await comment();
    expect(again.out).toContain('评论无变化，未改动');
    expect(server.comments.filter((c) => c.body.startsWith(COMMENT_MARKER))).toHaveLength(1);
  });

  it('publishes the govern/check check run on the head commit with an annotation per violation', async () => {
    await comment();
    expect(server.checkRuns).toHaveLength(1);
    const run = server.checkRuns[0]!;
    expect(run).toMatchObject({ name: 'govern/check', headSha: HEAD, status: 'completed', conclusion: 'failure' });
    expect(run.annotations.map((a) => [a.path, a.start_line, a.annotation_level, a.title])).toEqual([
      ['inventory/devices.yaml', 22, 'warning', 'SS-16-001（第16条）'],
      ['requests/county-health/db-3306.yaml', 11, 'failure', 'SS-14-002（第14条）'],
      ['requests/county-health/db-3306.yaml', 12, 'failure', 'SS-14-001（第14条）'],
      ['requests/county-health/his-443.yaml', 14, 'warning', 'SS-14-003（第14条）'],
    ]);
    expect(run.summary).toContain('### 变更计划');
  });

  it('sends more than 50 annotations in batches of 50', async () => {
    const r = SMALL_CHECK.requests[1]!;
    const many: CheckResult = {
      ...SMALL_CHECK,
      requests: [{ ...r, violations: Array.from({ length: 120 }, (_, i) => ({ ...r.violations[0]!, line: i + 1 })) }],
    };
    const out = await govern(server, ['pr', 'comment', '--pr', '9', '--check', writeJson(many)], cwd);
    expect(out.out).toContain('121 条标注（3 次请求）');
    expect(server.checkRuns[0]!.annotations).toHaveLength(121);
    expect(server.log.filter((l) => l.path.includes('/check-runs')).map((l) => l.method)).toEqual(['POST', 'PATCH', 'PATCH']);
  });

  it('rejects a file that is not a check result, naming the field', async () => {
    const r = await govern(server, ['pr', 'comment', '--pr', '9', '--check', writeJson({ requests: [{ id: 'x' }] })], cwd);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/GITHUB-INPUT .*check\.json: 不是检查结果 \(govern check --format json\)（缺少或错误的字段 requests\[0\]\.file）/);
  });

  it('fails clearly when GitHub keeps rate-limiting the comment', async () => {
    server.failNext('secondary-rate-limit', 10, { method: 'POST', path: /\/comments$/ });
    const r = await comment();
    expect(r.code).toBe(2);
    expect(r.err).toContain('已触发 GitHub 速率限制，重试 2 次后放弃');
  });
});
