// Policy inputs: what the Rego rules see of one request (input of data.shengsi.request and
// data.shengsi.approvals) and of the whole desired state (input of data.shengsi.state), built from a
// loaded Repository. Documented field by field in docs/policy-input.md.
//
// The county is indexed once per run (PolicyIndex), so that each request's input is built in time
// proportional to what the request names, never by scanning the county: inputs carry only the
// objects a request references, the openings to the same destinations (for duplicates), and address
// facts (input.cidrs) so the policies compare prefixes as strings instead of parsing them. The
// county's openings (30,000 port rules in a large county) are made only when a check of every
// request asks for them all; a check of a few requests asks only for those to their destinations.
import type {
  AccountT,
  ChangeRequest,
  CloudCatalogT,
  DeviceCatalogT,
  LoadedRequest,
  PersonT,
  RectificationCatalogT,
  Repository,
  SystemT,
  TerminalGroupT,
  UnitT,
  ZoneT,
} from '../model/index.ts';
import { portRange, type PortSpecT } from '../model/common.ts';
import { parsePrefix } from '../model/net.ts';

function range(p: PortSpecT): { from: number; to: number } {
  const r = portRange(p);
  return { from: r.from, to: r.to };
}

/** Address facts of one prefix: first and last address as 32 hex digits (IPv4 right-aligned). */
export interface CidrFacts {
  readonly family: 4 | 6;
  readonly length: number;
  readonly first: string;
  readonly last: string;
}

/** One permitted flow of the desired state, with the request and field it comes from. */
export interface Opening {
  /** Where it is enforced: the extranet firewalls (port openings) or a cloud security group. */
  readonly layer: 'firewall' | 'security-group';
  readonly request: string;
  /** Path of the port rule in its request document, e.g. ["ports", 0]. */
  readonly path: readonly (string | number)[];
  readonly port: number | string;
  /** The port spec as an inclusive range ("any" is 1-65535), so state rules compare numbers. */
  readonly from: number;
  readonly to: number;
  readonly protocol: string;
  readonly source: { readonly zone: string; readonly cidrs: readonly string[] };
  readonly destination: { readonly system: string; readonly address: string };
  readonly validUntil?: string;
  readonly permanent?: boolean;
}

type Quota = CloudCatalogT['quotas'][number];
type Vpc = CloudCatalogT['vpcs'][number];
type Usage = { instances: number; vcpu: number; memoryGiB: number; diskGiB: number };
type Notice = RectificationCatalogT['notices'][number];

/** The county indexed once per run. */
export interface PolicyIndex {
  readonly repo: Repository;
  readonly units: ReadonlyMap<string, UnitT>;
  readonly people: ReadonlyMap<string, PersonT>;
  readonly accounts: ReadonlyMap<string, AccountT>;
  readonly accountsByOwner: ReadonlyMap<string, AccountT[]>;
  readonly accountsByRequest: ReadonlyMap<string, AccountT[]>;
  readonly systems: ReadonlyMap<string, SystemT>;
  readonly zones: ReadonlyMap<string, ZoneT>;
  readonly terminalGroups: ReadonlyMap<string, TerminalGroupT>;
  readonly software: Readonly<Record<string, { id: string; versions: readonly string[] }>>;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly quotas: ReadonlyMap<string, Quota>;
  /** Cloud resources each unit's requests ask for, and each request's own share. */
  readonly usageByUnit: ReadonlyMap<string, Usage>;
  readonly usageByRequest: ReadonlyMap<string, Usage>;
  readonly noticesByUnit: ReadonlyMap<string, Notice[]>;
  /** Every opening of every request, in the order of the requests (made on first use). */
  readonly openings: readonly Opening[];
  /** Indices of openings that can overlap: same layer, destination address and source zone (made on first use). */
  readonly overlapGroups: ReadonlyMap<string, number[]>;
  /** The openings to one destination address, in the order of `openings` (without making them all). */
  openingsTo(address: string): readonly Opening[];
  /** The position of an opening in `openings` (which need not be made for it). */
  rank(o: Opening): number;
  readonly cidrCache: Map<string, CidrFacts | null>;
}

function group<T>(items: Iterable<T>, keyOf: (t: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = keyOf(it);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}

/** The openings a request adds: its port rules, and each security-group rule per instance it applies to. */
export function openingsOf(doc: ChangeRequest): Opening[] {
  const out: Opening[] = [];
  if (doc.kind === 'PortOpeningRequest') {
    doc.ports.forEach((p, i) => {
      out.push({
        layer: 'firewall',
        request: doc.id,
        path: ['ports', i],
        port: p.port,
        ...range(p.port),
        protocol: p.protocol,
        source: p.source,
        destination: p.destination,
        ...(p.validUntil !== undefined ? { validUntil: p.validUntil } : {}),
        ...(p.permanent !== undefined ? { permanent: p.permanent } : {}),
      });
    });
  } else if (doc.kind === 'CloudResourceRequest') {
    const addressOf = new Map(doc.instances.map((vm) => [vm.name, vm.privateAddress]));
    doc.securityGroupRules.forEach((r, i) => {
      for (const name of r.instances) {
        const address = addressOf.get(name);
        if (address === undefined) continue;
        out.push({
          layer: 'security-group',
          request: doc.id,
          path: ['securityGroupRules', i],
          port: r.port,
          ...range(r.port),
          protocol: r.protocol,
          source: r.source,
          destination: { system: doc.system, address },
          ...(r.validUntil !== undefined ? { validUntil: r.validUntil } : {}),
          ...(r.permanent !== undefined ? { permanent: r.permanent } : {}),
        });
      }
    });
  }
  return out;
}

function usageOf(doc: ChangeRequest): Usage | undefined {
  if (doc.kind !== 'CloudResourceRequest') return undefined;
  const u: Usage = { instances: 0, vcpu: 0, memoryGiB: 0, diskGiB: 0 };
  for (const vm of doc.instances) {
    u.instances += 1;
    u.vcpu += vm.vcpu;
    u.memoryGiB += vm.memoryGiB;
    u.diskGiB += vm.diskGiB;
  }
  return u;
}

/** The addresses a request may open something to (without making its openings): a superset of its openings' destinations. */
function addressesOf(doc: ChangeRequest): string[] {
  if (doc.kind === 'PortOpeningRequest') return doc.ports.map((p) => p.destination.address);
  if (doc.kind === 'CloudResourceRequest' && doc.securityGroupRules.length > 0) return doc.instances.map((vm) => vm.privateAddress);
  return [];
}

export function buildIndex(repo: Repository): PolicyIndex {
  const usageByUnit = new Map<string, Usage>();
  const usageByRequest = new Map<string, Usage>();
  for (const r of repo.requests) {
    const u = usageOf(r.doc);
    if (u) {
      usageByRequest.set(r.doc.id, u);
      const total = usageByUnit.get(r.doc.unit) ?? { instances: 0, vcpu: 0, memoryGiB: 0, diskGiB: 0 };
      usageByUnit.set(r.doc.unit, {
        instances: total.instances + u.instances,
        vcpu: total.vcpu + u.vcpu,
        memoryGiB: total.memoryGiB + u.memoryGiB,
        diskGiB: total.diskGiB + u.diskGiB,
      });
    }
  }
  // each request's openings are made once (one object per opening, whoever asks first), and ranked
  // by the request's place and their place in it: the order of `openings`
  const made = new Map<number, Opening[]>();
  const ranks = new WeakMap<Opening, number>();
  const openingsAt = (i: number): Opening[] => {
    let os = made.get(i);
    if (os === undefined) {
      os = openingsOf(repo.requests[i]!.doc);
      made.set(i, os);
      os.forEach((o, j) => ranks.set(o, i * 1_000_000 + j));
    }
    return os;
  };
  let all: { openings: Opening[]; groups: Map<string, number[]> } | undefined;
  const everything = (): NonNullable<typeof all> => {
    if (all) return all;
    const openings = repo.requests.flatMap((_, i) => openingsAt(i));
    const groups = group(
      openings.map((_, i) => i),
      (i) => overlapKey(openings[i]!),
    );
    return (all = { openings, groups });
  };
  const byAddress = new Map<string, Opening[]>();
  // the requests that may open something to each address, made on the first question
  let requestsTo: Map<string, number[]> | undefined;
  const requestsToAddress = (address: string): readonly number[] => {
    if (!requestsTo) {
      requestsTo = new Map();
      repo.requests.forEach((r, i) => {
        for (const a of new Set(addressesOf(r.doc))) {
          const list = requestsTo!.get(a);
          if (list) list.push(i);
          else requestsTo!.set(a, [i]);
        }
      });
    }
    return requestsTo.get(address) ?? [];
  };
  return {
    repo,
    units: byId(repo.units),
    people: byId(repo.people),
    accounts: byId(repo.accounts),
    accountsByOwner: group(repo.accounts, (a) => a.owner),
    accountsByRequest: group(repo.accounts, (a) => a.request),
    systems: byId(repo.systems),
    zones: byId(repo.zones),
    terminalGroups: byId(repo.terminalGroups),
    software: Object.fromEntries(repo.cloud.software.map((s) => [s.id, { id: s.id, versions: s.versions }])),
    vpcs: byId(repo.cloud.vpcs),
    quotas: new Map(repo.cloud.quotas.map((q) => [q.unit, q])),
    usageByUnit,
    usageByRequest,
    noticesByUnit: group(repo.rectification, (n) => n.unit),
    get openings() {
      return everything().openings;
    },
    get overlapGroups() {
      return everything().groups;
    },
    openingsTo(address) {
      let out = byAddress.get(address);
      if (out === undefined) {
        out = [];
        for (const i of requestsToAddress(address)) for (const o of openingsAt(i)) if (o.destination.address === address) out.push(o);
        byAddress.set(address, out);
      }
      return out;
    },
    rank(o) {
      const r = ranks.get(o);
      if (r === undefined) throw new Error(`opening of ${o.request} not made by this index`);
      return r;
    },
    cidrCache: new Map(),
  };
}

function overlapKey(o: Opening): string {
  return `${o.layer} ${o.destination.address} ${o.source.zone}`;
}

const HEX = 32;

/** Facts of a prefix; null when it does not parse (the loader has already rejected such files). */
export function cidrFacts(cache: Map<string, CidrFacts | null>, cidr: string): CidrFacts | null {
  const hit = cache.get(cidr);
  if (hit !== undefined) return hit;
  const r = parsePrefix(cidr);
  let facts: CidrFacts | null = null;
  if (r.ok) {
    const bits = r.prefix.family === 4 ? 32 : 128;
    const host = (1n << BigInt(bits - r.prefix.length)) - 1n;
    facts = {
      family: r.prefix.family,
      length: r.prefix.length,
      first: r.prefix.network.toString(16).padStart(HEX, '0'),
      last: (r.prefix.network | host).toString(16).padStart(HEX, '0'),
    };
  }
  cache.set(cidr, facts);
  return facts;
}

function addCidrs(idx: PolicyIndex, out: Record<string, CidrFacts>, cidrs: readonly string[]): void {
  for (const c of cidrs) {
    if (c in out) continue;
    const f = cidrFacts(idx.cidrCache, c);
    if (f) out[c] = f;
  }
}

/** Adds `ids` found in `from` to `out` (an object keyed by id). */
function pick<T>(out: Record<string, T>, from: ReadonlyMap<string, T>, ids: Iterable<string | undefined>): void {
  for (const id of ids) {
    if (id === undefined || id in out) continue;
    const v = from.get(id);
    if (v !== undefined) out[id] = v;
  }
}

/** The systems a request names. */
export function systemsOf(doc: ChangeRequest): string[] {
  switch (doc.kind) {
    case 'PortOpeningRequest':
      return doc.ports.map((p) => p.destination.system);
    case 'NetworkAccessRequest':
      return [...doc.connection.systems];
    case 'CloudResourceRequest':
      return [doc.system];
    case 'VendorAccessRequest':
      return [...doc.systems];
    default:
      return [];
  }
}

export interface RequestInput {
  readonly today: string;
  readonly request: ChangeRequest;
  readonly unit?: UnitT;
  readonly systems: Record<string, SystemT>;
  readonly people: Record<string, PersonT>;
  readonly accounts: Record<string, AccountT>;
  readonly zones: Record<string, ZoneT>;
  readonly terminalGroups: Record<string, TerminalGroupT>;
  readonly devices: DeviceCatalogT;
  readonly catalog: {
    readonly software: PolicyIndex['software'];
    readonly vpc?: Vpc;
    readonly quota?: Quota;
    readonly usage: Usage | Record<string, never>;
  };
  readonly notices: readonly Notice[];
  readonly existing: readonly Opening[];
  readonly cidrs: Record<string, CidrFacts>;
}

/** The input of data.shengsi.request and data.shengsi.approvals for one request. */
export function requestInput(idx: PolicyIndex, loaded: LoadedRequest, today: string): RequestInput {
  const doc = loaded.doc;
  const unit = idx.units.get(doc.unit);

  const accounts: Record<string, AccountT> = {};
  for (const a of idx.accountsByRequest.get(doc.id) ?? []) accounts[a.id] = a;
  if (doc.kind === 'OffboardingRequest') {
    for (const a of idx.accountsByOwner.get(doc.person) ?? []) accounts[a.id] = a;
    pick(accounts, idx.accounts, doc.revokeAccounts);
  }

  const systems: Record<string, SystemT> = {};
  pick(systems, idx.systems, systemsOf(doc));
  pick(systems, idx.systems, Object.values(accounts).map((a) => a.system));

  const people: Record<string, PersonT> = {};
  pick(people, idx.people, [doc.requester, unit?.securityOfficer, doc.securityOfficerSignoff?.officer]);
  pick(people, idx.people, Object.values(accounts).map((a) => a.owner));
  if (doc.kind === 'VendorAccessRequest') pick(people, idx.people, doc.vendor.staff);
  if (doc.kind === 'OffboardingRequest') pick(people, idx.people, [doc.person, doc.handover?.to]);

  const zoneIds: string[] = Object.values(systems).map((s) => s.zone);
  const cidrs: Record<string, CidrFacts> = {};
  if (doc.kind === 'PortOpeningRequest') {
    for (const p of doc.ports) {
      zoneIds.push(p.source.zone);
      addCidrs(idx, cidrs, p.source.cidrs);
    }
  } else if (doc.kind === 'CloudResourceRequest') {
    for (const r of doc.securityGroupRules) {
      zoneIds.push(r.source.zone);
      addCidrs(idx, cidrs, r.source.cidrs);
    }
  } else if (doc.kind === 'NetworkAccessRequest') {
    zoneIds.push(doc.connection.zone);
    addCidrs(idx, cidrs, doc.connection.cidrs);
  } else if (doc.kind === 'DataExchangeRequest') {
    zoneIds.push(doc.privateNetwork, doc.extranetZone);
  }
  const zones: Record<string, ZoneT> = {};
  pick(zones, idx.zones, zoneIds);

  const terminalGroups: Record<string, TerminalGroupT> = {};
  if (doc.kind === 'NetworkAccessRequest') pick(terminalGroups, idx.terminalGroups, doc.connection.terminalGroups);

  // Openings of other requests to the destinations this request opens (SS-18-003).
  const existing: Opening[] = [];
  if (doc.kind === 'PortOpeningRequest') {
    const seen = new Set<Opening>();
    for (const p of doc.ports) {
      for (const o of idx.openingsTo(p.destination.address)) {
        if (o.layer !== 'firewall' || o.request === doc.id || seen.has(o)) continue;
        seen.add(o);
        existing.push(o);
        addCidrs(idx, cidrs, o.source.cidrs);
      }
    }
  }

  let catalog: RequestInput['catalog'] = { software: {}, usage: {} };
  if (doc.kind === 'CloudResourceRequest') {
    const total = idx.usageByUnit.get(doc.unit);
    const own = idx.usageByRequest.get(doc.id);
    // usage is what the unit's other requests take: the quota check adds this request's own share
    const usage: Usage = {
      instances: (total?.instances ?? 0) - (own?.instances ?? 0),
      vcpu: (total?.vcpu ?? 0) - (own?.vcpu ?? 0),
      memoryGiB: (total?.memoryGiB ?? 0) - (own?.memoryGiB ?? 0),
      diskGiB: (total?.diskGiB ?? 0) - (own?.diskGiB ?? 0),
    };
    const vpc = idx.vpcs.get(doc.vpc);
    const quota = idx.quotas.get(doc.unit);
    catalog = { software: idx.software, usage, ...(vpc ? { vpc } : {}), ...(quota ? { quota } : {}) };
  }

  return {
    today,
    request: doc,
    ...(unit ? { unit } : {}),
    systems,
    people,
    accounts,
    zones,
    terminalGroups,
    devices: idx.repo.devices,
    catalog,
    notices: idx.noticesByUnit.get(doc.unit) ?? [],
    existing,
    cidrs,
  };
}

export interface RequestSummary {
  readonly id: string;
  readonly kind: string;
  readonly unit: string;
  readonly file: string;
  /** The decision the request rules gave; "unchecked" when this run did not evaluate the request. */
  readonly decision: 'allow' | 'deny' | 'unchecked';
}

export interface StateInput {
  readonly today: string;
  readonly requests: Record<string, RequestSummary>;
  readonly openings: readonly Opening[];
  /**
   * The pairs [i, j] of openings that may cover one another: opening j's port range contains
   * opening i's, and both have the same layer, destination address and source zone (SS-18-101
   * checks the protocol and the sources of these pairs only).
   */
  readonly coverCandidates: readonly (readonly [number, number])[];
  readonly accounts: Record<string, AccountT>;
  readonly people: Record<string, PersonT>;
  readonly exits: DeviceCatalogT['internetExits'];
  /** Account id -> the offboarding requests that revoke it. */
  readonly revoked: Record<string, readonly string[]>;
  readonly cidrs: Record<string, CidrFacts>;
}

/**
 * The pairs [i, j] within each group of openings (same layer, destination and source zone) whose
 * port range of j contains that of i, ordered by i then j: the numbers rule out most pairs before
 * the policy compares protocols and sources (30,000 openings: 150 ms of Rego before, 3 ms here).
 */
function coverPairs(openings: readonly Opening[], groups: Iterable<readonly number[]>): [number, number][] {
  const out: [number, number][] = [];
  for (const g of groups) {
    if (g.length < 2) continue;
    for (const i of g) {
      const a = openings[i]!;
      for (const j of g) if (j !== i && openings[j]!.from <= a.from && a.to <= openings[j]!.to) out.push([i, j]);
    }
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}

/**
 * The input of data.shengsi.state: the whole desired state with each request's decision. With
 * `focus` (the requests a run checks), only their openings and those that can overlap them are
 * given: the state findings about the other requests were made when those were checked.
 */
export function stateInput(
  idx: PolicyIndex,
  decisions: ReadonlyMap<string, 'allow' | 'deny'>,
  today: string,
  focus?: ReadonlySet<string>,
): StateInput {
  const requests: Record<string, RequestSummary> = {};
  for (const r of idx.repo.requests) {
    requests[r.doc.id] = { id: r.doc.id, kind: r.doc.kind, unit: r.doc.unit, file: r.file, decision: decisions.get(r.doc.id) ?? 'unchecked' };
  }
  let openings: readonly Opening[];
  let groups: Iterable<readonly number[]>;
  if (focus) {
    // the focused requests' openings and every opening that can overlap one: the same layer,
    // destination address and source zone, found among the openings to the same addresses
    const keys = new Set<string>();
    const addresses = new Set<string>();
    for (const r of idx.repo.requests) {
      if (!focus.has(r.doc.id)) continue;
      for (const o of openingsOf(r.doc)) {
        keys.add(overlapKey(o));
        addresses.add(o.destination.address);
      }
    }
    const chosen = new Set<Opening>();
    for (const a of addresses) for (const o of idx.openingsTo(a)) if (keys.has(overlapKey(o))) chosen.add(o);
    const local = [...chosen].sort((a, b) => idx.rank(a) - idx.rank(b));
    openings = local;
    groups = group(
      local.map((_, j) => j),
      (j) => overlapKey(local[j]!),
    ).values();
  } else {
    openings = idx.openings;
    groups = idx.overlapGroups.values();
  }
  const coverCandidates = coverPairs(openings, groups);
  const cidrs: Record<string, CidrFacts> = {};
  for (const o of openings) addCidrs(idx, cidrs, o.source.cidrs);
  const revoked: Record<string, string[]> = {};
  for (const r of idx.repo.requests) {
    if (r.doc.kind !== 'OffboardingRequest') continue;
    for (const a of r.doc.revokeAccounts) (revoked[a] ??= []).push(r.doc.id);
  }
  return {
    today,
    requests,
    openings,
    coverCandidates,
    accounts: Object.fromEntries(idx.accounts),
    people: Object.fromEntries(idx.people),
    exits: idx.repo.devices.internetExits,
    revoked,
    cidrs,
  };
}
