// plan(): the desired state against the last applied snapshot -> resource changes with the fields
// that change and the requests behind them. No snapshot means nothing was applied: all adds.
// Provenance alone never makes a change (a device holds prefixes and ports, not request ids), but a
// change lists the requests before and after so a reviewer sees whose grant it is.
import type { DesiredState } from '../desired/types.ts';
import type { FieldChange, Plan, ResourceChange } from './types.ts';
import { flatten, STACKS, TYPES, type FlatResource } from './resources.ts';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaf fields by dotted path; arrays are leaves (compared whole, shown whole). */
export function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (!isPlainObject(value)) {
    out.set(prefix, value);
    return out;
  }
  for (const k of Object.keys(value).sort()) {
    const path = prefix ? `${prefix}.${k}` : k;
    const v = value[k];
    if (isPlainObject(v) && Object.keys(v).length > 0) for (const [p, x] of leaves(v, path)) out.set(p, x);
    else out.set(path, v);
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function fieldChanges(before: Readonly<Record<string, unknown>> | undefined, after: Readonly<Record<string, unknown>> | undefined): FieldChange[] {
  const b = before ? leaves(before) : new Map<string, unknown>();
  const a = after ? leaves(after) : new Map<string, unknown>();
  const paths = [...new Set([...b.keys(), ...a.keys()])].sort();
  const out: FieldChange[] = [];
  for (const path of paths) {
    const x = b.get(path);
    const y = a.get(path);
    if (b.has(path) && a.has(path) && same(x, y)) continue;
    out.push({ path, ...(b.has(path) && x !== undefined ? { before: x } : {}), ...(a.has(path) && y !== undefined ? { after: y } : {}) });
  }
  return out;
}

const key = (r: FlatResource): string => `${r.stack}\u0000${r.type}\u0000${r.name}`;
const rank = (r: { stack: string; type: string }): number => STACKS.indexOf(r.stack as never) * 100 + TYPES.indexOf(r.type as never);

export function plan(desired: DesiredState, lastApplied?: DesiredState): Plan {
  const after = new Map(flatten(desired).map((r) => [key(r), r]));
  const before = new Map((lastApplied ? flatten(lastApplied) : []).map((r) => [key(r), r]));
  const changes: ResourceChange[] = [];
  for (const [k, r] of after) {
    const prev = before.get(k);
    const base = { stack: r.stack, type: r.type, name: r.name };
    if (!prev) {
      changes.push({ action: 'add', ...base, requests: r.requests, fields: fieldChanges(undefined, r.value), description: r.description, internetFacing: r.internetFacing });
      continue;
    }
    const fields = fieldChanges(prev.value, r.value);
    if (fields.length === 0) continue;
    const requests = [...new Set([...prev.requests, ...r.requests])].sort();
    changes.push({ action: 'change', ...base, requests, fields, description: r.description, internetFacing: r.internetFacing || prev.internetFacing });
  }
  for (const [k, r] of before) {
    if (after.has(k)) continue;
    changes.push({
      action: 'remove',
      stack: r.stack,
      type: r.type,
      name: r.name,
      requests: r.requests,
      fields: fieldChanges(r.value, undefined),
      description: r.description,
      internetFacing: r.internetFacing,
    });
  }
  changes.sort((x, y) => rank(x) - rank(y) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  const count = (a: string): number => changes.filter((c) => c.action === a).length;
  return {
    asOf: desired.asOf,
    ...(lastApplied ? { againstAsOf: lastApplied.asOf } : {}),
    changes,
    summary: { add: count('add'), change: count('change'), remove: count('remove') },
  };
}
