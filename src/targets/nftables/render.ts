// DesiredFirewall -> the nftables rule set of the exit firewall (capirca's "one generator per
// platform"): one named set per address object and family, DNAT rules in `prerouting`, and in
// `forward` (policy drop) the stateful return rule followed by one rule per permit policy in
// policy order, each carrying the policy name and the request ids in its comment. Pure: no I/O.
import type { AddressObject, DesiredFirewall, NatMapping, PortRange, SecurityPolicy, ServiceObject } from '../../desired/types.ts';
import { targetError } from './errors.ts';
import {
  BASE_CHAINS,
  DEFAULT_TABLE,
  canonicalAddress,
  canonicalCidrs,
  familyOf,
  natFamily,
  rulesetText,
  type Expr,
  type Family,
  type NftRule,
  type NftRuleset,
  type NftSet,
} from './ruleset.ts';

export interface NftRenderOptions {
  /** The table govern owns (default govern_exit). */
  readonly table?: string;
  /**
   * The firewall's interfaces of each zone. When given, every policy also matches the interfaces of
   * its source zone (iifname) and destination zone (oifname), as a Huawei USG matches security zones:
   * a permit for the internet zone then does not open the same path to the extranet. Without it the
   * rules match addresses only.
   */
  readonly zoneInterfaces?: Readonly<Record<string, readonly string[]>>;
}

/** Linux interface names: at most 15 characters, no quotes or spaces. */
const IFNAME = /^[A-Za-z0-9_.:@-]{1,15}$/;

function zoneMatch(policy: SecurityPolicy, zone: string, dir: 'iifname' | 'oifname', map: Readonly<Record<string, readonly string[]>>): Expr {
  const names = Object.prototype.hasOwnProperty.call(map, zone) ? map[zone]! : [];
  const bad = names.find((n) => !IFNAME.test(n));
  if (names.length === 0 || bad !== undefined) {
    // Fail closed: with zones bound to interfaces, a policy whose zone has none must not match everywhere.
    throw targetError(
      'GOV-FW-007',
      `policy ${policy.name}`,
      bad !== undefined
        ? { zh: `区域 ${zone} 的接口名 ${bad} 不合法`, en: `interface name ${bad} of zone ${zone} is invalid` }
        : { zh: `区域 ${zone} 没有对应的防火墙接口`, en: `zone ${zone} has no firewall interface` },
      { zh: '在区域与接口的对应关系（--zone-interface 区域=接口）中补上该区域', en: 'add the zone to the zone-to-interface mapping (--zone-interface ZONE=IFNAME)' },
    );
  }
  return { kind: 'ifname', dir, names: [...new Set(names)].sort() };
}

/** nft rejects comments longer than 128 bytes. */
const COMMENT_MAX_BYTES = 128;

export const STATEFUL_COMMENT = 'govern: return traffic of permitted connections';

/** Names nft accepts as identifiers; the prefix keeps clear of keywords such as `tcp` or `ip`. */
export function setName(objectName: string, family: Family): string {
  return `${family === 4 ? 'a_' : 'a6_'}${objectName.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** A comment nft can hold: no quotes or control characters, at most 128 bytes. */
export function ruleComment(name: string, requests: readonly string[]): string {
  const clean = (s: string) => s.replace(/["\\\p{Cc}]/gu, ' ');
  let text = clean(requests.length > 0 ? `${name} ${requests.join(',')}` : name);
  if (Buffer.byteLength(text) <= COMMENT_MAX_BYTES) return text;
  // Keep the policy name and as many request ids as fit, then say how many were left out.
  const ids = [...requests];
  while (ids.length > 0) {
    ids.pop();
    text = clean(`${name} ${ids.join(',')}${ids.length > 0 ? ',' : ''}+${requests.length - ids.length}`);
    if (Buffer.byteLength(text) <= COMMENT_MAX_BYTES) return text;
  }
  return Buffer.from(clean(name)).subarray(0, COMMENT_MAX_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
}

function objectSets(o: AddressObject): NftSet[] {
  for (const c of o.cidrs) {
    if (familyOf(c) === undefined) {
      throw targetError(
        'GOV-FW-006',
        `address-set ${o.name}`,
        { zh: `地址 ${c} 不是合法的 IPv4/IPv6 地址或地址段`, en: `${c} is not a valid IPv4/IPv6 address or prefix` },
        { zh: '修正产生该地址对象的申请或清单中的地址', en: 'fix the address in the request or inventory it comes from' },
      );
    }
  }
  const sets: NftSet[] = [];
  for (const family of [4, 6] as const) {
    const elements = canonicalCidrs(family, o.cidrs);
    if (elements.length > 0) sets.push({ name: setName(o.name, family), family, elements });
  }
  return sets;
}

interface ProtoMatch {
  readonly exprs: (family: Family) => Expr[];
}

/** The protocol part of a policy's rules: one match per protocol, ports merged per protocol. */
function protoMatches(policy: SecurityPolicy, services: ReadonlyMap<string, ServiceObject>): ProtoMatch[] {
  const tcp: PortRange[] = [];
  const udp: PortRange[] = [];
  let tcpAll = false;
  let udpAll = false;
  let icmp = false;
  for (const name of policy.services) {
    const s = services.get(name);
    if (!s) {
      throw targetError(
        'GOV-FW-002',
        `policy ${policy.name}`,
        { zh: `引用了不存在的服务对象 ${name}`, en: `refers to the unknown service object ${name}` },
        { zh: '在期望状态中定义该服务对象', en: 'define the service object in the desired state' },
      );
    }
    // `any` permits every protocol: the policy needs no protocol match at all.
    if (s.protocol === 'any') return [{ exprs: () => [] }];
    if (s.protocol === 'icmp') icmp = true;
    else if (s.protocol === 'tcp') {
      if (s.ports.length === 0) tcpAll = true;
      else tcp.push(...s.ports);
    } else if (s.ports.length === 0) udpAll = true;
    else udp.push(...s.ports);
  }
  const out: ProtoMatch[] = [];
  if (tcpAll) out.push({ exprs: () => [{ kind: 'l4proto', proto: 'tcp' }] });
  else if (tcp.length > 0) out.push({ exprs: () => [{ kind: 'dport', proto: 'tcp', ports: tcp }] });
  if (udpAll) out.push({ exprs: () => [{ kind: 'l4proto', proto: 'udp' }] });
  else if (udp.length > 0) out.push({ exprs: () => [{ kind: 'dport', proto: 'udp', ports: udp }] });
  if (icmp) out.push({ exprs: (f) => [{ kind: 'l4proto', proto: f === 4 ? 'icmp' : 'ipv6-icmp' }] });
  return out;
}

function policyRules(
  policy: SecurityPolicy,
  setsByObject: ReadonlyMap<string, readonly NftSet[]>,
  services: ReadonlyMap<string, ServiceObject>,
  zoneInterfaces: Readonly<Record<string, readonly string[]>> | undefined,
): NftRule[] {
  const zones: Expr[] = zoneInterfaces
    ? [zoneMatch(policy, policy.sourceZone, 'iifname', zoneInterfaces), zoneMatch(policy, policy.destinationZone, 'oifname', zoneInterfaces)]
    : [];
  const resolve = (names: readonly string[]) =>
    names.map((n) => {
      const sets = setsByObject.get(n);
      if (!sets) {
        throw targetError(
          'GOV-FW-001',
          `policy ${policy.name}`,
          { zh: `引用了不存在的地址对象 ${n}`, en: `refers to the unknown address object ${n}` },
          { zh: '在期望状态中定义该地址对象', en: 'define the address object in the desired state' },
        );
      }
      return sets;
    });
  const sources = resolve(policy.sources).flat();
  const destinations = resolve(policy.destinations).flat();
  const protos = protoMatches(policy, services);
  const comment = ruleComment(policy.name, policy.requests);
  const rules: NftRule[] = [];
  for (const family of [4, 6] as const) {
    for (const src of sources.filter((s) => s.family === family)) {
      for (const dst of destinations.filter((s) => s.family === family)) {
        for (const p of protos) {
          rules.push({
            chain: 'forward',
            comment,
            exprs: [
              ...zones,
              { kind: 'addr', family, field: 'saddr', set: src.name },
              { kind: 'addr', family, field: 'daddr', set: dst.name },
              ...p.exprs(family),
              { kind: 'verdict', verdict: 'accept' },
            ],
          });
        }
      }
    }
  }
  if (rules.length === 0) {
    // A permit that cannot be expressed must not vanish silently: the request would look applied.
    throw targetError(
      'GOV-FW-003',
      `policy ${policy.name}`,
      { zh: '来源与目的地址没有相同协议族（IPv4/IPv6）的地址，或没有服务', en: 'has no source and destination of the same family (IPv4/IPv6), or no service' },
      { zh: '检查申请中的来源地址段、目的地址与端口', en: 'check the source prefixes, destination address and ports of the request' },
    );
  }
  return rules;
}

function natRule(n: NatMapping): NftRule {
  const family = natFamily(n);
  return {
    chain: 'prerouting',
    comment: ruleComment(n.name, n.requests),
    exprs: [
      { kind: 'addr', family, field: 'daddr', value: canonicalAddress(n.publicAddress) },
      { kind: 'dport', proto: n.protocol, ports: [{ from: n.publicPort, to: n.publicPort }] },
      { kind: 'dnat', family, addr: canonicalAddress(n.privateAddress), port: n.privatePort },
    ],
  };
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The structured rule set for a desired firewall; deterministic for equal input. */
export function nftRuleset(fw: DesiredFirewall, opts: NftRenderOptions = {}): NftRuleset {
  const setsByObject = new Map<string, NftSet[]>();
  const owner = new Map<string, string>();
  for (const o of [...fw.addressObjects].sort(byName)) {
    const sets = objectSets(o);
    for (const s of sets) {
      const other = owner.get(s.name);
      if (other !== undefined) {
        throw targetError(
          'GOV-FW-004',
          `address-set ${o.name}`,
          { zh: `与地址对象 ${other} 在 nftables 中同名（${s.name}）`, en: `has the same nftables name (${s.name}) as address object ${other}` },
          { zh: '地址对象名称只用字母、数字、下划线，或改名避免冲突', en: 'use letters, digits and underscores in address object names, or rename one' },
        );
      }
      owner.set(s.name, o.name);
    }
    setsByObject.set(o.name, sets);
  }
  const services = new Map(fw.serviceObjects.map((s) => [s.name, s]));
  const policies = [...fw.policies].sort((a, b) => a.order - b.order || byName(a, b));
  const rules: NftRule[] = [
    ...[...fw.nat].sort(byName).map(natRule),
    { chain: 'forward', comment: STATEFUL_COMMENT, exprs: [{ kind: 'ct-state', states: ['established', 'related'] }, { kind: 'verdict', verdict: 'accept' }] },
    ...policies.flatMap((p) => policyRules(p, setsByObject, services, opts.zoneInterfaces)),
  ];
  const sets = [...setsByObject.values()].flat().sort(byName);
  return { table: opts.table ?? DEFAULT_TABLE, sets, chains: BASE_CHAINS, rules };
}

/** The `nft -f` file for an already built rule set of `device`. */
export function nftablesText(device: string, rs: NftRuleset): string {
  return rulesetText(rs, [
    `govern: exit firewall ${device}; generated from the repository, do not edit on the device (art. 11)`,
    'default action: deny (GB/T 22239 8.1.3.2 a))',
  ]);
}

/** The `nft -f` file for a desired firewall: replaces our table atomically, touches nothing else. */
export function renderNftables(fw: DesiredFirewall, opts: NftRenderOptions = {}): string {
  return nftablesText(fw.device, nftRuleset(fw, opts));
}
