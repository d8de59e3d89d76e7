// Which data nodes have a value independent of the query: no input, no time, no randomness, no
// print, no `with`. Their values can be cached across queries of one compiled policy set (the data
// document is fixed at compile time), which is what makes "compile once, evaluate many" fast.
// Also which nodes are free of effects (print): within one query their values and function results
// are fixed (input, data, time and the per-query random and uuid caches are), so a function call
// may be memoized for the query.
import type { Expr, Term } from './ast.ts';
import { BUILTINS } from './builtins/index.ts';
import { DATA_SLOT, INPUT_SLOT, type CRule, type Node } from './compile.ts';

const IMPURE_SPECIALS = new Set(['time.now_ns', 'print', 'opa.runtime', 'trace', 'http.send', 'net.lookup_ip_addr']);
const EFFECTS = new Set(['print']);

interface Purity {
  /** Reading input makes a node impure. */
  input: boolean;
  /** Specials that make a node impure. */
  specials: Set<string>;
  /** Non-deterministic built-ins (rand.intn, uuid.rfc4122: fixed only within a query) make a node impure. */
  varying: boolean;
}

/** Nodes whose value is independent of the query (input, time, randomness, `with`). */
export function analyseInputFree(root: Node): Set<number> {
  return analyse(root, { input: true, specials: IMPURE_SPECIALS, varying: true });
}

/** Nodes without effects (print), directly or through what they use: fixed within one query. */
export function analyseQueryPure(root: Node): Set<number> {
  return analyse(root, { input: false, specials: EFFECTS, varying: false });
}

function analyse(root: Node, p: Purity): Set<number> {
  const all: Node[] = [];
  const collect = (n: Node): void => {
    all.push(n);
    for (const c of n.children.values()) collect(c);
  };
  collect(root);
  const deps = new Map<Node, Set<Node>>();
  const impure = new Set<Node>();
  for (const n of all) {
    const d = new Set<Node>();
    let bad = false;
    const rules: CRule[] = [...n.rules, ...n.funcs, ...n.defaults];
    const onTerm = (t: Term): void => {
      switch (t.type) {
        case 'ref':
          if (t.head.type === 'var' && t.head.slot === INPUT_SLOT) bad ||= p.input;
          else if (t.head.type === 'var' && t.head.slot === DATA_SLOT) {
            let cur: Node | undefined = root;
            for (const p of t.path) {
              if (p.type !== 'scalar' || typeof p.value !== 'string') break;
              const c: Node | undefined = cur.children.get(p.value);
              if (!c) {
                cur = undefined; // base data only: fixed at compile time
                break;
              }
              cur = c;
              if (cur.rules.length > 0 || cur.funcs.length > 0) break;
            }
            if (cur) d.add(cur);
          } else onTerm(t.head);
          t.path.forEach(onTerm);
          return;
        case 'array':
        case 'set':
          t.items.forEach(onTerm);
          return;
        case 'object':
          for (const [a, b] of t.items) {
            onTerm(a);
            onTerm(b);
          }
          return;
        case 'call': {
          const tg = t.target;
          if (!tg) bad = true;
          else if (tg.kind === 'special' && p.specials.has(tg.name)) bad = true;
          else if (tg.kind === 'builtin' && BUILTINS.get(tg.name)?.nondeterministic) bad ||= p.varying;
          else if (tg.kind === 'func') d.add(tg.node as Node);
          t.args.forEach(onTerm);
          return;
        }
        case 'template':
          for (const p of t.parts) if (typeof p !== 'string') onTerm(p);
          return;
        case 'arraycomp':
        case 'setcomp':
          onTerm(t.head);
          t.body.forEach(onExpr);
          return;
        case 'objcomp':
          onTerm(t.key);
          onTerm(t.value);
          t.body.forEach(onExpr);
          return;
        default:
          return;
      }
    };
    const onExpr = (e: Expr): void => {
      if (e.with.length > 0) bad = true;
      switch (e.type) {
        case 'term':
          onTerm(e.term);
          break;
        case 'unify':
        case 'assign':
          onTerm(e.lhs);
          onTerm(e.rhs);
          break;
        case 'somein':
          onTerm(e.domain);
          break;
        case 'every':
          onTerm(e.domain);
          e.body.forEach(onExpr);
          break;
        case 'logic':
          for (const ob of e.operands) ob.forEach(onExpr);
          break;
        default:
          break;
      }
    };
    for (const r of rules) {
      r.body.forEach(onExpr);
      onTerm(r.value);
      r.dyn.forEach(onTerm);
      for (const ec of r.elses) {
        ec.body.forEach(onExpr);
        onTerm(ec.value);
      }
    }
    for (const c of n.children.values()) d.add(c);
    if (bad) impure.add(n);
    deps.set(n, d);
  }
  // propagate impurity to dependants until nothing changes
  let changed = true;
  while (changed) {
    changed = false;
    for (const n of all) {
      if (impure.has(n)) continue;
      for (const d of deps.get(n) ?? []) {
        if (impure.has(d) || (d !== n && belowImpure(d, impure))) {
          impure.add(n);
          changed = true;
          break;
        }
      }
    }
  }
  const out = new Set<number>();
  for (const n of all) if (!impure.has(n) && !belowImpure(n, impure)) out.add(n.id);
  return out;
}

function belowImpure(n: Node, impure: Set<Node>): boolean {
  if (impure.has(n)) return true;
  if (n.rules.length > 0 || n.funcs.length > 0) return false;
  for (const c of n.children.values()) if (belowImpure(c, impure)) return true;
  return false;
}
