// The decisions of `govern check`: the stable JSON contract (README) that the pull-request comment,
// the review gate and the audit ledger consume.
import type { Localized } from '../i18n/index.ts';
import type { RequiredApproval } from '../model/approvals.ts';

export type RuleSeverity = 'deny' | 'warn';

export interface Violation {
  /** Rule id, SS-<article>-<nnn>. */
  readonly rule: string;
  /** The article of the Measures the rule enforces (integer). */
  readonly article: number;
  readonly severity: RuleSeverity;
  readonly message: Localized;
  readonly hint?: Localized;
  /** Where: the YAML file and line of the offending field (0 when not tied to a line). */
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

export interface RequestDecision {
  readonly id: string;
  readonly file: string;
  readonly kind: string;
  readonly unit: string;
  readonly decision: 'allow' | 'deny';
  readonly violations: readonly Violation[];
  readonly approvals: readonly RequiredApproval[];
}

export interface CheckResult {
  readonly requests: readonly RequestDecision[];
  readonly state: { readonly violations: readonly Violation[] };
  readonly summary: { readonly requests: number; readonly allowed: number; readonly denied: number; readonly warnings: number };
}

/** Whether a check result refuses the change: a denied request or a denied state rule. */
export function isDenied(r: CheckResult): boolean {
  return r.requests.some((q) => q.decision === 'deny') || r.state.violations.some((v) => v.severity === 'deny');
}
