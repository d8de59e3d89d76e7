// Branch protection the process relies on: the review gate and the checks required (strict), code-owner
// reviews, stale reviews dismissed, the last push approved by someone else, no force pushes, no
// deletions, admins included. Plan and apply share one code path (as in github/safe-settings): the same
// function computes the differences and the call; in dry-run it returns the call instead of making it.
// It never weakens: required checks are added to those already required, the review count is at least
// the current one, and settings it does not manage are carried over (GitHub's PUT replaces them all).
import type { GitHubClient } from './client.ts';
import { GitHubApiError } from './client.ts';
import type { RepoRef } from './inputs.ts';

export const DEFAULT_REQUIRED_CHECKS: readonly string[] = [
  'govern/review-gate', // src/github/gate-remote.ts
  'govern/check', //       src/github/comment-remote.ts
  'npm ci && npm test', // .github/workflows/ci.yml, job "test"
];

/** The settings this command manages, in the county's terms. */
export interface ProtectionSettings {
  readonly requiredChecks: readonly string[];
  readonly strict: boolean;
  readonly requiredApprovingReviewCount: number;
  readonly requireCodeOwnerReviews: boolean;
  readonly dismissStaleReviews: boolean;
  readonly requireLastPushApproval: boolean;
  readonly enforceAdmins: boolean;
  readonly allowForcePushes: boolean;
  readonly allowDeletions: boolean;
}

export function desiredProtection(requiredChecks: readonly string[] = DEFAULT_REQUIRED_CHECKS): ProtectionSettings {
  return {
    requiredChecks: [...requiredChecks].sort(),
    strict: true,
    requiredApprovingReviewCount: 1,
    requireCodeOwnerReviews: true,
    dismissStaleReviews: true,
    requireLastPushApproval: true,
    enforceAdmins: true,
    allowForcePushes: false,
    allowDeletions: false,
  };
}

export interface ProtectionDifference {
  readonly setting: keyof ProtectionSettings;
  readonly current: unknown;
  readonly desired: unknown;
}

export interface ProtectionCall {
  readonly method: 'PUT';
  readonly route: '/repos/{owner}/{repo}/branches/{branch}/protection';
  readonly params: UpdateProtectionParams;
}

export interface ProtectionReport {
  readonly branch: string;
  /** False when the branch had no protection at all. */
  readonly protectedBefore: boolean;
  readonly differences: readonly ProtectionDifference[];
  /** The call that brings the branch to the desired protection; undefined when nothing differs. */
  readonly call: ProtectionCall | undefined;
  readonly applied: boolean;
}

type UpdateProtectionParams = NonNullable<Parameters<GitHubClient['repos']['updateBranchProtection']>[0]>;
type CurrentProtection = Awaited<ReturnType<GitHubClient['repos']['getBranchProtection']>>['data'];

export async function protectBranch(client: GitHubClient, ref: RepoRef, branch: string, want: ProtectionSettings, opts: { dryRun: boolean }): Promise<ProtectionReport> {
  let current: CurrentProtection | undefined;
  try {
    current = (await client.repos.getBranchProtection({ ...ref, branch })).data;
  } catch (e) {
    // 404 "Branch not protected": nothing to carry over. Any other failure stops here (fail closed).
    if (!(e instanceof GitHubApiError && e.status === 404)) throw e;
  }
  const now = currentSettings(current);
  const target: ProtectionSettings = {
    ...want,
    requiredChecks: [...new Set([...want.requiredChecks, ...now.requiredChecks])].sort(),
    requiredApprovingReviewCount: Math.max(want.requiredApprovingReviewCount, now.requiredApprovingReviewCount ?? 0),
  };
  const differences = (Object.keys(target) as (keyof ProtectionSettings)[])
    .filter((k) => JSON.stringify(now[k]) !== JSON.stringify(target[k]))
    .map((k) => ({ setting: k, current: now[k], desired: target[k] }));
  if (!differences.length) return { branch, protectedBefore: current !== undefined, differences, call: undefined, applied: false };
  const call: ProtectionCall = { method: 'PUT', route: '/repos/{owner}/{repo}/branches/{branch}/protection', params: { ...ref, branch, ...requestBody(target, current) } };
  if (opts.dryRun) return { branch, protectedBefore: current !== undefined, differences, call, applied: false };
  await client.repos.updateBranchProtection(call.params);
  return { branch, protectedBefore: current !== undefined, differences, call, applied: true };
}

/** The managed settings as GitHub reports them; absent parts read as GitHub's defaults. */
function currentSettings(c: CurrentProtection | undefined): Omit<ProtectionSettings, 'requiredApprovingReviewCount'> & { requiredApprovingReviewCount: number | undefined } {
  const reviews = c?.required_pull_request_reviews;
  return {
    requiredChecks: [...(c?.required_status_checks?.contexts ?? [])].sort(),
    strict: c?.required_status_checks?.strict ?? false,
    requiredApprovingReviewCount: reviews?.required_approving_review_count,
    requireCodeOwnerReviews: reviews?.require_code_owner_reviews ?? false,
    dismissStaleReviews: reviews?.dismiss_stale_reviews ?? false,
    requireLastPushApproval: reviews?.require_last_push_approval ?? false,
    enforceAdmins: c?.enforce_admins?.enabled ?? false,
    // An unprotected branch can be force-pushed and deleted by anyone with write access.
    allowForcePushes: c ? (c.allow_force_pushes?.enabled ?? false) : true,
    allowDeletions: c ? (c.allow_deletions?.enabled ?? false) : true,
  };
}

/** GitHub's PUT body: the managed settings plus the unmanaged ones as they are now. */
type ProtectionBody = Pick<
  UpdateProtectionParams,
  | 'required_status_checks'
  | 'enforce_admins'
  | 'required_pull_request_reviews'
  | 'restrictions'
  | 'allow_force_pushes'
  | 'allow_deletions'
  | 'required_linear_history'
  | 'required_conversation_resolution'
  | 'block_creations'
  | 'lock_branch'
  | 'allow_fork_syncing'
>;

function requestBody(t: ProtectionSettings, c: CurrentProtection | undefined): ProtectionBody {
  const r = c?.restrictions;
  return {
    required_status_checks: { strict: t.strict, contexts: [...t.requiredChecks] },
    enforce_admins: t.enforceAdmins,
    required_pull_request_reviews: {
      dismiss_stale_reviews: t.dismissStaleReviews,
      require_code_owner_reviews: t.requireCodeOwnerReviews,
      required_approving_review_count: t.requiredApprovingReviewCount,
      require_last_push_approval: t.requireLastPushApproval,
    },
    restrictions: r ? { users: r.users.map((u) => u.login ?? '').filter(Boolean), teams: r.teams.map((x) => x.slug ?? '').filter(Boolean), apps: r.apps.map((a) => a?.slug ?? '').filter(Boolean) } : null,
    allow_force_pushes: t.allowForcePushes,
    allow_deletions: t.allowDeletions,
    required_linear_history: c?.required_linear_history?.enabled ?? false,
    required_conversation_resolution: c?.required_conversation_resolution?.enabled ?? false,
    block_creations: c?.block_creations?.enabled ?? false,
    lock_branch: c?.lock_branch?.enabled ?? false,
    allow_fork_syncing: c?.allow_fork_syncing?.enabled ?? false,
  };
}

/** The report for people: what differs, and (dry run) the call that would be made. */
export function protectionReportText(r: ProtectionReport, lang: 'zh' | 'en', dryRun: boolean): string[] {
  const lines: string[] = [];
  if (!r.differences.length) {
    lines.push(lang === 'zh' ? `分支 ${r.branch} 的保护已符合要求，无需改动。` : `branch ${r.branch} is already protected as required; nothing to change.`);
    return lines;
  }
  lines.push(
    lang === 'zh'
      ? `分支 ${r.branch} 的保护${r.protectedBefore ? '' : '（当前未设保护）'}有 ${r.differences.length} 处与要求不同：`
      : `branch ${r.branch}${r.protectedBefore ? '' : ' (not protected now)'} differs from the required protection in ${r.differences.length} setting(s):`,
  );
  for (const d of r.differences) lines.push(`  ${d.setting}: ${JSON.stringify(d.current ?? null)} → ${JSON.stringify(d.desired)}`);
  if (dryRun && r.call) {
    lines.push(lang === 'zh' ? '试运行，未做改动。将发出的调用：' : 'dry run, nothing changed. The call that would be made:');
    lines.push(`  ${r.call.method} ${r.call.route}`, JSON.stringify(r.call.params, null, 2));
  } else if (r.applied) {
    lines.push(lang === 'zh' ? '已通过 GitHub 接口设置分支保护。' : 'branch protection set through the GitHub API.');
  }
  return lines;
}
