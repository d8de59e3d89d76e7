// Rego built-ins: object.get, object.keys, object.remove, object.filter, object.union,
// object.union_n and object.subset (topdown/object.go, topdown/subset.go).
import { RObject, RSet, equal, type Value } from '../value.ts';
import { arg, arrArg, def, elementErr, objArg, typeErr } from './args.ts';
import type { BuiltinDef } from './types.ts';

/** The keys named by object.remove/object.filter's second operand: an object's keys, a set or an array. */
function keysOperand(fn: string, args: Value[]): RSet {
  const v = arg(args, 1);
  if (v instanceof RObject) return new RSet(v.keys());
  if (v instanceof RSet) return v;
  if (Array.isArray(v)) return new RSet(v);
  throw typeErr(fn, 2, v, 'object', 'set', 'array');
}

/** Deep merge: where both sides hold objects they merge, otherwise the right side wins. */
export function mergeObjects(a: RObject, b: RObject): RObject {
  const out = new RObject(a.entries());
  for (const [k, v] of b.entries()) {
    const old = out.get(k);
    out.set(k, old instanceof RObject && v instanceof RObject ? mergeObjects(old, v) : v);
  }
  return out;
}

/** One step of a path into a composite: object key, array index, or set member. */
export function step(node: Value, seg: Value): Value | undefined {
  if (node instanceof RObject) return node.get(seg);
  if (Array.isArray(node)) {
    if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg >= node.length) return undefined;
    return node[seg];
  }
  if (node instanceof RSet) return node.has(seg) ? seg : undefined;
  return undefined;
}

function isSubset(sup: Value, sub: Value): boolean {
  if (sup instanceof RObject && sub instanceof RObject) {
    for (const [k, v] of sub.entries()) {
      const sv = sup.get(k);
      if (sv === undefined || !isSubset(sv, v)) return false;
    }
    return true;
  }
  if (sup instanceof RSet && sub instanceof RSet) {
    for (const [k] of sub.entries()) if (!sup.hasKey(k)) return false;
    return true;
  }
  if (Array.isArray(sup) && Array.isArray(sub)) {
    // a sub-array must appear as a contiguous run of the super-array
    if (sub.length === 0) return true;
    for (let i = 0; i + sub.length <= sup.length; i++) {
      if (sub.every((x, j) => equal(sup[i + j]!, x))) return true;
    }
    return false;
  }
  if (Array.isArray(sup) && sub instanceof RSet) {
    const members = new RSet(sup);
    for (const [k] of sub.entries()) if (!members.hasKey(k)) return false;
    return true;
  }
  return equal(sup, sub);
}

export const builtins: readonly BuiltinDef[] = [
  def('object.get', 3, (args) => {
    const obj = objArg('object.get', args, 0);
    const path = arg(args, 1);
    const dflt = arg(args, 2);
    if (!Array.isArray(path)) return obj.get(path) ?? dflt;
    let node: Value = obj;
    for (const seg of path) {
      const next = step(node, seg);
      if (next === undefined) return dflt;
      node = next;
    }
    return node;
  }),
  def('object.keys', 1, (args) => new RSet(objArg('object.keys', args, 0).keys())),
  def('object.remove', 2, (args) => {
    const obj = objArg('object.remove', args, 0);
    const keys = keysOperand('object.remove', args);
    const out = new RObject();
    for (const [k, v] of obj.entries()) if (!keys.has(k)) out.set(k, v);
    return out;
  }),
  def('object.filter', 2, (args) => {
    const obj = objArg('object.filter', args, 0);
    const keys = keysOperand('object.filter', args);
    const out = new RObject();
    for (const [k, v] of obj.entries()) if (keys.has(k)) out.set(k, v);
    return out;
  }),
  def('object.union', 2, (args) => mergeObjects(objArg('object.union', args, 0), objArg('object.union', args, 1))),
  def('object.union_n', 1, (args) => {
    const arr = arrArg('object.union_n', args, 0);
    let out = new RObject();
    for (const x of arr) {
      if (!(x instanceof RObject)) throw elementErr('object.union_n', 1, arr, x, 'object');
      out = mergeObjects(out, x);
    }
    return out;
  }),
  def('object.subset', 2, (args) => {
    const sup = arg(args, 0);
    const sub = arg(args, 1);
    for (const [i, v] of [sup, sub].entries()) {
      if (!(v instanceof RObject || v instanceof RSet || Array.isArray(v))) {
        throw typeErr('object.subset', i + 1, v, 'object', 'set', 'array');
      }
    }
    return isSubset(sup, sub);
  }),
];
