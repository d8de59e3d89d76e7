// Where the review gate's GateConfig comes from: inventory/github.yaml (org, team per role),
// inventory/units.yaml (each unit's githubTeam and securityOfficer) and inventory/people.yaml (the
// officer's github login), read by the repository loader (one rule, one place).
import { join, resolve } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../i18n/index.ts';
import { loadFile } from '../load/index.ts';
import type { GitHubConfigT, PersonT, UnitT } from '../model/inventory.ts';
import { OperationalError } from '../cli/types.ts';
import type { GateConfig, UnitGitHub } from './types.ts';

export class GateConfigError extends OperationalError {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super({
      zh: diagnostics.map((d) => formatDiagnostic(d, 'zh')).join('\n'),
      en: diagnostics.map((d) => formatDiagnostic(d, 'en')).join('\n'),
    });
    this.name = 'GateConfigError';
  }
}

/** Builds the GateConfig from already validated documents. */
export function gateConfigFromDocuments(github: GitHubConfigT, units: readonly UnitT[], people: readonly PersonT[], now = new Date()): GateConfig {
  const today = now.toISOString().slice(0, 10);
  // An officer who has left (art. 20) no longer signs off: the unit then has no officer login.
  const logins = new Map(people.filter((p) => p.github && !(p.leftDate && p.leftDate <= today)).map((p) => [p.id, p.github!]));
  const byUnit: Record<string, UnitGitHub> = {};
  for (const u of units) {
    const officer = u.securityOfficer ? logins.get(u.securityOfficer) : undefined;
    byUnit[u.id] = { team: u.githubTeam, ...(officer ? { securityOfficer: officer } : {}) };
  }
  return {
    org: github.org,
    teams: {
      'bureau-reviewer': github.teams.bureauReviewers,
      'bureau-security-lead': github.teams.bureauSecurityLead,
      'leading-group-office-director': github.teams.leadingGroupOfficeDirector,
      'bureau-security-team': github.teams.bureauSecurity,
    },
    units: byUnit,
    automation: github.automation ?? [],
  };
}

/**
 * Reads the three inventory files under `dir` with the repository loader (the same parsing, schema
 * and positioned bilingual errors as `govern validate`); every problem of every file is reported at once.
 */
export async function gateConfigFromRepository(dir: string, now = new Date()): Promise<GateConfig> {
  const files = await Promise.all(GATE_FILES.map((f) => loadFile(resolve(dir), join(resolve(dir), f))));
  const problems = files.flatMap((f) => f.diagnostics);
  const doc = <K extends string>(kind: K) => files.find((f) => f.kind === kind && f.diagnostics.length === 0)?.doc;
  const github = doc('GitHubConfig') as GitHubConfigT | undefined;
  const units = doc('UnitCatalog') as { units: UnitT[] } | undefined;
  const people = doc('PersonCatalog') as { people: PersonT[] } | undefined;
  if (problems.length > 0 || !github || !units || !people) {
    if (problems.length === 0) {
      problems.push({
        code: 'GATE-CONFIG',
        severity: 'error',
        file: 'inventory/',
        line: 0,
        column: 0,
        message: { zh: `${GATE_FILES.join('、')} 须分别是 GitHubConfig、UnitCatalog、PersonCatalog`, en: `${GATE_FILES.join(', ')} must hold a GitHubConfig, a UnitCatalog and a PersonCatalog` },
        hint: { zh: '从示例县复制并填写', en: 'copy them from the sample county and fill them in' },
      });
    }
    throw new GateConfigError(problems);
  }
  return gateConfigFromDocuments(github, units.units, people.people, now);
}

/** The files the gate's mapping comes from. */
export const GATE_FILES = ['inventory/github.yaml', 'inventory/units.yaml', 'inventory/people.yaml'] as const;
