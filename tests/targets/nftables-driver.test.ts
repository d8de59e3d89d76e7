// The nftables driver against a real nftables in a throwaway network namespace: atomic apply,
// read-back, idempotence, dry run, drift both ways, and typed errors.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DesiredFirewall } from '../../src/desired/types.ts';
import { NftablesDriver } from '../../src/targets/nftables/driver.ts';
import { FirewallTargetError } from '../../src/targets/nftables/errors.ts';
import { fingerprint } from '../../src/targets/nftables/ruleset.ts';
import { nftRuleset } from '../../src/targets/nftables/render.ts';
import { NetnsLab, netnsUnavailable } from '../e2e/netns.ts';
import { countyFirewall } from './firewall-fixture.ts';

const lab = new NetnsLab('d');
let ns = '';

beforeAll(async () => {
  const why = await netnsUnavailable();
  if (why) throw new Error(`the nftables driver tests need a real nftables: ${why}`);
  ns = await lab.add('fw');
});
afterAll(() => lab.cleanup());

/** Starts every test from a namespace without our table. */
beforeEach(async () => {
  const tables = await lab.exec(ns, ['nft', 'list', 'tables']);
  if (tables.includes('govern_exit')) await lab.exec(ns, ['nft', 'delete', 'table', 'inet', 'govern_exit']);
});

describe('nftables driver', () => {
  it('applies the whole rule set, reads back the fingerprint of what it rendered, and a second apply changes nothing', async () => {
    const driver = new NftablesDriver({ netns: ns });
    expect((await driver.read()).present).toBe(false);
    const first = await driver.apply(countyFirewall);
    expect(first.changed).toBe(true);
    expect(first.drift.items).toEqual([expect.objectContaining({ side: 'repository-only', kind: 'table' })]);
    const read = await driver.read();
    expect(read.present).toBe(true);
    expect(read.fingerprint).toBe(fingerprint(nftRuleset(countyFirewall)));
    const second = await driver.apply(countyFirewall);
    expect(second.changed).toBe(false);
    expect(second.drift.inSync).toBe(true);
    expect(second.detail).toMatch(/in sync/);
  });

  it('reads zone-bound rules back as applied (one and several interfaces per zone), so a second apply changes nothing', async () => {
    const zoneInterfaces = { internet: ['up2', 'up1'], 'extranet-public': ['ext0'], 'cloud-internet': ['dmz'], 'unit-lan-health': ['lan0'] };
    const driver = new NftablesDriver({ netns: ns, zoneInterfaces });
    expect((await driver.apply(countyFirewall)).changed).toBe(true);
    expect(await lab.exec(ns, ['nft', 'list', 'chain', 'inet', 'govern_exit', 'forward'])).toContain('iifname { "up1", "up2" } oifname "dmz"');
    expect((await driver.apply(countyFirewall)).changed).toBe(false);
    // the flat string form (Pulumi driverOptions) means the same map
    const flat = 'internet=up1,internet=up2,extranet-public=ext0,cloud-internet=dmz,unit-lan-health=lan0';
    expect((await new NftablesDriver({ netns: ns, zoneInterfaces: flat }).drift(countyFirewall)).inSync).toBe(true);
    // the same device read without the zone map differs: the zones are part of what is compared
    expect((await new NftablesDriver({ netns: ns }).drift(countyFirewall)).inSync).toBe(false);
  });

  it('writes nothing in a dry run but checks the file with nft -c and says what would change', async () => {
    const result = await new NftablesDriver({ netns: ns, dryRun: true }).apply(countyFirewall);
    expect(result).toMatchObject({ changed: true, dryRun: true });
    expect(result.detail).toMatch(/would apply/);
    expect(await lab.exec(ns, ['nft', 'list', 'tables'])).not.toContain('govern_exit');
  });

  it('replaces only its own table: another table on the device is left alone', async () => {
    await lab.exec(ns, ['nft', 'add', 'table', 'inet', 'operator_own']);
    await new NftablesDriver({ netns: ns }).apply(countyFirewall);
    const smaller: DesiredFirewall = { ...countyFirewall, policies: countyFirewall.policies.slice(0, 1), nat: [] };
    await new NftablesDriver({ netns: ns }).apply(smaller);
    expect(await lab.exec(ns, ['nft', 'list', 'tables'])).toContain('operator_own');
    await lab.exec(ns, ['nft', 'delete', 'table', 'inet', 'operator_own']);
  });

  it('removes a policy from the device when the repository no longer has it (expiry), and reports the change', async () => {
    const driver = new NftablesDriver({ netns: ns });
    await driver.apply(countyFirewall);
    const expired: DesiredFirewall = { ...countyFirewall, policies: countyFirewall.policies.filter((p) => p.name !== 'REQ-2026-0007-records') };
    const result = await driver.apply(expired);
    expect(result.changed).toBe(true);
    expect(result.drift.items.filter((i) => i.kind === 'rule').map((i) => `${i.side} ${i.name}`)).toEqual([
      'device-only REQ-2026-0007-records REQ-2026-0007',
      'device-only REQ-2026-0007-records REQ-2026-0007',
      'device-only REQ-2026-0007-records REQ-2026-0007',
    ]);
    expect(await lab.exec(ns, ['nft', 'list', 'table', 'inet', 'govern_exit'])).not.toContain('REQ-2026-0007-records');
  });

  it('detects drift both ways: a rule and a set element added on the device, and a rule deleted on the device', async () => {
    const driver = new NftablesDriver({ netns: ns });
    await driver.apply(countyFirewall);
    await lab.exec(ns, ['nft', 'add', 'rule', 'inet', 'govern_exit', 'forward', 'tcp', 'dport', '22', 'accept', 'comment', '"ops temporary ssh"']);
    await lab.exec(ns, ['nft', 'add', 'element', 'inet', 'govern_exit', 'a_gov_portal', '{ 10.68.1.99 }']);
    const listing = JSON.parse(await lab.exec(ns, ['nft', '-j', '-a', 'list', 'chain', 'inet', 'govern_exit', 'forward'])) as {
      nftables: { rule?: { handle: number; comment?: string } }[];
    };
    const portal = listing.nftables.find((i) => i.rule?.comment?.startsWith('REQ-2026-0001-portal'))?.rule;
    await lab.exec(ns, ['nft', 'delete', 'rule', 'inet', 'govern_exit', 'forward', 'handle', String(portal!.handle)]);

    const drift = await driver.drift(countyFirewall);
    expect(drift.inSync).toBe(false);
    expect(drift.items.map((i) => `${i.side} ${i.kind} ${i.name}`).sort()).toEqual([
      'device-only rule ops temporary ssh',
      'different set a_gov_portal',
      'repository-only rule REQ-2026-0001-portal REQ-2026-0001',
    ]);
    expect(drift.items.find((i) => i.kind === 'set')?.detail).toContain('+10.68.1.99');
    expect((await driver.read()).fingerprint).not.toBe(fingerprint(nftRuleset(countyFirewall)));

    const repaired = await driver.apply(countyFirewall);
    expect(repaired.changed).toBe(true);
    expect((await driver.drift(countyFirewall)).inSync).toBe(true);
  });

  it('reports an expression govern never writes (a counter added on the device) as drift instead of ignoring it', async () => {
    const driver = new NftablesDriver({ netns: ns });
    await driver.apply(countyFirewall);
    await lab.exec(ns, ['nft', 'add', 'rule', 'inet', 'govern_exit', 'prerouting', 'counter']);
    const drift = await driver.drift(countyFirewall);
    expect(drift.items).toEqual([expect.objectContaining({ side: 'device-only', kind: 'rule', detail: expect.stringContaining('counter') })]);
  });

  it('reports a default policy turned to accept on the device (default deny lost) as drift of the chain', async () => {
    const driver = new NftablesDriver({ netns: ns });
    await driver.apply(countyFirewall);
    await lab.exec(ns, ['nft', 'chain', 'inet', 'govern_exit', 'forward', '{ policy accept; }']);
    const drift = await driver.drift(countyFirewall);
    expect(drift.items).toEqual([expect.objectContaining({ side: 'different', kind: 'chain', name: 'forward', detail: expect.stringContaining('policy accept') })]);
    expect((await driver.apply(countyFirewall)).changed).toBe(true);
    expect(await lab.exec(ns, ['nft', 'list', 'chain', 'inet', 'govern_exit', 'forward'])).toContain('policy drop;');
  });

  it('reports a reordered chain as drift', async () => {
    const driver = new NftablesDriver({ netns: ns });
    await driver.apply(countyFirewall);
    // move the stateful rule to the end: same rules, different order
    const listing = JSON.parse(await lab.exec(ns, ['nft', '-j', '-a', 'list', 'chain', 'inet', 'govern_exit', 'forward'])) as {
      nftables: { rule?: { handle: number; comment?: string } }[];
    };
    const stateful = listing.nftables.find((i) => i.rule?.comment?.startsWith('govern:'))?.rule;
    await lab.exec(ns, ['nft', 'delete', 'rule', 'inet', 'govern_exit', 'forward', 'handle', String(stateful!.handle)]);
    await lab.exec(ns, ['nft', 'add', 'rule', 'inet', 'govern_exit', 'forward', 'ct', 'state', 'established,related', 'accept', 'comment', '"govern: return traffic of permitted connections"']);
    expect((await driver.drift(countyFirewall)).items).toEqual([expect.objectContaining({ kind: 'order', name: 'forward' })]);
  });

  it('fails with a typed, Chinese-first error when the network namespace does not exist', async () => {
    const err = await new NftablesDriver({ netns: `${lab.prefix}-absent` }).apply(countyFirewall).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FirewallTargetError);
    expect((err as FirewallTargetError).code).toBe('NFT-005');
    expect((err as FirewallTargetError).text('zh')).toMatch(/^NFT-005 netns .*网络命名空间不存在/);
  });

  it('fails with a typed error carrying nft’s own message when nft rejects the rule set', async () => {
    // a chain name nft cannot parse reaches nft: the driver must surface nft's refusal, not crash
    const err = await new NftablesDriver({ netns: ns, table: 'bad table' }).apply(countyFirewall).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FirewallTargetError);
    expect((err as FirewallTargetError).code).toBe('NFT-001');
    expect((err as FirewallTargetError).localized.en).toMatch(/nft failed: .*Error/);
  });
});
