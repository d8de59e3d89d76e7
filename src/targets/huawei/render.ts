// DesiredFirewall -> Huawei USG configuration of the exit firewall (capirca's "one generator per
// platform"): `ip address-set` / `ip service-set` objects, one `security-policy` rule per permit
// policy in policy order, and `nat server` for destination NAT. Everything not permitted falls to the
// USG's implicit default policy, deny (GB/T 22239 8.1.3.2 a)). Pure text; pushing it to a device
// needs the county's management channel and is outside this module.
import type { AddressObject, DesiredFirewall, NatMapping, SecurityPolicy, ServiceObject } from '../../desired/types.ts';
import { targetError } from '../nftables/errors.ts';
import { canonicalCidrs, canonicalPorts, familyOf, natFamily } from '../nftables/ruleset.ts';

/**
 * Service names the USG predefines (a user-defined service-set may not reuse them): ours get a
 * `svc-` prefix when they would collide, so the generated configuration loads.
 */
const PREDEFINED_SERVICES = new Set(['any', 'dns', 'ftp', 'http', 'https', 'icmp', 'ntp', 'pop3', 'rdp', 'smtp', 'snmp', 'ssh', 'telnet', 'tftp']);

/** USG descriptions hold at most 127 characters. */
const DESCRIPTION_MAX = 127;

export function huaweiServiceName(name: string): string {
  return PREDEFINED_SERVICES.has(name.toLowerCase()) ? `svc-${name}` : name;
}

function description(text: string): string {
  return [...text.replace(/[\r\n\t]+/g, ' ').trim()].slice(0, DESCRIPTION_MAX).join('');
}

function addressSet(o: AddressObject): string[] {
  const bad = o.cidrs.find((c) => familyOf(c) === undefined);
  if (bad !== undefined || o.cidrs.length === 0) {
    throw targetError(
      'GOV-FW-006',
      `address-set ${o.name}`,
      bad !== undefined
        ? { zh: `地址 ${bad} 不是合法的 IPv4/IPv6 地址或地址段`, en: `${bad} is not a valid IPv4/IPv6 address or prefix` }
        : { zh: '没有地址', en: 'holds no address' },
      { zh: '修正产生该地址对象的申请或清单中的地址', en: 'fix the address in the request or inventory it comes from' },
    );
  }
  const lines = [`ip address-set ${o.name} type object`];
  if (o.requests.length > 0) lines.push(` description ${description(o.requests.join(','))}`);
  let i = 0;
  for (const family of [4, 6] as const) {
    for (const cidr of canonicalCidrs(family, o.cidrs)) {
      const [addr, len] = cidr.includes('/') ? cidr.split('/') : [cidr, family === 4 ? '32' : '128'];
      lines.push(family === 4 ? ` address ${i} ${addr} mask ${len}` : ` address ${i} ${addr} ${len}`);
      i++;
    }
  }
  return lines;
}

function serviceSet(s: ServiceObject): string[] {
  const lines = [`ip service-set ${huaweiServiceName(s.name)} type object`];
  if (s.protocol === 'icmp') lines.push(' service 0 protocol icmp');
  else if (s.ports.length === 0) lines.push(` service 0 protocol ${s.protocol}`);
  else {
    canonicalPorts(s.ports).forEach((r, i) => {
      lines.push(` service ${i} protocol ${s.protocol} destination-port ${r.from === r.to ? r.from : `${r.from} to ${r.to}`}`);
    });
  }
  return lines;
}

function policyRule(p: SecurityPolicy, addresses: ReadonlySet<string>, services: ReadonlyMap<string, ServiceObject>): string[] {
  const known = (name: string, code: string, kind: Record<'zh' | 'en', string>, ok: boolean) => {
    if (!ok) {
      throw targetError(
        code,
        `policy ${p.name}`,
        { zh: `引用了不存在的${kind.zh} ${name}`, en: `refers to the unknown ${kind.en} ${name}` },
        { zh: `在期望状态中定义该${kind.zh}`, en: `define the ${kind.en} in the desired state` },
      );
    }
  };
  const validity = p.validUntil ? ` 有效期至 ${p.validUntil}` : '';
  const lines = [` rule name ${p.name}`, `  description ${description(`${p.description}${validity} ${p.requests.join(',')}`)}`];
  lines.push(`  source-zone ${p.sourceZone}`, `  destination-zone ${p.destinationZone}`);
  for (const a of p.sources) {
    known(a, 'GOV-FW-001', { zh: '地址对象', en: 'address object' }, addresses.has(a));
    lines.push(`  source-address address-set ${a}`);
  }
  for (const a of p.destinations) {
    known(a, 'GOV-FW-001', { zh: '地址对象', en: 'address object' }, addresses.has(a));
    lines.push(`  destination-address address-set ${a}`);
  }
  for (const s of p.services) {
    const svc = services.get(s);
    known(s, 'GOV-FW-002', { zh: '服务对象', en: 'service object' }, svc !== undefined);
    // A service of protocol `any` matches everything: the rule then carries no service condition.
    if (svc && svc.protocol !== 'any') lines.push(`  service ${huaweiServiceName(s)}`);
  }
  lines.push('  action permit');
  return lines;
}

function natServer(n: NatMapping): string {
  natFamily(n);
  // no-reverse: the server must not use the public address for its own outbound connections.
  return `nat server ${n.name} protocol ${n.protocol} global ${n.publicAddress} ${n.publicPort} inside ${n.privateAddress} ${n.privatePort} no-reverse`;
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The USG configuration for a desired firewall; deterministic for equal input. */
export function renderHuaweiUsg(fw: DesiredFirewall): string {
  const out: string[] = [
    '#',
    `# govern: exit firewall ${fw.device} (Huawei USG); generated from the repository, do not edit on the device (art. 11)`,
    '# default action: deny, the implicit default security policy (GB/T 22239 8.1.3.2 a))',
    '#',
  ];
  for (const o of [...fw.addressObjects].sort(byName)) out.push(...addressSet(o), '#');
  for (const s of [...fw.serviceObjects].sort(byName)) {
    if (s.protocol !== 'any') out.push(...serviceSet(s), '#');
  }
  const addresses = new Set(fw.addressObjects.map((o) => o.name));
  const services = new Map(fw.serviceObjects.map((s) => [s.name, s]));
  out.push('security-policy');
  for (const p of [...fw.policies].sort((a, b) => a.order - b.order || byName(a, b))) out.push(...policyRule(p, addresses, services));
  out.push('#');
  for (const n of [...fw.nat].sort(byName)) out.push(natServer(n));
  if (fw.nat.length > 0) out.push('#');
  out.push('return');
  return out.join('\n') + '\n';
}
