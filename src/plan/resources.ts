// The desired state as a flat list of keyed resources (stack, type, name), the unit a plan diffs,
// and one reviewer sentence per resource: what it opens to whom on which port and why, with the
// object names of the firewall resolved to prefixes and ports.
import type { Localized } from '../i18n/index.ts';
import type { DesiredAccount, DesiredState, PortRange, ServiceObject } from '../desired/types.ts';

export const STACKS = ['extranet-edge', 'cloud-node', 'access'] as const;
export type StackName = (typeof STACKS)[number];

/** Resource types in the order a reviewer reads them within a stack. */
export const TYPES = [
  'firewall.device',
  'firewall.policy',
  'firewall.nat',
  'firewall.addressObject',
  'firewall.serviceObject',
  'cloud.provider',
  'cloud.vpc',
  'cloud.vswitch',
  'cloud.securityGroup',
  'cloud.securityGroupRule',
  'cloud.natForward',
  'cloud.instance',
  'access.account',
] as const;
export type ResourceType = (typeof TYPES)[number];

export interface FlatResource {
  readonly stack: StackName;
  readonly type: ResourceType;
  readonly name: string;
  /** The resource without its name and provenance: what a device or cloud holds. */
  readonly value: Readonly<Record<string, unknown>>;
  readonly requests: readonly string[];
  readonly description: Localized;
  /** Exposes something to the whole internet: a /0 source prefix or a public address mapping. */
  readonly internetFacing: boolean;
}

export const TYPE_LABELS: Readonly<Record<ResourceType, Localized>> = {
  'firewall.device': { zh: '防火墙设备', en: 'firewall device' },
  'firewall.policy': { zh: '安全策略', en: 'security policy' },
  'firewall.nat': { zh: '目的地址转换', en: 'destination NAT' },
  'firewall.addressObject': { zh: '地址组', en: 'address set' },
  'firewall.serviceObject': { zh: '服务', en: 'service' },
  'cloud.provider': { zh: '云平台接入', en: 'cloud provider' },
  'cloud.vpc': { zh: '专有网络', en: 'VPC' },
  'cloud.vswitch': { zh: '交换机', en: 'vSwitch' },
  'cloud.securityGroup': { zh: '安全组', en: 'security group' },
  'cloud.securityGroupRule': { zh: '安全组规则', en: 'security-group rule' },
  'cloud.natForward': { zh: 'NAT 端口转发', en: 'NAT forward entry' },
  'cloud.instance': { zh: '云服务器', en: 'ECS instance' },
  'access.account': { zh: '账号', en: 'account' },
};

function ports(protocol: string, p: readonly PortRange[]): string {
  const proto = protocol.toUpperCase();
  if (p.length === 0) return protocol === 'any' ? 'ANY' : proto;
  return `${proto} ${p.map((r) => (r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`)).join(',')}`;
}

function until(v: string | undefined): Localized {
  return v === undefined ? { zh: '长期', en: 'permanent' } : { zh: `至 ${v} 止`, en: `until ${v}` };
}

function strip<T extends { name: string; requests: readonly string[] }>(r: T): Record<string, unknown> {
  const { name: _n, requests: _r, ...rest } = r;
  return rest;
}

function accountText(a: DesiredAccount): Localized {
  const platform = a.platform === 'bastion' ? { zh: '堡垒机', en: 'bastion' } : { zh: '安全接入 VPN', en: 'VPN' };
  const systems = a.systems.length ? a.systems.join(', ') : '—';
  const vendor = a.vendor ? { zh: `，第三方：${a.vendor}`, en: `, vendor: ${a.vendor}` } : { zh: '', en: '' };
  const exp = a.expires ? { zh: `，有效期至 ${a.expires}`, en: `, expires ${a.expires}` } : { zh: '', en: '' };
  return {
    zh: `${platform.zh}账号 ${a.username}（${a.person}，${a.unit}），权限 ${a.privilege}，系统 ${systems}，${a.mfa ? '双因素认证' : '无双因素认证'}${exp.zh}${vendor.zh}`,
    en: `${platform.en} account ${a.username} (${a.person}, ${a.unit}), privilege ${a.privilege}, systems ${systems}, ${a.mfa ? 'two-factor' : 'no two-factor'}${exp.en}${vendor.en}`,
  };
}

/** Every resource of a desired state, in stack, type and name order. */
export function flatten(d: DesiredState): FlatResource[] {
  const out: FlatResource[] = [];
  const fw = d.firewall;
  const cidrsOf = new Map(fw.addressObjects.map((a) => [a.name, a.cidrs]));
  const svcOf = new Map<string, ServiceObject>(fw.serviceObjects.map((s) => [s.name, s]));
  const resolve = (names: readonly string[]): string => names.flatMap((n) => cidrsOf.get(n) ?? [n]).join(', ');
  const svc = (names: readonly string[]): string =>
    names.map((n) => {
      const s = svcOf.get(n);
      return s ? ports(s.protocol, s.ports) : n;
    }).join(', ');
  const edge = (type: ResourceType, name: string, value: Record<string, unknown>, requests: readonly string[], description: Localized, internetFacing = false): void => {
    out.push({ stack: 'extranet-edge', type, name, value, requests, description, internetFacing });
  };
  const anyPrefix = (cidrs: readonly string[]): boolean => cidrs.some((c) => c.endsWith('/0'));

  edge('firewall.device', fw.device, { defaultAction: fw.defaultAction }, [], {
    zh: `互联网出口防火墙 ${fw.device}，未放行的流量一律拒绝`,
    en: `internet exit firewall ${fw.device}; everything not permitted is denied`,
  });
  for (const p of fw.policies) {
    const u = until(p.validUntil);
    edge('firewall.policy', p.name, strip(p), p.requests, {
      zh: `放行 ${p.sourceZone} ${resolve(p.sources)} → ${p.destinationZone} ${resolve(p.destinations)}，${svc(p.services)}，${u.zh}；用途：${p.description}`,
      en: `permit ${p.sourceZone} ${resolve(p.sources)} → ${p.destinationZone} ${resolve(p.destinations)}, ${svc(p.services)}, ${u.en}; purpose: ${p.description}`,
    }, anyPrefix(p.sources.flatMap((n) => cidrsOf.get(n) ?? [])));
  }
  for (const n of fw.nat) {
    const u = until(n.validUntil);
    edge('firewall.nat', n.name, strip(n), n.requests, {
      zh: `公网 ${n.publicAddress}:${n.publicPort}/${n.protocol} 映射到 ${n.privateAddress}:${n.privatePort}，${u.zh}`,
      en: `public ${n.publicAddress}:${n.publicPort}/${n.protocol} maps to ${n.privateAddress}:${n.privatePort}, ${u.en}`,
    }, true);
  }
  for (const a of fw.addressObjects) {
    edge('firewall.addressObject', a.name, strip(a), a.requests, { zh: `地址 ${a.cidrs.join(', ')}`, en: `prefixes ${a.cidrs.join(', ')}` });
  }
  // Service objects carry no provenance of their own: they serve the requests of the policies using them.
  const svcRequests = (name: string): string[] =>
    [...new Set(fw.policies.filter((p) => p.services.includes(name)).flatMap((p) => p.requests))].sort();
  for (const s of fw.serviceObjects) {
    const { name: _n, ...value } = s;
    edge('firewall.serviceObject', s.name, value, svcRequests(s.name), { zh: `服务 ${ports(s.protocol, s.ports)}`, en: `service ${ports(s.protocol, s.ports)}` });
  }

  const c = d.cloud;
  const cloud = (type: ResourceType, name: string, value: Record<string, unknown>, requests: readonly string[], description: Localized, internetFacing = false): void => {
    out.push({ stack: 'cloud-node', type, name, value, requests, description, internetFacing });
  };
  const endpoints = Object.entries(c.endpoints).map(([k, v]) => `${k}=${v}`).join(', ') || '—';
  cloud('cloud.provider', c.region, { endpoints: c.endpoints }, [], {
    zh: `政务节点云区域 ${c.region}，接入点 ${endpoints}`,
    en: `gov-cloud region ${c.region}, endpoints ${endpoints}`,
  });
  for (const v of c.vpcs) cloud('cloud.vpc', v.name, strip(v), v.requests, { zh: `专有网络 ${v.cidr}（${v.zone}）`, en: `VPC ${v.cidr} (${v.zone})` });
  for (const s of c.vswitches) cloud('cloud.vswitch', s.name, strip(s), s.requests, { zh: `交换机 ${s.cidr}，属于 ${s.vpc}`, en: `vSwitch ${s.cidr} in ${s.vpc}` });
  for (const g of c.securityGroups)
    cloud('cloud.securityGroup', g.name, strip(g), g.requests, { zh: `系统 ${g.system} 的安全组，属于 ${g.vpc}`, en: `security group of system ${g.system} in ${g.vpc}` });
  for (const r of c.securityGroupRules) {
    const u = until(r.validUntil);
    const p = r.protocol === 'icmp' || r.protocol === 'any' ? ports(r.protocol, []) : ports(r.protocol, [r.ports]);
    cloud('cloud.securityGroupRule', r.name, strip(r), r.requests, {
      zh: `安全组 ${r.securityGroup} 放行 ${r.sourceCidr} 访问 ${p}，${u.zh}；用途：${r.description}`,
      en: `security group ${r.securityGroup} permits ${r.sourceCidr} to ${p}, ${u.en}; purpose: ${r.description}`,
    }, anyPrefix([r.sourceCidr]));
  }
  for (const n of c.natForwards)
    cloud('cloud.natForward', n.name, strip(n), n.requests, {
      zh: `公网 ${n.externalAddress}:${n.externalPort}/${n.protocol} 转发到 ${n.internalAddress}:${n.internalPort}`,
      en: `public ${n.externalAddress}:${n.externalPort}/${n.protocol} forwards to ${n.internalAddress}:${n.internalPort}`,
    }, true);
  for (const i of c.instances) {
    const sw = i.software.map((s) => `${s.id} ${s.version}`).join(', ') || '—';
    cloud('cloud.instance', i.name, strip(i), i.requests, {
      zh: `系统 ${i.system}（${i.unit}）的云服务器：${i.vcpu} 核 ${i.memoryGiB} GiB 内存 ${i.diskGiB} GiB 磁盘，镜像 ${i.image}，${i.vswitch} ${i.privateAddress}，软件 ${sw}`,
      en: `ECS of system ${i.system} (${i.unit}): ${i.vcpu} vCPU, ${i.memoryGiB} GiB memory, ${i.diskGiB} GiB disk, image ${i.image}, ${i.vswitch} ${i.privateAddress}, software ${sw}`,
    });
  }

  for (const a of d.access.accounts) {
    out.push({ stack: 'access', type: 'access.account', name: a.name, value: strip(a), requests: a.requests, description: accountText(a), internetFacing: false });
  }
  return out;
}
