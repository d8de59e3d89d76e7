// The nftables rule set of the exit firewall as a small structured value: named address sets, two
// base chains (DNAT in prerouting, default-deny filter in forward) and rules made of the few
// expressions govern emits. One value, three uses: it prints the `nft -f` text (render.ts), it is
// what the JSON read back from a device is parsed into (read.ts), and two of them are compared to
// report drift (diff.ts). Both sides are canonical (merged address intervals, merged port ranges,
// sorted states), so a device that nft printed differently but means the same compares equal.
import { createHash } from 'node:crypto';
import { formatAddress, parsePrefix } from '../../model/net.ts';
import type { NatMapping, PortRange } from '../../desired/types.ts';
import { targetError } from './errors.ts';

export type Family = 4 | 6;

/** A named set of addresses of one family, canonical: minimal sorted CIDR cover. */
export interface NftSet {
  readonly name: string;
  readonly family: Family;
  readonly elements: readonly string[];
}

export type Expr =
  | { readonly kind: 'addr'; readonly family: Family; readonly field: 'saddr' | 'daddr'; readonly set?: string; readonly value?: string }
  | { readonly kind: 'l4proto'; readonly proto: string }
  /** The interfaces of a zone: where a packet came in (iifname) or goes out (oifname). */
  | { readonly kind: 'ifname'; readonly dir: 'iifname' | 'oifname'; readonly names: readonly string[] }
  | { readonly kind: 'dport'; readonly proto: 'tcp' | 'udp'; readonly ports: readonly PortRange[] }
  | { readonly kind: 'ct-state'; readonly states: readonly string[] }
  | { readonly kind: 'verdict'; readonly verdict: 'accept' | 'drop' }
  | { readonly kind: 'dnat'; readonly family: Family; readonly addr: string; readonly port: number }
  /** Anything govern never writes, kept verbatim so that it shows as drift instead of vanishing. */
  | { readonly kind: 'unknown'; readonly text: string };

export interface NftChain {
  readonly name: string;
  readonly type: string;
  readonly hook: string;
  readonly priority: number;
  readonly policy: string;
}

export interface NftRule {
  readonly chain: string;
  readonly exprs: readonly Expr[];
  readonly comment: string;
}

export interface NftRuleset {
  readonly table: string;
  readonly sets: readonly NftSet[];
  readonly chains: readonly NftChain[];
  readonly rules: readonly NftRule[];
}

/** The table govern owns on the device; nothing outside it is ever touched (art. 11). */
export const DEFAULT_TABLE = 'govern_exit';

export const BASE_CHAINS: readonly NftChain[] = [
  // dstnat (-100): destination NAT before the routing decision, so forward sees the private address.
  { name: 'prerouting', type: 'nat', hook: 'prerouting', priority: -100, policy: 'accept' },
  // Default deny at the controlled interface: GB/T 22239 8.1.3.2 a).
  { name: 'forward', type: 'filter', hook: 'forward', priority: 0, policy: 'drop' },
];

// ---- canonical addresses and ports -------------------------------------------------------------

interface Interval {
  readonly lo: bigint;
  readonly hi: bigint;
}

function bitsOf(family: Family): number {
  return family === 4 ? 32 : 128;
}

/** Parses an address, a CIDR or an `a-b` range into an interval; undefined when not an address. */
export function toInterval(text: string): { family: Family; interval: Interval } | undefined {
  const dash = text.indexOf('-');
  if (dash > 0) {
    const a = toInterval(text.slice(0, dash));
    const b = toInterval(text.slice(dash + 1));
    if (!a || !b || a.family !== b.family) return undefined;
    return { family: a.family, interval: { lo: a.interval.lo, hi: b.interval.hi } };
  }
  const p = parsePrefix(text);
  if (!p.ok) return undefined;
  const host = BigInt(bitsOf(p.prefix.family) - p.prefix.length);
  return { family: p.prefix.family, interval: { lo: p.prefix.network, hi: p.prefix.network + (1n << host) - 1n } };
}

function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.lo <= last.hi + 1n) {
      if (iv.hi > last.hi) out[out.length - 1] = { lo: last.lo, hi: iv.hi };
    } else out.push(iv);
  }
  return out;
}

function formatCidr(family: Family, lo: bigint, length: number): string {
  return length === bitsOf(family) ? formatAddress(family, lo) : `${formatAddress(family, lo)}/${length}`;
}

/** The minimal sorted list of CIDRs covering exactly the given addresses (nested and adjacent merged). */
export function canonicalCidrs(family: Family, texts: readonly string[]): string[] {
  const bits = bitsOf(family);
  const intervals: Interval[] = [];
  for (const t of texts) {
    const iv = toInterval(t);
    if (iv && iv.family === family) intervals.push(iv.interval);
  }
  const out: string[] = [];
  for (const { lo: start, hi } of mergeIntervals(intervals)) {
    let lo = start;
    while (lo <= hi) {
      let len = 0;
      // largest aligned block starting at lo that stays inside [lo, hi]
      while (len < bits) {
        const size = 1n << BigInt(bits - len);
        if (lo % size === 0n && lo + size - 1n <= hi) break;
        len++;
      }
      out.push(formatCidr(family, lo, len));
      lo += 1n << BigInt(bits - len);
    }
  }
  return out;
}

/** Canonical address for a single-address match or a NAT target. */
export function canonicalAddress(text: string): string {
  const iv = toInterval(text);
  if (!iv) return text;
  const cidrs = canonicalCidrs(iv.family, [text]);
  return cidrs.length === 1 ? cidrs[0]! : text;
}

export function familyOf(text: string): Family | undefined {
  return toInterval(text)?.family;
}

/** The address family of a NAT mapping; both of its addresses must be valid and of one family (GOV-FW-005). */
export function natFamily(n: NatMapping): Family {
  const family = familyOf(n.publicAddress);
  if (family === undefined || family !== familyOf(n.privateAddress)) {
    throw targetError(
      'GOV-FW-005',
      `nat ${n.name}`,
      {
        zh: `公网地址 ${n.publicAddress} 与内部地址 ${n.privateAddress} 不是同一协议族的合法地址`,
        en: `public address ${n.publicAddress} and private address ${n.privateAddress} are not valid addresses of one family`,
      },
      { zh: '修正端口开放申请中的 publicAddress 或目的地址', en: 'fix publicAddress or the destination address of the port opening request' },
    );
  }
  return family;
}

/** Merges overlapping and adjacent port ranges, sorted. */
export function canonicalPorts(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) out[out.length - 1] = { from: last.from, to: Math.max(last.to, r.to) };
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

// ---- text ---------------------------------------------------------------------------------------

function portText(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

/** One expression in nft syntax; the same text identifies it when rule sets are compared. */
export function exprText(e: Expr): string {
  switch (e.kind) {
    case 'addr':
      return `${e.family === 4 ? 'ip' : 'ip6'} ${e.field} ${e.set !== undefined ? `@${e.set}` : (e.value ?? '')}`;
    case 'l4proto':
      return `meta l4proto ${e.proto}`;
    case 'ifname': {
      const names = [...new Set(e.names)].sort().map((n) => `"${n}"`);
      return `${e.dir} ${names.length === 1 ? names[0]! : `{ ${names.join(', ')} }`}`;
    }
    case 'dport': {
      const ports = canonicalPorts(e.ports);
      const body = ports.length === 1 ? portText(ports[0]!) : `{ ${ports.map(portText).join(', ')} }`;
      return `${e.proto} dport ${body}`;
    }
    case 'ct-state':
      return `ct state ${[...e.states].sort().join(',')}`;
    case 'verdict':
      return e.verdict;
    case 'dnat':
      return e.family === 4 ? `dnat ip to ${e.addr}:${e.port}` : `dnat ip6 to [${e.addr}]:${e.port}`;
    case 'unknown':
      return e.text;
  }
}

/** A rule's matching and verdict part, without the comment. */
export function ruleBody(r: NftRule): string {
  return r.exprs.map(exprText).join(' ');
}

/** The identity of a rule for drift: chain, body and comment (the comment names policy and requests). */
export function ruleKey(r: NftRule): string {
  return `${r.chain}: ${ruleBody(r)} comment "${r.comment}"`;
}

export function chainText(c: NftChain): string {
  return `type ${c.type} hook ${c.hook} priority ${c.priority}; policy ${c.policy};`;
}

/** The `nft -f` text: replaces our table, and only it, in one transaction. */
export function rulesetText(rs: NftRuleset, header: readonly string[] = []): string {
  const lines: string[] = [...header.map((h) => `# ${h}`)];
  // `table` then `delete table` then the definition: the first line creates the table when it is
  // absent so the delete cannot fail; nft -f runs the whole file as one atomic transaction.
  lines.push(`table inet ${rs.table}`, `delete table inet ${rs.table}`, `table inet ${rs.table} {`);
  for (const s of rs.sets) {
    lines.push(`\tset ${s.name} {`, `\t\ttype ${s.family === 4 ? 'ipv4_addr' : 'ipv6_addr'}`, '\t\tflags interval');
    if (s.elements.length > 0) lines.push(`\t\telements = { ${s.elements.join(', ')} }`);
    lines.push('\t}');
  }
  for (const c of rs.chains) {
    lines.push(`\tchain ${c.name} {`, `\t\t${chainText(c)}`);
    for (const r of rs.rules.filter((x) => x.chain === c.name)) {
      lines.push(`\t\t${ruleBody(r)} comment "${r.comment}"`);
    }
    lines.push('\t}');
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** A canonical one-line-per-item listing: what the fingerprint hashes and what drift compares. */
export function canonicalLines(rs: NftRuleset): string[] {
  return [
    `table inet ${rs.table}`,
    ...rs.sets.map((s) => `set ${s.name} ${s.family === 4 ? 'ipv4_addr' : 'ipv6_addr'} { ${s.elements.join(', ')} }`),
    ...rs.chains.map((c) => `chain ${c.name} ${chainText(c)}`),
    ...rs.rules.map(ruleKey),
  ];
}

/** sha256 of the canonical listing: equal for the rendered desired state and a device matching it. */
export function fingerprint(rs: NftRuleset): string {
  return createHash('sha256').update(canonicalLines(rs).join('\n')).digest('hex');
}
