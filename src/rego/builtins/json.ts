// Rego built-ins: json.* (filter, remove, patch, marshal, marshal_with_options, unmarshal, is_valid)
// and yaml.* (marshal, unmarshal, is_valid).
import YAML from 'yaml';
import { BigNum, RObject, RSet, equal, fromJS, key, numberText, parseJSON, typeName, type Value } from '../value.ts';
import { arg, builtinErr, def, objArg, strArg, typeErr } from './args.ts';
import { step } from './objects.ts';
import { BuiltinError, type BuiltinDef } from './types.ts';

// ---- Go-compatible JSON output ----------------------------------------------------------------

/** A string as Go's encoding/json writes it: HTML-significant characters and U+2028/9 are escaped. */
export function goJSONString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** Serialises like Go's json.Marshal / json.MarshalIndent over OPA's JSON form of a value. */
export function goJSON(v: Value, indent = '', prefix = '', depth = 0): string {
  const pretty = indent !== '' || prefix !== '';
  const nl = (d: number): string => '\n' + prefix + indent.repeat(d);
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || v instanceof BigNum) return numberText(v);
  if (typeof v === 'string') return goJSONString(v);
  if (Array.isArray(v) || v instanceof RSet) {
    const items = Array.isArray(v) ? v : v.sorted();
    if (items.length === 0) return '[]';
    const parts = items.map((x) => goJSON(x, indent, prefix, depth + 1));
    if (!pretty) return '[' + parts.join(',') + ']';
    return '[' + parts.map((p) => nl(depth + 1) + p).join(',') + nl(depth) + ']';
  }
  const entries = v.sorted();
  if (entries.length === 0) return '{}';
  const parts = entries.map(
    ([k, x]) => goJSONString(typeof k === 'string' ? k : goJSON(k)) + (pretty ? ': ' : ':') + goJSON(x, indent, prefix, depth + 1),
  );
  if (!pretty) return '{' + parts.join(',') + '}';
  return '{' + parts.map((p) => nl(depth + 1) + p).join(',') + nl(depth) + '}';
}

// ---- paths for json.filter / json.remove / json.patch -----------------------------------------

/** "a/b/c" or "/a/b" as path segments (JSON pointer escapes ~1 and ~0 are honoured). */
function parseStringPath(p: string): string[] {
  const trimmed = p.replace(/^\/+/, '').replace(/\/+$/, '');
  if (trimmed === '') return [];
  return trimmed.split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Trie {
  terminal: boolean;
  children: Map<string, Trie>;
}

function pathsTrie(fn: string, args: Value[]): Trie {
  const v = arg(args, 1);
  let items: Value[];
  if (Array.isArray(v)) items = v;
  else if (v instanceof RSet) items = v.sorted();
  else throw typeErr(fn, 2, v, 'set', 'array');
  const root: Trie = { terminal: false, children: new Map() };
  for (const item of items) {
    let segs: Value[];
    if (typeof item === 'string') segs = parseStringPath(item);
    else if (Array.isArray(item)) segs = item;
    else {
      throw new BuiltinError(
        'eval_type_error',
        `${fn}: operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeName(item)}`,
      );
    }
    let node = root;
    for (const s of segs) {
      const k = key(s);
      let next = node.children.get(k);
      if (!next) {
        next = { terminal: false, children: new Map() };
        node.children.set(k, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  return root;
}


/** The trie node for a member: array positions match both "0" and 0. */
function childFor(trie: Trie, k: Value, index?: number): Trie | undefined {
  const t = trie.children.get(key(k));
  if (t || index === undefined) return t;
  return trie.children.get(key(String(index)));
}

function removePaths(v: Value, trie: Trie): Value {
  if (v instanceof RObject) {
    const out = new RObject();
    for (const [k, x] of v.entries()) {
      const t = childFor(trie, k);
      if (!t) out.set(k, x);
      else if (!t.terminal) out.set(k, removePaths(x, t));
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const t = childFor(trie, i, i);
      if (!t) out.push(x);
      else if (!t.terminal) out.push(removePaths(x, t));
    });
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v) {
      const t = childFor(trie, x);
      if (!t) out.add(x);
      else if (!t.terminal) out.add(removePaths(x, t));
    }
    return out;
  }
  return v;
}

function filterPaths(v: Value, trie: Trie): Value {
  if (trie.terminal) return v;
  if (v instanceof RObject) {
    const out = new RObject();
    for (const [k, x] of v.entries()) {
      const t = childFor(trie, k);
      if (t) out.set(k, filterPaths(x, t));
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const t = childFor(trie, i, i);
      if (t) out.push(filterPaths(x, t));
    });
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v) {
      const t = childFor(trie, x);
      if (t) out.add(filterPaths(x, t));
    }
    return out;
  }
  return v;
}

// ---- json.patch (RFC 6902, extended by OPA to sets and non-string path segments) ---------------

class PatchFail extends Error {}
const fail = (): never => {
  throw new PatchFail();
};

function arrayIndex(seg: Value, len: number, allowEnd: boolean): number {
  if (allowEnd && seg === '-') return len;
  let i: number;
  if (typeof seg === 'number' && Number.isInteger(seg)) i = seg;
  else if (typeof seg === 'string' && /^(?:0|[1-9]\d*)$/.test(seg)) i = Number(seg);
  else return fail();
  if (i < 0 || i > (allowEnd ? len : len - 1)) fail();
  return i;
}

function getAt(doc: Value, path: Value[]): Value {
  let node = doc;
  for (const seg of path) {
    let next: Value | undefined;
    if (Array.isArray(node)) next = node[arrayIndex(seg, node.length, false)];
    else next = step(node, seg);
    if (next === undefined) fail();
    node = next!;
  }
  return node;
}

/** Rebuilds doc with fn applied to the parent of the last segment. */
function editAt(doc: Value, path: Value[], fn: (parent: Value, seg: Value) => Value): Value {
  const [head, ...rest] = path;
  if (head === undefined) return fail();
  if (rest.length === 0) return fn(doc, head);
  const child = Array.isArray(doc) ? doc[arrayIndex(head, doc.length, false)] : step(doc, head);
  if (child === undefined) return fail();
  const updated = editAt(child, rest, fn);
  if (doc instanceof RObject) {
    const out = new RObject(doc.entries());
    out.set(head, updated);
    return out;
  }
  if (Array.isArray(doc)) {
    const out = [...doc];
    out[arrayIndex(head, doc.length, false)] = updated;
    return out;
  }
  if (doc instanceof RSet) {
    const out = new RSet();
    for (const x of doc) if (!equal(x, child)) out.add(x);
    out.add(updated);
    return out;
  }
  return fail();
}

function addAt(doc: Value, path: Value[], value: Value): Value {
  if (path.length === 0) return value;
  return editAt(doc, path, (parent, seg) => {
    if (parent instanceof RObject) {
      const out = new RObject(parent.entries());
      out.set(seg, value);
      return out;
    }
    if (Array.isArray(parent)) {
      const out = [...parent];
      out.splice(arrayIndex(seg, parent.length, true), 0, value);
      return out;
    }
    if (parent instanceof RSet) {
      // a set member is its own key: the path's last segment must be the value added
      if (!equal(seg, value)) fail();
      const out = new RSet(parent);
      out.add(value);
      return out;
    }
    return fail();
  });
}

function removeAt(doc: Value, path: Value[]): Value {
  return editAt(doc, path, (parent, seg) => {
    if (parent instanceof RObject) {
      if (!parent.has(seg)) fail();
      const out = new RObject(parent.entries());
      out.delete(seg);
      return out;
    }
    if (Array.isArray(parent)) {
      const out = [...parent];
      out.splice(arrayIndex(seg, parent.length, false), 1);
      return out;
    }
    if (parent instanceof RSet) {
      if (!parent.has(seg)) fail();
      const out = new RSet();
      for (const x of parent) if (!equal(x, seg)) out.add(x);
      return out;
    }
    return fail();
  });
}

function patchPath(op: RObject, field: string): Value[] {
  const p = op.getStr(field);
  if (typeof p === 'string') {
    // a JSON pointer: "" is the whole document, "/" the key "", "/a/" the keys "a" then ""
    if (p === '') return [];
    return (p.startsWith('/') ? p.slice(1) : p).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  if (Array.isArray(p)) return p;
  return fail();
}

function applyPatch(doc: Value, ops: Value[]): Value {
  for (const op of ops) {
    if (!(op instanceof RObject)) fail();
    const o = op as RObject;
    const name = o.getStr('op');
    const path = patchPath(o, 'path');
    const needValue = (): Value => {
      const v = o.getStr('value');
      if (v === undefined) fail();
      return v!;
    };
    switch (name) {
      case 'add':
        doc = addAt(doc, path, needValue());
        break;
      case 'remove':
        if (path.length === 0) fail();
        doc = removeAt(doc, path);
        break;
      case 'replace': {
        const v = needValue();
        getAt(doc, path);
        doc = path.length === 0 ? v : addAt(removeAt(doc, path), path, v);
        break;
      }
      case 'move': {
        const from = patchPath(o, 'from');
        const v = getAt(doc, from);
        doc = addAt(from.length === 0 ? doc : removeAt(doc, from), path, v);
        break;
      }
      case 'copy': {
        const from = patchPath(o, 'from');
        doc = addAt(doc, path, getAt(doc, from));
        break;
      }
      case 'test':
        if (!equal(getAt(doc, path), needValue())) fail();
        break;
      default:
        fail();
    }
  }
  return doc;
}

// ---- YAML ------------------------------------------------------------------------------------

function yamlToValue(text: string): Value {
  const doc = YAML.parseDocument(text, { intAsBigInt: true, uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
  return fromJS(doc.toJS({ maxAliasCount: 100 }));
}

function valueToYAMLData(v: Value): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return v;
  if (v instanceof BigNum) return v.int !== undefined ? v.int : Number(v.text);
  if (Array.isArray(v)) return v.map(valueToYAMLData);
  if (v instanceof RSet) return v.sorted().map(valueToYAMLData);
  const out: Record<string, unknown> = {};
  for (const [k, x] of v.sorted()) out[typeof k === 'string' ? k : goJSON(k)] = valueToYAMLData(x);
  return out;
}

// ---- the built-ins -----------------------------------------------------------------------------

const MARSHAL_OPTIONS = new Set(['pretty', 'indent', 'prefix']);

export const builtins: readonly BuiltinDef[] = [
  def('json.filter', 2, (args) => filterPaths(objArg('json.filter', args, 0), pathsTrie('json.filter', args))),
  def('json.remove', 2, (args) => removePaths(objArg('json.remove', args, 0), pathsTrie('json.remove', args))),
  def('json.patch', 2, (args) => {
    const doc = arg(args, 0);
    const ops = arg(args, 1);
    if (!Array.isArray(ops)) throw typeErr('json.patch', 2, ops, 'array');
    try {
      return applyPatch(doc, ops);
    } catch (e) {
      // a patch that does not apply makes the call undefined, as in OPA
      if (e instanceof PatchFail) return undefined;
      throw e;
    }
  }),
  def('json.marshal', 1, (args) => goJSON(arg(args, 0))),
  def('json.marshal_with_options', 2, (args) => {
    const fn = 'json.marshal_with_options';
    const v = arg(args, 0);
    const opts = objArg(fn, args, 1);
    let pretty: boolean | undefined;
    let indent = '\t';
    let prefix = '';
    let customised = false;
    for (const [k, x] of opts.entries()) {
      if (typeof k !== 'string' || !MARSHAL_OPTIONS.has(k)) {
        throw new BuiltinError('eval_type_error', `${fn}: operand 2 object contained unknown key ${goJSON(k)}`);
      }
      if (k === 'pretty') {
        if (typeof x !== 'boolean') throw new BuiltinError('eval_type_error', `${fn}: operand 2 pretty must be a boolean`);
        pretty = x;
      } else {
        if (typeof x !== 'string') throw new BuiltinError('eval_type_error', `${fn}: operand 2 ${k} must be a string`);
        if (k === 'indent') indent = x;
        else prefix = x;
        customised = true;
      }
    }
    if (pretty === false || (pretty === undefined && !customised)) return goJSON(v);
    return prefix + goJSON(v, indent, prefix);
  }),
  def('json.unmarshal', 1, (args) => {
    const s = strArg('json.unmarshal', args, 0);
    try {
      return parseJSON(s);
    } catch (e) {
      throw builtinErr('json.unmarshal', (e as Error).message);
    }
  }),
  def('json.is_valid', 1, (args) => {
    const s = arg(args, 0);
    if (typeof s !== 'string') return false;
    try {
      parseJSON(s);
      return true;
    } catch {
      return false;
    }
  }),
  def('yaml.marshal', 1, (args) =>
    YAML.stringify(valueToYAMLData(arg(args, 0)), { indentSeq: false, lineWidth: 0, sortMapEntries: true }),
  ),
  def('yaml.unmarshal', 1, (args) => {
    const s = strArg('yaml.unmarshal', args, 0);
    try {
      return yamlToValue(s);
    } catch (e) {
      throw builtinErr('yaml.unmarshal', (e as Error).message);
    }
  }),
  def('yaml.is_valid', 1, (args) => {
    const s = arg(args, 0);
    if (typeof s !== 'string') return false;
    try {
      yamlToValue(s);
      return true;
    } catch {
      return false;
    }
  }),
];
