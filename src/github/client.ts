// The one Octokit client of the product: @octokit/rest with retries (5xx) and throttling (primary and
// secondary rate limits), against github.com or GitHub Enterprise Server (baseUrl / GITHUB_API_URL).
// The token comes from the environment and never appears in a message. Every failure that survives
// the bounded retries becomes a GitHubApiError: an OperationalError saying, Chinese first, what GitHub
// answered and what to do.
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck';
import type { Localized } from '../i18n/index.ts';
import { OperationalError } from '../cli/types.ts';

const GovernOctokit = Octokit.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof GovernOctokit>;

export interface GitHubClientOptions {
  /** Environment to read GITHUB_API_URL, GOVERN_GITHUB_TOKEN and GITHUB_TOKEN from. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** API root; default GITHUB_API_URL, else https://api.github.com (GHES: https://HOST/api/v3). */
  readonly baseUrl?: string;
  /** Retries after a 5xx or a rate limit before giving up (default 3). */
  readonly retries?: number;
  /**
   * Milliseconds per unit of wait: the retry plugin waits (n+1)² units after the n-th 5xx, the
   * throttling plugin waits `retry-after` units after a rate limit. GitHub's unit is a second (1000);
   * tests shrink it.
   */
  readonly waitUnitMs?: number;
  /** A primary rate limit resetting later than this (seconds) fails at once rather than wait (default 60). */
  readonly maxRateLimitWaitSeconds?: number;
  /**
   * Minimum spacing of writes in ms. GitHub asks for 1 s between writes and more between
   * content-creating requests (the throttling plugin's defaults, used when this is not set); tests shrink it.
   */
  readonly writeSpacingMs?: number;
}

/** A request GitHub refused or could not answer, after the bounded retries. */
export class GitHubApiError extends OperationalError {
  constructor(
    localized: Localized,
    /** HTTP status, 0 when GitHub could not be reached. */
    readonly status: number,
  ) {
    super(localized);
    this.name = 'GitHubApiError';
  }
}

const SILENT = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export function tokenFrom(env: Readonly<Record<string, string | undefined>>): string | undefined {
  return env.GOVERN_GITHUB_TOKEN || env.GITHUB_TOKEN || undefined;
}

export function createGitHubClient(opts: GitHubClientOptions = {}): GitHubClient {
  const env = opts.env ?? process.env;
  const token = tokenFrom(env);
  if (!token) {
    throw new OperationalError({
      zh: '没有 GitHub 令牌：请设置环境变量 GITHUB_TOKEN（Actions 中为 secrets.GITHUB_TOKEN）或 GOVERN_GITHUB_TOKEN',
      en: 'no GitHub token: set the environment variable GITHUB_TOKEN (secrets.GITHUB_TOKEN in Actions) or GOVERN_GITHUB_TOKEN',
    });
  }
  const baseUrl = (opts.baseUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  if (!URL.canParse(baseUrl)) {
    throw new OperationalError({
      zh: `GitHub 接口地址无效：${baseUrl}；GitHub Enterprise Server 形如 https://主机/api/v3`,
      en: `invalid GitHub API URL: ${baseUrl}; GitHub Enterprise Server looks like https://HOST/api/v3`,
    });
  }
  const retries = opts.retries ?? 3;
  const unit = opts.waitUnitMs ?? 1000;
  const maxWait = opts.maxRateLimitWaitSeconds ?? 60;
  const spacing =
    opts.writeSpacingMs === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: opts.writeSpacingMs }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: opts.writeSpacingMs }),
        };
  const octokit = new GovernOctokit({
    auth: token,
    baseUrl,
    userAgent: 'shengsi-govern',
    log: SILENT,
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      ...spacing,
      onSecondaryRateLimit: (_after: number, _o: unknown, _k: unknown, count: number) => count < retries,
      onRateLimit: (after: number, _o: unknown, _k: unknown, count: number) => count < retries && after <= maxWait,
    },
  });
  // Registered after the plugins, so it wraps them: it sees only the failure left after their retries.
  octokit.hook.wrap('request', async (request, options) => {
    try {
      return await request(options);
    } catch (e) {
      const url = (e as { request?: { url?: unknown } } | null)?.request?.url;
      const full = typeof url === 'string' ? url : octokit.request.endpoint(options).url;
      throw explain(e, `${String(options.method)} ${routeOf(full, baseUrl)}`, { baseUrl, retries, token });
    }
  });
  return octokit;
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function explain(e: unknown, route: string, ctx: { baseUrl: string; retries: number; token: string }): Error {
  if (e instanceof OperationalError) return e;
  const err = (e ?? {}) as ErrorLike;
  const status = typeof err.status === 'number' ? err.status : 0;
  const data = err.response?.data as { message?: unknown } | undefined;
  const said = redact(typeof data?.message === 'string' ? data.message : (err.message ?? String(e)), ctx.token).replace(/[.。\s]+$/, '');
  const headers = err.response?.headers ?? {};
  const what = { zh: `GitHub 接口 ${route} 返回 HTTP ${status}：${said}`, en: `GitHub answered ${route} with HTTP ${status}: ${said}` };
  let todo: Localized;
  if (status === 0) {
    return new GitHubApiError(
      {
        zh: `无法连接 GitHub 接口 ${ctx.baseUrl}（${route}）：${said}。请检查网络、代理与 GITHUB_API_URL`,
        en: `cannot reach the GitHub API at ${ctx.baseUrl} (${route}): ${said}. Check the network, proxy and GITHUB_API_URL`,
      },
      0,
    );
  } else if (status >= 500) {
    todo = {
      zh: `GitHub 暂时不可用，已重试 ${ctx.retries} 次仍失败。请稍后重新运行；若持续失败，查看 https://www.githubstatus.com（GitHub Enterprise Server 请联系其管理员）`,
      en: `GitHub is unavailable; still failing after ${ctx.retries} retries. Run again later; if it persists, see https://www.githubstatus.com (GitHub Enterprise Server: ask its administrator)`,
    };
  } else if ((status === 403 || status === 429) && (/rate limit/i.test(said) || headers['x-ratelimit-remaining'] === '0')) {
    const reset = Number(headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : undefined;
    todo = {
      zh: `已触发 GitHub 速率限制，重试 ${ctx.retries} 次后放弃。${when ? `额度将于 ${when} 恢复，届时` : '请等几分钟后'}重新运行，并避免同时运行多个流水线`,
      en: `GitHub's rate limit was hit; gave up after ${ctx.retries} retries. ${when ? `The quota resets at ${when}; run again then` : 'Wait a few minutes and run again'}, and avoid running many pipelines at once`,
    };
  } else if (status === 401) {
    todo = { zh: '令牌无效或已过期：请检查 GITHUB_TOKEN / GOVERN_GITHUB_TOKEN', en: 'the token is invalid or expired: check GITHUB_TOKEN / GOVERN_GITHUB_TOKEN' };
  } else if (status === 403) {
    todo = {
      zh: '令牌权限不足：工作流需 pull-requests、issues、statuses、checks 的写权限与 members:read；设置分支保护需仓库管理员令牌',
      en: 'the token lacks permission: the workflow needs write on pull-requests, issues, statuses, checks and members:read; branch protection needs a repository admin token',
    };
  } else if (status === 404) {
    todo = { zh: '对象不存在或令牌无权看到：请检查仓库、编号与令牌范围', en: 'not found or not visible to the token: check the repository, the number and the token scope' };
  } else {
    todo = { zh: 'GitHub 拒绝了该请求：请按上面的说明修正后重新运行', en: 'GitHub refused the request: correct it as described above and run again' };
  }
  return new GitHubApiError({ zh: `${what.zh}。${todo.zh}`, en: `${what.en}. ${todo.en}` }, status);
}

/** The request's path below the API root, without the query: what a person can look up. */
function routeOf(url: string, baseUrl: string): string {
  const root = new URL(baseUrl).pathname.replace(/\/+$/, '');
  const path = URL.canParse(url) ? new URL(url).pathname : url.split('?')[0]!;
  return root && path.startsWith(root) ? path.slice(root.length) : path;
}

function redact(text: string, token: string): string {
  return token ? text.split(token).join('***') : text;
}

/**
 * Client tuning from the environment, for operators and tests: GOVERN_GITHUB_RETRIES,
 * GOVERN_GITHUB_WAIT_UNIT_MS, GOVERN_GITHUB_WRITE_SPACING_MS (non-negative integers; others ignored).
 */
export function clientOptionsFromEnv(env: Readonly<Record<string, string | undefined>>): GitHubClientOptions {
  const num = (k: string): number | undefined => (env[k] !== undefined && /^\d+$/.test(env[k]!) ? Number(env[k]) : undefined);
  const retries = num('GOVERN_GITHUB_RETRIES');
  const waitUnitMs = num('GOVERN_GITHUB_WAIT_UNIT_MS');
  const writeSpacingMs = num('GOVERN_GITHUB_WRITE_SPACING_MS');
  return {
    ...(retries !== undefined ? { retries } : {}),
    ...(waitUnitMs !== undefined ? { waitUnitMs } : {}),
    ...(writeSpacingMs !== undefined ? { writeSpacingMs } : {}),
  };
}
