// desiredState(): approved (present on main), unexpired requests plus inventory -> what the exit
// firewall, the gov-cloud node and the access platforms must hold on a given day. Pure and
// deterministic: the same repository and day give byte-identical JSON (every list sorted by name).
//
// Routing of a port rule of a PortOpeningRequest (rules.md "Network zones"):
//   destination system hosted on the cloud node -> a security-group rule per source prefix, plus a
//     NAT forward entry when the rule names a publicAddress (internet-facing);
//   otherwise, source zone internet or any extranet zone -> the internet exit firewall: a permit
//     policy, its address and service objects, plus destination NAT when it names a publicAddress;
//   otherwise (e.g. a unit LAN to its own system) no device this repository drives carries it.
import type { AccountT, PersonT, SystemT, ZoneT } from '../model/inventory.ts';
import type { CloudResourceRequestT, PortRuleT, VendorAccessRequestT } from '../model/requests.ts';
import type { LoadedRequest, Repository } from '../model/index.ts';
import { parseAddress, parsePrefix, prefixContains } from '../model/net.ts';
import { portRange, type PortSpecT } from '../model/common.ts';
import { DesiredStateError } from './errors.ts';
import type {
  AddressObject,
  DesiredAccount,
  DesiredCloud,
  DesiredCloudRule,
  DesiredFirewall,
  DesiredState,
  NatMapping,
  SecurityPolicy,
  ServiceObject,
} from './types.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Instance = Mutable<DesiredCloud['instances'][number]>;
type NatForward = DesiredCloud['natForwards'][number];

/** Validity of a port rule, a security-group rule or a request. */
interface Validity {
  readonly validFrom?: string;
  readonly validUntil?: string;
  readonly permanent?: boolean;
}

/**
 * In force on `asOf`: validFrom <= asOf <= validUntil (the last day it may exist), or permanent.
 * Neither an end date nor `permanent: true` means not in force: the policies deny such a rule
 * (art. 14), and the desired state fails closed rather than open it forever.
 */
export function inForce(v: Validity, asOf: string): boolean {
  if (v.validFrom !== undefined && asOf < v.validFrom) return false;
  if (v.validUntil !== undefined) return asOf <= v.validUntil;
  return v.permanent === true;
}

/** Byte order, not locale order: the same output on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const byName = <T extends { readonly name: string }>(a: T, b: T): number => compareText(a.name, b.name);
const sortedSet = (s: Iterable<string>): string[] => [...new Set(s)].sort(compareText);

/** Lowercase kebab slug of an id, address or prefix: "REQ-2026-0012" -> "req-2026-0012", "10.0.0.0/8" -> "10-0-0-0-8". */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function hostPrefix(address: string): string {
  return parseAddress(address)?.family === 6 ? `${address}/128` : `${address}/32`;
}

function isExtranetOrInternet(zone: ZoneT): boolean {
  return zone.type === 'internet' || zone.type.startsWith('extranet-');
}

function err(code: string, file: string, zh: string, en: string, hintZh: string, hintEn: string): DesiredStateError {
  return new DesiredStateError(code, file, { zh, en }, { zh: hintZh, en: hintEn });
}

/** Collects named resources, refusing a name used twice (names are the keys devices and plans use). */
class Named<T extends { readonly name: string }> {
  private readonly items = new Map<string, T>();
  add(item: T, file: string): void {
    if (this.items.has(item.name)) {
      throw err(
        'E-DESIRED-DUPLICATE',
        file,
        `资源名 ${item.name} 重复`,
        `resource name ${item.name} is used twice`,
        '检查是否有两个申请使用了相同的编号或云服务器名称',
        'check for two requests with the same id or two instances with the same name',
      );
    }
    this.items.set(item.name, item);
  }
  sorted(): T[] {
    return [...this.items.values()].sort(byName);
  }
}

interface Context {
  readonly repo: Repository;
  readonly asOf: string;
  readonly zones: ReadonlyMap<string, ZoneT>;
  readonly systems: ReadonlyMap<string, SystemT>;
  readonly people: ReadonlyMap<string, PersonT>;
}

function zoneOf(ctx: Context, id: string, file: string): ZoneT {
  const z = ctx.zones.get(id);
  if (!z)
    throw err('E-DESIRED-UNKNOWN-ZONE', file, `区域 ${id} 不在区域目录中`, `zone ${id} is not in the zone catalogue`, '在 inventory 的 ZoneCatalog 中登记该区域，或改用已登记的区域', 'register the zone in the ZoneCatalog or use a registered one');
  return z;
}

function systemOf(ctx: Context, id: string, file: string): SystemT {
  const s = ctx.systems.get(id);
  if (!s)
    throw err('E-DESIRED-UNKNOWN-SYSTEM', file, `信息系统 ${id} 不在系统目录中`, `system ${id} is not in the system catalogue`, '在 SystemCatalog 中登记该系统，或改用已登记的系统', 'register the system in the SystemCatalog or use a registered one');
  return s;
}

/** The exit firewall: the device of the unified internet exit, else the first internet-exit-firewall by id. */
function exitFirewallId(repo: Repository): string {
  const firewalls = repo.devices.interfaceDevices.filter((d) => d.role === 'internet-exit-firewall');
  const unified = repo.devices.internetExits.find((e) => e.unified && firewalls.some((f) => f.id === e.device));
  if (unified) return unified.device;
  const first = [...firewalls].sort((a, b) => compareText(a.id, b.id))[0];
  if (!first)
    throw err('E-DESIRED-NO-EXIT-FIREWALL', 'inventory', '设备目录中没有 role 为 internet-exit-firewall 的接口设备', 'the device catalogue has no interface device with role internet-exit-firewall', '在 DeviceCatalog.interfaceDevices 中登记互联网出口防火墙', 'register the internet exit firewall in DeviceCatalog.interfaceDevices');
  return first.id;
}

function serviceName(protocol: ServiceObject['protocol'], spec: PortSpecT): ServiceObject {
  if (protocol === 'icmp' || protocol === 'any') return { name: `svc-${protocol}`, protocol, ports: [] };
  const { from, to } = portRange(spec);
  return { name: from === to ? `svc-${protocol}-${from}` : `svc-${protocol}-${from}-${to}`, protocol, ports: [{ from, to }] };
}

/** NAT maps one port to one port: a range becomes one mapping per port, within the configured width. */
function natPorts(ctx: Context, rule: PortRuleT, file: string): { protocol: 'tcp' | 'udp'; ports: number[] } {
  if (rule.protocol !== 'tcp' && rule.protocol !== 'udp')
    throw err('E-DESIRED-NAT-PROTOCOL', file, `协议 ${rule.protocol} 没有端口，不能做公网地址映射`, `protocol ${rule.protocol} has no ports and cannot be mapped to a public address`, '公网映射只用于 tcp 或 udp 端口；去掉 publicAddress 或改为具体协议', 'public address mapping is only for tcp or udp ports; remove publicAddress or name the protocol');
  const { from, to } = portRange(rule.port);
  if (to - from + 1 > ctx.repo.config.maxPortRange)
    throw err('E-DESIRED-NAT-RANGE', file, `端口范围 ${from}-${to} 超过允许的最大宽度 ${ctx.repo.config.maxPortRange}，不能逐端口映射`, `port range ${from}-${to} is wider than the allowed ${ctx.repo.config.maxPortRange} and cannot be mapped port by port`, '缩小端口范围', 'narrow the port range');
  const ports: number[] = [];
  for (let p = from; p <= to; p++) ports.push(p);
  return { protocol: rule.protocol, ports };
}

function natNames(base: string, ports: number[]): string[] {
  return ports.map((p) => (ports.length === 1 ? base : `${base}-${p}`));
}

function describe(title: string, purpose: string | undefined): string {
  return purpose && purpose.trim() !== '' ? purpose.trim() : title;
}

// ---- cloud ---------------------------------------------------------------------------------------

interface CloudBuild {
  readonly sgs: Map<string, { vpc: string; requests: Set<string>; file: string }>;
  readonly vpcRequests: Map<string, Set<string>>;
  readonly vswitchRequests: Map<string, Set<string>>;
  readonly rules: Named<DesiredCloudRule>;
  readonly instances: Named<Instance>;
  readonly natForwards: Named<NatForward>;
}

function vpcById(ctx: Context, id: string, file: string): CloudCatalogVpc {
  const v = ctx.repo.cloud.vpcs.find((x) => x.id === id);
  if (!v)
    throw err('E-DESIRED-UNKNOWN-VPC', file, `专有网络 ${id} 不在政务节点云目录中`, `VPC ${id} is not in the cloud catalogue`, '改用 CloudCatalog.vpcs 中登记的专有网络', 'use a VPC registered in CloudCatalog.vpcs');
  return v;
}
type CloudCatalogVpc = Repository['cloud']['vpcs'][number];

function vpcContaining(ctx: Context, address: string, file: string): CloudCatalogVpc {
  const a = parsePrefix(address);
  const v = a.ok
    ? ctx.repo.cloud.vpcs.find((x) => {
        const p = parsePrefix(x.cidr);
        return p.ok && prefixContains(p.prefix, a.prefix);
      })
    : undefined;
  if (!v)
    throw err('E-DESIRED-NO-VPC', file, `地址 ${address} 不在任何专有网络的地址段内`, `address ${address} is in no VPC of the cloud catalogue`, '核对目的地址，或在 CloudCatalog.vpcs 中登记其专有网络', 'check the destination address or register its VPC in CloudCatalog.vpcs');
  return v;
}

function securityGroupFor(b: CloudBuild, system: string, vpc: string, request: string, file: string): string {
  const sg = b.sgs.get(system) ?? { vpc, requests: new Set<string>(), file };
  if (sg.vpc !== vpc)
    throw err('E-DESIRED-SG-VPCS', file, `系统 ${system} 的云资源分布在专有网络 ${sg.vpc} 和 ${vpc}，一个安全组只能属于一个专有网络`, `system ${system} has cloud resources in VPCs ${sg.vpc} and ${vpc}; a security group belongs to one VPC`, '把该系统的云资源放在同一个专有网络', "keep the system's cloud resources in one VPC");
  sg.requests.add(request);
  b.sgs.set(system, sg);
  addTo(b.vpcRequests, vpc, request);
  return `sg-${system}`;
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k) ?? new Set<string>();
  s.add(v);
  m.set(k, s);
}

function cloudRules(
  b: CloudBuild,
  base: string,
  sg: string,
  rule: { protocol: DesiredCloudRule['protocol']; port: PortSpecT; source: { cidrs: readonly string[] }; validUntil?: string; permanent?: boolean },
  description: string,
  request: string,
  file: string,
): void {
  const { from, to } = portRange(rule.port);
  for (const cidr of sortedSet(rule.source.cidrs)) {
    b.rules.add(
      {
        name: `${base}-${slug(cidr)}`,
        securityGroup: sg,
        protocol: rule.protocol,
        ports: { from, to },
        sourceCidr: cidr,
        description,
        ...(rule.validUntil !== undefined ? { validUntil: rule.validUntil } : {}),
        requests: [request],
      },
      file,
    );
  }
}

function addCloudRequest(ctx: Context, b: CloudBuild, lr: LoadedRequest, doc: CloudResourceRequestT): void {
  systemOf(ctx, doc.system, lr.file);
  const vpc = vpcById(ctx, doc.vpc, lr.file);
  const sg = securityGroupFor(b, doc.system, vpc.id, doc.id, lr.file);
  for (const inst of doc.instances) {
    if (!vpc.vswitches.some((s) => s.id === inst.vswitch))
      throw err('E-DESIRED-UNKNOWN-VSWITCH', lr.file, `交换机 ${inst.vswitch} 不属于专有网络 ${vpc.id}`, `vSwitch ${inst.vswitch} is not in VPC ${vpc.id}`, '改用该专有网络下登记的交换机', 'use a vSwitch registered under that VPC');
    addTo(b.vswitchRequests, inst.vswitch, doc.id);
    b.instances.add(
      {
        name: inst.name,
        system: doc.system,
        unit: doc.unit,
        image: inst.image,
        vcpu: inst.vcpu,
        memoryGiB: inst.memoryGiB,
        diskGiB: inst.diskGiB,
        vswitch: inst.vswitch,
        securityGroup: sg,
        privateAddress: inst.privateAddress,
        software: [...inst.software].sort((x, y) => compareText(x.id, y.id) || compareText(x.version, y.version)),
        requests: [doc.id],
      },
      lr.file,
    );
  }
  doc.securityGroupRules.forEach((rule, i) => {
    if (!inForce(rule, ctx.asOf)) return;
    cloudRules(b, `${slug(doc.id)}-r${i + 1}`, sg, rule, describe(doc.title, rule.purpose), doc.id, lr.file);
  });
}

// ---- access --------------------------------------------------------------------------------------

function hasLeft(p: PersonT | undefined, asOf: string): boolean {
  return p === undefined || (p.leftDate !== undefined && p.leftDate <= asOf);
}

function catalogAccount(ctx: Context, a: AccountT): DesiredAccount | undefined {
  if (a.platform !== 'bastion' && a.platform !== 'vpn') return undefined;
  // No owner, an owner not in the catalogue, or one who has left: the account must not exist (art. 18, 20).
  const owner = a.owner === undefined ? undefined : ctx.people.get(a.owner);
  if (owner === undefined || hasLeft(owner, ctx.asOf)) return undefined;
  if (a.expires !== undefined && a.expires < ctx.asOf) return undefined;
  return {
    name: `${a.platform}-${slug(a.username)}`,
    platform: a.platform,
    person: owner.id,
    unit: owner.unit,
    username: a.username,
    privilege: a.privilege,
    systems: a.system === undefined ? [] : [a.system],
    mfa: a.mfa,
    ...(a.expires !== undefined ? { expires: a.expires } : {}),
    ...(owner.vendor ? { vendor: owner.vendor.company } : {}),
    requests: a.request === undefined ? [] : [a.request],
  };
}

function vendorAccounts(ctx: Context, lr: LoadedRequest, doc: VendorAccessRequestT): DesiredAccount[] {
  if (!inForce(doc, ctx.asOf)) return [];
  const out: DesiredAccount[] = [];
  for (const id of sortedSet(doc.vendor.staff)) {
    const person = ctx.people.get(id);
    if (person === undefined)
      throw err('E-DESIRED-UNKNOWN-PERSON', lr.file, `人员 ${id} 不在人员目录中`, `person ${id} is not in the person catalogue`, '在 PersonCatalog 中登记该第三方人员', 'register the vendor staff member in the PersonCatalog');
    if (hasLeft(person, ctx.asOf)) continue;
    // The username the platform knows: the catalogue's entry recorded for this grant, else the person id.
    const catalogued = ctx.repo.accounts.find((a) => a.platform === doc.method && a.owner === id && a.request === doc.id);
    const username = catalogued?.username ?? id;
    out.push({
      name: `${doc.method}-${slug(username)}`,
      platform: doc.method,
      person: id,
      unit: doc.unit,
      username,
      privilege: doc.privilege,
      systems: sortedSet(doc.systems),
      // Third-party remote maintenance always logs in with two factors (GB/T 22239 8.1.4.1 d).
      mfa: true,
      ...(doc.validUntil !== undefined ? { expires: doc.validUntil } : {}),
      vendor: doc.vendor.company,
      requests: [doc.id],
    });
  }
  return out;
}

/** A request-granted account and a catalogue entry for the same username: the request's grant, both provenances. */
function mergeAccounts(catalog: DesiredAccount, granted: DesiredAccount): DesiredAccount {
  return { ...granted, mfa: catalog.mfa || granted.mfa, requests: sortedSet([...catalog.requests, ...granted.requests]) };
}

function desiredAccess(ctx: Context): DesiredState['access'] {
  // An approved OffboardingRequest revokes at once: the person's bastion/VPN accounts and every
  // account it names (art. 20: accounts of a person who leaves are cleaned up).
  const offboarded = new Set<string>();
  const revoked = new Set<string>();
  for (const lr of ctx.repo.requests) {
    if (lr.doc.kind !== 'OffboardingRequest') continue;
    offboarded.add(lr.doc.person);
    for (const a of lr.doc.revokeAccounts) revoked.add(a);
  }
  // A catalogue account recorded as granted by a vendor request lives only while that request is in force.
  const vendorGrants = new Map<string, VendorAccessRequestT>();
  for (const lr of ctx.repo.requests) if (lr.doc.kind === 'VendorAccessRequest') vendorGrants.set(lr.doc.id, lr.doc);
  const accounts = new Map<string, DesiredAccount>();
  for (const a of ctx.repo.accounts) {
    if (revoked.has(a.id) || (a.owner !== undefined && offboarded.has(a.owner))) continue;
    const grant = a.request === undefined ? undefined : vendorGrants.get(a.request);
    if (grant !== undefined && !inForce(grant, ctx.asOf)) continue;
    const d = catalogAccount(ctx, a);
    if (d) accounts.set(d.name, d);
  }
  const requests = [...ctx.repo.requests].sort((x, y) => compareText(x.doc.id, y.doc.id));
  for (const lr of requests) {
    if (lr.doc.kind !== 'VendorAccessRequest') continue;
    for (const d of vendorAccounts(ctx, lr, lr.doc)) {
      if (offboarded.has(d.person)) continue;
      const prev = accounts.get(d.name);
      accounts.set(d.name, prev ? mergeAccounts(prev, d) : d);
    }
  }
  return { accounts: [...accounts.values()].sort(byName) };
}

// ---- the whole state ------------------------------------------------------------------------------

export function desiredState(repo: Repository, asOf: string): DesiredState {
  const ctx: Context = {
    repo,
    asOf,
    zones: new Map(repo.zones.map((z) => [z.id, z])),
    systems: new Map(repo.systems.map((s) => [s.id, s])),
    people: new Map(repo.people.map((p) => [p.id, p])),
  };
  const device = exitFirewallId(repo);

  const sources = new Named<AddressObject>();
  const destinations = new Map<string, { cidrs: string[]; requests: Set<string> }>();
  const services = new Map<string, ServiceObject>();
  const policies: Omit<SecurityPolicy, 'order'>[] = [];
  const nat = new Named<NatMapping>();

  const cloud: CloudBuild = {
    sgs: new Map(),
    vpcRequests: new Map(),
    vswitchRequests: new Map(),
    rules: new Named(),
    instances: new Named(),
    natForwards: new Named(),
  };

  const requests = [...repo.requests].sort((x, y) => compareText(x.doc.id, y.doc.id));
  for (const lr of requests) {
    const doc = lr.doc;
    if (doc.kind === 'CloudResourceRequest') {
      addCloudRequest(ctx, cloud, lr, doc);
      continue;
    }
    if (doc.kind !== 'PortOpeningRequest') continue;
    doc.ports.forEach((rule, i) => {
      if (!inForce(rule, asOf)) return;
      const system = systemOf(ctx, rule.destination.system, lr.file);
      const srcZone = zoneOf(ctx, rule.source.zone, lr.file);
      const base = `${slug(doc.id)}-p${i + 1}`;
      const description = describe(doc.title, rule.purpose);
      const until = rule.validUntil !== undefined ? { validUntil: rule.validUntil } : {};
      if (system.hosting === 'cloud-node') {
        const vpc = vpcContaining(ctx, rule.destination.address, lr.file);
        const sg = securityGroupFor(cloud, system.id, vpc.id, doc.id, lr.file);
        cloudRules(cloud, base, sg, rule, description, doc.id, lr.file);
        if (rule.publicAddress !== undefined) {
          const { protocol, ports } = natPorts(ctx, rule, lr.file);
          natNames(`nat-${base}`, ports).forEach((name, k) =>
            cloud.natForwards.add(
              { name, protocol, externalAddress: rule.publicAddress!, externalPort: ports[k]!, internalAddress: rule.destination.address, internalPort: ports[k]!, requests: [doc.id] },
              lr.file,
            ),
          );
        }
        return;
      }
      if (!isExtranetOrInternet(srcZone)) return;
      const srcName = `src-${base}`;
      sources.add({ name: srcName, cidrs: sortedSet(rule.source.cidrs), requests: [doc.id] }, lr.file);
      const dstName = `dst-${system.id}-${slug(rule.destination.address)}`;
      const dst = destinations.get(dstName) ?? { cidrs: [hostPrefix(rule.destination.address)], requests: new Set<string>() };
      dst.requests.add(doc.id);
      destinations.set(dstName, dst);
      const svc = serviceName(rule.protocol, rule.port);
      services.set(svc.name, svc);
      policies.push({
        name: base,
        sourceZone: srcZone.id,
        destinationZone: system.zone,
        sources: [srcName],
        destinations: [dstName],
        services: [svc.name],
        action: 'permit',
        ...until,
        description,
        requests: [doc.id],
      });
      if (rule.publicAddress !== undefined) {
        const { protocol, ports } = natPorts(ctx, rule, lr.file);
        natNames(`nat-${base}`, ports).forEach((name, k) =>
          nat.add(
            { name, protocol, publicAddress: rule.publicAddress!, publicPort: ports[k]!, privateAddress: rule.destination.address, privatePort: ports[k]!, ...until, requests: [doc.id] },
            lr.file,
          ),
        );
      }
    });
  }

  const addressObjects: AddressObject[] = [
    ...sources.sorted(),
    ...[...destinations].map(([name, d]) => ({ name, cidrs: d.cidrs, requests: sortedSet(d.requests) })),
  ].sort(byName);
  const firewall: DesiredFirewall = {
    device,
    addressObjects,
    serviceObjects: [...services.values()].sort(byName),
    policies: [...policies].sort(byName).map(({ name, ...rest }, i) => ({ name, order: i + 1, ...rest })),
    nat: nat.sorted(),
    defaultAction: 'deny',
  };

  const desiredCloud: DesiredCloud = {
    region: repo.cloud.region,
    endpoints: Object.fromEntries(Object.entries(repo.cloud.endpoints ?? {}).sort(([a], [b]) => compareText(a, b))),
    vpcs: repo.cloud.vpcs
      .map((v) => ({ name: v.id, cidr: v.cidr, zone: v.zone, requests: sortedSet(cloud.vpcRequests.get(v.id) ?? []) }))
      .sort(byName),
    vswitches: repo.cloud.vpcs
      .flatMap((v) => v.vswitches.map((s) => ({ name: s.id, vpc: v.id, cidr: s.cidr, requests: sortedSet(cloud.vswitchRequests.get(s.id) ?? []) })))
      .sort(byName),
    securityGroups: [...cloud.sgs]
      .map(([system, sg]) => ({ name: `sg-${system}`, vpc: sg.vpc, system, requests: sortedSet(sg.requests) }))
      .sort(byName),
    securityGroupRules: cloud.rules.sorted(),
    instances: cloud.instances.sorted(),
    natForwards: cloud.natForwards.sorted(),
  };

  return { asOf, firewall, cloud: desiredCloud, access: desiredAccess(ctx) };
}
