// Where the review gate's GateConfig comes from: inventory/github.yaml (org, team per role),
// inventory/units.yaml (each unit's githubTeam and securityOfficer) and inventory/people.yaml (the
// officer's github login). Documents are checked with the model's own zod schemas (one rule, one
// place). gateConfigFromDocuments is the seam for the model loader (src/load) to call instead.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatDiagnostic, type Diagnostic } from '../i18n/index.ts';
import { GitHubConfig, PersonCatalog, UnitCatalog, type GitHubConfigT, type PersonT, type UnitT } from '../model/inventory.ts';
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
  };
}

/** Reads the three inventory files under `dir`; every problem of every file is reported at once. */
export function gateConfigFromRepository(dir: string, now = new Date()): GateConfig {
  const problems: Diagnostic[] = [];
  const github = readDoc(dir, 'inventory/github.yaml', GitHubConfig, problems);
  const units = readDoc(dir, 'inventory/units.yaml', UnitCatalog, problems);
  const people = readDoc(dir, 'inventory/people.yaml', PersonCatalog, problems);
  if (!github || !units || !people) throw new GateConfigError(problems);
  return gateConfigFromDocuments(github, units.units, people.people, now);
}

function readDoc<S extends z.ZodType>(dir: string, file: string, schema: S, problems: Diagnostic[]): z.infer<S> | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, file), 'utf8');
  } catch {
    problems.push({
      code: 'GATE-CONFIG',
      severity: 'error',
      file,
      line: 0,
      column: 0,
      message: { zh: '文件不存在或无法读取，审批门禁无法确定审批人', en: 'the file is missing or unreadable, so the gate cannot know the approvers' },
      hint: { zh: '从示例县复制并填写', en: 'copy it from the sample county and fill it in' },
    });
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  for (const e of doc.errors) {
    const at = lines.linePos(e.pos[0]);
    problems.push({
      code: 'GATE-CONFIG',
      severity: 'error',
      file,
      line: at.line,
      column: at.col,
      message: { zh: `YAML 语法错误：${e.message}`, en: `YAML syntax error: ${e.message}` },
      hint: { zh: '修正该处的缩进或引号', en: 'fix the indentation or quoting there' },
    });
  }
  if (doc.errors.length) return undefined;
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data as z.infer<S>;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    let node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    for (let n = path.length - 1; !node?.range && n >= 0; n--) node = doc.getIn(path.slice(0, n), true) as typeof node;
    const at = node?.range ? lines.linePos(node.range[0]) : { line: 0, col: 0 };
    problems.push({
      code: 'GATE-CONFIG',
      severity: 'error',
      file,
      line: at.line,
      column: at.col,
      message: { zh: `${path.join('.') || '(文档)'}：${issue.message}`, en: `${path.join('.') || '(document)'}: ${issue.message}` },
      hint: { zh: '按 schemas/ 中的结构修正', en: 'fix it to match the schema in schemas/' },
    });
  }
  return undefined;
}
