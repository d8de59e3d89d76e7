// GateConfig from the inventory files: the mapping the review gate trusts, and its errors.
import { describe, expect, it } from 'vitest';
import { GateConfigError, gateConfigFromRepository } from '../../src/github/config.ts';
import { GITHUB_YAML, writeInventory } from '../support/gate-inventory.ts';

describe('gate configuration from the repository', () => {
  it('maps roles to teams and units to their team and officer login', async () => {
    const cfg = await gateConfigFromRepository(writeInventory(), new Date('2026-11-25T00:00:00Z'));
    expect(cfg).toEqual({
      org: 'shengsi',
      teams: {
        'bureau-reviewer': 'bureau-reviewers',
        'bureau-security-lead': 'bureau-security-lead',
        'leading-group-office-director': 'leading-group-office',
        'bureau-security-team': 'bureau-security',
      },
      // zhao-officer left on 2026-01-31 (art. 20): county-edu has no officer who can sign off.
      units: { 'county-health': { team: 'unit-county-health', securityOfficer: 'wang-officer' }, 'county-edu': { team: 'unit-county-edu' } },
      automation: ['govern-automation[bot]'],
    });
  });

  it('reports a missing file with a stable code and a fix', async () => {
    const e = await gateConfigFromRepository(writeInventory({ github: null })).then(
      () => {
        throw new Error('expected a GateConfigError');
      },
      (err: unknown) => err as GateConfigError,
    );
    expect(e).toBeInstanceOf(GateConfigError);
    expect(e.localized.zh).toMatch(/^E-READ inventory\/github\.yaml/);
  });

  it('points at the line and column of a wrong field', async () => {
    const broken = GITHUB_YAML.replace('  bureauSecurity: bureau-security\n', '  bureauSecurity: 7\n');
    await expect(gateConfigFromRepository(writeInventory({ github: broken }))).rejects.toThrow(/E-TYPE inventory\/github\.yaml:8:19/);
  });
});
