// Rego built-in strings.render_template: a subset of Go's text/template over the template
// variables: {{.a.b}}, {{$v}}, {{if}}/{{else}}/{{end}}, {{range [$i,] $x := p}}, {{with}},
// {{- trim -}}, comments, and the functions len, index, print, printf, eq, ne, lt, le, gt, ge, and,
// or, not. A missing key prints "<undefined>", as in OPA. Values print as Go's %v prints the JSON
// form OPA hands to the template (slices "[a b]", maps "map[k:v]").
import { BigNum, RObject, RSet, compare, equal, numberText, type Value } from '../value.ts';
import { builtinErr, def, objArg, strArg } from './args.ts';
import { sprintf } from './sprintf.ts';
import type { BuiltinDef } from './types.ts';

const FN = 'strings.render_template';
const MISSING = Symbol('missing');
type TV = Value | typeof MISSING;

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'print'; pipe: string }
  | { kind: 'if' | 'with'; pipe: string; then: Node[]; else: Node[] }
  | { kind: 'range'; pipe: string; keyVar?: string; valVar?: string; body: Node[]; else: Node[] }
  | { kind: 'set'; name: string; pipe: string };

function tokenize(src: string): ({ text: string } | { action: string })[] {
  const out: ({ text: string } | { action: string })[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf('{{', i);
    if (open < 0) {
      out.push({ text: src.slice(i) });
      break;
    }
    let text = src.slice(i, open);
    let start = open + 2;
    if (src.startsWith('- ', start)) {
      text = text.replace(/\s+$/, '');
      start += 2;
    }
    out.push({ text });
    const close = src.indexOf('}}', start);
    if (close < 0) throw builtinErr(FN, 'template: unclosed action');
    let action = src.slice(start, close);
    i = close + 2;
    if (action.endsWith(' -')) {
      action = action.slice(0, -2);
      const m = /^\s*/.exec(src.slice(i))!;
      i += m[0].length;
    }
    out.push({ action: action.trim() });
  }
  return out;
}

function parse(src: string): Node[] {
  const toks = tokenize(src);
  let p = 0;
  const block = (): { nodes: Node[]; end: string } => {
    const nodes: Node[] = [];
    while (p < toks.length) {
      const t = toks[p++]!;
      if ('text' in t) {
        if (t.text !== '') nodes.push({ kind: 'text', text: t.text });
        continue;
      }
      const a = t.action;
      if (a.startsWith('/*')) continue;
      if (a === 'end' || a === 'else' || a.startsWith('else ')) return { nodes, end: a };
      const kw = /^(if|with|range)\s+(.*)$/s.exec(a);
      if (kw) {
        const body = block();
        let elseNodes: Node[] = [];
        if (body.end.startsWith('else ')) {
          // "else if p" is an if nested in the else branch, sharing the one {{end}}
          toks.splice(p, 0, { action: body.end.slice(5) });
          elseNodes = block().nodes;
        } else if (body.end === 'else') {
          const e = block();
          if (e.end !== 'end') throw builtinErr(FN, 'template: unexpected end of else');
          elseNodes = e.nodes;
        } else if (body.end !== 'end') throw builtinErr(FN, `template: unexpected EOF in ${kw[1]}`);
        if (kw[1] === 'range') {
          const decl = /^(\$\w*)\s*(?:,\s*(\$\w*))?\s*:=\s*(.*)$/s.exec(kw[2]!);
          if (decl) {
            const [keyVar, valVar] = decl[2] ? [decl[1], decl[2]] : [undefined, decl[1]];
            nodes.push({ kind: 'range', pipe: decl[3]!, keyVar, valVar, body: body.nodes, else: elseNodes });
          } else nodes.push({ kind: 'range', pipe: kw[2]!, body: body.nodes, else: elseNodes });
        } else nodes.push({ kind: kw[1] as 'if' | 'with', pipe: kw[2]!, then: body.nodes, else: elseNodes });
        continue;
      }
      const set = /^(\$\w*)\s*:?=\s*(.*)$/s.exec(a);
      if (set) {
        nodes.push({ kind: 'set', name: set[1]!, pipe: set[2]! });
        continue;
      }
      nodes.push({ kind: 'print', pipe: a });
    }
    return { nodes, end: '' };
  };
  const r = block();
  if (r.end !== '') throw builtinErr(FN, `template: unexpected {{${r.end}}}`);
  return r.nodes;
}

/** Go's %v of the JSON value OPA passes to text/template. */
function show(v: TV): string {
  if (v === MISSING) return '<undefined>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number' || v instanceof BigNum) return numberText(v);
  if (Array.isArray(v)) return '[' + v.map(show).join(' ') + ']';
  if (v instanceof RSet) return '[' + v.sorted().map(show).join(' ') + ']';
  return 'map[' + v.sorted().map(([k, x]) => `${show(k)}:${show(x)}`).join(' ') + ']';
}

function truth(v: TV): boolean {
  if (v === MISSING || v === null || v === false || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof RSet || v instanceof RObject) return v.size > 0;
  return true;
}

type Scope = Map<string, TV>;

function splitWords(s: string): string[] {
  const out: string[] = [];
  const re = /"(?:\\.|[^"\\])*"|`[^`]*`|\((?:[^()]|\([^()]*\))*\)|[^\s()]+/g;
  for (let m = re.exec(s); m; m = re.exec(s)) out.push(m[0]);
  return out;
}

function field(base: TV, path: string[]): TV {
  let v = base;
  for (const k of path) {
    if (k === '') continue;
    if (v instanceof RObject) v = v.getStr(k) ?? MISSING;
    else return MISSING;
  }
  return v;
}

function operand(w: string, dot: TV, scope: Scope): TV {
  if (w.startsWith('(')) return pipeline(w.slice(1, -1), dot, scope);
  if (w.startsWith('"')) return JSON.parse(w) as string;
  if (w.startsWith('`')) return w.slice(1, -1);
  if (w === 'true' || w === 'false') return w === 'true';
  if (w === 'nil') return null;
  if (/^-?\d+(\.\d+)?$/.test(w)) return Number(w);
  if (w.startsWith('.')) return field(dot, w.slice(1).split('.'));
  if (w.startsWith('$')) {
    const [name, ...path] = w.split('.');
    if (!scope.has(name!)) throw builtinErr(FN, `template: undefined variable "${name}"`);
    return field(scope.get(name!)!, path);
  }
  throw builtinErr(FN, `template: function "${w}" not defined`);
}

const FUNCS: Record<string, (args: TV[]) => TV> = {
  len: (a) => {
    const v = a[0];
    if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
    if (Array.isArray(v)) return v.length;
    if (v instanceof RObject || v instanceof RSet) return v.size;
    throw builtinErr(FN, `template: len of ${show(v ?? null)}`);
  },
  index: (a) => a.slice(1).reduce<TV>((v, k) => (v instanceof RObject ? (v.get(k as Value) ?? MISSING) : Array.isArray(v) && typeof k === 'number' ? (v[k] ?? MISSING) : MISSING), a[0] ?? MISSING),
  print: (a) => a.map(show).join(''),
  println: (a) => a.map(show).join(' ') + '\n',
  printf: (a) => sprintf(String(a[0]), a.slice(1).map((x) => (x === MISSING ? null : x))),
  not: (a) => !truth(a[0] ?? null),
  and: (a) => a.find((x) => !truth(x)) ?? a[a.length - 1] ?? null,
  or: (a) => a.find((x) => truth(x)) ?? a[a.length - 1] ?? null,
  eq: (a) => a.slice(1).some((x) => equal(a[0] as Value, x as Value)),
  ne: (a) => !equal(a[0] as Value, a[1] as Value),
  lt: (a) => compare(a[0] as Value, a[1] as Value) < 0,
  le: (a) => compare(a[0] as Value, a[1] as Value) <= 0,
  gt: (a) => compare(a[0] as Value, a[1] as Value) > 0,
  ge: (a) => compare(a[0] as Value, a[1] as Value) >= 0,
};

function pipeline(src: string, dot: TV, scope: Scope): TV {
  let prev: TV | undefined;
  for (const cmd of src.split(/\|(?![^"`]*["`])/)) {
    const words = splitWords(cmd.trim());
    const [head, ...rest] = words;
    if (head === undefined) throw builtinErr(FN, 'template: missing value for command');
    const fn = FUNCS[head];
    if (fn) {
      const args = rest.map((w) => operand(w, dot, scope));
      if (prev !== undefined) args.push(prev);
      prev = fn(args);
    } else {
      if (rest.length > 0 || prev !== undefined) throw builtinErr(FN, `template: can't give argument to non-function ${head}`);
      prev = operand(head, dot, scope);
    }
  }
  return prev ?? null;
}

function exec(nodes: Node[], dot: TV, scope: Scope): string {
  let out = '';
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        out += n.text;
        break;
      case 'print':
        out += show(pipeline(n.pipe, dot, scope));
        break;
      case 'set':
        scope.set(n.name, pipeline(n.pipe, dot, scope));
        break;
      case 'if':
      case 'with': {
        const v = pipeline(n.pipe, dot, scope);
        if (truth(v)) out += exec(n.then, n.kind === 'with' ? v : dot, new Map(scope));
        else out += exec(n.else, dot, new Map(scope));
        break;
      }
      case 'range': {
        const v = pipeline(n.pipe, dot, scope);
        const items: [Value, Value][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v instanceof RSet
            ? v.sorted().map((x, i) => [i, x])
            : v instanceof RObject
              ? v.sorted()
              : [];
        if (items.length === 0) {
          out += exec(n.else, dot, new Map(scope));
          break;
        }
        for (const [k, x] of items) {
          const s = new Map(scope);
          if (n.keyVar) s.set(n.keyVar, k);
          if (n.valVar) s.set(n.valVar, x);
          out += exec(n.body, x, s);
        }
      }
    }
  }
  return out;
}

export const builtins: readonly BuiltinDef[] = [
  def('strings.render_template', 2, (args) => {
    const src = strArg(FN, args, 0);
    const vars = objArg(FN, args, 1);
    return exec(parse(src), vars, new Map<string, TV>([['$', vars]]));
  }),
];
