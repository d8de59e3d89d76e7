import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DesiredFirewall } from '../../src/desired/types.ts';
import { FirewallTargetError } from '../../src/targets/nftables/errors.ts';
import { nftRuleset, renderNftables, ruleComment } from '../../src/targets/nftables/render.ts';
import { NetnsLab, netnsUnavailable } from '../e2e/netns.ts';
import { countyFirewall } from './firewall-fixture.ts';
import { expectGolden } from '../support/golden.ts';

/** The exit firewall's interfaces per zone, for the zone-bound rendering. */
const ZONES = { internet: ['up2', 'up1'], 'extranet-public': ['ext0'], 'cloud-internet': ['dmz'], 'unit-lan-health': ['lan0'] };

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof FirewallTargetError) return e.code;
    throw e;
  }
  return undefined;
}

describe('nftables renderer', () => {
  it('renders the county firewall exactly as the reviewed golden file', () => {
    expectGolden('nftables-county.nft', renderNftables(countyFirewall));
  });

  it('renders the same text whatever the order of objects, policies and NAT in the input', () => {
    const shuffled: DesiredFirewall = {
      ...countyFirewall,
      addressObjects: [...countyFirewall.addressObjects].reverse(),
      serviceObjects: [...countyFirewall.serviceObjects].reverse(),
      policies: [...countyFirewall.policies].reverse(),
      nat: [...countyFirewall.nat].reverse(),
    };
    expect(renderNftables(shuffled)).toBe(renderNftables(countyFirewall));
  });

  it('orders forward rules by policy order, after the stateful return rule, so the policy order is the rule order', () => {
    const comments = nftRuleset(countyFirewall).rules.filter((r) => r.chain === 'forward').map((r) => r.comment.split(' ')[0]);
    expect(comments).toEqual(['govern:', 'REQ-2026-0001-portal', 'REQ-2026-0007-records', 'REQ-2026-0007-records', 'REQ-2026-0007-records', 'REQ-2026-0012-records-v6']);
  });

  it('merges nested and adjacent prefixes into one minimal set, because nft refuses overlapping intervals', () => {
    const set = nftRuleset(countyFirewall).sets.find((s) => s.name === 'a_extranet_towns');
    expect(set?.elements).toEqual(['10.68.16.0/21']);
  });

  it('splits an address object holding IPv4 and IPv6 into one set per family', () => {
    const names = nftRuleset(countyFirewall).sets.map((s) => `${s.name}:${s.elements.join(',')}`);
    expect(names).toContain('a_health_records:10.68.2.20');
    expect(names).toContain('a6_health_records:2001:db8:68::20');
  });

  it('refuses a policy naming an unknown address object (GOV-FW-001) instead of dropping the permit silently', () => {
    const fw = { ...countyFirewall, policies: [{ ...countyFirewall.policies[0]!, sources: ['no-such-object'] }] };
    expect(codeOf(() => renderNftables(fw))).toBe('GOV-FW-001');
  });

  it('refuses a policy naming an unknown service object (GOV-FW-002)', () => {
    const fw = { ...countyFirewall, policies: [{ ...countyFirewall.policies[0]!, services: ['no-such-service'] }] };
    expect(codeOf(() => renderNftables(fw))).toBe('GOV-FW-002');
  });

  it('refuses a policy whose sources and destinations share no address family (GOV-FW-003)', () => {
    const fw = { ...countyFirewall, policies: [{ ...countyFirewall.policies[0]!, sources: ['hospital-lan-v6'], destinations: ['gov-portal'] }] };
    expect(codeOf(() => renderNftables(fw))).toBe('GOV-FW-003');
  });

  it('refuses two address objects that would share one nftables set name (GOV-FW-004)', () => {
    const fw = { ...countyFirewall, addressObjects: [...countyFirewall.addressObjects, { name: 'gov.portal', cidrs: ['10.0.0.1'], requests: [] }] };
    expect(codeOf(() => renderNftables(fw))).toBe('GOV-FW-004');
  });

  it('refuses an address object holding something that is not an address (GOV-FW-006)', () => {
    const fw = { ...countyFirewall, addressObjects: [...countyFirewall.addressObjects, { name: 'broken', cidrs: ['10.0.0.0/33'], requests: [] }] };
    expect(codeOf(() => renderNftables(fw))).toBe('GOV-FW-006');
  });

  it('refuses NAT between an IPv4 public address and an IPv6 private address (GOV-FW-005)', () => {
    const fw = { ...countyFirewall, nat: [{ ...countyFirewall.nat[0]!, privateAddress: '2001:db8::1' }] };
    expect(codeOf(() => renderNftables(fw))).toBe('GOV-FW-005');
  });

  it('binds every policy to the interfaces of its source and destination zones when a zone map is given', () => {
    const rules = nftRuleset(countyFirewall, { zoneInterfaces: ZONES }).rules.filter((r) => r.comment.startsWith('REQ-2026-0001-portal '));
    expect(rules.map((r) => r.exprs.map((e) => (e.kind === 'ifname' ? `${e.dir}=${e.names.join('+')}` : e.kind)).join(' '))).toEqual([
      'iifname=up1+up2 oifname=dmz addr addr dport verdict',
    ]);
  });

  it('refuses a policy whose zone has no interface in the zone map (GOV-FW-007), rather than match every interface', () => {
    const { 'unit-lan-health': _dropped, ...partial } = ZONES;
    expect(codeOf(() => renderNftables(countyFirewall, { zoneInterfaces: partial }))).toBe('GOV-FW-007');
  });

  it('refuses an interface name nft or Linux would not take (GOV-FW-007)', () => {
    expect(codeOf(() => renderNftables(countyFirewall, { zoneInterfaces: { ...ZONES, internet: ['eth0" accept'] } }))).toBe('GOV-FW-007');
  });

  it('keeps rule comments within nft’s 128 bytes, keeping the policy name and counting the request ids left out', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `REQ-2026-${String(i).padStart(4, '0')}`);
    const c = ruleComment('REQ-2026-0001-portal', ids);
    expect(Buffer.byteLength(c)).toBeLessThanOrEqual(128);
    expect(c).toMatch(/^REQ-2026-0001-portal REQ-2026-0000,.*\+\d+$/);
    expect(ruleComment('p"x', ['R1'])).toBe('p x R1');
  });
});

describe('nftables renderer output checked by nft itself', () => {
  const lab = new NetnsLab('r');
  let ns = '';
  let dir = '';

  beforeAll(async () => {
    const why = await netnsUnavailable();
    if (why) throw new Error(`cannot check rendered rule sets with nft -c: ${why}`);
    // nft -c needs netlink; a throwaway namespace keeps even the check away from the host's tables
    ns = await lab.add('chk');
    dir = mkdtempSync(join(tmpdir(), 'govern-nft-test-'));
  });
  afterAll(() => lab.cleanup());

  it('passes nft -c -f for the county firewall', async () => {
    const path = join(dir, 'county.nft');
    writeFileSync(path, renderNftables(countyFirewall));
    await expect(lab.exec(ns, ['nft', '-c', '-f', path])).resolves.toBe('');
  });

  it('passes nft -c -f for the county firewall with zones bound to interfaces', async () => {
    const path = join(dir, 'county-zones.nft');
    writeFileSync(path, renderNftables(countyFirewall, { zoneInterfaces: ZONES }));
    await expect(lab.exec(ns, ['nft', '-c', '-f', path])).resolves.toBe('');
  });

  it('passes nft -c -f for an empty firewall (deny everything)', async () => {
    const path = join(dir, 'empty.nft');
    writeFileSync(path, renderNftables({ device: 'fw', defaultAction: 'deny', addressObjects: [], serviceObjects: [], policies: [], nat: [] }));
    await expect(lab.exec(ns, ['nft', '-c', '-f', path])).resolves.toBe('');
  });

  it('is rejected by nft -c when a set holds overlapping intervals, which is why the renderer merges them', async () => {
    const path = join(dir, 'overlap.nft');
    writeFileSync(path, 'table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.68.16.0/22, 10.68.17.0/24 }\n\t}\n}\n');
    await expect(lab.exec(ns, ['nft', '-c', '-f', path])).rejects.toThrow(/conflicting intervals|overlap|exists/i);
  });
});
