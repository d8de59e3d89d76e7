// `govern notices --sync` against the local GitHub server (every response validated against GitHub's
// OpenAPI description): rectification notices (art. 25) and MLPS re-assessments (art. 15) as issues,
// created once, commented once when overdue, closed when the repository records the rectification.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planIssueSync } from '../../src/github/issues.ts';
import { issueMarker, type DesiredIssue } from '../../src/schedule/issues.ts';
import { govern } from '../support/github-cli.ts';
import { GitHubServer } from '../support/github-server.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let server: GitHubServer;
let repo: string;

beforeAll(async () => {
  server = await GitHubServer.start();
  repo = await mkdtemp(join(tmpdir(), 'govern-notices-'));
  await cp(join(ROOT, 'inventory'), join(repo, 'inventory'), { recursive: true });
  await cp(join(ROOT, 'requests'), join(repo, 'requests'), { recursive: true });
});
afterAll(async () => {
  await server.close();
  await rm(repo, { recursive: true, force: true });
});
beforeEach(() => {
  server.issues.length = 0;
  server.comments.length = 0;
  server.clearFailures();
});
afterEach(() => expect(server.takeInvalid()).toEqual([]));

const notices = (...argv: string[]) => govern(server, ['notices', '--repo', repo, ...argv], repo);
const overdueComments = () => server.comments.filter((c) => c.body.includes(':overdue -->'));

describe('govern notices --sync', () => {
  it('opens one issue per open notice, labelled, and changes nothing on a second run', async () => {
    const first = await notices('--sync', '--as-of', '2026-12-01');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const noticeIssues = server.issues.filter((i) => i.labels.includes('整改通知'));
    expect(noticeIssues).toHaveLength(1);
    expect(noticeIssues[0]!.title).toContain('RN-2026-002');
    expect(noticeIssues[0]!.labels).toContain('govern');
    expect(noticeIssues[0]!.body).toContain('第二十五条');
    expect(overdueComments()).toHaveLength(0);
    const count = server.issues.length;
    const commentCount = server.comments.length;
    const second = await notices('--sync', '--as-of', '2026-12-01');
    expect(second.out).toContain('无需操作');
    expect(server.issues).toHaveLength(count);
    expect(server.comments).toHaveLength(commentCount);
  });

  it('comments once when the deadline has passed, not again on the next run', async () => {
    await notices('--sync', '--as-of', '2026-12-01');
    await notices('--sync', '--as-of', '2027-01-05');
    expect(overdueComments()).toHaveLength(1);
    expect(overdueComments()[0]!.body).toContain('SS-25-001');
    await notices('--sync', '--as-of', '2027-01-06');
    expect(overdueComments()).toHaveLength(1);
  });

  it('closes the issue once the repository records the notice as closed', async () => {
    await notices('--sync', '--as-of', '2026-12-01');
    const file = join(repo, 'inventory/rectification.yaml');
    const text = await readFile(file, 'utf8');
    try {
      const closed = text.replace(/(id: RN-2026-002[\s\S]*?deadline: 2026-12-31)/, '$1\n    closed: 2026-12-20');
      expect(closed).not.toBe(text);
      await writeFile(file, closed);
      const r = await notices('--sync', '--as-of', '2026-12-21');
      expect(r.code).toBe(0);
      const issue = server.issues.find((i) => i.title.includes('RN-2026-002'))!;
      expect(issue.state).toBe('closed');
      expect(issue.stateReason).toBe('completed');
    } finally {
      await writeFile(file, text);
    }
  });

  it('opens an MLPS issue for a system whose re-assessment is overdue', async () => {
    const r = await notices('--sync', '--as-of', '2030-01-01');
    expect(r.code).toBe(0);
    expect(server.issues.filter((i) => i.labels.includes('等保测评')).length).toBeGreaterThan(0);
  });

  it('lists the calls without making them with --dry-run', async () => {
    const r = await notices('--sync', '--dry-run', '--as-of', '2026-12-01');
    expect(r.out).toContain('将新建议题');
    expect(server.issues).toHaveLength(0);
  });

  it('fails with a clear message and exit 2 when GitHub keeps answering 502', async () => {
    server.failNext('bad-gateway', 10);
    const r = await notices('--sync', '--as-of', '2026-12-01');
    expect(r.code).toBe(2);
    expect(r.err).toContain('502');
    expect(r.err).not.toContain('    at ');
  });
});

describe('planning the issue sync', () => {
  const desired: DesiredIssue = { key: 'notice:RN-1', title: 't', body: `${issueMarker('notice:RN-1')}\nb`, labels: ['govern'], open: true, comments: [] };

  it('leaves issues without a govern marker alone', () => {
    const manual = { number: 3, title: 't', body: 'written by a person', state: 'open' as const, labels: ['govern'], commentKeys: new Set<string>() };
    expect(planIssueSync([manual], [])).toEqual([]);
    expect(planIssueSync([manual], [desired]).map((a) => a.kind)).toEqual(['create']);
  });

  it('updates a changed body and reopens an issue closed by hand while the notice is open', () => {
    const existing = { number: 4, title: 't', body: `${issueMarker('notice:RN-1')}\nold`, state: 'closed' as const, labels: ['govern'], commentKeys: new Set<string>() };
    expect(planIssueSync([existing], [desired]).map((a) => a.kind)).toEqual(['reopen', 'update']);
  });
});
