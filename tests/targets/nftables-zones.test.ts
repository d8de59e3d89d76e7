import { describe, expect, it } from 'vitest';
import { FirewallTargetError } from '../../src/targets/nftables/errors.ts';
import { parseZoneInterfaces } from '../../src/targets/nftables/zones.ts';

describe('zone-to-interface map', () => {
  it('collects repeated zones, from a list or from a comma-separated string', () => {
    const want = { internet: ['up1', 'up2'], dmz: ['eth2'] };
    expect(parseZoneInterfaces(['internet=up1', 'internet=up2', 'dmz=eth2'])).toEqual(want);
    expect(parseZoneInterfaces(' internet=up1, internet=up2 ,dmz=eth2')).toEqual(want);
  });

  it('refuses an item that is not ZONE=IFNAME, or an interface name Linux would not take (GOV-FW-008)', () => {
    for (const bad of ['internet', 'internet=', '=eth0', 'internet=eth0"x', 'internet=abcdefghijklmnop']) {
      expect(() => parseZoneInterfaces([bad]), bad).toThrow(FirewallTargetError);
    }
  });
});
