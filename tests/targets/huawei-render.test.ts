import { describe, expect, it } from 'vitest';
import type { DesiredFirewall } from '../../src/desired/types.ts';
import { renderHuaweiUsg } from '../../src/targets/huawei/render.ts';
import { FirewallTargetError } from '../../src/targets/nftables/errors.ts';
import { countyFirewall } from './firewall-fixture.ts';
import { expectGolden } from '../support/golden.ts';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof FirewallTargetError) return e.code;
    throw e;
  }
  return undefined;
}

describe('Huawei USG renderer', () => {
  it('renders the county firewall exactly as the reviewed golden file', () => {
    expectGolden('huawei-usg-county.cfg', renderHuaweiUsg(countyFirewall));
  });

  it('renders the same configuration whatever the input order', () => {
    const shuffled: DesiredFirewall = {
      ...countyFirewall,
      addressObjects: [...countyFirewall.addressObjects].reverse(),
      serviceObjects: [...countyFirewall.serviceObjects].reverse(),
      policies: [...countyFirewall.policies].reverse(),
    };
    expect(renderHuaweiUsg(shuffled)).toBe(renderHuaweiUsg(countyFirewall));
  });

  it('lists security-policy rules in policy order', () => {
    const names = [...renderHuaweiUsg(countyFirewall).matchAll(/^ rule name (\S+)$/gm)].map((m) => m[1]);
    expect(names).toEqual(['REQ-2026-0001-portal', 'REQ-2026-0007-records', 'REQ-2026-0012-records-v6']);
  });

  it('renames a service-set that would reuse a name the USG predefines (https -> svc-https) in the set and in the rule', () => {
    const cfg = renderHuaweiUsg(countyFirewall);
    expect(cfg).toContain('ip service-set svc-https type object');
    expect(cfg).toContain('  service svc-https');
    expect(cfg).not.toMatch(/service-set https /);
  });

  it('maps each destination NAT to a nat server with no-reverse', () => {
    expect(renderHuaweiUsg(countyFirewall)).toContain(
      'nat server REQ-2026-0001-portal-https protocol tcp global 203.0.113.68 443 inside 10.68.1.10 443 no-reverse',
    );
  });

  it('refuses a policy naming an unknown address object (GOV-FW-001)', () => {
    const fw = { ...countyFirewall, policies: [{ ...countyFirewall.policies[0]!, destinations: ['nowhere'] }] };
    expect(codeOf(() => renderHuaweiUsg(fw))).toBe('GOV-FW-001');
  });

  it('refuses a policy naming an unknown service object (GOV-FW-002)', () => {
    const fw = { ...countyFirewall, policies: [{ ...countyFirewall.policies[0]!, services: ['nothing'] }] };
    expect(codeOf(() => renderHuaweiUsg(fw))).toBe('GOV-FW-002');
  });

  it('refuses an address object holding something that is not an address, even beside valid ones (GOV-FW-006)', () => {
    const fw = { ...countyFirewall, addressObjects: [...countyFirewall.addressObjects, { name: 'broken', cidrs: ['10.0.0.1', 'nowhere'], requests: [] }] };
    expect(codeOf(() => renderHuaweiUsg(fw))).toBe('GOV-FW-006');
  });

  it('refuses NAT mixing address families (GOV-FW-005)', () => {
    const fw = { ...countyFirewall, nat: [{ ...countyFirewall.nat[0]!, publicAddress: 'not-an-address' }] };
    expect(codeOf(() => renderHuaweiUsg(fw))).toBe('GOV-FW-005');
  });
});
