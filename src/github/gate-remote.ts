// The review gate against GitHub: fetches the facts (pull request, head commit, changed files, reviews,
// team memberships), decides with the pure evaluateGate, and sets the `govern/review-gate` commit
// status that branch protection requires. Fails closed: if anything cannot be established, the
// status is `error` (when a commit is known) and the error goes up to the command.
//
// Pull requests from forks: the gate evaluates exactly the same rules (the facts come from the base
// repository's API, whatever the fork contains). A fork's own workflow runs get no secrets and a
// read-only token, so this runs in the trusted workflow (.github/workflows/pr-report.yml, from the base
// branch) which sets the status; a fork cannot set it because it has no token that may.
// Last pusher: the REST API does not say who pushed. The head commit's committer and author, as GitHub
// links them (repos.getCommit), are taken instead (types.ts, PullRequestFacts.lastPushers).
import type { Lang } from '../i18n/index.ts';
import type { CheckResult } from '../policy/types.ts';
import { GitHubApiError, type GitHubClient } from './client.ts';
import { approvalsForChange, evaluateGate, membershipQuestions } from './gate.ts';
import type { RepoRef } from './inputs.ts';
import type { ChangedFile, GateConfig, GateFinding, GateResult, PullRequestFacts, ReviewFact } from './types.ts';

export const GATE_CONTEXT = 'govern/review-gate';

/** GitHub's own committer for edits and merges made in the web interface: not a person. */
const WEB_FLOW = 'web-flow';

export interface RemoteGateOptions {
  readonly pr: number;
  /** Re-verify for this merged commit: it must be the pull request's merge commit; the status goes on it. */
  readonly mergedSha?: string;
  readonly check?: CheckResult;
  /** How the GateConfig is obtained (inventory files today, the model loader later). */
  readonly loadConfig: () => GateConfig | Promise<GateConfig>;
  readonly targetUrl?: string;
  readonly lang: Lang;
}

export interface RemoteGateOutcome {
  readonly result: GateResult;
  /** The commit the status was set on. */
  readonly statusSha: string;
}

const FORM_BRANCH = /^form\/issue-(\d+)$/;

/**
 * Who filed the pull request. Normally its author. A pull request opened by a configured automation
 * account (form-to-pr.yml, for a unit without git skills) stands for the person who filed the issue
 * form: its branch is form/issue-<n> in this repository and issue #n's author is the filer. Anything
 * else opened by the automation account cannot be attributed, and fails closed.
 */
async function filedBy(
  client: GitHubClient,
  ref: RepoRef,
  pull: { author: string; headRef: string; fromFork: boolean },
  config: GateConfig,
): Promise<{ login: string; finding?: GateFinding }> {
  const automation = (config.automation ?? []).map((a) => a.toLowerCase());
  if (!automation.includes(pull.author.toLowerCase())) return { login: pull.author };
  const m = FORM_BRANCH.exec(pull.headRef);
  if (m && !pull.fromFork) {
    const { data: issue } = await client.issues.get({ ...ref, issue_number: Number(m[1]) });
    if (!issue.pull_request && issue.user?.login) return { login: issue.user.login };
  }
  return {
    login: pull.author,
    finding: {
      code: 'GATE-FILER',
      article: 11,
      message: {
        zh: `拉取请求由自动化账号 @${pull.author} 打开，但不是由议题表单生成（分支 ${pull.headRef}），无法确定申请人`,
        en: `the pull request was opened by the automation account @${pull.author} but not from an issue form (branch ${pull.headRef}), so the filer is unknown`,
      },
      hint: {
        zh: '由申请单位的成员自己打开拉取请求，或通过议题表单提交',
        en: 'a member of the requesting unit opens the pull request, or files the issue form',
      },
    },
  };
}

export async function runReviewGate(client: GitHubClient, ref: RepoRef, opts: RemoteGateOptions): Promise<RemoteGateOutcome> {
  let statusSha = opts.mergedSha;
  try {
    const { data: pull } = await client.pulls.get({ ...ref, pull_number: opts.pr });
    statusSha ??= pull.head.sha;
    const mergeFinding = opts.mergedSha ? checkMerge(opts.mergedSha, pull.merged, pull.merge_commit_sha, opts.pr) : undefined;
    const [commit, files, reviews] = await Promise.all([
      client.repos.getCommit({ ...ref, ref: pull.head.sha }),
      client.paginate(client.pulls.listFiles, { ...ref, pull_number: opts.pr, per_page: 100 }),
      client.paginate(client.pulls.listReviews, { ...ref, pull_number: opts.pr, per_page: 100 }),
    ]);
    const pushers = [commit.data.committer, commit.data.author]
      .map((u) => (u && 'login' in u && typeof u.login === 'string' ? u.login : undefined))
      .filter((l): l is string => l !== undefined && l !== WEB_FLOW);
    const config = await opts.loadConfig();
    const fromFork = !pull.head.repo || pull.head.repo.full_name !== pull.base.repo.full_name;
    const filer = await filedBy(client, ref, { author: pull.user.login, headRef: pull.head.ref, fromFork }, config);
    const pr: PullRequestFacts = {
      number: opts.pr,
      author: filer.login,
      headSha: pull.head.sha,
      // A deleted fork has no head repository: treat it as a fork.
      fromFork,
      // The automation account that opened a form's pull request committed it: it approves nothing either.
      lastPushers: [...new Set([...pushers, ...(filer.login !== pull.user.login ? [pull.user.login] : [])])],
    };
    const changed: ChangedFile[] = files.map((f) => ({ filename: f.filename, status: f.status, ...(f.previous_filename ? { previousFilename: f.previous_filename } : {}) }));
    const reviewFacts: ReviewFact[] = reviews.map((r) => ({ id: r.id, user: r.user?.login ?? null, state: r.state, commitId: r.commit_id, submittedAt: r.submitted_at ?? null }));
    const base = {
      pr,
      reviews: reviewFacts,
      files: changed,
      ...(opts.check ? approvalsForChange(opts.check, changed) : { required: undefined, checkedFiles: undefined }),
      config,
    };
    const members = await resolveMembers(client, config.org, membershipQuestions(base));
    let result = evaluateGate({ ...base, members });
    for (const f of [filer.finding, mergeFinding]) if (f) result = { ...result, pass: false, findings: [f, ...result.findings] };
    await client.repos.createCommitStatus({
      ...ref,
      sha: statusSha,
      state: result.pass ? 'success' : 'failure',
      context: GATE_CONTEXT,
      description: statusDescription(result, opts.lang),
      ...(opts.targetUrl ? { target_url: opts.targetUrl } : {}),
    });
    return { result, statusSha };
  } catch (e) {
    if (statusSha) await markError(client, ref, statusSha, opts);
    throw e;
  }
}

/** Best effort: when GitHub itself is failing this may fail too; the original error is what matters. */
async function markError(client: GitHubClient, ref: RepoRef, sha: string, opts: RemoteGateOptions): Promise<void> {
  try {
    await client.repos.createCommitStatus({
      ...ref,
      sha,
      state: 'error',
      context: GATE_CONTEXT,
      description: opts.lang === 'zh' ? '审批门禁未能完成核验，见工作流日志；修复后重新运行' : 'the review gate could not verify; see the workflow log and run again',
      ...(opts.targetUrl ? { target_url: opts.targetUrl } : {}),
    });
  } catch {
    // The status stays absent, which branch protection also treats as not passing.
  }
}

function checkMerge(sha: string, merged: boolean, mergeSha: string | null, pr: number): GateFinding | undefined {
  if (merged && mergeSha === sha) return undefined;
  return {
    code: 'GATE-FACTS',
    message: {
      zh: `提交 ${sha.slice(0, 7)} 不是拉取请求 #${pr} 合并产生的提交（${merged ? `合并提交为 ${String(mergeSha).slice(0, 7)}` : '该拉取请求尚未合并'}）`,
      en: `commit ${sha.slice(0, 7)} is not the merge of pull request #${pr} (${merged ? `its merge commit is ${String(mergeSha).slice(0, 7)}` : 'it is not merged'})`,
    },
    hint: { zh: '应用工作流须以合并提交与其拉取请求编号运行门禁', en: 'the apply workflow must run the gate with the merge commit and its pull request number' },
  };
}

/** teams.getMembershipForUserInOrg per (team, login): active members only; 404 means not a member. */
async function resolveMembers(client: GitHubClient, org: string, questions: Map<string, Set<string>>): Promise<Map<string, Set<string>>> {
  const members = new Map<string, Set<string>>();
  const asks: Promise<void>[] = [];
  for (const [slug, logins] of questions) {
    const set = new Set<string>();
    members.set(slug, set);
    for (const login of logins) {
      asks.push(
        client.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: login }).then(
          ({ data }) => {
            // A pending invitation is not membership.
            if (data.state === 'active') set.add(login);
          },
          (e: unknown) => {
            if (e instanceof GitHubApiError && e.status === 404) return;
            throw e;
          },
        ),
      );
    }
  }
  await Promise.all(asks);
  return members;
}

/** GitHub cuts status descriptions at 140 characters. */
export function statusDescription(r: GateResult, lang: Lang): string {
  const text = r.pass
    ? lang === 'zh'
      ? `审批齐全（${r.satisfied.length} 项）`
      : `all ${r.satisfied.length} required approvals present`
    : lang === 'zh'
      ? `缺 ${r.findings.length} 项：${r.findings[0]!.message.zh}`
      : `${r.findings.length} missing: ${r.findings[0]!.message.en}`;
  return [...text].length <= 140 ? text : [...text].slice(0, 139).join('') + '…';
}
