// `nft -j list table inet <table>` -> NftRuleset: the device side of a drift comparison. Only the
// expressions govern writes are understood; anything else is kept as an `unknown` expression (its
// JSON) so that a rule someone added or edited on the device shows up as drift instead of being
// silently read as ours. Pure: the JSON text comes from the driver.
import {
  BASE_CHAINS,
  canonicalAddress,
  canonicalCidrs,
  canonicalPorts,
  type Expr,
  type Family,
  type NftChain,
  type NftRule,
  type NftRuleset,
  type NftSet,
} from './ruleset.ts';
import type { PortRange } from '../../desired/types.ts';

type Json = unknown;

function isObj(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A set element or match operand as text: `a`, `a/len` or `a-b`; undefined when not an address. */
function addrText(v: Json): string | undefined {
  if (typeof v === 'string') return v;
  if (!isObj(v)) return undefined;
  if (isObj(v.prefix) && typeof v.prefix.addr === 'string' && typeof v.prefix.len === 'number') return `${v.prefix.addr}/${v.prefix.len}`;
  if (Array.isArray(v.range) && typeof v.range[0] === 'string' && typeof v.range[1] === 'string') return `${v.range[0]}-${v.range[1]}`;
  // elements with per-element options (timeout, comment) are wrapped in {elem: {val: ...}}
  if (isObj(v.elem)) return addrText(v.elem.val);
  return undefined;
}

function portRanges(v: Json): PortRange[] | undefined {
  if (typeof v === 'number') return [{ from: v, to: v }];
  if (isObj(v) && Array.isArray(v.range) && typeof v.range[0] === 'number' && typeof v.range[1] === 'number') {
    return [{ from: v.range[0], to: v.range[1] }];
  }
  if (isObj(v) && Array.isArray(v.set)) {
    const out: PortRange[] = [];
    for (const e of v.set) {
      const r = portRanges(e);
      if (!r) return undefined;
      out.push(...r);
    }
    return out;
  }
  return undefined;
}

function unknown(e: Json): Expr {
  return { kind: 'unknown', text: `<${JSON.stringify(e)}>` };
}

export function exprFromJson(e: Json): Expr {
  if (!isObj(e)) return unknown(e);
  if ('accept' in e && Object.keys(e).length === 1) return { kind: 'verdict', verdict: 'accept' };
  if ('drop' in e && Object.keys(e).length === 1) return { kind: 'verdict', verdict: 'drop' };
  if (isObj(e.dnat)) {
    const { family, addr, port } = e.dnat;
    if ((family === 'ip' || family === 'ip6') && typeof addr === 'string' && typeof port === 'number') {
      return { kind: 'dnat', family: family === 'ip' ? 4 : 6, addr: canonicalAddress(addr), port };
    }
    return unknown(e);
  }
  if (!isObj(e.match)) return unknown(e);
  const { op, left, right } = e.match;
  if (!isObj(left)) return unknown(e);
  if (isObj(left.payload)) {
    const { protocol, field } = left.payload;
    if (op === '==' && (protocol === 'ip' || protocol === 'ip6') && (field === 'saddr' || field === 'daddr')) {
      const family: Family = protocol === 'ip' ? 4 : 6;
      if (typeof right === 'string' && right.startsWith('@')) return { kind: 'addr', family, field, set: right.slice(1) };
      const text = addrText(right);
      if (text !== undefined) return { kind: 'addr', family, field, value: canonicalAddress(text) };
    }
    if (op === '==' && (protocol === 'tcp' || protocol === 'udp') && field === 'dport') {
      const ports = portRanges(right);
      if (ports) return { kind: 'dport', proto: protocol, ports: canonicalPorts(ports) };
    }
    return unknown(e);
  }
  if (isObj(left.meta) && left.meta.key === 'l4proto' && op === '==' && typeof right === 'string') {
    return { kind: 'l4proto', proto: right };
  }
  if (isObj(left.meta) && (left.meta.key === 'iifname' || left.meta.key === 'oifname') && op === '==') {
    const names = typeof right === 'string' ? [right] : isObj(right) && Array.isArray(right.set) && right.set.every((n) => typeof n === 'string') ? (right.set as string[]) : undefined;
    if (names) return { kind: 'ifname', dir: left.meta.key, names: [...names].sort() };
  }
  if (isObj(left.ct) && left.ct.key === 'state' && (op === 'in' || op === '==')) {
    const states = typeof right === 'string' ? [right] : Array.isArray(right) && right.every((s) => typeof s === 'string') ? (right as string[]) : undefined;
    if (states) return { kind: 'ct-state', states: [...states].sort() };
  }
  return unknown(e);
}

function setFromJson(s: Record<string, Json>): NftSet {
  const name = String(s.name);
  const elems = Array.isArray(s.elem) ? s.elem : [];
  if (s.type === 'ipv4_addr' || s.type === 'ipv6_addr') {
    const family: Family = s.type === 'ipv4_addr' ? 4 : 6;
    const texts = elems.map(addrText);
    // An element we cannot read as an address is kept verbatim so that the set shows as changed.
    const unreadable = elems.filter((_, i) => texts[i] === undefined).map((e) => `<${JSON.stringify(e)}>`);
    return { name, family, elements: [...canonicalCidrs(family, texts.filter((t): t is string => t !== undefined)), ...unreadable] };
  }
  return { name, family: 4, elements: [`<type ${JSON.stringify(s.type)}: ${JSON.stringify(elems)}>`] };
}

/**
 * The rule set in `nft -j list table` output; undefined when the output holds no table. Rules keep
 * the device's order within each chain; chains are ordered like govern's base chains.
 */
export function rulesetFromJson(text: string, table: string): NftRuleset | undefined {
  const doc = JSON.parse(text) as Json;
  const items = isObj(doc) && Array.isArray(doc.nftables) ? doc.nftables : [];
  let found = false;
  const sets: NftSet[] = [];
  const chains: NftChain[] = [];
  const rules: NftRule[] = [];
  for (const item of items) {
    if (!isObj(item)) continue;
    if (isObj(item.table) && item.table.name === table && item.table.family === 'inet') found = true;
    if (isObj(item.set) && item.set.table === table) sets.push(setFromJson(item.set));
    if (isObj(item.chain) && item.chain.table === table) {
      const c = item.chain;
      chains.push({
        name: String(c.name),
        type: typeof c.type === 'string' ? c.type : '',
        hook: typeof c.hook === 'string' ? c.hook : '',
        priority: typeof c.prio === 'number' ? c.prio : 0,
        policy: typeof c.policy === 'string' ? c.policy : '',
      });
    }
    if (isObj(item.rule) && item.rule.table === table) {
      const r = item.rule;
      rules.push({
        chain: String(r.chain),
        comment: typeof r.comment === 'string' ? r.comment : '',
        exprs: Array.isArray(r.expr) ? r.expr.map(exprFromJson) : [],
      });
    }
  }
  if (!found) return undefined;
  const rank = (name: string) => {
    const i = BASE_CHAINS.findIndex((c) => c.name === name);
    return i < 0 ? BASE_CHAINS.length : i;
  };
  const chainOrder = (a: { name: string } | { chain: string }, b: { name: string } | { chain: string }) => {
    const an = 'name' in a ? a.name : a.chain;
    const bn = 'name' in b ? b.name : b.chain;
    return rank(an) - rank(bn) || (an < bn ? -1 : an > bn ? 1 : 0);
  };
  sets.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  chains.sort(chainOrder);
  // Array.prototype.sort is stable: rules keep their device order within a chain.
  rules.sort(chainOrder);
  return { table, sets, chains, rules };
}
