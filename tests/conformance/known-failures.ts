// Reading and writing tests/conformance/known-failures.txt: the OPA conformance cases the Rego
// engine still fails, one case id per line ("<note> @ <folder>/<file>"), grouped by folder, each
// preceded by a `# reason` comment line.
import { readFileSync } from 'node:fs';
import type { CaseResult } from '../../src/rego/conformance.ts';

export const KNOWN_FAILURES = new URL('./known-failures.txt', import.meta.url);
export const CASES_DIR = new URL('../../../shared/opa-conformance/v1/', import.meta.url);
export const TIERS = new URL('../../../shared/opa-conformance/tiers.json', import.meta.url);

export function readKnownFailures(): Set<string> {
  const out = new Set<string>();
  for (const line of readFileSync(KNOWN_FAILURES, 'utf8').split('\n')) {
    const t = line.trim();
    if (t && !t.startsWith('#')) out.add(t);
  }
  return out;
}

/** A case id fails when any case carrying that id fails (ids are not unique in OPA's suite). */
export function failingIds(results: CaseResult[]): Map<string, CaseResult> {
  const out = new Map<string, CaseResult>();
  for (const r of results) if (r.status === 'failed' && !out.has(r.id)) out.set(r.id, r);
  return out;
}

/** A short, stable reason for the list (the full reason is in the runner's output). */
export function shortReason(r: CaseResult): string {
  const why = r.reason ?? '';
  const fn = /undefined function ([\w.]+)/.exec(why);
  if (fn) return `built-in ${fn[1]} not available`;
  if (/unexpected (and|or) token/.test(why) || (r.folder === 'logic_operators' && why.includes('rego_parse_error'))) return 'experimental `and`/`or` keywords and explicit expression bodies not supported';
  if (r.folder === 'negation' && why.includes('rego_parse_error')) return 'experimental `not { ... }` bodies not supported';
  return why.replace(/\s+/g, ' ').slice(0, 110);
}

export function renderKnownFailures(failing: Map<string, CaseResult>): string {
  const byFolder = new Map<string, CaseResult[]>();
  for (const r of failing.values()) {
    const l = byFolder.get(r.folder) ?? [];
    l.push(r);
    byFolder.set(r.folder, l);
  }
  const lines = [
    '# OPA conformance cases the Rego engine (src/rego) still fails: one case id per line, grouped by',
    '# folder, each after a `# reason` line. tests/conformance/opa-conformance.test.ts fails when a case',
    '# not listed here fails, or a listed case passes. Regenerate: npx tsx tests/conformance/report.ts --write',
  ];
  for (const folder of [...byFolder.keys()].sort()) {
    lines.push('', `## ${folder}`);
    for (const r of byFolder.get(folder)!.sort((a, b) => (a.id < b.id ? -1 : 1))) {
      lines.push(`# ${shortReason(r)}`, r.id);
    }
  }
  return lines.join('\n') + '\n';
}
