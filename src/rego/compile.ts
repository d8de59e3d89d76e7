// The Rego compiler: builds the rule tree (data paths of every rule), resolves names (rule
// references, imports, built-ins, local variables to frame slots), checks safety and reorders
// bodies as OPA does, detects recursion, and indexes rules by equality on input/data refs.
import type { Annotation, CallTarget, Expr, Loc, Module, Rule, Term, With } from './ast.ts';
import { BUILTINS } from './builtins/index.ts';
import { RegoError, type RegoErrorDetail } from './errors.ts';
import { constValue } from './parser.ts';
import { key, RObject, type Value } from './value.ts';

export const DATA_SLOT = -1;
export const INPUT_SLOT = -2;

/** Built-ins implemented by the evaluator itself (not pure functions of their arguments). */
export const SPECIALS: Record<string, number> = {
  'internal.member_2': 2,
  'internal.member_3': 3,
  walk: 1,
  print: -1,
  trace: 1,
  'rego.metadata.rule': 0,
  'rego.metadata.chain': 0,
  'opa.runtime': 0,
  'time.now_ns': 0,
  // no network in the in-process engine: these fail (closed) unless replaced with `with`
  'http.send': 1,
  'net.lookup_ip_addr': 1,
};

export interface ElseC {
  value: Term;
  body: Expr[];
}

export interface CRule {
  rule: Rule;
  node: Node;
  kind: 'complete' | 'set' | 'func';
  /** Key terms after the rule's static path (`p[x] := v` has dyn [x]). */
  dyn: Term[];
  value: Term;
  args: Term[];
  body: Expr[];
  elses: ElseC[];
  nslots: number;
  isDefault: boolean;
  /** The value does not depend on the body's bindings: one solution is enough. */
  constValue: boolean;
  /** Slot names, for error messages and debugging. */
  names: string[];
  /** Every argument is a distinct plain variable: bound by assignment, no unification. */
  simpleArgs?: boolean;
}

export interface RuleIndex {
  /** The ref whose value selects candidate rules (input.x.y or data.x.y), as a root slot and path. */
  root: number;
  path: string[];
  byValue: Map<string, CRule[]>;
  others: CRule[];
  /** byValue's rules followed by others, by value (made by the evaluator on first use). */
  joined?: Map<string, CRule[]>;
}

export interface Node {
  path: string[];
  children: Map<string, Node>;
  rules: CRule[];
  funcs: CRule[];
  defaults: CRule[];
  index?: RuleIndex;
  id: number;
  /** Some rule or package is at or below this node (it is part of the virtual document). */
  hasRulesBelow: boolean;
  isPackage?: boolean;
}

export interface CompiledQuery {
  body: Expr[];
  nslots: number;
  names: string[];
  /** Slots of the query's named variables, in order of first appearance. */
  outputs: { name: string; slot: number }[];
}

let nodeIds = 0;

function newNode(path: string[]): Node {
  return { path, children: new Map(), rules: [], funcs: [], defaults: [], id: nodeIds++, hasRulesBelow: false };
}

interface ModEnv {
  mod: Module;
  imports: Map<string, string[]>;
  ruleNames: Set<string>;
}

interface Scope {
  vars: Map<string, number>;
  parent?: Scope;
}

class SlotAlloc {
  names: string[] = [];
  alloc(name: string): number {
    this.names.push(name);
    return this.names.length - 1;
  }
}

export class Compiler {
  readonly root = newNode([]);
  readonly errors: RegoErrorDetail[] = [];
  private readonly pkgRules = new Map<string, Set<string>>();
  /** Dependencies between nodes (for recursion detection). */
  private readonly deps = new Map<Node, Set<Node>>();
  private currentNode: Node | undefined;
  private currentRule: CRule | undefined;
  readonly modules: Module[];

  constructor(modules: Module[]) {
    this.modules = modules;
  }

  err(code: RegoErrorDetail['code'], message: string, location?: Loc): void {
    this.errors.push({ code, message, location });
  }

  nodeAt(path: string[], create: boolean): Node | undefined {
    let n = this.root;
    for (const p of path) {
      let c = n.children.get(p);
      if (!c) {
        if (!create) return undefined;
        c = newNode([...n.path, p]);
        n.children.set(p, c);
      }
      n = c;
    }
    return n;
  }

  compile(): void {
    const pending: { cr: CRule; env: ModEnv }[] = [];
    for (const mod of this.modules) {
      const pk = mod.pkg.join('.');
      let set = this.pkgRules.get(pk);
      if (!set) this.pkgRules.set(pk, (set = new Set()));
      for (const r of mod.rules) set.add((r.ref[0] as { name: string }).name);
      this.nodeAt(mod.pkg, true)!.isPackage = true;
    }
    for (const mod of this.modules) {
      const env: ModEnv = { mod, imports: new Map(), ruleNames: this.pkgRules.get(mod.pkg.join('.'))! };
      for (const imp of mod.imports) {
        const path = importPath(imp.path);
        if (path[0] === 'future' || path[0] === 'rego') continue;
        const alias = imp.alias ?? path[path.length - 1]!;
        if (path.length === 1 && !imp.alias) continue;
        env.imports.set(alias, path);
      }
      for (const r of mod.rules) {
        const cr = this.placeRule(r, mod);
        if (cr) pending.push({ cr, env });
      }
    }
    this.checkConflicts(this.root);
    for (const { cr, env } of pending) this.compileRule(cr, env);
    this.buildIndexes(this.root);
    this.checkRecursion();
    markRulesBelow(this.root);
  }

  private placeRule(r: Rule, mod: Module): CRule | undefined {
    const stat: string[] = [(r.ref[0] as { name: string }).name];
    let k = 1;
    for (; k < r.ref.length; k++) {
      const t = r.ref[k]!;
      if (t.type === 'scalar' && typeof t.value === 'string') stat.push(t.value);
      else break;
    }
    const dyn = r.ref.slice(k);
    const kind = r.kind;
    const node = this.nodeAt([...mod.pkg, ...stat], true)!;
    const cr: CRule = {
      rule: r,
      node,
      kind,
      dyn,
      value: r.value ?? { type: 'scalar', value: true, loc: r.loc },
      args: r.args ?? [],
      body: r.body,
      elses: [],
      nslots: 0,
      isDefault: r.isDefault,
      constValue: false,
      names: [],
    };
    if (r.isDefault) {
      if (dyn.length > 0) {
        this.err('rego_parse_error', 'default rules must not have a variable key in the reference', r.loc);
        return undefined;
      }
      node.defaults.push(cr);
      if (node.defaults.filter((d) => d.kind === cr.kind).length > 1) this.err('rego_type_error', `multiple default rules ${['data', ...node.path].join('.')} found`, r.loc);
    } else if (kind === 'func') node.funcs.push(cr);
    else node.rules.push(cr);
    return cr;
  }

  private checkConflicts(n: Node): void {
    const all = [...n.rules, ...n.funcs];
    if (n.funcs.length > 0 && n.rules.length > 0) this.err('rego_type_error', `conflicting rules ${['data', ...n.path].join('.')} found`, n.funcs[0]!.rule.loc);
    const kinds = new Set(n.rules.map((r) => (r.kind === 'set' ? 's' : r.dyn.length > 0 ? 'o' : 'c')));
    if (kinds.size > 1 && kinds.has('s')) this.err('rego_type_error', `conflicting rules ${['data', ...n.path].join('.')} found`, all[0]!.rule.loc);
    const arities = new Set(n.funcs.map((f) => f.args.length));
    if (arities.size > 1) this.err('rego_type_error', `conflicting rules ${['data', ...n.path].join('.')} found`, n.funcs[0]!.rule.loc);
    if (n.rules.some((r) => r.kind === 'complete' && r.dyn.length === 0) && n.children.size > 0) {
      const child = firstRuleBelow(n);
      if (child) this.err('rego_type_error', `rule ${['data', ...n.path].join('.')} conflicts with [${['data', ...child.node.path].join('.')}]`, n.rules[0]!.rule.loc);
    }
    for (const c of n.children.values()) this.checkConflicts(c);
  }

  // ---- rules -------------------------------------------------------------------------------------

  private compileRule(cr: CRule, env: ModEnv): void {
    const slots = new SlotAlloc();
    this.currentNode = cr.node;
    this.currentRule = cr;
    const r = cr.rule;
    const scope: Scope = { vars: new Map() };
    // function arguments and head variables belong to the rule's top scope
    const declared = new Set<string>();
    for (const a of cr.args) collectVarNames(a, declared);
    const headTerms = [...cr.dyn, cr.value];
    const bodyNames = new Set<string>(declared);
    collectBodyNames(r.body, bodyNames, env, this);
    for (const t of headTerms) collectTermNames(t, bodyNames, env, this, true);
    for (const name of bodyNames) scope.vars.set(name, slots.alloc(name));
    const args = cr.args.map((a) => this.resolveTerm(a, scope, env, slots, []));
    const safe0 = new Set<number>();
    for (const a of args) varSlots(a, safe0);
    const body = this.resolveBody(r.body, scope, env, slots);
    const safe = new Set(safe0);
    cr.body = this.reorder(body, safe, slots.names);
    cr.dyn = cr.dyn.map((t) => this.resolveTerm(t, scope, env, slots, []));
    cr.value = this.resolveTerm(cr.value, scope, env, slots, []);
    // a head that iterates or calls (`q := xs[_]`) is evaluated in the body, as OPA rewrites it
    const hoist = (t: Term): Term => {
      if (!needsHoist(t)) return t;
      const slot = slots.alloc('$head' + slots.names.length);
      const v: Term = { type: 'var', name: slots.names[slot]!, slot, loc: t.loc };
      const extra: Expr = { type: 'unify', lhs: v, rhs: t, negated: false, with: [], loc: t.loc };
      cr.body = this.reorder([extra], safe, slots.names).length ? [...cr.body, extra] : cr.body;
      return v;
    };
    cr.dyn = cr.dyn.map(hoist);
    cr.value = hoist(cr.value);
    this.checkHeadSafety([...cr.dyn, cr.value], safe, slots.names, r.loc);
    cr.args = args;
    const argSlots = args.map((a) => (a.type === 'var' ? a.slot : -1));
    cr.simpleArgs = argSlots.every((x) => x !== undefined && x >= 0) && new Set(argSlots).size === argSlots.length;
    cr.constValue = isConstTerm(cr.value) && cr.dyn.length === 0;
    for (const ec of r.elses) {
      const escope: Scope = { vars: new Map(scope.vars) };
      const names = new Set<string>();
      collectBodyNames(ec.body, names, env, this);
      if (ec.value) collectTermNames(ec.value, names, env, this, true);
      for (const n of names) if (!escope.vars.has(n)) escope.vars.set(n, slots.alloc(n));
      const eb = this.resolveBody(ec.body, escope, env, slots);
      const esafe = new Set(safe0);
      let value = ec.value ? this.resolveTerm(ec.value, escope, env, slots, []) : ({ type: 'scalar', value: true, loc: ec.loc } as Term);
      if (needsHoist(value)) {
        // `else := xs[_]`: evaluated in the else body, as for the main head
        const slot = slots.alloc('$else' + slots.names.length);
        const v: Term = { type: 'var', name: slots.names[slot]!, slot, loc: value.loc };
        eb.push({ type: 'unify', lhs: v, rhs: value, negated: false, with: [], loc: value.loc });
        value = v;
      }
      const ordered = this.reorder(eb, esafe, slots.names);
      this.checkHeadSafety([value], esafe, slots.names, ec.loc);
      cr.elses.push({ value, body: ordered });
    }
    cr.nslots = slots.names.length;
    cr.names = slots.names;
    this.currentRule = undefined;
  }

  private checkHeadSafety(terms: Term[], safe: Set<number>, names: string[], loc: Loc): void {
    const need = new Set<number>();
    for (const t of terms) varSlots(t, need);
    for (const s of need) if (s >= 0 && !safe.has(s)) this.err('rego_unsafe_var_error', `var ${displayName(names[s]!)} is unsafe`, loc);
  }

  compileQuery(body: Expr[], pkg: string[] = [], imports: Map<string, string[]> = new Map()): CompiledQuery {
    const slots = new SlotAlloc();
    const env: ModEnv = { mod: { file: 'query', pkg, pkgLoc: { file: 'query', row: 1, col: 1 }, imports: [], rules: [], annotations: [], text: '' }, imports, ruleNames: this.pkgRules.get(pkg.join('.')) ?? new Set() };
    const scope: Scope = { vars: new Map() };
    const names = new Set<string>();
    collectBodyNames(body, names, env, this);
    for (const n of names) scope.vars.set(n, slots.alloc(n));
    this.currentNode = undefined;
    const resolved = this.resolveBody(body, scope, env, slots);
    const ordered = this.reorder(resolved, new Set(), slots.names);
    const outputs = [...scope.vars].filter(([n]) => !n.startsWith('$')).map(([name, slot]) => ({ name, slot }));
    if (this.errors.length) throw RegoError.collect(this.errors.splice(0));
    return { body: ordered, nslots: slots.names.length, names: slots.names, outputs };
  }

  // ---- name resolution -----------------------------------------------------------------------

  private resolveBody(body: Expr[], scope: Scope, env: ModEnv, slots: SlotAlloc): Expr[] {
    return body.map((e) => this.resolveExpr(e, scope, env, slots));
  }

  private resolveExpr(e: Expr, scope: Scope, env: ModEnv, slots: SlotAlloc): Expr {
    const cap: number[] = [];
    const rt = (t: Term): Term => this.resolveTerm(t, scope, env, slots, cap);
    const withs = e.with.map((w) => this.resolveWith(w, scope, env, slots));
    const base = { negated: e.negated, with: withs, loc: e.loc };
    switch (e.type) {
      case 'term':
        return { ...base, type: 'term', term: rt(e.term) };
      case 'unify':
        return { ...base, type: 'unify', lhs: rt(e.lhs), rhs: rt(e.rhs) };
      case 'assign': {
        const lhs = rt(e.lhs);
        if (!isPattern(lhs)) this.err('rego_compile_error', 'cannot assign to ' + describe(e.lhs), e.loc);
        return { ...base, type: 'assign', lhs, rhs: rt(e.rhs) };
      }
      case 'some':
        return { ...base, type: 'some', vars: e.vars.map(rt) };
      case 'somein':
        return { ...base, type: 'somein', key: e.key ? rt(e.key) : undefined, value: rt(e.value), domain: rt(e.domain) };
      case 'every': {
        const inner: Scope = { vars: new Map(), parent: scope };
        const declared = new Set<string>();
        if (e.key) collectVarNames(e.key, declared);
        collectVarNames(e.value, declared);
        for (const n of declared) inner.vars.set(n, slots.alloc(n));
        const names = new Set<string>();
        collectBodyNames(e.body, names, env, this);
        for (const n of names) if (!inner.vars.has(n) && lookup(scope, n) === undefined) inner.vars.set(n, slots.alloc(n));
        const captured: number[] = [];
        const ri = (t: Term): Term => this.resolveTerm(t, inner, env, slots, captured);
        const out = { ...base, type: 'every' as const, key: e.key ? ri(e.key) : undefined, value: ri(e.value), domain: rt(e.domain), body: e.body.map((x) => this.resolveExprCap(x, inner, env, slots, captured)) };
        (out as { captured?: number[] }).captured = captured.filter((s) => !isIn(inner, s));
        return out;
      }
      case 'logic': {
        // each operand is its own scope: its variables do not escape, outer ones are captured
        const captured: number[] = [];
        const operands = e.operands.map((ob) => {
          const inner: Scope = { vars: new Map(), parent: scope };
          const names = new Set<string>();
          collectBodyNames(ob, names, env, this);
          const declared = new Set<string>();
          collectDeclared(ob, declared);
          for (const n of names) if (declared.has(n) || lookup(scope, n) === undefined) inner.vars.set(n, slots.alloc(n));
          return ob.map((x) => this.resolveExprCap(x, inner, env, slots, captured));
        });
        const out = { ...base, type: 'logic' as const, op: e.op, operands };
        (out as { captured?: number[] }).captured = [...new Set(captured)].filter((s) => isVisible(scope, s));
        return out;
      }
    }
  }

  private resolveExprCap(e: Expr, scope: Scope, env: ModEnv, slots: SlotAlloc, captured: number[]): Expr {
    const r = this.resolveExpr(e, scope, env, slots);
    const s = new Set<number>();
    exprSlots(r, s);
    for (const x of s) if (!isIn(scope, x)) captured.push(x);
    return r;
  }

  private resolveWith(w: With, scope: Scope, env: ModEnv, slots: SlotAlloc): With {
    const unscoped = w.value.type === 'var' && lookup(scope, w.value.name) === undefined;
    const r = this.resolveWithTarget(w, scope, env, slots);
    if (r.kind === 'func') {
      // the replacement may name a function (user-defined or built-in) rather than give a value
      const v = w.value;
      let name: string | undefined;
      if (v.type === 'var' && unscoped) name = v.name;
      else if (v.type === 'ref' && v.head.type === 'var' && v.path.every((p) => p.type === 'scalar' && typeof p.value === 'string')) name = [v.head.name, ...v.path.map((p) => (p as { value: string }).value)].join('.');
      if (name !== undefined) {
        const parts = name.split('.');
        const isFn = (() => {
          let path: string[] | undefined;
          if (parts[0] === 'data') path = parts.slice(1);
          else if (env.imports.has(parts[0]!)) path = [...env.imports.get(parts[0]!)!.slice(1), ...parts.slice(1)];
          else if (env.ruleNames.has(parts[0]!)) path = [...env.mod.pkg, ...parts];
          if (path) return (this.nodeAt(path, false)?.funcs.length ?? 0) > 0;
          return BUILTINS.has(name) || name in SPECIALS;
        })();
        if (isFn) {
          const errs = this.errors.length;
          const target = this.resolveCall(name, -1, env, w.loc);
          this.errors.length = errs;
          if (target) return { ...r, fnTarget: target, value: { type: 'scalar', value: null, loc: w.loc } };
        }
      }
    }
    return r;
  }

  private resolveWithTarget(w: With, scope: Scope, env: ModEnv, slots: SlotAlloc): With {
    const value = this.resolveTerm(w.value, scope, env, slots, []);
    const t = w.target;
    let path: string[] | undefined;
    if (t.type === 'var') path = [t.name];
    else if (t.type === 'ref' && t.head.type === 'var' && t.path.every((p) => p.type === 'scalar' && typeof p.value === 'string')) path = [t.head.name, ...t.path.map((p) => (p as { value: string }).value)];
    if (!path) {
      this.err('rego_compile_error', 'with keyword target must reference existing input, data, or a function', w.loc);
      return { ...w, value };
    }
    const head = path[0]!;
    if (head === 'input') return { ...w, value, kind: 'input', path: path.slice(1) };
    if (head === 'data') {
      const node = this.nodeAt(path.slice(1), false);
      if (node && node.funcs.length > 0) return { ...w, value, kind: 'func', fnKey: 'data.' + node.path.join('.') };
      return { ...w, value, kind: 'data', path: path.slice(1) };
    }
    const imp = env.imports.get(head);
    if (imp) {
      const full = [...imp, ...path.slice(1)];
      return this.resolveWithTarget({ ...w, target: pathTerm(full, t.loc) }, scope, env, slots);
    }
    if (env.ruleNames.has(head)) {
      const full = ['data', ...env.mod.pkg, ...path];
      return this.resolveWithTarget({ ...w, target: pathTerm(full, t.loc) }, scope, env, slots);
    }
    const name = path.join('.');
    if (BUILTINS.has(name) || name in SPECIALS) return { ...w, value, kind: 'func', fnKey: name };
    this.err('rego_compile_error', 'with keyword target must reference existing input, data, or a function', w.loc);
    return { ...w, value };
  }

  resolveTerm(t: Term, scope: Scope, env: ModEnv, slots: SlotAlloc, cap: number[]): Term {
    const rt = (x: Term): Term => this.resolveTerm(x, scope, env, slots, cap);
    switch (t.type) {
      case 'scalar':
        return t;
      case 'var': {
        if (t.name === 'data') return { type: 'ref', head: { type: 'var', name: 'data', slot: DATA_SLOT, loc: t.loc }, path: [], loc: t.loc };
        if (t.name === 'input') return { type: 'ref', head: { type: 'var', name: 'input', slot: INPUT_SLOT, loc: t.loc }, path: [], loc: t.loc };
        const s = lookup(scope, t.name);
        if (s !== undefined) {
          cap.push(s);
          return { type: 'var', name: t.name, slot: s, loc: t.loc, wild: t.wild };
        }
        const imp = env.imports.get(t.name);
        if (imp) return this.resolveTerm(pathTerm(imp, t.loc), scope, env, slots, cap);
        if (env.ruleNames.has(t.name)) {
          const ref = pathTerm(['data', ...env.mod.pkg, t.name], t.loc);
          return this.resolveTerm(ref, scope, env, slots, cap);
        }
        // an undeclared name not seen by the pre-pass (should not happen): a fresh local
        const ns = slots.alloc(t.name);
        scope.vars.set(t.name, ns);
        return { type: 'var', name: t.name, slot: ns, loc: t.loc, wild: t.wild };
      }
      case 'ref': {
        const head = rt(t.head);
        const path = t.path.map(rt);
        const out: Term = head.type === 'ref' ? { type: 'ref', head: head.head, path: [...head.path, ...path], loc: t.loc } : { type: 'ref', head, path, loc: t.loc };
        if (out.type === 'ref' && out.head.type === 'var' && out.head.slot === DATA_SLOT) this.addDep(out.path);
        return out;
      }
      case 'array': {
        const items = t.items.map(rt);
        const out: Term = { type: 'array', items, loc: t.loc };
        const v = constValue(out);
        return v !== undefined ? { type: 'scalar', value: v, loc: t.loc } : out;
      }
      case 'set': {
        const items = t.items.map(rt);
        const out: Term = { type: 'set', items, loc: t.loc };
        const v = constValue(out);
        return v !== undefined ? { type: 'scalar', value: v, loc: t.loc } : out;
      }
      case 'object': {
        const items = t.items.map(([k, v]) => [rt(k), rt(v)] as [Term, Term]);
        const out: Term = { type: 'object', items, loc: t.loc };
        const v = constValue(out);
        return v !== undefined ? { type: 'scalar', value: v, loc: t.loc } : out;
      }
      case 'call': {
        const args = t.args.map(rt);
        const target = this.resolveCall(t.name, args.length, env, t.loc);
        return { type: 'call', name: t.name, args, loc: t.loc, op: t.op, target };
      }
      case 'template':
        return { type: 'template', parts: t.parts.map((p) => (typeof p === 'string' ? p : rt(p))), loc: t.loc };
      case 'arraycomp':
      case 'setcomp':
      case 'objcomp': {
        const inner: Scope = { vars: new Map(), parent: scope };
        const names = new Set<string>();
        collectBodyNames(t.body, names, env, this);
        if (t.type === 'objcomp') {
          collectTermNames(t.key, names, env, this, true);
          collectTermNames(t.value, names, env, this, true);
        } else collectTermNames(t.head, names, env, this, true);
        const declared = new Set<string>();
        collectDeclared(t.body, declared);
        for (const n of names) if (declared.has(n) || lookup(scope, n) === undefined) inner.vars.set(n, slots.alloc(n));
        const captured: number[] = [];
        const body = t.body.map((x) => this.resolveExprCap(x, inner, env, slots, captured));
        const ri = (x: Term): Term => {
          const r = this.resolveTerm(x, inner, env, slots, captured);
          return r;
        };
        let out: Term;
        if (t.type === 'objcomp') out = { type: 'objcomp', key: ri(t.key), value: ri(t.value), body, loc: t.loc };
        else if (t.type === 'arraycomp') out = { type: 'arraycomp', head: ri(t.head), body, loc: t.loc };
        else out = { type: 'setcomp', head: ri(t.head), body, loc: t.loc };
        const caps = [...new Set(captured.filter((s) => !isIn(inner, s)))];
        (out as { captured?: number[] }).captured = caps;
        for (const c of caps) cap.push(c);
        return out;
      }
    }
  }

  private resolveCall(name: string, nargs: number, env: ModEnv, loc: Loc): CallTarget | undefined {
    const parts = name.split('.');
    let path: string[] | undefined;
    if (parts[0] === 'data') path = parts.slice(1);
    else if (env.imports.has(parts[0]!)) {
      const imp = env.imports.get(parts[0]!)!;
      if (imp[0] === 'data') path = [...imp.slice(1), ...parts.slice(1)];
    } else if (env.ruleNames.has(parts[0]!)) path = [...env.mod.pkg, ...parts];
    if (path) {
      const node = this.nodeAt(path, false);
      if (node && node.funcs.length > 0) {
        this.addDepNode(node);
        return { kind: 'func', name, path, arity: node.funcs[0]!.args.length, node };
      }
      if (node && (node.rules.length > 0 || node.defaults.length > 0)) {
        // calling a non-function rule: OPA reports a type error
        this.err('rego_type_error', `${name}: not a function`, loc);
        return undefined;
      }
      if (parts[0] === 'data' || env.ruleNames.has(parts[0]!) || env.imports.has(parts[0]!)) {
        this.err('rego_type_error', `undefined function ${['data', ...path].join('.')}`, loc);
        return undefined;
      }
    }
    if (name in SPECIALS) {
      const ar = SPECIALS[name]!;
      if (name === 'rego.metadata.rule' || name === 'rego.metadata.chain') return { kind: 'special', name, arity: ar, value: this.metadataValue(name) };
      return { kind: 'special', name, arity: ar === -1 ? nargs : ar };
    }
    const b = BUILTINS.get(name);
    if (b) {
      if (nargs !== b.arity && nargs !== b.arity + 1) this.err('rego_type_error', `${name}: arity mismatch\n\thave: ${nargs} argument(s)\n\twant: ${b.arity} argument(s)`, loc);
      return { kind: 'builtin', name, arity: b.arity };
    }
    this.err('rego_type_error', `undefined function ${name}`, loc);
    return undefined;
  }

  private metadataValue(name: string): Value {
    const cr = this.currentRule;
    if (!cr) return name === 'rego.metadata.chain' ? [] : new RObject();
    const ruleAnn = cr.rule.annotations.find((a) => a.scope === 'rule' || a.scope === 'document') ?? cr.rule.annotations[0];
    if (name === 'rego.metadata.rule') return ruleAnn ? annotationValue(ruleAnn) : new RObject();
    return metadataChain(cr, this.modules);
  }

  addDep(path: Term[]): void {
    if (!this.currentNode) return;
    let n = this.root;
    for (const p of path) {
      if (p.type !== 'scalar' || (typeof p.value !== 'string' && typeof p.value !== 'number')) break;
      const c = n.children.get(String(p.value));
      if (!c) return; // base data only
      n = c;
      if (n.rules.length > 0 || n.funcs.length > 0) break;
    }
    this.addDepNode(n);
  }

  private addDepNode(n: Node): void {
    if (!this.currentNode) return;
    let set = this.deps.get(this.currentNode);
    if (!set) this.deps.set(this.currentNode, (set = new Set()));
    set.add(n);
  }

  // ---- safety ---------------------------------------------------------------------------------

  /** Orders a body so every expression's inputs are bound first; records unsafe variables. */
  reorder(body: Expr[], safe: Set<number>, names: string[]): Expr[] {
    const remaining = [...body];
    const out: Expr[] = [];
    while (remaining.length > 0) {
      let picked = -1;
      for (let k = 0; k < remaining.length; k++) {
        if (ready(remaining[k]!, safe)) {
          picked = k;
          break;
        }
      }
      if (picked < 0) {
        const reported = new Set<number>();
        for (const e of remaining) {
          for (const s of unsafeVars(e, safe)) {
            if (reported.has(s)) continue;
            reported.add(s);
            this.err('rego_unsafe_var_error', `var ${displayName(names[s] ?? '?')} is unsafe`, e.loc);
          }
        }
        if (reported.size === 0) this.err('rego_unsafe_var_error', 'expression is unsafe', remaining[0]!.loc);
        return [...out, ...remaining];
      }
      const e = remaining.splice(picked, 1)[0]!;
      this.reorderNested(e, safe, names);
      if (!e.negated) for (const s of outputs(e)) safe.add(s);
      out.push(e);
    }
    return out;
  }

  private reorderNested(e: Expr, safe: Set<number>, names: string[]): void {
    const visitTerm = (t: Term): void => {
      if (forEachSubterm(t, visitTerm)) return;
      switch (t.type) {
        case 'arraycomp':
        case 'setcomp':
        case 'objcomp': {
          const inner = new Set(safe);
          t.body = this.reorder(t.body, inner, names);
          const heads = t.type === 'objcomp' ? [t.key, t.value] : [t.head];
          this.checkHeadSafety(heads, inner, names, t.loc);
          return;
        }
        default:
          return;
      }
    };
    for (const w of e.with) visitTerm(w.value);
    switch (e.type) {
      case 'term':
        visitTerm(e.term);
        break;
      case 'unify':
      case 'assign':
        visitTerm(e.lhs);
        visitTerm(e.rhs);
        break;
      case 'somein':
        visitTerm(e.domain);
        break;
      case 'every': {
        visitTerm(e.domain);
        const inner = new Set(safe);
        if (e.key) varSlots(e.key, inner);
        varSlots(e.value, inner);
        e.body = this.reorder(e.body, inner, names);
        break;
      }
      case 'logic':
        e.operands = e.operands.map((ob) => this.reorder(ob, new Set(safe), names));
        break;
      default:
        break;
    }
  }

  // ---- indexing ---------------------------------------------------------------------------------

  private buildIndexes(n: Node): void {
    if (n.rules.length >= 4) n.index = buildIndex(n.rules);
    for (const c of n.children.values()) this.buildIndexes(c);
  }

  // ---- recursion --------------------------------------------------------------------------------

  private checkRecursion(): void {
    const state = new Map<Node, number>();
    const stack: Node[] = [];
    const expand = (n: Node): Node[] => {
      // a reference to a package prefix depends on every rule below it
      if (n.rules.length > 0 || n.funcs.length > 0 || n.defaults.length > 0) return [n];
      const out: Node[] = [];
      for (const c of n.children.values()) out.push(...expand(c));
      return out;
    };
    const reported = new Set<Node>();
    const visit = (n: Node): void => {
      state.set(n, 1);
      stack.push(n);
      for (const d0 of this.deps.get(n) ?? []) {
        for (const d of expand(d0)) {
          const st = state.get(d);
          if (st === 1) {
            if (!reported.has(d)) {
              reported.add(d);
              const cyc = stack.slice(stack.indexOf(d)).concat([d]).map((x) => ['data', ...x.path].join('.'));
              const loc = (d.rules[0] ?? d.funcs[0] ?? d.defaults[0])?.rule.loc;
              this.err('rego_recursion_error', `rule ${cyc[0]} is recursive: ${cyc.join(' -> ')}`, loc);
            }
          } else if (st === undefined) visit(d);
        }
      }
      stack.pop();
      state.set(n, 2);
    };
    for (const n of this.deps.keys()) if (!state.has(n)) visit(n);
  }
}

// ---- helpers -----------------------------------------------------------------------------------

function needsHoist(t: Term): boolean {
  switch (t.type) {
    case 'ref':
      return t.path.some((p) => p.type !== 'scalar');
    case 'call':
      return true;
    case 'array':
    case 'set':
      return t.items.some(needsHoist);
    case 'object':
      return t.items.some(([k, v]) => needsHoist(k) || needsHoist(v));
    default:
      return false;
  }
}

function displayName(n: string): string {
  return n.startsWith('$_') ? '_' : n;
}

function firstRuleBelow(n: Node): CRule | undefined {
  for (const c of n.children.values()) {
    const r = c.rules[0] ?? c.funcs[0] ?? firstRuleBelow(c);
    if (r) return r;
  }
  return undefined;
}

function markRulesBelow(n: Node): boolean {
  let has = n.rules.length > 0 || n.funcs.length > 0 || n.defaults.length > 0 || n.isPackage === true;
  for (const c of n.children.values()) if (markRulesBelow(c)) has = true;
  n.hasRulesBelow = has;
  return has;
}

function importPath(t: Term): string[] {
  if (t.type === 'var') return [t.name];
  if (t.type === 'ref' && t.head.type === 'var') return [t.head.name, ...t.path.map((p) => String((p as { value: unknown }).value))];
  return [];
}

export function pathTerm(path: string[], loc: Loc): Term {
  return { type: 'ref', head: { type: 'var', name: path[0]!, loc }, path: path.slice(1).map((p) => ({ type: 'scalar', value: p, loc }) as Term), loc };
}

function lookup(scope: Scope | undefined, name: string): number | undefined {
  for (let s = scope; s; s = s.parent) {
    const v = s.vars.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A slot declared in this scope or an enclosing one. */
function isVisible(scope: Scope | undefined, slot: number): boolean {
  for (let sc = scope; sc; sc = sc.parent) if (isIn(sc, slot)) return true;
  return false;
}

function isIn(scope: Scope, slot: number): boolean {
  for (const v of scope.vars.values()) if (v === slot) return true;
  return false;
}

function isPattern(t: Term): boolean {
  if (t.type === 'var') return true;
  if (t.type === 'array') return t.items.every(isPattern);
  if (t.type === 'object') return t.items.every(([, v]) => isPattern(v));
  if (t.type === 'scalar') return true;
  return false;
}

function describe(t: Term): string {
  return t.type === 'ref' ? 'ref' : t.type;
}

function isConstTerm(t: Term): boolean {
  return t.type === 'scalar';
}

/** Names of variables in a pattern (declaration) term. */
function collectVarNames(t: Term, out: Set<string>): void {
  switch (t.type) {
    case 'var':
      out.add(t.name);
      return;
    case 'array':
    case 'set':
      t.items.forEach((x) => collectVarNames(x, out));
      return;
    case 'object':
      for (const [, v] of t.items) collectVarNames(v, out);
      return;
    case 'ref':
      t.path.forEach((x) => collectVarNames(x, out));
      return;
    default:
      return;
  }
}

function collectDeclared(body: Expr[], out: Set<string>): void {
  for (const e of body) {
    if (e.type === 'some') for (const v of e.vars) collectVarNames(v, out);
    else if (e.type === 'assign') collectVarNames(e.lhs, out);
    else if (e.type === 'somein') {
      if (e.key) collectVarNames(e.key, out);
      collectVarNames(e.value, out);
    }
  }
}

/** Names of local variables used at a body's own level (not inside nested bodies). */
function collectBodyNames(body: Expr[], out: Set<string>, env: ModEnv, c: Compiler): void {
  const declared = new Set<string>();
  collectDeclared(body, declared);
  for (const n of declared) out.add(n);
  for (const e of body) {
    const visit = (t: Term): void => collectTermNames(t, out, env, c, false, declared);
    for (const w of e.with) if (!(w.value.type === 'var' && (BUILTINS.has(w.value.name) || w.value.name in SPECIALS))) visit(w.value);
    switch (e.type) {
      case 'term':
        visit(e.term);
        break;
      case 'unify':
      case 'assign':
        visit(e.lhs);
        visit(e.rhs);
        break;
      case 'somein':
        visit(e.domain);
        if (e.key) visit(e.key);
        visit(e.value);
        break;
      case 'every':
        visit(e.domain);
        break;
      default:
        break;
    }
  }
}

function collectTermNames(t: Term, out: Set<string>, env: ModEnv, c: Compiler, _head: boolean, declared?: Set<string>): void {
  const visit = (x: Term): void => collectTermNames(x, out, env, c, _head, declared);
  switch (t.type) {
    case 'var':
      if (t.name === 'data' || t.name === 'input') return;
      if (declared?.has(t.name) || out.has(t.name)) {
        out.add(t.name);
        return;
      }
      if (env.imports.has(t.name) || env.ruleNames.has(t.name)) return;
      out.add(t.name);
      return;
    default:
      forEachSubterm(t, visit);
      return;
  }
}

/**
 * Visits the direct sub-terms of a ref, collection, call or template and returns true; returns
 * false for every other term (vars, scalars, comprehensions), which each walker handles itself.
 */
function forEachSubterm(t: Term, visit: (x: Term) => void): boolean {
  switch (t.type) {
    case 'ref':
      visit(t.head);
      t.path.forEach(visit);
      return true;
    case 'array':
    case 'set':
      t.items.forEach(visit);
      return true;
    case 'object':
      for (const [k, v] of t.items) {
        visit(k);
        visit(v);
      }
      return true;
    case 'call':
      t.args.forEach(visit);
      return true;
    case 'template':
      for (const p of t.parts) if (typeof p !== 'string') visit(p);
      return true;
    default:
      return false;
  }
}

/** All variable slots in a term (including captured ones of nested bodies). */
export function varSlots(t: Term, out: Set<number>): void {
  if (forEachSubterm(t, (x) => varSlots(x, out))) return;
  switch (t.type) {
    case 'var':
      if (t.slot !== undefined && t.slot >= 0) out.add(t.slot);
      return;
    case 'arraycomp':
    case 'setcomp':
    case 'objcomp':
      for (const s of (t as { captured?: number[] }).captured ?? []) out.add(s);
      return;
    default:
      return;
  }
}

function exprSlots(e: Expr, out: Set<number>): void {
  for (const w of e.with) varSlots(w.value, out);
  switch (e.type) {
    case 'term':
      varSlots(e.term, out);
      break;
    case 'unify':
    case 'assign':
      varSlots(e.lhs, out);
      varSlots(e.rhs, out);
      break;
    case 'some':
      e.vars.forEach((v) => varSlots(v, out));
      break;
    case 'somein':
      if (e.key) varSlots(e.key, out);
      varSlots(e.value, out);
      varSlots(e.domain, out);
      break;
    case 'every':
      varSlots(e.domain, out);
      for (const s of (e as { captured?: number[] }).captured ?? []) out.add(s);
      break;
    case 'logic':
      for (const s of (e as { captured?: number[] }).captured ?? []) out.add(s);
      break;
  }
}

interface VarUse {
  need: Set<number>;
  gen: Set<number>;
}

/** Variables a term needs bound (need) and can bind itself (gen: ref iteration, patterns). */
function uses(t: Term, pattern: boolean, u: VarUse): void {
  switch (t.type) {
    case 'var':
      if (t.slot === undefined || t.slot < 0) return;
      (pattern ? u.gen : u.need).add(t.slot);
      return;
    case 'ref':
      if (t.head.type === 'var') {
        if (t.head.slot !== undefined && t.head.slot >= 0) u.need.add(t.head.slot);
      } else uses(t.head, false, u);
      for (const p of t.path) {
        if (p.type === 'var') uses(p, true, u);
        else if (p.type === 'array' || p.type === 'object') uses(p, true, u);
        else uses(p, false, u);
      }
      return;
    case 'array':
      t.items.forEach((x) => uses(x, pattern, u));
      return;
    case 'set':
      t.items.forEach((x) => uses(x, false, u));
      return;
    case 'object':
      for (const [k, v] of t.items) {
        uses(k, false, u);
        uses(v, pattern, u);
      }
      return;
    case 'call': {
      const ar = t.target?.arity ?? t.args.length;
      t.args.forEach((x, k) => uses(x, k >= ar, u));
      return;
    }
    case 'template':
      for (const p of t.parts) if (typeof p !== 'string') uses(p, false, u);
      return;
    case 'arraycomp':
    case 'setcomp':
    case 'objcomp':
      for (const s of (t as { captured?: number[] }).captured ?? []) u.need.add(s);
      return;
    default:
      return;
  }
}

function subset(a: Set<number>, b: Set<number>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function groundable(t: Term, safe: Set<number>): boolean {
  const u: VarUse = { need: new Set(), gen: new Set() };
  uses(t, false, u);
  return subset(u.need, safe);
}

function unifiable(a: Term, b: Term, safe: Set<number>): boolean {
  const ua: VarUse = { need: new Set(), gen: new Set() };
  const ub: VarUse = { need: new Set(), gen: new Set() };
  uses(a, true, ua);
  uses(b, true, ub);
  if (!subset(ua.need, safe) || !subset(ub.need, safe)) return false;
  if (groundable(a, safe) || groundable(b, safe)) return true;
  if (a.type === 'array' && b.type === 'array' && a.items.length === b.items.length) {
    const s = new Set(safe);
    const pending = a.items.map((x, k) => [x, b.items[k]!] as [Term, Term]);
    let progress = true;
    while (pending.length && progress) {
      progress = false;
      for (let k = 0; k < pending.length; k++) {
        const [x, y] = pending[k]!;
        if (unifiable(x, y, s)) {
          varSlots(x, s);
          varSlots(y, s);
          pending.splice(k, 1);
          progress = true;
          k--;
        }
      }
    }
    return pending.length === 0;
  }
  if (a.type === 'object' && b.type === 'object') {
    return a.items.every(([k]) => groundable(k, safe)) && b.items.every(([k]) => groundable(k, safe));
  }
  return false;
}

function exprUse(e: Expr): VarUse {
  const u: VarUse = { need: new Set(), gen: new Set() };
  for (const w of e.with) uses(w.value, false, u);
  switch (e.type) {
    case 'term':
      uses(e.term, false, u);
      break;
    case 'unify':
    case 'assign':
      uses(e.lhs, true, u);
      uses(e.rhs, true, u);
      break;
    case 'somein':
      uses(e.domain, false, u);
      if (e.key) uses(e.key, true, u);
      uses(e.value, true, u);
      break;
    case 'every':
      uses(e.domain, false, u);
      for (const s of (e as { captured?: number[] }).captured ?? []) u.need.add(s);
      break;
    case 'logic':
      for (const s of (e as { captured?: number[] }).captured ?? []) u.need.add(s);
      break;
    default:
      break;
  }
  return u;
}

function wildSlots(e: Expr): Set<number> {
  const out = new Set<number>();
  const visit = (t: Term): void => {
    switch (t.type) {
      case 'var':
        if (t.wild && t.slot !== undefined) out.add(t.slot);
        return;
      case 'ref':
        visit(t.head);
        t.path.forEach(visit);
        return;
      case 'array':
      case 'set':
        t.items.forEach(visit);
        return;
      case 'object':
        for (const [k, v] of t.items) {
          visit(k);
          visit(v);
        }
        return;
      case 'call':
        t.args.forEach(visit);
        return;
      default:
        return;
    }
  };
  if (e.type === 'term') visit(e.term);
  if (e.type === 'unify' || e.type === 'assign') {
    visit(e.lhs);
    visit(e.rhs);
  }
  if (e.type === 'somein') {
    visit(e.domain);
    if (e.key) visit(e.key);
    visit(e.value);
  }
  return out;
}

function ready(e: Expr, safe: Set<number>): boolean {
  if (e.type === 'some') return true;
  if (e.negated) {
    const u = exprUse(e);
    const wild = wildSlots(e);
    for (const s of u.need) if (!safe.has(s)) return false;
    for (const s of u.gen) if (!safe.has(s) && !wild.has(s)) return false;
    return true;
  }
  for (const w of e.with) if (!groundable(w.value, safe)) return false;
  switch (e.type) {
    case 'term': {
      // a variable that a reference in the same expression binds is not needed beforehand
      // (`foo == input.foos[foo]`): the evaluator binds generators first
      const u = exprUse(e);
      for (const g of u.gen) u.need.delete(g);
      return subset(u.need, safe);
    }
    case 'unify':
    case 'assign':
      return unifiable(e.lhs, e.rhs, safe);
    case 'somein': {
      const u: VarUse = { need: new Set(), gen: new Set() };
      uses(e.domain, false, u);
      if (e.key) uses(e.key, true, u);
      uses(e.value, true, u);
      return subset(u.need, safe);
    }
    case 'every':
    case 'logic': {
      const u = exprUse(e);
      return subset(u.need, safe);
    }
  }
}

function unsafeVars(e: Expr, safe: Set<number>): number[] {
  const u = exprUse(e);
  const out: number[] = [];
  for (const s of u.need) if (!safe.has(s)) out.push(s);
  if (out.length === 0) for (const s of u.gen) if (!safe.has(s)) out.push(s);
  return out;
}

function outputs(e: Expr): Set<number> {
  const u = exprUse(e);
  const out = new Set<number>(u.gen);
  for (const s of u.need) out.add(s);
  if (e.type === 'every' || e.type === 'logic') return new Set();
  return out;
}

// ---- indexing ---------------------------------------------------------------------------------

function refKey(t: Term): { root: number; path: string[] } | undefined {
  if (t.type !== 'ref' || t.head.type !== 'var') return undefined;
  const root = t.head.slot;
  if (root !== INPUT_SLOT && root !== DATA_SLOT) return undefined;
  const path: string[] = [];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
    path.push(p.value);
  }
  if (root === DATA_SLOT) return undefined; // data refs may be virtual: only index input
  return { root, path };
}

function indexableEq(r: CRule): { ref: string; root: number; path: string[]; value: Value } | undefined {
  if (r.elses.length > 0) return undefined;
  for (const e of r.body) {
    if (e.negated || e.with.length > 0) continue;
    let a: Term | undefined;
    let b: Term | undefined;
    if (e.type === 'unify') {
      a = e.lhs;
      b = e.rhs;
    } else if (e.type === 'term' && e.term.type === 'call' && e.term.name === 'equal' && e.term.args.length === 2 && e.term.target?.kind === 'builtin') {
      a = e.term.args[0];
      b = e.term.args[1];
    }
    if (!a || !b) continue;
    if (b.type === 'ref' && a.type === 'scalar') [a, b] = [b, a];
    if (a.type === 'ref' && b.type === 'scalar') {
      const rk = refKey(a);
      if (rk) return { ref: rk.root + ':' + rk.path.join('.'), root: rk.root, path: rk.path, value: b.value };
    }
  }
  return undefined;
}

function buildIndex(rules: CRule[]): RuleIndex | undefined {
  const eqs = rules.map(indexableEq);
  const counts = new Map<string, number>();
  for (const q of eqs) if (q) counts.set(q.ref, (counts.get(q.ref) ?? 0) + 1);
  let best: string | undefined;
  let bestN = 0;
  for (const [k, n] of counts) if (n > bestN) [best, bestN] = [k, n];
  if (!best || bestN < 4) return undefined;
  const idx: RuleIndex = { root: INPUT_SLOT, path: [], byValue: new Map(), others: [] };
  rules.forEach((r, k) => {
    const q = eqs[k];
    if (q && q.ref === best) {
      idx.root = q.root;
      idx.path = q.path;
      const kk = key(q.value);
      let list = idx.byValue.get(kk);
      if (!list) idx.byValue.set(kk, (list = []));
      list.push(r);
    } else idx.others.push(r);
  });
  return idx;
}

// ---- metadata ---------------------------------------------------------------------------------

export function annotationValue(a: Annotation): Value {
  const o = new RObject();
  const conv = (x: unknown): Value => {
    if (x === null || x === undefined) return null;
    if (typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number') return x;
    if (Array.isArray(x)) return x.map(conv);
    if (x instanceof Date) return x.toISOString();
    const oo = new RObject();
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) oo.set(k, conv(v));
    return oo;
  };
  for (const [k, v] of Object.entries(a.raw)) {
    if (k === 'scope' && typeof v === 'string') continue;
    // OPA normalises authors ("Name <email>" or a mapping) into {name, email} objects
    if (k === 'authors' && Array.isArray(v)) {
      o.set(k, v.map((x) => (typeof x === 'string' ? authorValue(x) : conv(x))));
      continue;
    }
    o.set(k, conv(v));
  }
  o.set('scope', a.scope);
  return o;
}

function authorValue(s: string): Value {
  const o = new RObject();
  const m = /^(.*?)\s*<([^>]+)>\s*$/.exec(s);
  if (m) {
    if (m[1]) o.set('name', m[1]);
    o.set('email', m[2]!);
  } else o.set('name', s.trim());
  return o;
}

function metadataChain(cr: CRule, modules: Module[]): Value {
  const out: Value[] = [];
  // OPA's chain paths leave out the leading `data`
  const rulePath = [...cr.rule.module.pkg, ...cr.rule.ref.map((t) => (t.type === 'var' ? t.name : t.type === 'scalar' ? (t.value as string) : '')).filter((x) => x !== '')];
  const entry = (path: string[], ann?: Annotation): Value => {
    const o = new RObject();
    o.set('path', path);
    if (ann) o.set('annotations', annotationValue(ann));
    return o;
  };
  const ruleAnn = cr.rule.annotations.find((a) => a.scope === 'rule');
  out.push(entry(rulePath, ruleAnn));
  const docAnn = cr.node.rules.concat(cr.node.funcs, cr.node.defaults).flatMap((r) => r.rule.annotations).find((a) => a.scope === 'document');
  if (docAnn && !ruleAnn) (out[0] as RObject).set('annotations', annotationValue(docAnn));
  else if (docAnn) out.push(entry(rulePath, docAnn));
  const pkg = cr.rule.module.pkg;
  const pkgAnn = cr.rule.module.annotations.find((a) => a.scope === 'package') ?? modules.filter((m) => m.pkg.join('.') === pkg.join('.')).flatMap((m) => m.annotations).find((a) => a.scope === 'package');
  if (pkgAnn) out.push(entry([...pkg], pkgAnn));
  for (let k = pkg.length; k >= 0; k--) {
    const prefix = pkg.slice(0, k).join('.');
    for (const m of modules) {
      if (m.pkg.join('.') !== prefix) continue;
      for (const a of m.annotations) if (a.scope === 'subpackages') out.push(entry([...m.pkg], a));
    }
  }
  return out;
}
