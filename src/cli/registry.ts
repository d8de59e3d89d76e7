// Every `govern` command, loaded lazily so that `govern validate` does not pay for Pulumi or Octokit.
// Add a line here when you add a command module (it must export `command: CommandSpec`).
import type { CommandSpec } from './types.ts';

export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<{ command: CommandSpec }>;
}

// In the order a person meets them: a unit's request, the pull request, applying, scheduled jobs,
// the ledger, generated files, the Rego engine.
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'validate', load: () => import('./validate.ts') },
  { name: 'check', load: () => import('./check.ts') },
  { name: 'plan', load: () => import('./plan.ts') },
  { name: 'pipeline', load: () => import('./pipeline.ts') },
  { name: 'pr comment', load: () => import('./pr-comment.ts') },
  { name: 'pr gate', load: () => import('./pr-gate.ts') },
  { name: 'repo protect', load: () => import('./repo-protect.ts') },
  { name: 'apply', load: () => import('./apply.ts') },
  { name: 'drift', load: () => import('./drift.ts') },
  { name: 'expire', load: () => import('./expire.ts') },
  { name: 'notices', load: () => import('./notices.ts') },
  { name: 'report', load: () => import('./report.ts') },
  { name: 'audit append', load: () => import('./audit-append.ts') },
  { name: 'audit verify', load: () => import('./audit-verify.ts') },
  { name: 'audit show', load: () => import('./audit-show.ts') },
  { name: 'audit keygen', load: () => import('./audit-keygen.ts') },
  { name: 'rules', load: () => import('./rules.ts') },
  { name: 'schemas', load: () => import('./schemas.ts') },
  { name: 'codeowners', load: () => import('./codeowners.ts') },
  { name: 'policy test', load: () => import('./policy-test.ts') },
  { name: 'policy build', load: () => import('./policy-build.ts') },
  { name: 'policy compare', load: () => import('./policy-compare.ts') },
  { name: 'rego eval', load: () => import('./rego-eval.ts') },
  { name: 'rego conformance', load: () => import('./rego-conformance.ts') },
];
