import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUREAU_PATHS, renderCodeowners } from '../../src/cli/codeowners.ts';
import { main } from '../../src/cli/main.ts';

const ROOT = resolve(import.meta.dirname, '../..');

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { cwd, env: {}, io: { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') } });
  return { code, out, err };
}

const github = { org: 'shengsi-egov', teams: { bureauReviewers: 'bdc-reviewers', bureauSecurityLead: 'lead', leadingGroupOfficeDirector: 'office', bureauSecurity: 'bdc-security' } };

/** GitHub's rule: the last matching pattern decides (only the simple folder/file patterns used here). */
function ownersOf(codeowners: string, path: string): string | undefined {
  let owners: string | undefined;
  for (const line of codeowners.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [pattern, ...who] = line.split(/\s+/);
    const p = pattern!;
    const hit = p === '*' || (p.endsWith('/') ? ('/' + path).startsWith(p) : '/' + path === p);
    if (hit) owners = who.join(' ');
  }
  return owners;
}

describe('CODEOWNERS', () => {
  it('the committed .github/CODEOWNERS is what the inventory generates', async () => {
    const r = await run(['codeowners', '--check'], ROOT);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it("routes a unit's folder to the unit's team and the bureau reviewers", () => {
    const text = renderCodeowners(github, [{ id: 'health-bureau', githubTeam: 'health' }, { id: 'caiyuan-town', githubTeam: 'caiyuan' }]);
    expect(ownersOf(text, 'requests/health-bureau/req-2026-0107.yaml')).toBe('@shengsi-egov/health @shengsi-egov/bdc-reviewers');
    expect(ownersOf(text, 'requests/caiyuan-town/req-2026-0001.yaml')).toBe('@shengsi-egov/caiyuan @shengsi-egov/bdc-reviewers');
  });

  it("routes the bureau's folders, and any folder nobody listed, to the bureau security team", () => {
    const text = renderCodeowners(github, [{ id: 'health-bureau', githubTeam: 'health' }]);
    for (const p of ['policies/x.rego', 'stacks/a/index.ts', 'inventory/units.yaml', 'scripts/x.ts', 'src/audit/index.ts', 'schemas/a.json', '.github/workflows/apply.yml', 'package.json', 'package-lock.json', 'audit/ledger.jsonl', 'requests/new-unit/req-2026-0001.yaml', 'README.md']) {
      expect([p, ownersOf(text, p)]).toEqual([p, '@shengsi-egov/bdc-security']);
    }
    expect(BUREAU_PATHS).toEqual([...BUREAU_PATHS].sort());
  });

  it('--check exits 1 with a fix when the committed file is stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'govern-codeowners-'));
    cpSync(join(ROOT, 'inventory'), join(dir, 'inventory'), { recursive: true });
    cpSync(join(ROOT, 'requests'), join(dir, 'requests'), { recursive: true });
    mkdirSync(join(dir, '.github'));
    writeFileSync(join(dir, '.github/CODEOWNERS'), readFileSync(join(ROOT, '.github/CODEOWNERS'), 'utf8').replace(/^\/requests\/health-bureau\/.*\n/m, ''));
    const stale = await run(['codeowners', '--check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain('CODEOWNERS-STALE .github/CODEOWNERS');
    expect(stale.err).toContain('node bin/govern.mjs codeowners');
    expect((await run(['codeowners'], dir)).code).toBe(0);
    expect((await run(['codeowners', '--check'], dir)).code).toBe(0);
  });
});
