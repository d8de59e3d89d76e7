// The top-down Rego evaluator: unification with backtracking (continuation-passing: a
// continuation returns true to stop the enumeration), OPA's undefined semantics, virtual documents
// over base data, `with`, built-in calls with OPA's error handling, per-query rule caching, and
// memoized function calls (FnMemo). Hot paths avoid allocating per step: one continuation per
// evaluator for rule and function bodies, scratch argument arrays for built-ins, constant literals
// built once; closures are not bound to names there (tsx's keepNames wraps each named one).
import type { CallTarget, Expr, Loc, Term, With } from './ast.ts';
import { BUILTINS } from './builtins/index.ts';
import { BuiltinError, type BuiltinContext, type BuiltinDef } from './builtins/types.ts';
import { DATA_SLOT, INPUT_SLOT, type CRule, type Node } from './compile.ts';
import { RegoError } from './errors.ts';
import { BigNum, compare, equal, key, RObject, RSet, toJSON, typeName, type Value } from './value.ts';

export type Frame = (Value | undefined)[];
type K = () => boolean;
type VK = (v: Value) => boolean;

const MULTI: unique symbol = Symbol('multi');
type Simple = Value | undefined | typeof MULTI;
const UNDEF: unique symbol = Symbol('undef');

interface Overlay {
  value?: Value;
  children: Map<string, Overlay>;
}

type Mock = { kind: 'value'; value: Value } | { kind: 'target'; target: CallTarget };

export interface EvalOptions {
  input?: Value;
  strict?: boolean;
  timeNs?: bigint;
  print?: (line: string) => void;
  /** Shared cache of rules that depend neither on input nor on time: valid across queries. */
  sharedCache?: Map<number, Value | typeof UNDEF>;
}

export interface Runtime {
  root: Node;
  base: Value;
  /** Nodes whose value is independent of input (safe for the shared cache). */
  inputFree: Set<number>;
  /** Resolved constant prefixes of data references (by reference term). */
  prefixes: Map<Term, DataPrefix>;
  /** Nodes without effects: their function calls may be memoized within a query. */
  queryPure: Set<number>;
  /** Memo state of each function node that has been called (see memoLookup). */
  memos: Map<number, FnMemo>;
}

/**
 * Memoization of one function: results by argument within a query (keyed by scalar value or by
 * object identity; values are immutable, so one object always has one value) and, for functions
 * independent of the query (Runtime.inputFree), across queries for scalar arguments. A function
 * whose memo rarely hits stops using it (this decides how, never what, is computed).
 */
export interface FnMemo {
  /** Memoized at all: an effect-free function whose memo hits often enough. */
  on: boolean;
  /** Results by scalar arguments across queries; undefined when the function depends on the query. */
  shared: Map<unknown, unknown> | undefined;
  /** Lookups in shared (a bound on its entries). */
  sharedSize: number;
  lookups: number;
  hits: number;
}

/** Memo lookups after which a function whose memo hit less than one in eight stops using it. */
const MEMO_PROBE = 512;
/** Results kept across queries per function (a bound on memory for long-running processes). */
const MEMO_SHARED_MAX = 10000;

export class Evaluator {
  input: Value | undefined;
  /** Values of rules evaluated in this query (made on first use; a fresh one inside `with`). */
  private cache: Map<number, Value | typeof UNDEF> | undefined;
  private mocks: Map<string, Mock> | undefined;
  private overlay: Overlay | undefined;
  private readonly strict: boolean;
  readonly bctx: BuiltinContext;
  private depth = 0;
  private readonly shared: Map<number, Value | typeof UNDEF> | undefined;
  private withDepth = 0;
  /** The function call whose body is being evaluated (see callFuncBody). */
  private fnCur: FnState | undefined;
  private readonly fnK: K;
  /** The rule whose body is being evaluated (see evalRuleBody), and its continuation. */
  private ruleCur: RuleState | undefined;
  private readonly ruleK: K;
  /** Function results of this query by node (nested maps by argument), made on first use. */
  private fnMemo: Map<number, Map<unknown, unknown>> | undefined;

  constructor(
    private readonly rt: Runtime,
    opts: EvalOptions,
  ) {
    this.input = opts.input;
    this.strict = opts.strict ?? false;
    this.shared = opts.sharedCache;
    this.bctx = new LazyContext(opts.timeNs, opts.print);
    [this.fnK, this.ruleK] = continuations(this);
  }

  /** Emits the head of the function call being evaluated (fnK). */
  emitCurrentFn(): boolean {
    const c = this.fnCur!;
    return this.emitFn(c, c.r!, c.f!, c.value!);
  }

  /** Emits the head of the rule being evaluated (ruleK). */
  emitCurrentRule(): boolean {
    const c = this.ruleCur!;
    return this.emitHead(c, c.r!, c.f!, c.value!);
  }

  // ---- bodies and expressions ------------------------------------------------------------------

  evalBody(body: Expr[], i: number, f: Frame, k: K): boolean {
    // Tests and assignments that need no enumeration run in this loop, without a continuation
    // per expression; the slots they bind are released when the rest of the body returns. Every
    // assignment this loop passes bound its variable (a bound one leaves the loop), so release
    // finds them again from `start` without a list.
    const start = i;
    for (; i < body.length; i++) {
      const e = body[i]!;
      if (e.with.length > 0) break;
      if (e.type === 'term') {
        const v = this.simple(e.term, f);
        if (v === MULTI) break;
        const ok = v !== undefined && v !== false;
        if (ok === e.negated) return release(f, body, start, i, false);
        continue;
      }
      if (e.negated) break;
      if (e.type === 'some') continue;
      if (e.type === 'somein' && e.value.type === 'var' && f[e.value.slot!] === undefined && (!e.key || (e.key.type === 'var' && e.key.slot !== e.value.slot && f[e.key.slot!] === undefined))) {
        // `some [k,] v in coll` over plain variables: a direct loop, no unification machinery
        const coll = this.simple(e.domain, f);
        if (coll === MULTI) break;
        if (coll === undefined) return release(f, body, start, i, false);
        return release(f, body, start, i, this.loopIn(coll, e.key ? e.key.slot! : -1, e.value.slot!, body, i + 1, f, k));
      }
      if ((e.type === 'assign' || e.type === 'unify') && e.lhs.type === 'var' && f[e.lhs.slot!] === undefined) {
        const v = this.simple(e.rhs, f);
        if (v === MULTI) break;
        if (v === undefined) return release(f, body, start, i, false);
        f[e.lhs.slot!] = v;
        continue;
      }
      break;
    }
    let r: boolean;
    if (i === body.length) r = k();
    else if (i === body.length - 1) r = this.evalExpr(body[i]!, f, k);
    else r = this.evalExprThen(body, i, f, k);
    return release(f, body, start, i, r);
  }

  // The closures of the hot paths are made in methods of their own (here, emitHeadEach, emitFnEach,
  // bindThenEval): a function whose parameters a closure captures allocates a context on every
  // call, whether or not that call makes the closure.
  private evalExprThen(body: Expr[], i: number, f: Frame, k: K): boolean {
    const next = i + 1;
    return this.evalExpr(body[i]!, f, () => this.evalBody(body, next, f, k));
  }

  evalExpr(e: Expr, f: Frame, k: K): boolean {
    if (e.with.length > 0) return this.evalWith(e, f, k);
    if (e.negated) {
      const found = this.evalPositive(e, f, () => true);
      return found ? false : k();
    }
    return this.evalPositive(e, f, k);
  }

  private evalPositive(e: Expr, f: Frame, k: K): boolean {
    switch (e.type) {
      case 'term': {
        const t = e.term;
        const v = this.simple(t, f);
        if (v !== MULTI) return v !== undefined && v !== false ? k() : false;
        return this.evalTerm(t, f, (x) => (x !== false ? k() : false));
      }
      case 'unify':
      case 'assign':
        return this.unify(e.lhs, e.rhs, f, k);
      case 'some':
        return k();
      case 'somein':
        return this.evalTerm(e.domain, f, (coll) => this.iterate(coll, (kk, vv) => (e.key ? this.bind(e.key, kk, f, () => this.bind(e.value, vv, f, k)) : this.bind(e.value, vv, f, k))));
      case 'every': {
        let sawDomain = false;
        const r = this.evalTerm(e.domain, f, (coll) => {
          sawDomain = true;
          if (!(Array.isArray(coll) || coll instanceof RSet || coll instanceof RObject)) return false;
          const ok = !this.iterate(coll, (kk, vv) => {
            const found = e.key ? this.bind(e.key, kk, f, () => this.bind(e.value, vv, f, () => this.evalBody(e.body, 0, f, () => true))) : this.bind(e.value, vv, f, () => this.evalBody(e.body, 0, f, () => true));
            return !found;
          });
          return ok ? k() : false;
        });
        void sawDomain;
        return r;
      }
      case 'logic': {
        // existential: one success at most, no bindings leave an operand
        if (e.op === 'or') {
          for (const ob of e.operands) if (this.evalBody(ob, 0, f, () => true)) return k();
          return false;
        }
        for (const ob of e.operands) if (!this.evalBody(ob, 0, f, () => true)) return false;
        return k();
      }
    }
  }

  private loopIn(coll: Value, ks: number, vs: number, body: Expr[], next: number, f: Frame, k: K): boolean {
    let r = false;
    if (Array.isArray(coll)) {
      for (let j = 0; j < coll.length && !r; j++) {
        if (ks >= 0) f[ks] = j;
        f[vs] = coll[j];
        r = this.evalBody(body, next, f, k);
      }
    } else if (coll instanceof RSet) {
      for (const v of coll.values()) {
        if (ks >= 0) f[ks] = v;
        f[vs] = v;
        if ((r = this.evalBody(body, next, f, k))) break;
      }
    } else if (coll instanceof RObject) {
      for (let j = 0; j < coll.size && !r; j++) {
        if (ks >= 0) f[ks] = coll.keyAt(j);
        f[vs] = coll.valueAt(j);
        r = this.evalBody(body, next, f, k);
      }
    }
    f[vs] = undefined;
    if (ks >= 0) f[ks] = undefined;
    return r;
  }

  /** Calls fn for each (key, value) of a collection; stops (returns true) when fn returns true. */
  iterate(coll: Value, fn: (k: Value, v: Value) => boolean): boolean {
    if (Array.isArray(coll)) {
      for (let i = 0; i < coll.length; i++) if (fn(i, coll[i]!)) return true;
    } else if (coll instanceof RSet) {
      for (const v of coll.values()) if (fn(v, v)) return true;
    } else if (coll instanceof RObject) {
      for (let i = 0; i < coll.size; i++) if (fn(coll.keyAt(i), coll.valueAt(i))) return true;
    }
    return false;
  }

  private evalWith(e: Expr, f: Frame, k: K): boolean {
    const vals: (Value | undefined)[] = [];
    for (const w of e.with) {
      if (w.fnTarget) {
        vals.push(null);
        continue;
      }
      let got: Value | undefined;
      this.evalTerm(w.value, f, (v) => {
        got = v;
        return true;
      });
      if (got === undefined) return false;
      vals.push(got);
    }
    const saved = this.saveCtx();
    e.with.forEach((w, i) => this.applyWith(w, vals[i]!));
    this.cache = undefined;
    this.withDepth++;
    const inner = { ...e, with: [] as With[] };
    const mine = this.saveCtx();
    try {
      return this.evalExpr(inner, f, () => {
        this.restoreCtx(saved);
        this.withDepth--;
        try {
          return k();
        } finally {
          this.withDepth++;
          this.restoreCtx(mine);
        }
      });
    } finally {
      this.withDepth--;
      this.restoreCtx(saved);
    }
  }

  private saveCtx(): [Value | undefined, Overlay | undefined, Map<string, Mock> | undefined, Map<number, Value | typeof UNDEF> | undefined] {
    return [this.input, this.overlay, this.mocks, this.cache];
  }

  private restoreCtx(s: [Value | undefined, Overlay | undefined, Map<string, Mock> | undefined, Map<number, Value | typeof UNDEF> | undefined]): void {
    [this.input, this.overlay, this.mocks, this.cache] = s;
  }

  private applyWith(w: With, v: Value): void {
    if (w.kind === 'input') {
      this.input = w.path!.length === 0 ? v : setPath(this.input, w.path!, v);
    } else if (w.kind === 'data') {
      this.overlay = addOverlay(this.overlay, w.path!, v);
    } else if (w.kind === 'func') {
      const m = new Map(this.mocks ?? []);
      m.set(w.fnKey!, w.fnTarget ? { kind: 'target', target: w.fnTarget } : { kind: 'value', value: v });
      this.mocks = m;
    }
  }

  // ---- unification -------------------------------------------------------------------------------

  unify(a: Term, b: Term, f: Frame, k: K): boolean {
    const ua = this.hasUnbound(a, f);
    if (!ua) {
      const av = this.simple(a, f);
      if (av !== MULTI) return av === undefined ? false : this.bind(b, av, f, k);
      return this.evalTerm(a, f, (v) => this.bind(b, v, f, k));
    }
    if (!this.hasUnbound(b, f)) {
      const bv = this.simple(b, f);
      if (bv !== MULTI) return bv === undefined ? false : this.bind(a, bv, f, k);
      return this.evalTerm(b, f, (v) => this.bind(a, v, f, k));
    }
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) return false;
      const step = (i: number): boolean => {
        if (i === a.items.length) return k();
        return this.unify(a.items[i]!, b.items[i]!, f, () => step(i + 1));
      };
      return step(0);
    }
    if (a.type === 'object' && b.type === 'object') {
      if (a.items.length !== b.items.length) return false;
      const bm = new Map<string, Term>();
      for (const [kt, vt] of b.items) {
        const kv = this.simple(kt, f);
        if (kv === MULTI || kv === undefined) return false;
        bm.set(key(kv), vt);
      }
      const step = (i: number): boolean => {
        if (i === a.items.length) return k();
        const [kt, vt] = a.items[i]!;
        const kv = this.simple(kt, f);
        if (kv === MULTI || kv === undefined) return false;
        const other = bm.get(key(kv));
        if (!other) return false;
        return this.unify(vt, other, f, () => step(i + 1));
      };
      return step(0);
    }
    return false;
  }

  private hasUnbound(t: Term, f: Frame): boolean {
    switch (t.type) {
      case 'var':
        return t.slot! >= 0 && f[t.slot!] === undefined;
      case 'array':
        return t.items.some((x) => this.hasUnbound(x, f));
      case 'object':
        return t.items.some(([, v]) => this.hasUnbound(v, f));
      default:
        return false;
    }
  }

  /** Unifies a term (pattern) with a value. */
  bind(p: Term, v: Value, f: Frame, k: K): boolean {
    switch (p.type) {
      case 'var': {
        const s = p.slot!;
        const cur = f[s];
        if (cur !== undefined) return equal(cur, v) ? k() : false;
        // no try/finally: an error abandons the whole query, and its frames with it
        f[s] = v;
        const r = k();
        f[s] = undefined;
        return r;
      }
      case 'scalar':
        return equal(p.value, v) ? k() : false;
      case 'array': {
        if (!Array.isArray(v) || v.length !== p.items.length) return false;
        return this.bindItems(p.items, v, 0, f, k);
      }
      case 'object': {
        if (!(v instanceof RObject) || v.size !== p.items.length) return false;
        const step = (i: number): boolean => {
          if (i === p.items.length) return k();
          const [kt, vt] = p.items[i]!;
          return this.evalTerm(kt, f, (kv) => {
            const c = v.get(kv);
            if (c === undefined) return false;
            return this.bind(vt, c, f, () => step(i + 1));
          });
        };
        return step(0);
      }
      default:
        return this.evalTerm(p, f, (pv) => (equal(pv, v) ? k() : false));
    }
  }

  private bindArgs(pats: Term[], args: Value[], i: number, f: Frame, k: K): boolean {
    if (i === pats.length) return k();
    return this.bind(pats[i]!, args[i]!, f, () => this.bindArgs(pats, args, i + 1, f, k));
  }

  private bindItems(items: Term[], v: Value[], i: number, f: Frame, k: K): boolean {
    if (i === items.length) return k();
    return this.bind(items[i]!, v[i]!, f, () => this.bindItems(items, v, i + 1, f, k));
  }

  // ---- terms ---------------------------------------------------------------------------------------

  /** Evaluates a term without enumeration when possible: a value, undefined, or MULTI (needs evalTerm). */
  simple(t: Term, f: Frame): Simple {
    switch (t.type) {
      case 'scalar':
        return t.value;
      case 'var': {
        const v = f[t.slot!];
        return v === undefined ? MULTI : v;
      }
      case 'ref': {
        let cur: Value | undefined;
        const h = t.head;
        let i = 0;
        if (h.type === 'var') {
          if (h.slot === INPUT_SLOT) cur = this.input;
          else if (h.slot === DATA_SLOT) return this.simpleData(t, f);
          else {
            cur = f[h.slot!];
            if (cur === undefined) return MULTI;
          }
        } else {
          const hv = this.simple(h, f);
          if (hv === MULTI || hv === undefined) return hv;
          cur = hv;
        }
        for (; i < t.path.length; i++) {
          if (cur === undefined) return undefined;
          const p = t.path[i]!;
          // a constant string key into an object (input.request.kind): the common step, inline
          if (p.type === 'scalar' && typeof p.value === 'string' && cur instanceof RObject) {
            cur = cur.getStr(p.value);
            continue;
          }
          const kv = this.simple(p, f);
          if (kv === MULTI) return MULTI;
          if (kv === undefined) return undefined;
          cur = child(cur, kv);
        }
        return cur;
      }
      case 'call':
        return this.simpleCall(t, f);
      case 'array': {
        if (t.constant ?? isConstant(t)) return t.ground!;
        const out: Value[] = new Array(t.items.length);
        for (let i = 0; i < t.items.length; i++) {
          const v = this.simple(t.items[i]!, f);
          if (v === MULTI || v === undefined) return v;
          out[i] = v;
        }
        return out;
      }
      case 'object': {
        if (t.constant ?? isConstant(t)) return t.ground!;
        if (t.strKeys ?? distinctStringKeys(t)) {
          // `{"rule": id, "path": p}`: the entries at their places, no search per key
          const n = t.items.length;
          const kv: Value[] = new Array(2 * n);
          for (let i = 0; i < n; i++) {
            const [kt, vt] = t.items[i]!;
            const vv = this.simple(vt, f);
            if (vv === MULTI || vv === undefined) return vv;
            kv[2 * i] = (kt as { value: Value }).value;
            kv[2 * i + 1] = vv;
          }
          return RObject.ofDistinctStrings(kv);
        }
        const o = new RObject();
        for (const [kt, vt] of t.items) {
          const kv = this.simple(kt, f);
          if (kv === MULTI || kv === undefined) return kv;
          const vv = this.simple(vt, f);
          if (vv === MULTI || vv === undefined) return vv;
          o.set(kv, vv);
        }
        return o;
      }
      case 'set': {
        if (t.constant ?? isConstant(t)) return t.ground!;
        const out = new RSet();
        for (const x of t.items) {
          const v = this.simple(x, f);
          if (v === MULTI || v === undefined) return v;
          out.add(v);
        }
        return out;
      }
      case 'arraycomp':
      case 'setcomp':
      case 'objcomp':
        // a comprehension has exactly one value: no continuation for its caller
        return this.comprehension(t, f);
      default:
        return MULTI;
    }
  }

  private comprehension(t: Term & { type: 'arraycomp' | 'setcomp' | 'objcomp' }, f: Frame): Value {
    if (t.type === 'arraycomp') {
      const out: Value[] = [];
      this.eachHead(t, f, (v) => out.push(v));
      return out;
    }
    if (t.type === 'setcomp') {
      const out = new RSet();
      this.eachHead(t, f, adder(out));
      return out;
    }
    const out = new RObject();
    this.evalBody(t.body, 0, f, () => {
      this.evalTerm(t.key, f, (kv) =>
        this.evalTerm(t.value, f, (vv) => {
          const prev = out.get(kv);
          if (prev !== undefined && !equal(prev, vv)) throw new RegoError('eval_conflict_error', 'object keys must be unique', t.loc);
          out.set(kv, vv);
          return false;
        }),
      );
      return false;
    });
    return out;
  }

  /** Every value of an array or set comprehension's head, over every solution of its body. */
  private eachHead(t: Term & { type: 'arraycomp' | 'setcomp' }, f: Frame, add: (v: Value) => void): void {
    this.evalBody(t.body, 0, f, () => {
      this.evalTerm(t.head, f, (v) => {
        add(v);
        return false;
      });
      return false;
    });
  }

  private simpleData(t: Term & { type: 'ref' }, f: Frame): Simple {
    if (this.overlay) return MULTI;
    // the constant prefix of a data reference always leads to the same node and base value
    // (both fixed at compile time): resolve it once per term
    let pre = this.rt.prefixes.get(t);
    if (pre === undefined) {
      pre = resolvePrefix(this.rt, t.path);
      this.rt.prefixes.set(t, pre);
    }
    let node: Node | undefined = pre.node;
    let base: Value | undefined = pre.base;
    let i = pre.i;
    if (node) for (; i < t.path.length; i++) {
      if (node.rules.length > 0 || node.defaults.length > 0) break;
      const kv0 = this.simple(t.path[i]!, f);
      if (kv0 === MULTI) return MULTI;
      if (kv0 === undefined) return undefined;
      const kv = typeof kv0 === 'number' ? String(kv0) : kv0;
      const c: Node | undefined = typeof kv === 'string' ? node.children.get(kv) : undefined;
      base = base === undefined ? undefined : child(base, kv);
      if (!c) {
        node = undefined;
        i++;
        break;
      }
      node = c;
    }
    let cur: Value | undefined = node ? this.docValue(node, base, undefined) : base;
    for (; i < t.path.length; i++) {
      if (cur === undefined) return undefined;
      const kv = this.simple(t.path[i]!, f);
      if (kv === MULTI) return MULTI;
      if (kv === undefined) return undefined;
      cur = child(cur, kv);
    }
    return cur;
  }

  private simpleCall(t: Term & { type: 'call' }, f: Frame): Simple {
    const target = t.target;
    if (!target || this.mocks) return MULTI;
    if (target.kind === 'special') {
      // membership (`x in xs`) is pure and frequent: no continuation needed
      if (target.name !== 'internal.member_2' || t.args.length !== 2) return MULTI;
      const x = this.simple(t.args[0]!, f);
      if (x === MULTI || x === undefined) return x;
      const coll = this.simple(t.args[1]!, f);
      if (coll === MULTI || coll === undefined) return coll;
      return member2(x, coll);
    }
    const ar = target.arity;
    if (t.args.length !== ar) return MULTI;
    if (ar === 2 && target.kind === 'builtin') {
      const tg = target as { fast?: number };
      const op = (tg.fast ??= FAST_OPS[target.name] ?? 0);
      if (op !== 0) {
        const a = this.simple(t.args[0]!, f);
        if (a === MULTI || a === undefined) return a;
        const b = this.simple(t.args[1]!, f);
        if (b === MULTI || b === undefined) return b;
        const r = fastOp(op, a, b);
        if (r !== undefined) return r;
        return this.callBuiltin(target.name, [a, b], t.loc);
      }
    }
    if (target.kind === 'builtin' && ar <= 3) return this.simpleBuiltin(t, ar, f);
    const args: Value[] = new Array(ar);
    for (let i = 0; i < ar; i++) {
      const v = this.simple(t.args[i]!, f);
      if (v === MULTI) return MULTI;
      if (v === undefined) return undefined;
      args[i] = v;
    }
    if (target.kind === 'builtin') return this.callBuiltin(target.name, args, t.loc);
    return this.callFunc(target.node as Node, args, t.loc);
  }

  /**
   * A built-in of up to three arguments: they are evaluated first (nested calls may use the
   * scratch arrays), then passed in this arity's scratch array, which no built-in keeps or calls
   * back into the evaluator with; cleared afterwards so it holds no value alive.
   */
  private simpleBuiltin(t: Term & { type: 'call' }, ar: number, f: Frame): Simple {
    let a: Value | undefined;
    let b: Value | undefined;
    let c: Value | undefined;
    if (ar > 0) {
      const v = this.simple(t.args[0]!, f);
      if (v === MULTI || v === undefined) return v;
      a = v;
    }
    if (ar > 1) {
      const v = this.simple(t.args[1]!, f);
      if (v === MULTI || v === undefined) return v;
      b = v;
    }
    if (ar > 2) {
      const v = this.simple(t.args[2]!, f);
      if (v === MULTI || v === undefined) return v;
      c = v;
    }
    const args = SCRATCH[ar]!;
    if (ar > 0) args[0] = a!;
    if (ar > 1) args[1] = b!;
    if (ar > 2) args[2] = c!;
    try {
      return this.callBuiltin(t.target!.name, args, t.loc);
    } finally {
      args.fill(null);
    }
  }

  evalTerm(t: Term, f: Frame, k: VK): boolean {
    if (t.type !== 'var') {
      // most terms have one value: no enumeration, no continuation per item
      const v = this.simple(t, f);
      if (v !== MULTI) return v === undefined ? false : k(v);
    }
    return this.evalTermMulti(t, f, k);
  }

  /** A term that may have several values (see evalTerm). */
  private evalTermMulti(t: Term, f: Frame, k: VK): boolean {
    switch (t.type) {
      case 'scalar':
        return k(t.value);
      case 'var': {
        const v = f[t.slot!];
        return v === undefined ? false : k(v);
      }
      case 'ref':
        return this.evalRef(t, f, k);
      case 'array':
        return this.evalList(t.items, f, (vals) => k(vals));
      case 'set':
        return this.evalList(t.items, f, (vals) => k(new RSet(vals)));
      case 'object': {
        const flat: Term[] = [];
        for (const [a, b] of t.items) flat.push(a, b);
        return this.evalList(flat, f, (vals) => {
          const o = new RObject();
          for (let i = 0; i < vals.length; i += 2) o.set(vals[i]!, vals[i + 1]!);
          return k(o);
        });
      }
      case 'call':
        return this.evalCall(t, f, k);
      case 'arraycomp':
      case 'setcomp':
      case 'objcomp':
        return k(this.comprehension(t, f));
      case 'template': {
        let s = '';
        for (const p of t.parts) {
          if (typeof p === 'string') {
            s += p;
            continue;
          }
          let got: Value | undefined;
          this.evalTerm(p, f, (v) => {
            got = v;
            return true;
          });
          s += got === undefined ? '<undefined>' : typeof got === 'string' ? got : formatValue(got);
        }
        return k(s);
      }
    }
  }

  evalList(items: Term[], f: Frame, k: (vals: Value[]) => boolean): boolean {
    return this.evalListFrom(items, 0, new Array<Value>(items.length), f, k);
  }

  // a method rather than a local closure: cheaper per call in the hot path
  private evalListFrom(items: Term[], i: number, acc: Value[], f: Frame, k: (vals: Value[]) => boolean): boolean {
    for (; i < items.length; i++) {
      const t = items[i]!;
      const v = this.simple(t, f);
      if (v === MULTI) return this.evalListEach(items, i, acc, f, k);
      if (v === undefined) return false;
      acc[i] = v;
    }
    return k(acc.slice());
  }

  private evalListEach(items: Term[], at: number, acc: Value[], f: Frame, k: (vals: Value[]) => boolean): boolean {
    return this.evalTerm(items[at]!, f, (x) => {
      acc[at] = x;
      return this.evalListFrom(items, at + 1, acc, f, k);
    });
  }

  // ---- references ----------------------------------------------------------------------------------

  private evalRef(t: Term & { type: 'ref' }, f: Frame, k: VK): boolean {
    const h = t.head;
    if (h.type === 'var') {
      if (h.slot === DATA_SLOT) return this.walkData(this.rt.root, this.rt.base, this.overlay, t.path, 0, f, k);
      if (h.slot === INPUT_SLOT) return this.input === undefined ? false : this.walkValue(this.input, t.path, 0, f, k);
      const v = f[h.slot!];
      return v === undefined ? false : this.walkValue(v, t.path, 0, f, k);
    }
    return this.evalTerm(h, f, (hv) => this.walkValue(hv, t.path, 0, f, k));
  }

  private walkValue(v: Value, path: Term[], i: number, f: Frame, k: VK): boolean {
    if (i === path.length) return k(v);
    const p = path[i]!;
    const pv = this.simple(p, f);
    if (pv !== MULTI) {
      if (pv === undefined) return false;
      const c = child(v, pv);
      return c === undefined ? false : this.walkValue(c, path, i + 1, f, k);
    }
    if (p.type === 'var' || p.type === 'array' || p.type === 'object') {
      return this.iterate(v, (kk, vv) => this.bind(p, kk, f, () => this.walkValue(vv, path, i + 1, f, k)));
    }
    return this.evalTerm(p, f, (kv) => {
      const c = child(v, kv);
      return c === undefined ? false : this.walkValue(c, path, i + 1, f, k);
    });
  }

  private walkData(node: Node | undefined, base: Value | undefined, ov: Overlay | undefined, path: Term[], i: number, f: Frame, k: VK): boolean {
    if (ov?.value !== undefined) return this.walkValue(ov.value, path, i, f, k);
    if (!node) {
      const v = applyOverlay(base, ov);
      return v === undefined ? false : this.walkValue(v, path, i, f, k);
    }
    if (node.rules.length > 0 || node.defaults.length > 0 || node.funcs.length > 0 || i === path.length) {
      const v = this.docValue(node, base, ov);
      return v === undefined ? false : this.walkValue(v, path, i, f, k);
    }
    const p = path[i]!;
    const pv = this.simple(p, f);
    const step = (kv0: Value): boolean => {
      const kv = typeof kv0 === 'number' ? String(kv0) : kv0;
      const c = typeof kv === 'string' ? node.children.get(kv) : undefined;
      const bc = base === undefined ? undefined : child(base, kv);
      const oc = ov && typeof kv === 'string' ? ov.children.get(kv) : undefined;
      if (!c && bc === undefined && !oc) return false;
      return this.walkData(c, bc, oc, path, i + 1, f, k);
    };
    if (pv !== MULTI) return pv === undefined ? false : step(pv);
    if (p.type === 'var' || p.type === 'array' || p.type === 'object') {
      const keys = new Map<string, Value>();
      for (const [name, c] of node.children) if (c.hasRulesBelow) keys.set(key(name), name);
      if (base instanceof RObject) for (const kk of base.keys()) keys.set(key(kk), kk);
      if (ov) for (const name of ov.children.keys()) keys.set(key(name), name);
      for (const kv of keys.values()) if (this.bind(p, kv, f, () => step(kv))) return true;
      return false;
    }
    return this.evalTerm(p, f, step);
  }

  /** The full value of a data node: its rules' value, or an object of children and base data. */
  docValue(node: Node, base: Value | undefined, ov: Overlay | undefined): Value | undefined {
    if (ov?.value !== undefined) return ov.value;
    if (!ov) {
      const c = this.cache?.get(node.id);
      if (c !== undefined) return c === UNDEF ? undefined : c;
      if (this.shared && this.withDepth === 0 && this.rt.inputFree.has(node.id)) {
        const s = this.shared.get(node.id);
        if (s !== undefined) return s === UNDEF ? undefined : s;
      }
    }
    let v: Value | undefined;
    if (node.rules.length > 0 || node.defaults.length > 0) {
      v = this.ruleValue(node);
      if (v instanceof RObject && node.children.size > 0) {
        const o = copyObject(v);
        if (v.struct) o.struct = true;
        for (const [name, c] of node.children) {
          if (!c.hasRulesBelow) continue;
          const cv = this.docValue(c, undefined, ov?.children.get(name));
          if (cv === undefined) continue;
          const prev = o.get(name);
          o.set(name, prev === undefined ? cv : mergeDocs(prev, cv, (c.rules[0] ?? node.rules[0])?.rule.loc));
        }
        v = o;
      }
    } else if (node.funcs.length > 0) {
      v = undefined;
    } else {
      const o = base instanceof RObject ? copyObject(base) : new RObject();
      o.struct = true;
      if (base !== undefined && !(base instanceof RObject)) return applyOverlay(base, ov);
      for (const [name, c] of node.children) {
        if (!c.hasRulesBelow && !(ov?.children.has(name))) continue;
        const cv = this.docValue(c, base instanceof RObject ? base.get(name) : undefined, ov?.children.get(name));
        if (cv !== undefined) o.set(name, cv);
      }
      v = o;
    }
    if (ov) return applyOverlay(v, { children: overlayBeside(ov, node) });
    (this.cache ??= new Map()).set(node.id, v === undefined ? UNDEF : v);
    if (this.shared && this.withDepth === 0 && this.rt.inputFree.has(node.id)) this.shared.set(node.id, v === undefined ? UNDEF : v);
    return v;
  }

  // ---- rules -------------------------------------------------------------------------------------------

  private candidates(node: Node): CRule[] {
    const idx = node.index;
    if (!idx || this.overlay || this.mocks) return node.rules;
    let cur: Value | undefined = this.input;
    for (const p of idx.path) {
      if (cur === undefined) break;
      cur = child(cur, p);
    }
    if (cur === undefined) return idx.others;
    const kk = key(cur);
    const hit = idx.byValue.get(kk);
    if (!hit) return idx.others;
    if (idx.others.length === 0) return hit;
    // the candidates of a value are fixed: joined once per compiled policy set
    let all = (idx.joined ??= new Map()).get(kk);
    if (all === undefined) idx.joined.set(kk, (all = [...hit, ...idx.others]));
    return all;
  }

  private ruleValue(node: Node): Value | undefined {
    if (++this.depth > 2000) throw new RegoError('eval_conflict_error', 'evaluation depth exceeded (recursion?)', node.rules[0]?.rule.loc);
    try {
      const rules = this.candidates(node);
      const first = node.rules[0] ?? node.defaults[0]!;
      if (first.kind === 'set' && first.dyn.length === 0) {
        const out = new RSet();
        out.struct = true;
        const emit = adder(out);
        for (const r of rules) this.evalRuleBody(r, emit);
        if (node.rules.length === 0 && node.defaults.length > 0) return this.defaultValue(node);
        return out;
      }
      if (anyDynamic(rules)) return this.objectValue(rules);
      return this.completeValue(node, rules);
    } finally {
      this.depth--;
    }
  }

  /** The object of rules with dynamic key paths (and of complete object rules beside them). */
  private objectValue(rules: CRule[]): RObject {
    const out = new RObject();
    out.struct = true;
    for (const r of rules) {
      if (r.dyn.length === 0) {
        this.evalRuleBody(r, (v) => {
          if (!(v instanceof RObject)) throw new RegoError('eval_conflict_error', 'object keys must be unique', r.rule.loc);
          for (const [kk, vv] of v) insertPath(out, [kk], vv, false, r.rule.loc);
        });
        continue;
      }
      this.evalRuleBody(r, (v, keys) => insertPath(out, keys, v, r.kind === 'set', r.rule.loc));
    }
    return out;
  }

  /** The value of complete rules: one value at most, else their default. */
  private completeValue(node: Node, rules: CRule[]): Value | undefined {
    let result: Value | undefined;
    let loc: Loc | undefined;
    for (const r of rules) {
      this.evalRuleBody(r, (v) => {
        if (result === undefined) {
          result = v;
          loc = r.rule.loc;
        } else if (!equal(result, v)) throw new RegoError('eval_conflict_error', 'complete rules must not produce multiple outputs', loc ?? r.rule.loc);
      });
    }
    if (result === undefined) return this.defaultValue(node);
    return result;
  }

  private defaultValue(node: Node): Value | undefined {
    const d = node.defaults.find((x) => x.kind !== 'func');
    return d ? this.firstValue(d) : undefined;
  }

  /** The first value of a default rule's value term. */
  private firstValue(d: CRule): Value | undefined {
    let out: Value | undefined;
    this.evalTerm(d.value, new Array(d.nslots), (v) => {
      out = v;
      return true;
    });
    return out;
  }

  /** Evaluates one rule (with its else chain), calling emit for each value (and dynamic key path). */
  private evalRuleBody(r: CRule, emit: (v: Value, keys: Value[]) => void): void {
    const f: Frame = new Array(r.nslots);
    // one continuation per evaluator (ruleK) reads the rule from ruleCur, restored on return as
    // the body may evaluate other rules in turn (as for function calls, see callFuncBody)
    const st: RuleState = { found: false, emit, r, f, value: r.value };
    const saved = this.ruleCur;
    this.ruleCur = st;
    try {
      this.evalBody(r.body, 0, f, this.ruleK);
      if (st.found || r.elses.length === 0) return;
      for (const ec of r.elses) {
        // all solutions of the else body: two different values are a conflict, as in OPA
        st.value = ec.value;
        this.evalBody(ec.body, 0, f, this.ruleK);
        if (st.found) return;
      }
    } finally {
      this.ruleCur = saved;
    }
  }

  private emitHead(st: RuleState, r: CRule, f: Frame, value: Term): boolean {
    if (r.dyn.length === 0) {
      const v = this.simple(value, f);
      if (v !== MULTI) {
        if (v !== undefined) {
          st.found = true;
          st.emit(v, NO_KEYS);
        }
      } else this.emitHeadEach(st, f, value, NO_KEYS);
      return r.constValue && value === r.value && st.found && r.kind !== 'set';
    }
    // keys of one value each (`port_rules[i] := ...` after `some i`): no enumeration of the keys
    const n = r.dyn.length;
    const keys: Value[] = new Array(n);
    let i = 0;
    for (; i < n; i++) {
      const kv = this.simple(r.dyn[i]!, f);
      if (kv === MULTI) break;
      if (kv === undefined) return false;
      keys[i] = kv;
    }
    if (i === n) {
      const v = this.simple(value, f);
      if (v !== MULTI) {
        if (v !== undefined) {
          st.found = true;
          st.emit(v, keys);
        }
        return false;
      }
      this.emitHeadEach(st, f, value, keys);
      return false;
    }
    this.evalList(r.dyn, f, (ks) => this.emitHeadEach(st, f, value, ks));
    return false;
  }

  /** Emits each value of a rule's head term under the keys. */
  private emitHeadEach(st: RuleState, f: Frame, value: Term, keys: Value[]): boolean {
    this.evalTerm(value, f, (x) => {
      st.found = true;
      st.emit(x, keys);
      return false;
    });
    return false;
  }

  callFunc(node: Node, args: Value[], loc: Loc): Value | undefined {
    if (this.withDepth > 0 || this.mocks !== undefined) return this.callFuncBody(node, args, loc);
    let m = this.rt.memos.get(node.id);
    if (m === undefined) {
      const pure = this.rt.queryPure.has(node.id);
      m = { on: pure, shared: pure && this.rt.inputFree.has(node.id) ? new Map() : undefined, sharedSize: 0, lookups: 0, hits: 0 };
      this.rt.memos.set(node.id, m);
    }
    if (!m.on) return this.callFuncBody(node, args, loc);
    if (++m.lookups === MEMO_PROBE && m.hits * 8 < MEMO_PROBE) m.on = false;
    // across queries: scalar arguments only (cheap exact keys), and not under strict errors,
    // which would turn a cached undefined of a failed built-in into an error
    let store: Map<unknown, unknown> | undefined;
    if (m.shared !== undefined && !this.strict && scalarArgs(args)) {
      store = m.shared;
      if (m.sharedSize >= MEMO_SHARED_MAX) store = undefined;
      else m.sharedSize++; // counts lookups, an upper bound of the entries
    }
    if (store === undefined) {
      store = (this.fnMemo ??= new Map()).get(node.id);
      if (store === undefined) this.fnMemo.set(node.id, (store = new Map()));
    }
    const hit = memoGet(store, args);
    if (hit !== undefined) {
      m.hits++;
      return hit === UNDEF ? undefined : (hit as Value);
    }
    const v = this.callFuncBody(node, args, loc);
    memoSet(store, args, v === undefined ? UNDEF : v);
    return v;
  }

  private callFuncBody(node: Node, args: Value[], loc: Loc): Value | undefined {
    if (++this.depth > 2000) throw new RegoError('eval_conflict_error', 'evaluation depth exceeded (recursion?)', loc);
    // the continuation of a function body is one closure per evaluator (fnK) reading the call
    // being evaluated from these fields: saved here and restored when the call returns, since
    // the body's own calls set them in turn
    const saved = this.fnCur;
    try {
      const st: FnState = { result: undefined, rloc: undefined, found: false, r: undefined, f: undefined, value: undefined };
      for (const r of node.funcs) {
        const f: Frame = new Array(r.nslots);
        st.found = false;
        if (r.simpleArgs) {
          for (let i = 0; i < args.length; i++) f[(r.args[i] as { slot: number }).slot] = args[i];
          st.r = r;
          st.f = f;
          st.value = r.value;
          this.fnCur = st;
          this.evalBody(r.body, 0, f, this.fnK);
        } else this.bindThenEval(st, r, args, f, r.body, r.value);
        if (!st.found && r.elses.length > 0) {
          for (const ec of r.elses) {
            if (r.simpleArgs) {
              // the arguments are still in their slots (the bodies release only what they bind)
              st.r = r;
              st.f = f;
              st.value = ec.value;
              this.fnCur = st;
              this.evalBody(ec.body, 0, f, this.fnK);
            } else this.bindThenEval(st, r, args, f, ec.body, ec.value);
            if (st.found) break;
          }
        }
      }
      if (st.result === undefined && node.defaults.length > 0) {
        let d: CRule | undefined;
        for (const x of node.defaults) if (x.kind === 'func') d = d ?? x;
        if (d) return this.firstValue(d);
      }
      return st.result;
    } finally {
      this.fnCur = saved;
      this.depth--;
    }
  }

  /** Binds the arguments to a function rule's argument patterns, then evaluates a body of it. */
  private bindThenEval(st: FnState, r: CRule, args: Value[], f: Frame, body: Expr[], value: Term): void {
    this.bindArgs(r.args, args, 0, f, () => this.evalBody(body, 0, f, () => this.emitFn(st, r, f, value)));
  }

  // methods rather than local closures in the hot path (cheaper to create and call)
  private emitFn(st: FnState, r: CRule, f: Frame, value: Term): boolean {
    const v = this.simple(value, f);
    if (v !== MULTI) {
      if (v !== undefined) this.fnResult(st, r, v);
      return r.constValue && value === r.value && v !== undefined;
    }
    return this.emitFnEach(st, r, f, value);
  }

  private emitFnEach(st: FnState, r: CRule, f: Frame, value: Term): boolean {
    this.evalTerm(value, f, (x) => {
      this.fnResult(st, r, x);
      return false;
    });
    return false;
  }

  private fnResult(st: FnState, r: CRule, v: Value): void {
    st.found = true;
    if (st.result === undefined) {
      st.result = v;
      st.rloc = r.rule.loc;
    } else if (!equal(st.result, v)) throw new RegoError('eval_conflict_error', 'functions must not produce multiple outputs for same inputs', st.rloc ?? r.rule.loc);
  }

  // ---- calls ----------------------------------------------------------------------------------------------

  private evalCall(t: Term & { type: 'call' }, f: Frame, k: VK): boolean {
    const target = t.target;
    if (!target) throw new RegoError('rego_type_error', `undefined function ${t.name}`, t.loc);
    if (target.kind === 'special') {
      const r = this.evalSpecial(t, target, f, k);
      if (r !== undefined) return r;
    }
    let ar = target.arity;
    // a replaced function (`with f as g`) is called through a closure; the rest directly
    const mocked = this.mocks !== undefined ? this.mockedCall(target, t.loc) : undefined;
    if (target.kind === 'special' && target.name === 'time.now_ns') ar = 0;
    const inArgs = t.args.slice(0, ar);
    const out = t.args.length > ar ? t.args[ar] : undefined;
    if (inArgs.some((a) => a.type === 'var' && f[a.slot!] === undefined)) {
      // unbound variables among the arguments are bound by references in the others: those first
      const order = inArgs.map((_, i) => i).sort((a, b) => (inArgs[a]!.type === 'var' ? 1 : 0) - (inArgs[b]!.type === 'var' ? 1 : 0));
      return this.evalList(
        order.map((i) => inArgs[i]!),
        f,
        (vals0) => {
          const vals: Value[] = new Array(vals0.length);
          order.forEach((i, j) => (vals[i] = vals0[j]!));
          const res = mocked ? mocked(vals) : this.callTarget(target, vals, t.loc);
          if (res === undefined) return false;
          if (out) return this.bind(out, res, f, () => k(true));
          return k(res);
        },
      );
    }
    return this.evalList(inArgs, f, (vals) => {
      const res = mocked ? mocked(vals) : this.callTarget(target, vals, t.loc);
      if (res === undefined) return false;
      if (out) return this.bind(out, res, f, () => k(true));
      return k(res);
    });
  }

  /** The call of a function or built-in replaced with `with`, or undefined when it is not. */
  private mockedCall(target: CallTarget, loc: Loc): ((args: Value[]) => Value | undefined) | undefined {
    const mk = mockKey(target);
    const mock = this.mocks?.get(mk);
    if (!mock) return undefined;
    if (mock.kind === 'value') return () => mock.value;
    const mt = mock.target;
    return (args) => {
      // inside the replacement, the replaced function is the original again
      const saved = this.mocks;
      const m = new Map(saved);
      m.delete(mk);
      this.mocks = m.size ? m : undefined;
      try {
        return this.callTarget(mt, args, loc);
      } finally {
        this.mocks = saved;
      }
    };
  }

  private callTarget(target: CallTarget, args: Value[], loc: Loc): Value | undefined {
    if (target.kind === 'builtin') return this.callBuiltin(target.name, args, loc);
    if (target.kind === 'func') return this.callFunc(target.node as Node, args, loc);
    if (target.name === 'time.now_ns') return bigOrNum(this.bctx.timeNs);
    if (target.name === 'trace') return true;
    if (target.name === 'opa.runtime') return new RObject(); // no runtime configuration in-process
    if (target.name === 'http.send' || target.name === 'net.lookup_ip_addr') {
      const msg = `${target.name}: network access is not available in the in-process Rego engine`;
      if (this.strict) throw new RegoError('eval_builtin_error', msg, loc);
      return undefined;
    }
    if (target.name === 'internal.member_2') return member2(args[0]!, args[1]!);
    if (target.name === 'internal.member_3') return member3(args[0]!, args[1]!, args[2]!);
    if (target.value !== undefined) return target.value;
    return undefined;
  }

  /** Evaluator-owned built-ins that are relations or have effects; undefined = use callTarget. */
  private evalSpecial(t: Term & { type: 'call' }, target: CallTarget & { kind: 'special' }, f: Frame, k: VK): boolean | undefined {
    switch (target.name) {
      case 'walk': {
        if (this.mocks?.has('walk')) return undefined;
        const out = t.args[1];
        return this.evalTerm(t.args[0]!, f, (root) => {
          const visit = (path: Value[], v: Value): boolean => {
            const pair: Value = [path, v];
            if (out ? this.bind(out, pair, f, () => k(true)) : k(pair)) return true;
            return this.iterate(v, (kk, vv) => visit([...path, kk], vv));
          };
          return visit([], root);
        });
      }
      case 'print': {
        if (this.mocks?.has('print')) return undefined;
        const parts: string[] = [];
        for (const a of t.args) {
          const vals: Value[] = [];
          this.evalTerm(a, f, (v) => {
            vals.push(v);
            return false;
          });
          parts.push(vals.length === 0 ? '<undefined>' : vals.map((v) => (typeof v === 'string' ? v : formatValue(v))).join(' '));
        }
        this.bctx.print?.(parts.join(' '));
        return k(true);
      }
      default:
        return undefined;
    }
  }

  callBuiltin(name: string, args: Value[], loc: Loc): Value | undefined {
    switch (name) {
      case 'equal':
        return equal(args[0]!, args[1]!);
      case 'neq':
        return !equal(args[0]!, args[1]!);
      case 'lt':
        return compare(args[0]!, args[1]!) < 0;
      case 'lte':
        return compare(args[0]!, args[1]!) <= 0;
      case 'gt':
        return compare(args[0]!, args[1]!) > 0;
      case 'gte':
        return compare(args[0]!, args[1]!) >= 0;
    }
    const def: BuiltinDef | undefined = BUILTINS.get(name);
    if (!def) throw new RegoError('rego_type_error', `undefined function ${name}`, loc);
    try {
      return def.impl(args, this.bctx);
    } catch (e) {
      if (e instanceof RegoError) throw e;
      if (e instanceof BuiltinError) {
        if (this.strict) throw new RegoError(e.code, e.message, loc);
        return undefined;
      }
      if (this.strict) throw new RegoError('eval_builtin_error', `${name}: ${(e as Error).message}`, loc);
      return undefined;
    }
  }
}

/** Built-in context whose clock and cache are made on first use (most queries need neither). */
class LazyContext implements BuiltinContext {
  private t: bigint | undefined;
  private c: Map<string, unknown> | undefined;
  readonly randSeed = 0;
  constructor(
    timeNs: bigint | undefined,
    readonly print: ((line: string) => void) | undefined,
  ) {
    this.t = timeNs;
  }
  get timeNs(): bigint {
    // fixed on first use, so every time.now_ns() of one query agrees
    return (this.t ??= BigInt(Date.now()) * 1000000n);
  }
  get cache(): Map<string, unknown> {
    return (this.c ??= new Map());
  }
}

// ---- helpers -------------------------------------------------------------------------------------------

// numbers.range over small integers is built here too: the general built-in works in bigint
// (exact for any size) and policies iterate port ranges with it on every evaluation
const FAST_OPS: Record<string, number> = { equal: 1, neq: 2, lt: 3, lte: 4, gt: 5, gte: 6, plus: 7, minus: 8, 'numbers.range': 9 };

/** Comparisons, and integer arithmetic that stays exact in doubles; undefined: use the built-in. */
function fastOp(op: number, a: Value, b: Value): Value | undefined {
  switch (op) {
    case 1:
      return a === b || equal(a, b);
    case 2:
      return !(a === b || equal(a, b));
    case 3:
      return typeof a === 'number' && typeof b === 'number' ? a < b : compare(a, b) < 0;
    case 4:
      return typeof a === 'number' && typeof b === 'number' ? a <= b : compare(a, b) <= 0;
    case 5:
      return typeof a === 'number' && typeof b === 'number' ? a > b : compare(a, b) > 0;
    case 6:
      return typeof a === 'number' && typeof b === 'number' ? a >= b : compare(a, b) >= 0;
    case 7:
    case 8: {
      if (typeof a !== 'number' || typeof b !== 'number' || !Number.isSafeInteger(a) || !Number.isSafeInteger(b)) return undefined;
      const r = op === 7 ? a + b : a - b;
      return Number.isSafeInteger(r) ? r : undefined;
    }
    case 9: {
      if (typeof a !== 'number' || typeof b !== 'number' || !Number.isSafeInteger(a) || !Number.isSafeInteger(b) || Math.abs(b - a) > 100000) return undefined;
      const out: Value[] = [];
      if (a <= b) for (let i = a; i <= b; i++) out.push(i);
      else for (let i = a; i >= b; i--) out.push(i);
      return out;
    }
  }
  return undefined;
}

interface FnState {
  result: Value | undefined;
  rloc: Loc | undefined;
  found: boolean;
  /** The function rule, frame and head value being evaluated (read by Evaluator.fnK). */
  r: CRule | undefined;
  f: Frame | undefined;
  value: Term | undefined;
}

interface RuleState {
  found: boolean;
  emit: (v: Value, keys: Value[]) => void;
  /** The rule, frame and head value being evaluated (read by Evaluator.ruleK). */
  r: CRule | undefined;
  f: Frame | undefined;
  value: Term | undefined;
}

/** The shared continuations of an evaluator (made by a function: not named closures, see adder). */
function continuations(ev: Evaluator): [K, K] {
  return [() => ev.emitCurrentFn(), () => ev.emitCurrentRule()];
}

const NO_KEYS: Value[] = [];

/** Argument arrays of built-in calls by arity (see simpleBuiltin). */
const SCRATCH: Value[][] = [[], [null], [null, null], [null, null, null]];

export interface DataPrefix {
  node: Node | undefined;
  base: Value | undefined;
  i: number;
}

/** Follows the constant string prefix of a data path through the rule tree while no rules are met. */
function resolvePrefix(rt: Runtime, path: Term[]): DataPrefix {
  let node: Node | undefined = rt.root;
  let base: Value | undefined = rt.base;
  let i = 0;
  for (; i < path.length && node; i++) {
    if (node.rules.length > 0 || node.defaults.length > 0) break;
    const p = path[i]!;
    if (p.type !== 'scalar' || typeof p.value !== 'string') break;
    base = base === undefined ? undefined : child(base, p.value);
    node = node.children.get(p.value);
  }
  return { node, base, i };
}

/** Objects and sets built from rules (partial sets, ref-head paths, packages), as opposed to values. */
function isStruct(v: Value): boolean {
  return (v instanceof RSet || v instanceof RObject) && v.struct;
}

/** Merges two values for the same document path: sets are united, objects merged key by key. */
function mergeDocs(a: Value, b: Value, loc: Loc | undefined): Value {
  if (equal(a, b)) return a;
  // only documents made of rules merge; a rule's value is never extended by another rule
  if (!isStruct(a) || !isStruct(b)) throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
  if (a instanceof RSet && b instanceof RSet) {
    const s = new RSet(a.values());
    for (const v of b.values()) s.add(v);
    s.struct = true;
    return s;
  }
  if (a instanceof RObject && b instanceof RObject) {
    const o = copyObject(a);
    o.struct = true;
    for (const [k, v] of b) {
      const prev = o.get(k);
      o.set(k, prev === undefined ? v : mergeDocs(prev, v, loc));
    }
    return o;
  }
  throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
}

/** Some rule has a dynamic key path (`p[k] := v`, `p.q[k] contains v`): the document is an object. */
function anyDynamic(rules: CRule[]): boolean {
  for (let i = 0; i < rules.length; i++) if (rules[i]!.dyn.length > 0) return true;
  return false;
}

/** Arguments that are null, booleans, strings or plain numbers (exact, cheap memo keys). */
function scalarArgs(args: Value[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a !== null && typeof a === 'object') return false;
  }
  return true;
}

// A memo is a Map by the first argument, holding a Map by the second, and so on; a JS Map compares
// strings, numbers, booleans and null by value (1 and "1" differ) and objects by identity.
function memoGet(m: Map<unknown, unknown>, args: Value[]): unknown {
  let cur: unknown = m;
  for (let i = 0; i < args.length; i++) {
    cur = (cur as Map<unknown, unknown>).get(args[i]);
    if (cur === undefined) return undefined;
  }
  return args.length === 0 ? m.get(NO_ARGS) : cur;
}

function memoSet(m: Map<unknown, unknown>, args: Value[], v: unknown): void {
  if (args.length === 0) {
    m.set(NO_ARGS, v);
    return;
  }
  let cur = m;
  for (let i = 0; i < args.length - 1; i++) {
    let next = cur.get(args[i]) as Map<unknown, unknown> | undefined;
    if (next === undefined) cur.set(args[i], (next = new Map()));
    cur = next;
  }
  cur.set(args[args.length - 1], v);
}

const NO_ARGS: unique symbol = Symbol('no-args');

/**
 * Whether a collection literal is made of scalars and constant literals only; if so, builds its
 * value once into `ground` (see Term). Decided on first use and remembered in `constant`.
 */
function isConstant(t: Term & { type: 'array' | 'set' | 'object' }): boolean {
  const c = (x: Term): boolean => x.type === 'scalar' || ((x.type === 'array' || x.type === 'set' || x.type === 'object') && (x.constant ?? isConstant(x)));
  const v = (x: Term): Value => (x.type === 'scalar' ? x.value : (x as { ground: Value }).ground);
  let ok: boolean;
  if (t.type === 'object') ok = t.items.every(([a, b]) => c(a) && c(b));
  else ok = t.items.every(c);
  if (ok) {
    if (t.type === 'array') t.ground = t.items.map(v);
    else if (t.type === 'set') t.ground = new RSet(t.items.map(v));
    else {
      const o = new RObject();
      for (const [a, b] of t.items) o.set(v(a), v(b));
      t.ground = o;
    }
  }
  t.constant = ok;
  return ok;
}

/** Whether an object literal's keys are distinct string constants (remembered in `strKeys`). */
function distinctStringKeys(t: Term & { type: 'object' }): boolean {
  const seen = new Set<string>();
  for (const [kt] of t.items) {
    if (kt.type !== 'scalar' || typeof kt.value !== 'string' || seen.has(kt.value)) return (t.strKeys = false);
    seen.add(kt.value);
  }
  return (t.strKeys = true);
}

/** The emit function of a partial set (a function's result, so not named: no keepNames wrapper per call). */
function adder(out: RSet): (v: Value) => void {
  return (v) => out.add(v);
}

/** Unbinds the variables the assignments of body[start, end) bound in evalBody's loop; returns r. */
function release(f: Frame, body: Expr[], start: number, end: number, r: boolean): boolean {
  for (let j = start; j < end; j++) {
    const e = body[j]!;
    if ((e.type === 'assign' || e.type === 'unify') && e.lhs.type === 'var') f[e.lhs.slot!] = undefined;
  }
  return r;
}

function mockKey(t: CallTarget): string {
  return t.kind === 'func' ? 'data.' + t.path.join('.') : t.name;
}

export function child(v: Value, k: Value): Value | undefined {
  if (v instanceof RObject) return typeof k === 'string' ? v.getStr(k) : v.get(k);
  if (Array.isArray(v)) {
    if (typeof k === 'number') return Number.isInteger(k) && k >= 0 ? v[k] : undefined;
    if (k instanceof BigNum) return undefined;
    return undefined;
  }
  if (v instanceof RSet) return v.has(k) ? k : undefined;
  return undefined;
}

function copyObject(o: RObject): RObject {
  const out = new RObject();
  for (let i = 0; i < o.size; i++) out.set(o.keyAt(i), o.valueAt(i));
  return out;
}

function insertPath(out: RObject, keys: Value[], v: Value, asSet: boolean, loc: Loc): void {
  let cur = out;
  for (let i = 0; i < keys.length - 1; i++) {
    const kk = keys[i]!;
    let next = cur.get(kk);
    if (next === undefined) {
      next = new RObject();
      next.struct = true;
      cur.set(kk, next);
    } else if (!(next instanceof RObject)) throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
    else if (!next.struct) {
      // a rule's value (perhaps a constant literal shared by every evaluation): never mutated
      next = copyObject(next);
      cur.set(kk, next);
    }
    cur = next;
  }
  const last = keys[keys.length - 1]!;
  if (asSet) {
    let s = cur.get(last);
    if (s === undefined) {
      s = new RSet();
      s.struct = true;
      cur.set(last, s);
    }
    if (!(s instanceof RSet)) throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
    if (!s.struct) {
      s = new RSet(s.values());
      cur.set(last, s);
    }
    s.add(v);
    return;
  }
  const prev = cur.get(last);
  if (prev !== undefined && !equal(prev, v)) throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
  cur.set(last, v);
}

function setPath(root: Value | undefined, path: string[], v: Value): Value {
  if (path.length === 0) return v;
  const o = root instanceof RObject ? copyObject(root) : new RObject();
  const [h, ...rest] = path;
  o.set(h!, setPath(o.get(h!), rest, v));
  return o;
}

function addOverlay(ov: Overlay | undefined, path: string[], v: Value): Overlay {
  const root: Overlay = cloneOverlay(ov) ?? { children: new Map() };
  let cur = root;
  for (const p of path) {
    if (cur.value !== undefined) {
      cur.value = setPath(cur.value, path.slice(path.indexOf(p)), v);
      return root;
    }
    let c = cur.children.get(p);
    if (!c) cur.children.set(p, (c = { children: new Map() }));
    cur = c;
  }
  cur.value = v;
  cur.children = new Map();
  return root;
}

/** The children of an overlay that are not children of the rule node (a function: see evalExprThen). */
function overlayBeside(ov: Overlay, node: Node): Map<string, Overlay> {
  return new Map([...ov.children].filter(([n]) => !node.children.has(n)));
}

function cloneOverlay(ov: Overlay | undefined): Overlay | undefined {
  if (!ov) return undefined;
  return { value: ov.value, children: new Map([...ov.children].map(([k, c]) => [k, cloneOverlay(c)!])) };
}

function applyOverlay(v: Value | undefined, ov: Overlay | undefined): Value | undefined {
  if (!ov) return v;
  if (ov.value !== undefined) return ov.value;
  if (ov.children.size === 0) return v;
  const o = v instanceof RObject ? copyObject(v) : new RObject();
  if (v !== undefined && !(v instanceof RObject)) return v;
  for (const [name, c] of ov.children) {
    const cv = applyOverlay(o.get(name), c);
    if (cv !== undefined) o.set(name, cv);
  }
  return o;
}

function member2(x: Value, coll: Value): Value {
  if (Array.isArray(coll)) return coll.some((e) => equal(e, x));
  if (coll instanceof RSet) return coll.has(x);
  if (coll instanceof RObject) {
    for (let i = 0; i < coll.size; i++) if (equal(coll.valueAt(i), x)) return true;
    return false;
  }
  return false;
}

function member3(k: Value, x: Value, coll: Value): Value {
  // a set member is its own key
  if (coll instanceof RSet) return coll.has(k) && equal(k, x);
  const c = child(coll, k);
  return c !== undefined && equal(c, x);
}

function bigOrNum(n: bigint): Value {
  const asNum = Number(n);
  return Number.isSafeInteger(asNum) ? asNum : new BigNum(n.toString(), n);
}


/** OPA's print/sprintf %v style: JSON-like, sets in braces. */
export function formatValue(v: Value): string {
  if (v instanceof RSet) return v.size === 0 ? 'set()' : '{' + v.sorted().map(formatValue).join(', ') + '}';
  if (Array.isArray(v)) return '[' + v.map(formatValue).join(', ') + ']';
  if (v instanceof RObject) return '{' + v.sorted().map(([k, x]) => formatValue(k) + ': ' + formatValue(x)).join(', ') + '}';
  if (typeof v === 'string') return JSON.stringify(v);
  return toJSON(v);
}

export { typeName, UNDEF };
