// The exit firewall's interfaces per zone, written `ZONE=IFNAME` (the CLI's --zone-interface, or a
// comma-separated string in a Pulumi stack's flat driverOptions). Pure parsing with a typed error.
import { targetError } from './errors.ts';

/** Zone id = Linux interface name (at most 15 characters, no quotes or spaces). */
const ITEM = /^([A-Za-z0-9][A-Za-z0-9_-]*)=([A-Za-z0-9_.:@-]{1,15})$/;

export type ZoneInterfaces = Readonly<Record<string, readonly string[]>>;

/** `["internet=eth0", "internet=eth1", "dmz=eth2"]` or `"internet=eth0,dmz=eth2"` -> { internet: [eth0, eth1], dmz: [eth2] }. */
export function parseZoneInterfaces(spec: string | readonly string[]): Record<string, string[]> {
  const items = typeof spec === 'string' ? spec.split(',').map((s) => s.trim()).filter(Boolean) : spec;
  const map: Record<string, string[]> = {};
  for (const item of items) {
    const m = ITEM.exec(item);
    if (!m) {
      throw targetError(
        'GOV-FW-008',
        `zone-interface ${item}`,
        { zh: '不是“区域=接口名”（接口名至多 15 个字符，不含空格与引号）', en: 'is not ZONE=IFNAME (interface names have at most 15 characters, no spaces or quotes)' },
        { zh: '写成例如 internet=eth0', en: 'write it like internet=eth0' },
      );
    }
    (map[m[1]!] ??= []).push(m[2]!);
  }
  return map;
}
