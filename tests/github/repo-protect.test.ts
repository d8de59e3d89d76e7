// `govern repo protect` against the local GitHub server: dry-run reports differences and the call
// without making it; apply makes exactly that call; a second apply has nothing to do; it never weakens.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubServer } from '../support/github-server.ts';
import { govern } from '../support/github-cli.ts';

let server: GitHubServer;
beforeAll(async () => {
  server = await GitHubServer.start();
});
afterAll(() => server.close());
beforeEach(() => {
  server.protection.clear();
  server.log.length = 0;
});
afterEach(() => expect(server.takeInvalid()).toEqual([]));

const protect = (...extra: string[]) => govern(server, ['repo', 'protect', ...extra], process.cwd());
const writes = () => server.log.filter((l) => l.method !== 'GET');

describe('govern repo protect', () => {
  it('reports every difference of an unprotected branch in dry-run and changes nothing', async () => {
    const r = await protect('--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('分支 main 的保护（当前未设保护）有 9 处与要求不同');
    expect(r.out).toContain('requiredChecks: [] → ["govern/check","govern/review-gate","npm ci && npm test"]');
    expect(r.out).toContain('enforceAdmins: false → true');
    expect(r.out).toContain('requireLastPushApproval: false → true');
    expect(r.out).toContain('allowForcePushes: true → false');
    expect(r.out).toContain('PUT /repos/{owner}/{repo}/branches/{branch}/protection');
    expect(writes()).toEqual([]);
    expect(server.protection.size).toBe(0);
  });

  it('applies the same call the dry run described, then has nothing left to do', async () => {
    const dry = await protect('--dry-run');
    const described = JSON.parse(dry.out.slice(dry.out.indexOf('\n{'))) as Record<string, unknown>;
    const r = await protect();
    expect(r.out).toContain('已通过 GitHub 接口设置分支保护');
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual(['PUT /repos/shengsi/egov-network/branches/main/protection']);
    const { owner: _o, repo: _r, branch: _b, ...body } = described;
    expect(server.protection.get('main')).toEqual(body);
    expect(body).toMatchObject({
      required_status_checks: { strict: true, contexts: ['govern/check', 'govern/review-gate', 'npm ci && npm test'] },
      enforce_admins: true,
      required_pull_request_reviews: { dismiss_stale_reviews: true, require_code_owner_reviews: true, require_last_push_approval: true, required_approving_review_count: 1 },
      allow_force_pushes: false,
      allow_deletions: false,
    });
    server.log.length = 0;
    const again = await protect();
    expect(again.out).toContain('分支 main 的保护已符合要求，无需改动');
    expect(writes()).toEqual([]);
  });

  it('never weakens: keeps extra required checks, a higher review count and unmanaged settings', async () => {
    server.protection.set('main', {
      required_status_checks: { strict: false, contexts: ['opa fmt, check, test; engines compared'] },
      enforce_admins: false,
      required_pull_request_reviews: { dismiss_stale_reviews: true, require_code_owner_reviews: true, required_approving_review_count: 2, require_last_push_approval: false },
      restrictions: null,
      allow_force_pushes: true,
      required_linear_history: true,
    });
    const r = await protect('--lang', 'en');
    expect(r.out).toContain('differs from the required protection in 5 setting(s)');
    expect(r.out).toContain('allowForcePushes: true → false');
    const body = server.protection.get('main')!;
    expect(body).toMatchObject({
      required_status_checks: { strict: true, contexts: ['govern/check', 'govern/review-gate', 'npm ci && npm test', 'opa fmt, check, test; engines compared'] },
      required_pull_request_reviews: { required_approving_review_count: 2, require_last_push_approval: true },
      required_linear_history: true,
      allow_force_pushes: false,
    });
  });

  it('takes the required checks from --required-check', async () => {
    await protect('--required-check', 'govern/review-gate', '--required-check', 'ci');
    expect(server.protection.get('main')).toMatchObject({ required_status_checks: { contexts: ['ci', 'govern/review-gate'] } });
  });

  it('fails clearly when the token may not administer the repository', async () => {
    server.failNext('bad-gateway', 10, { method: 'PUT' });
    const r = await protect();
    expect(r.code).toBe(2);
    expect(r.err).toContain('GitHub 接口 PUT /repos/shengsi/egov-network/branches/main/protection 返回 HTTP 502');
  });
});
