// The facts the review gate decides on and the configuration that maps approval roles to GitHub.
// Pure data: src/github/gate.ts decides over it, src/github/gate-remote.ts fetches it through the API.
import type { Localized } from '../i18n/index.ts';
import type { ApprovalRole, RequiredApproval } from '../model/approvals.ts';

/** Roles approved by a GitHub team (every role but the unit's own security officer). */
export type TeamRole = Exclude<ApprovalRole, 'unit-security-officer'>;

export const TEAM_ROLES: readonly TeamRole[] = [
  'bureau-reviewer',
  'bureau-security-lead',
  'leading-group-office-director',
  'bureau-security-team',
];

/** How the county's roles map to its GitHub organisation (inventory/github.yaml + units + people). */
export interface GateConfig {
  readonly org: string;
  /** Team slug per approving role. */
  readonly teams: Readonly<Record<TeamRole, string>>;
  /** Per unit id: the unit's team slug and its security officer's GitHub login. */
  readonly units: Readonly<Record<string, UnitGitHub>>;
  /**
   * Automation accounts that open pull requests for people who filed an issue form (form-to-pr.yml).
   * Their pull requests are attributed to the author (see gate-remote.ts); empty by default.
   */
  readonly automation?: readonly string[];
}

export interface UnitGitHub {
  readonly team: string;
  /** GitHub login of the unit's 网络信息安全管理岗 (art. 19); absent when the inventory gives none. */
  readonly securityOfficer?: string;
}

/** The pull request as the gate sees it. */
export interface PullRequestFacts {
  readonly number: number;
  readonly author: string;
  readonly headSha: string;
  readonly fromFork: boolean;
  /**
   * Logins behind the head commit: its committer and its author as GitHub links them
   * (repos.getCommit). The REST API does not say who pushed; the head commit's committer is the
   * closest fact it gives, and its author is excluded too because they wrote the change being
   * approved. GitHub's own `web-flow` committer (edits in the web UI) is not a person and is left out.
   * Empty when neither is linked to an account: the gate then fails closed.
   */
  readonly lastPushers: readonly string[];
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface ReviewFact {
  readonly id: number;
  /** null when the reviewer's account was deleted (GitHub shows "ghost"). */
  readonly user: string | null;
  readonly state: ReviewState | string;
  readonly commitId: string | null;
  readonly submittedAt: string | null;
}

export interface ChangedFile {
  readonly filename: string;
  readonly status: string;
  /** For renames: where the file came from (a move out of policies/ touches policies/). */
  readonly previousFilename?: string;
}

/**
 * Team memberships as resolved facts: team slug -> the logins known to be active members.
 * A team absent from the map is unknown, and the gate fails closed when it needs it.
 */
export type TeamMembers = ReadonlyMap<string, ReadonlySet<string>>;

export interface GateInput {
  readonly pr: PullRequestFacts;
  readonly reviews: readonly ReviewFact[];
  readonly files: readonly ChangedFile[];
  readonly members: TeamMembers;
  /**
   * From check.json: the approvals of the requests this pull request changes, merged
   * (gate.ts approvalsForChange), or undefined when no check result was given.
   */
  readonly required: readonly RequiredApproval[] | undefined;
  /** Request files the check result decided on (RequestDecision.file), to prove it covers the change. */
  readonly checkedFiles: readonly string[] | undefined;
  readonly config: GateConfig | undefined;
}

export type GateCode =
  | 'GATE-APPROVAL-MISSING'
  | 'GATE-UNIT-FILING'
  | 'GATE-CHECK-MISSING'
  | 'GATE-CONFIG'
  | 'GATE-FACTS'
  | 'GATE-FILER';

/** Why the gate refuses: who is needed, why, which article. */
export interface GateFinding {
  readonly code: GateCode;
  readonly message: Localized;
  readonly hint?: Localized;
  /** Article of the Measures behind the finding, when one applies. */
  readonly article?: number;
}

/** An approval that was seen but does not count, and why (shown so reviewers understand the gate). */
export interface IgnoredApproval {
  readonly login: string;
  readonly reason: Localized;
}

export interface SatisfiedApproval {
  readonly role: ApprovalRole;
  readonly unit?: string;
  readonly by: readonly string[];
}

export interface GateResult {
  readonly pass: boolean;
  readonly headSha: string;
  readonly fromFork: boolean;
  readonly required: readonly RequiredApproval[];
  readonly satisfied: readonly SatisfiedApproval[];
  readonly findings: readonly GateFinding[];
  readonly ignored: readonly IgnoredApproval[];
}
