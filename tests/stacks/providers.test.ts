import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperationalError } from '../../src/cli/types.ts';
import { desiredState } from '../../src/desired/index.ts';
import { accessDriver, emptyFirewall, firewallDriver, removeAccess } from '../../src/targets/pulumi/provider-runtime.ts';
import { county } from '../desired/county.ts';
import { REPO_ROOT } from '../plan/sample.ts';

const desired = desiredState(county(), '2026-11-25');
const fw = desired.firewall;
const driver = { kind: 'nftables', options: { table: 'govern_exit' } };

describe('the dynamic providers, run as the Pulumi engine runs them (node --import tsx)', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'tests/stacks/provider-diffs.ts')], { cwd: REPO_ROOT, encoding: 'utf8' });
  const r = JSON.parse(out) as Record<string, unknown>;

  it('report no change when the desired firewall and driver are the same', () => {
    expect(r.firewallSame).toMatchObject({ changes: false, replaces: [] });
  });

  it('report an in-place change when a policy changes', () => {
    expect(r.firewallPolicy).toMatchObject({ changes: true, replaces: [] });
  });

  it('replace the firewall resource when the device changes', () => {
    expect(r.firewallDevice).toMatchObject({ changes: true, replaces: ['firewall'] });
  });

  it('diff account lists of a platform', () => {
    expect(r.accessSame).toMatchObject({ changes: false });
    expect(r.accessFewer).toMatchObject({ changes: true, replaces: [] });
  });

  it('fail an account create with instructions instead of pretending', () => {
    expect(r.accessCreate).toContain('no account driver for county-bastion');
  });
});

describe('the provider runtime', () => {
  it('builds the nftables driver named by the stack config', () => {
    expect(firewallDriver(driver).name).toBe('nftables');
  });

  it('refuses a firewall kind it has no driver for, saying what to do', () => {
    expect(() => firewallDriver({ kind: 'huawei-usg' })).toThrow(OperationalError);
  });

  it('leaves a firewall that permits nothing when the resource is deleted (fail closed)', () => {
    const empty = emptyFirewall(fw);
    expect(empty).toMatchObject({ device: fw.device, defaultAction: 'deny', addressObjects: [], serviceObjects: [], policies: [], nat: [] });
  });

  it('refuses to pretend bastion or VPN accounts changed: no access driver is bundled', async () => {
    expect(() => accessDriver({ kind: 'county-bastion' })).toThrow(OperationalError);
    await expect(removeAccess({ platform: 'bastion', accounts: [], driver: { kind: 'county-bastion' } })).rejects.toThrow(/no account driver/);
  });

});
