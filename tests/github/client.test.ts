// The Octokit client against the local GitHub server: base URL, token handling, retries, clear failures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient, GitHubApiError } from '../../src/github/client.ts';
import { OperationalError } from '../../src/cli/types.ts';
import { GitHubServer } from '../support/github-server.ts';
import { clientFor, envFor } from '../support/github-client.ts';

let server: GitHubServer;
beforeAll(async () => {
  server = await GitHubServer.start();
  server.addPull({ number: 1, author: 'liu-filer', headSha: 'c'.repeat(40) });
});
afterAll(() => server.close());
afterEach(() => {
  expect(server.takeInvalid()).toEqual([]);
  server.log.length = 0;
  server.clearFailures();
});

const get = () => clientFor(server).pulls.get({ owner: server.owner, repo: server.repo, pull_number: 1 });

async function failure(p: Promise<unknown>): Promise<GitHubApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(GitHubApiError);
    return e as GitHubApiError;
  }
  throw new Error('expected the request to fail');
}

describe('GitHub client', () => {
  it('talks to the API root from GITHUB_API_URL with the token from the environment', async () => {
    const { data } = await get();
    expect(data.head.sha).toBe('c'.repeat(40));
    expect(server.log).toEqual([{ method: 'GET', path: '/repos/shengsi/egov-network/pulls/1', status: 200, authorization: `token ${server.token}` }]);
  });

  it('works against a GitHub Enterprise Server API root and names the path below it in errors', async () => {
    const ghes = createGitHubClient({ env: { ...envFor(server), GITHUB_API_URL: `${server.url}/api/v3/` }, retries: 0, waitUnitMs: 1 });
    await expect(ghes.pulls.get({ owner: server.owner, repo: server.repo, pull_number: 1 })).resolves.toBeTruthy();
    const e = await failure(ghes.pulls.get({ owner: server.owner, repo: server.repo, pull_number: 404 }));
    expect(e.localized.zh).toMatch(/^GitHub 接口 GET \/repos\/shengsi\/egov-network\/pulls\/404 返回 HTTP 404：Not Found。对象不存在或令牌无权看到/);
  });

  it('rejects an API root that is not a URL', () => {
    try {
      createGitHubClient({ env: { GITHUB_TOKEN: 'x' }, baseUrl: 'github.example' });
      throw new Error('expected a failure');
    } catch (e) {
      expect((e as OperationalError).localized.zh).toBe('GitHub 接口地址无效：github.example；GitHub Enterprise Server 形如 https://主机/api/v3');
    }
  });

  it('prefers GOVERN_GITHUB_TOKEN over GITHUB_TOKEN', async () => {
    const c = createGitHubClient({ env: { ...envFor(server), GITHUB_TOKEN: 'wrong', GOVERN_GITHUB_TOKEN: server.token }, retries: 0, waitUnitMs: 1 });
    await expect(c.pulls.get({ owner: server.owner, repo: server.repo, pull_number: 1 })).resolves.toBeTruthy();
  });

  it('refuses to start without a token', () => {
    expect(() => createGitHubClient({ env: { GITHUB_API_URL: server.url } })).toThrow(OperationalError);
    expect(() => createGitHubClient({ env: { GITHUB_API_URL: server.url } })).toThrow(/GITHUB_TOKEN/);
  });

  it('retries a 502 and succeeds when GitHub recovers', async () => {
    server.failNext('bad-gateway', 2);
    await get();
    expect(server.log.map((l) => l.status)).toEqual([502, 502, 200]);
  });

  it('gives up after the bounded retries on 502 with a clear message that hides the token', async () => {
    server.failNext('bad-gateway', 10);
    const e = await failure(get());
    expect(server.log.map((l) => l.status)).toEqual([502, 502, 502]);
    expect(e.status).toBe(502);
    expect(e.localized.zh).toMatch(/^GitHub 接口 GET \/repos\/shengsi\/egov-network\/pulls\/1 返回 HTTP 502：Server Error。GitHub 暂时不可用，已重试 2 次仍失败/);
    expect(e.localized.en).toContain('after 2 retries');
    expect(JSON.stringify(e.localized) + e.message + String(e.stack)).not.toContain(server.token);
  });

  it('waits out a secondary rate limit and retries', async () => {
    server.failNext('secondary-rate-limit', 1);
    await get();
    expect(server.log.map((l) => l.status)).toEqual([403, 200]);
  });

  it('fails clearly when the secondary rate limit persists', async () => {
    server.failNext('secondary-rate-limit', 10);
    const e = await failure(get());
    expect(server.log.map((l) => l.status)).toEqual([403, 403, 403]);
    expect(e.localized.zh).toContain('已触发 GitHub 速率限制，重试 2 次后放弃');
  });

  it('fails clearly when the primary rate limit is exhausted, saying when it resets', async () => {
    server.failNext('rate-limit', 10);
    const e = await failure(get());
    expect(e.status).toBe(403);
    expect(e.localized.en).toMatch(/rate limit was hit; gave up after 2 retries\. The quota resets at \d{4}-/);
  });

  it('reports a wrong token as such', async () => {
    const c = createGitHubClient({ env: { ...envFor(server), GITHUB_TOKEN: 'ghs_wrong' }, retries: 0, waitUnitMs: 1 });
    const e = await failure(c.pulls.get({ owner: server.owner, repo: server.repo, pull_number: 1 }));
    expect(e.status).toBe(401);
    expect(e.localized.zh).toContain('令牌无效或已过期');
    expect(e.localized.zh).not.toContain('ghs_wrong');
  });
});
