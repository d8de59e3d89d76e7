// A small county inventory for the GitHub tests: the three files gateConfigFromRepository reads.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const GITHUB_YAML = `apiVersion: govern.shengsi.gov.cn/v1
kind: GitHubConfig
org: shengsi
teams:
  bureauReviewers: bureau-reviewers
  bureauSecurityLead: bureau-security-lead
  leadingGroupOfficeDirector: leading-group-office
  bureauSecurity: bureau-security
automation: ['govern-automation[bot]']
`;

export const UNITS_YAML = `apiVersion: govern.shengsi.gov.cn/v1
kind: UnitCatalog
units:
  - id: county-health
    name: 县卫生健康局
    type: department
    githubTeam: unit-county-health
    securityOfficer: wang-officer
  - id: county-edu
    name: 县教育局
    type: department
    githubTeam: unit-county-edu
    securityOfficer: zhao-officer
`;

export const PEOPLE_YAML = `apiVersion: govern.shengsi.gov.cn/v1
kind: PersonCatalog
people:
  - id: wang-officer
    name: 王安全
    unit: county-health
    roles: [security-officer]
    github: wang-officer
  - id: zhao-officer
    name: 赵安全
    unit: county-edu
    roles: [security-officer]
    github: zhao-officer
    leftDate: 2026-01-31
`;

/** Writes the inventory into a fresh temporary repository folder; `over` replaces whole files. */
export function writeInventory(over: Partial<Record<'github' | 'units' | 'people', string | null>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'govern-gh-'));
  mkdirSync(join(dir, 'inventory'));
  const files = { github: GITHUB_YAML, units: UNITS_YAML, people: PEOPLE_YAML, ...over };
  for (const [name, text] of Object.entries(files)) {
    if (text !== null) writeFileSync(join(dir, 'inventory', `${name}.yaml`), text);
  }
  return dir;
}
