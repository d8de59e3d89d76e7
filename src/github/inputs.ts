// Reading the pipeline's JSON artefacts the GitHub commands consume (check.json from `govern check
// --format json`, plan.json from `govern plan --format json`), and naming the repository acted on.
// Only the fields these commands read are checked; a wrong file is a clear error, never a silent pass.
import { readFileSync } from 'node:fs';
import type { CheckResult } from '../policy/types.ts';
import type { Plan } from '../plan/types.ts';
import { UsageError, OperationalError } from '../cli/types.ts';

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new OperationalError({ zh: `GITHUB-INPUT ${file}: 无法读取${what}文件；请检查路径`, en: `GITHUB-INPUT ${file}: cannot read the ${what} file; check the path` });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new OperationalError({
      zh: `GITHUB-INPUT ${file}: 不是有效的 JSON（${(e as Error).message}）；请用 --format json 重新生成`,
      en: `GITHUB-INPUT ${file}: not valid JSON (${(e as Error).message}); generate it again with --format json`,
    });
  }
}

function bad(file: string, what: string, field: string): OperationalError {
  return new OperationalError({
    zh: `GITHUB-INPUT ${file}: 不是${what}（缺少或错误的字段 ${field}）；请用同一版本的 govern 以 --format json 重新生成`,
    en: `GITHUB-INPUT ${file}: not a ${what} (missing or wrong field ${field}); generate it again with the same govern version and --format json`,
  });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readCheckResult(file: string): CheckResult {
  const v = readJson(file, '检查结果');
  const what = '检查结果 (govern check --format json)';
  if (!isObj(v) || !Array.isArray(v.requests)) throw bad(file, what, 'requests');
  v.requests.forEach((r: unknown, i: number) => {
    if (!isObj(r)) throw bad(file, what, `requests[${i}]`);
    for (const k of ['id', 'file', 'unit', 'decision'] as const) if (typeof r[k] !== 'string') throw bad(file, what, `requests[${i}].${k}`);
    for (const k of ['violations', 'approvals'] as const) if (!Array.isArray(r[k])) throw bad(file, what, `requests[${i}].${k}`);
  });
  if (!isObj(v.state) || !Array.isArray(v.state.violations)) throw bad(file, what, 'state.violations');
  if (!isObj(v.summary)) throw bad(file, what, 'summary');
  return v as unknown as CheckResult;
}

export function readPlan(file: string): Plan {
  const v = readJson(file, '计划');
  const what = '计划 (govern plan --format json)';
  if (!isObj(v) || !Array.isArray(v.changes)) throw bad(file, what, 'changes');
  if (!isObj(v.summary)) throw bad(file, what, 'summary');
  return v as unknown as Plan;
}

/** --owner/--name, else GITHUB_REPOSITORY ("owner/name", set by GitHub Actions). */
export function repoRef(owner: string | undefined, name: string | undefined, env: Readonly<Record<string, string | undefined>>): RepoRef {
  if (owner && name) return { owner, repo: name };
  const [o, r, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner && !name && o && r && rest.length === 0) return { owner: o, repo: r };
  throw new UsageError({
    zh: '不知道是哪个仓库：请同时给出 --owner 与 --name，或设置 GITHUB_REPOSITORY=owner/name',
    en: 'which repository? Give both --owner and --name, or set GITHUB_REPOSITORY=owner/name',
  });
}

/** A positive pull-request number from --pr. */
export function prNumber(v: unknown): number {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new UsageError({ zh: '--pr 必须是拉取请求的编号（正整数）', en: '--pr must be the pull request number (a positive integer)' });
  }
  return n;
}

/** The Actions run page, for a status's or comment's link, when running in GitHub Actions. */
export function runUrl(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return server && repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}
