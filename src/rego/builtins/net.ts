// Rego built-ins: net.cidr_* over IPv4 and IPv6 addresses as bigints, with Go's net.ParseCIDR /
// net.ParseIP rules (strict dotted quads, no zones) and Go's address formatting.
import { RObject, RSet, type Value } from '../value.ts';
import { arg, builtinErr, collArg, def, strArg, typeErr } from './args.ts';
import type { BuiltinDef } from './types.ts';

interface Net {
  v6: boolean;
  /** first address of the network */
  base: bigint;
  prefix: number;
}

const bits = (v6: boolean): number => (v6 ? 128 : 32);

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    // Go rejects leading zeros (they would be octal elsewhere)
    if (!/^(?:0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    out = (out << 8n) | BigInt(p);
  }
  return out;
}

function parseV6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined;
  let head = s;
  let v4tail: bigint | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.') && lastColon >= 0) {
    v4tail = parseV4(s.slice(lastColon + 1));
    if (v4tail === undefined) return undefined;
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const dbl = head.split('::');
  if (dbl.length > 2) return undefined;
  const group = (x: string): string[] => (x === '' ? [] : x.split(':'));
  const left = group(dbl[0]!);
  const right = dbl.length === 2 ? group(dbl[1]!) : [];
  const total = left.length + right.length;
  if (dbl.length === 1 ? total !== 8 : total > 7) return undefined;
  const groups = [...left, ...Array<string>(8 - total).fill('0'), ...right];
  let out = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out = (out << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4tail !== undefined) out = (out & ~0xffffffffn) | v4tail;
  return out;
}

interface IP {
  v6: boolean;
  addr: bigint;
}

export function parseIP(s: string): IP | undefined {
  const v4 = parseV4(s);
  if (v4 !== undefined) return { v6: false, addr: v4 };
  const v6 = parseV6(s);
  if (v6 === undefined) return undefined;
  return { v6: true, addr: v6 };
}

export function parseCIDR(s: string): Net | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const ps = s.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(ps)) return undefined;
  const prefix = Number(ps);
  if (prefix > bits(ip.v6)) return undefined;
  return { v6: ip.v6, base: ip.addr & mask(ip.v6, prefix), prefix };
}

function mask(v6: boolean, prefix: number): bigint {
  const n = BigInt(bits(v6));
  const all = (1n << n) - 1n;
  return all ^ ((1n << (n - BigInt(prefix))) - 1n);
}

const lastAddr = (n: Net): bigint => n.base | (((1n << BigInt(bits(n.v6))) - 1n) ^ mask(n.v6, n.prefix));

export function formatIP(v6: boolean, addr: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((sh) => String((addr >> sh) & 0xffn)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((addr >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: the longest run (at least two) of zero groups becomes "::"
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hexs = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hexs.join(':');
  return hexs.slice(0, bestStart).join(':') + '::' + hexs.slice(bestStart + bestLen).join(':');
}

const formatNet = (n: Net): string => `${formatIP(n.v6, n.base)}/${n.prefix}`;

function cidrOperand(fn: string, s: string): Net {
  const n = parseCIDR(s);
  if (!n) throw builtinErr(fn, `invalid CIDR address: ${s}`);
  return n;
}

/** A CIDR, or a single address as a full-length network. */
function cidrOrIP(fn: string, s: string): Net {
  const n = parseCIDR(s);
  if (n) return n;
  const ip = parseIP(s);
  if (!ip) throw builtinErr(fn, `invalid CIDR address: ${s}`);
  // an IPv4-mapped IPv6 address is an IPv4 address to Go's IPNet.Contains
  if (ip.v6 && ip.addr >> 32n === 0xffffn) return { v6: false, base: ip.addr & 0xffffffffn, prefix: 32 };
  return { v6: ip.v6, base: ip.addr, prefix: bits(ip.v6) };
}

const contains = (a: Net, b: Net): boolean => a.v6 === b.v6 && a.prefix <= b.prefix && (b.base & mask(a.v6, a.prefix)) === a.base;
const intersects = (a: Net, b: Net): boolean => a.v6 === b.v6 && a.base <= lastAddr(b) && b.base <= lastAddr(a);

/** The (key, address) pairs of a cidr_contains_matches operand. */
function matchItems(fn: string, v: Value, pos: number): [Value, string][] {
  const addr = (x: Value): string => {
    if (typeof x === 'string') return x;
    if (Array.isArray(x) && x.length > 0 && typeof x[0] === 'string') return x[0];
    throw builtinErr(fn, `operand ${pos}: element must be string or non-empty array`);
  };
  if (typeof v === 'string') return [[v, v]];
  if (Array.isArray(v)) return v.map((x, i) => [i, addr(x)]);
  if (v instanceof RSet) return v.sorted().map((x) => [x, addr(x)]);
  if (v instanceof RObject) return v.sorted().map(([k, x]) => [k, addr(x)]);
  throw typeErr(fn, pos, v, 'string', 'array', 'set', 'object');
}

/** Classful default mask, as Go's IP.DefaultMask, for cidr_merge on bare IPv4 addresses. */
function defaultPrefix(addr: bigint): number | undefined {
  const first = Number(addr >> 24n);
  if (first < 0x80) return 8;
  if (first < 0xc0) return 16;
  if (first < 0xe0) return 24;
  return undefined;
}

function merge(fn: string, items: Value[]): string[] {
  const nets: Net[] = [];
  for (const x of items) {
    if (typeof x !== 'string') throw typeErr(fn, 1, x, 'string');
    let n = parseCIDR(x);
    if (!n) {
      const ip = parseIP(x);
      if (!ip) throw builtinErr(fn, `invalid IP address or CIDR: ${x}`);
      if (ip.v6) throw builtinErr(fn, 'IPv6 invalid: needs prefix length');
      const p = defaultPrefix(ip.addr);
      if (p === undefined) throw builtinErr(fn, `invalid IP address or CIDR: ${x}`);
      n = { v6: false, base: ip.addr & mask(false, p), prefix: p };
    }
    nets.push(n);
  }
  const out: string[] = [];
  for (const v6 of [false, true]) {
    // union of address ranges, then the fewest CIDR blocks covering exactly that union
    const ranges = nets
      .filter((n) => n.v6 === v6)
      .map((n): [bigint, bigint] => [n.base, lastAddr(n)])
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const merged: [bigint, bigint][] = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1n) {
        if (r[1] > last[1]) last[1] = r[1];
      } else merged.push([r[0], r[1]]);
    }
    const width = bits(v6);
    for (const [lo, hi] of merged) {
      let start = lo;
      while (start <= hi) {
        let size = 0;
        while (size < width) {
          const block = 1n << BigInt(size + 1);
          if (start % block !== 0n || start + block - 1n > hi) break;
          size++;
        }
        out.push(formatNet({ v6, base: start, prefix: width - size }));
        start += 1n << BigInt(size);
      }
    }
  }
  return out;
}

const MAX_EXPAND = 1n << 24n;

export const builtins: readonly BuiltinDef[] = [
  def('net.cidr_contains', 2, (args) => {
    const fn = 'net.cidr_contains';
    return contains(cidrOperand(fn, strArg(fn, args, 0)), cidrOrIP(fn, strArg(fn, args, 1)));
  }),
  def('net.cidr_overlap', 2, (args) => {
    const fn = 'net.cidr_overlap';
    return contains(cidrOperand(fn, strArg(fn, args, 0)), cidrOrIP(fn, strArg(fn, args, 1)));
  }),
  def('net.cidr_intersects', 2, (args) => {
    const fn = 'net.cidr_intersects';
    return intersects(cidrOperand(fn, strArg(fn, args, 0)), cidrOperand(fn, strArg(fn, args, 1)));
  }),
  def('net.cidr_is_valid', 1, (args) => {
    const v = arg(args, 0);
    return typeof v === 'string' && parseCIDR(v) !== undefined;
  }),
  def('net.cidr_expand', 1, (args) => {
    const fn = 'net.cidr_expand';
    const s = strArg(fn, args, 0);
    const n = cidrOperand(fn, s);
    const count = lastAddr(n) - n.base + 1n;
    if (count > MAX_EXPAND) throw builtinErr(fn, `CIDR ${s} has too many addresses to expand`);
    const out = new RSet();
    for (let a = n.base; a <= lastAddr(n); a++) out.add(formatIP(n.v6, a));
    return out;
  }),
  def('net.cidr_merge', 1, (args) => merge('net.cidr_merge', collArg('net.cidr_merge', args, 0, ['array', 'set']))),
  def('net.cidr_contains_matches', 2, (args) => {
    const fn = 'net.cidr_contains_matches';
    const cidrs = matchItems(fn, arg(args, 0), 1);
    const addrs = matchItems(fn, arg(args, 1), 2);
    const out = new RSet();
    for (const [k1, c] of cidrs) {
      const n = cidrOperand(fn, c);
      for (const [k2, a] of addrs) if (contains(n, cidrOrIP(fn, a))) out.add([k1, k2]);
    }
    return out;
  }),
];
