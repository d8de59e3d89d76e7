// Drift between the rule set the repository wants and the one on the device, both ways: what the
// device has that the repository does not (someone changed the device, art. 11), and what the
// repository has that the device lacks (not applied, or removed on the device). Compared at the
// level of sets (name and elements), base chains (hook, priority, policy) and rules (chain, match,
// verdict and the comment that names the policy and its requests). Pure.
import { chainText, ruleKey, type NftRuleset } from './ruleset.ts';

export type DriftSide = 'device-only' | 'repository-only' | 'different';

export interface DriftItem {
  readonly side: DriftSide;
  readonly kind: 'table' | 'set' | 'chain' | 'rule' | 'order';
  /** Set or chain name, or the rule's comment. */
  readonly name: string;
  /** The rule text, the set elements or chain definition that differ. */
  readonly detail: string;
}

export interface Drift {
  readonly inSync: boolean;
  readonly items: readonly DriftItem[];
}

function multisetMinus(a: readonly string[], b: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const x of b) counts.set(x, (counts.get(x) ?? 0) + 1);
  const out: string[] = [];
  for (const x of a) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else out.push(x);
  }
  return out;
}

/** Drift of `device` (undefined: our table is absent) against `desired`. */
export function diffRulesets(desired: NftRuleset, device: NftRuleset | undefined): Drift {
  const items: DriftItem[] = [];
  if (!device) {
    items.push({ side: 'repository-only', kind: 'table', name: desired.table, detail: `table inet ${desired.table}` });
    return { inSync: false, items };
  }
  const devSets = new Map(device.sets.map((s) => [s.name, s]));
  const wantSets = new Map(desired.sets.map((s) => [s.name, s]));
  for (const s of desired.sets) {
    const d = devSets.get(s.name);
    if (!d) items.push({ side: 'repository-only', kind: 'set', name: s.name, detail: `{ ${s.elements.join(', ')} }` });
    else if (d.family !== s.family || d.elements.join(',') !== s.elements.join(',')) {
      const extra = d.elements.filter((e) => !s.elements.includes(e));
      const missing = s.elements.filter((e) => !d.elements.includes(e));
      const detail = [
        ...(d.family !== s.family ? [`family ${d.family} != ${s.family}`] : []),
        ...extra.map((e) => `+${e}`),
        ...missing.map((e) => `-${e}`),
      ].join(' ');
      items.push({ side: 'different', kind: 'set', name: s.name, detail: `device vs repository: ${detail}` });
    }
  }
  for (const d of device.sets) {
    if (!wantSets.has(d.name)) items.push({ side: 'device-only', kind: 'set', name: d.name, detail: `{ ${d.elements.join(', ')} }` });
  }
  const devChains = new Map(device.chains.map((c) => [c.name, c]));
  const wantChains = new Set(desired.chains.map((c) => c.name));
  for (const c of desired.chains) {
    const d = devChains.get(c.name);
    if (!d) items.push({ side: 'repository-only', kind: 'chain', name: c.name, detail: chainText(c) });
    else if (chainText(d) !== chainText(c)) {
      items.push({ side: 'different', kind: 'chain', name: c.name, detail: `device: ${chainText(d)} repository: ${chainText(c)}` });
    }
  }
  for (const d of device.chains) {
    if (!wantChains.has(d.name)) items.push({ side: 'device-only', kind: 'chain', name: d.name, detail: chainText(d) });
  }
  const commentOf = new Map([...desired.rules, ...device.rules].map((r) => [ruleKey(r), r.comment]));
  const chainNames = [...new Set([...desired.chains, ...device.chains].map((c) => c.name))];
  for (const chain of chainNames) {
    const want = desired.rules.filter((r) => r.chain === chain).map(ruleKey);
    const have = device.rules.filter((r) => r.chain === chain).map(ruleKey);
    const extra = multisetMinus(have, want);
    const missing = multisetMinus(want, have);
    for (const k of extra) items.push({ side: 'device-only', kind: 'rule', name: commentOf.get(k) ?? '', detail: k });
    for (const k of missing) items.push({ side: 'repository-only', kind: 'rule', name: commentOf.get(k) ?? '', detail: k });
    if (extra.length === 0 && missing.length === 0 && want.join('\n') !== have.join('\n')) {
      items.push({ side: 'different', kind: 'order', name: chain, detail: `rules of chain ${chain} are in a different order` });
    }
  }
  return { inSync: items.length === 0, items };
}
