// The GitHub side of the pipeline, its only public face: the Octokit client, the review gate (pure
// rules and the remote run that sets govern/review-gate), the pull-request comment and govern/check
// check run, and branch protection.
export { clientOptionsFromEnv, createGitHubClient, GitHubApiError, tokenFrom, type GitHubClient, type GitHubClientOptions } from './client.ts';
export { GateConfigError, gateConfigFromDocuments, gateConfigFromRepository } from './config.ts';
export { approvalsForChange, countedApprovers, evaluateGate, formatFinding, gateReport, isProtectedPath, membershipQuestions, PROTECTED_PATHS, roleName } from './gate.ts';
export { GATE_CONTEXT, runReviewGate, statusDescription, type RemoteGateOptions, type RemoteGateOutcome } from './gate-remote.ts';
export { COMMENT_MARKER, GITHUB_COMMENT_LIMIT, renderComment, type CommentInput } from './comment.ts';
export { ANNOTATIONS_PER_REQUEST, CHECK_RUN_NAME, CHECK_SUMMARY_LIMIT, checkAnnotations, publishCheckRun, upsertComment } from './comment-remote.ts';
export { DEFAULT_REQUIRED_CHECKS, desiredProtection, protectBranch, protectionReportText, type ProtectionReport, type ProtectionSettings } from './protect.ts';
export { prNumber, readCheckResult, readPlan, repoRef, runUrl, type RepoRef } from './inputs.ts';
export type * from './types.ts';
export { TEAM_ROLES } from './types.ts';
