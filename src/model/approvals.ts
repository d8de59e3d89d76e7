// Who must approve a change: decided by the policies (rules.md "Approvals"), consumed by the review gate.
import type { Localized } from '../i18n/index.ts';

/**
 * The approving roles of the Measures, each mapped to a GitHub team (or, for a unit's security
 * officer, to the officer's own account) by inventory/github.yaml.
 */
export const APPROVAL_ROLES = [
  'bureau-reviewer', //           县大数据局审核人 (art. 11, 14)
  'unit-security-officer', //     申请单位网络信息安全管理岗 (art. 19)
  'bureau-security-lead', //      县大数据局安全负责人 (internet exposure, MLPS level >= 3)
  'leading-group-office-director', // 领导小组办公室主任 (art. 9, 12, 21)
  'bureau-security-team', //      县大数据局安全组 (changes to policies, stacks, inventory, .github...)
] as const;

export type ApprovalRole = (typeof APPROVAL_ROLES)[number];

export interface RequiredApproval {
  readonly role: ApprovalRole;
  readonly count: number;
  /** For unit-security-officer: the unit whose officer must approve. */
  readonly unit?: string;
  /** Why this approval is needed (cites the article). */
  readonly why?: Localized;
}

/** Merges requirements: the same role (and unit) needs the highest count asked for. */
export function mergeApprovals(lists: readonly (readonly RequiredApproval[])[]): RequiredApproval[] {
  const byKey = new Map<string, RequiredApproval>();
  for (const list of lists) {
    for (const a of list) {
      const k = `${a.role}|${a.unit ?? ''}`;
      const prev = byKey.get(k);
      if (!prev || a.count > prev.count) byKey.set(k, a);
    }
  }
  return [...byKey.values()].sort((a, b) =>
    APPROVAL_ROLES.indexOf(a.role) - APPROVAL_ROLES.indexOf(b.role) || (a.unit ?? '').localeCompare(b.unit ?? ''),
  );
}
