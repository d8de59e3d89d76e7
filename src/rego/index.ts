// The public face of the Rego engine: compile modules once, then query or evaluate rules many
// times with different inputs. Nothing else in src/rego is meant to be imported from outside.
//
// Speed across many queries of one compiled policy set: rules and effect-free functions that do
// not depend on the query are cached across queries (functions by scalar arguments), other
// effect-free function calls within one query. JS inputs are converted to values on each query;
// a caller that builds many inputs from the same unchanging JS objects passes one
// `valueCache: createValueCache()` in QueryOptions (or to fromJS) for the whole run, so that each
// shared object is converted once. It is opt-in because a cached object mutated afterwards would
// keep its old value: use one cache per run over data that is not changed during the run.
import type { Annotation, Expr, Loc, Module, Rule } from './ast.ts';
import { Compiler, DATA_SLOT, INPUT_SLOT, type CompiledQuery, type Node } from './compile.ts';
import { RegoError } from './errors.ts';
import { Evaluator, type Runtime } from './eval.ts';
import { parseModule, parseQuery } from './parser.ts';
import { fromJS, RObject, type Value, type ValueCache } from './value.ts';
import { analyseInputFree, analyseQueryPure } from './purity.ts';

export { RegoError } from './errors.ts';
export type { RegoErrorCode, RegoErrorDetail } from './errors.ts';
export type { Annotation, Loc, Module } from './ast.ts';
export { parseModule, parseQuery } from './parser.ts';
export * from './value.ts';

export interface CompileOptions {
  /** Base data document (`data`), a Value or plain JSON-like JS data. */
  data?: Value | Record<string, unknown>;
  /** Raise built-in errors instead of making the call undefined (OPA's strict-builtin-errors). */
  strictBuiltinErrors?: boolean;
  /** Where print() output goes; discarded when absent. */
  print?: (line: string) => void;
}

export interface QueryOptions {
  input?: Value | unknown;
  /**
   * Converts a JS input through this cache (createValueCache()): JS objects shared by many inputs
   * are converted once. Only while the caller leaves those objects unchanged between queries.
   */
  valueCache?: ValueCache;
  /** Evaluation time (time.now_ns), fixed for the query; default the current time. */
  timeNs?: bigint;
  strict?: boolean;
  print?: (line: string) => void;
}

export type Bindings = Map<string, Value>;

export interface RuleAnnotations {
  /** data path of the rule, e.g. ["data", "policies", "ports", "deny"] */
  path: string[];
  location: Loc;
  annotations: Annotation[];
}

export interface Compiled {
  readonly modules: readonly Module[];
  /** Evaluates a query; returns one binding map per solution (empty array: undefined). */
  query(query: string | Expr[], opts?: QueryOptions): Bindings[];
  /** Value of a rule or document, e.g. 'data.pkg.deny', or undefined. */
  evalRule(path: string, input?: Value | unknown, opts?: Omit<QueryOptions, 'input'>): Value | undefined;
  /** METADATA annotations of every rule. */
  annotations(): RuleAnnotations[];
}

function toValue(x: unknown, cache?: ValueCache): Value {
  return fromJS(x, cache);
}

/** Compiles modules ({name, text}); throws RegoError (with every error found in .errors). */
export function compile(modules: { name: string; text: string }[] | Module[], opts: CompileOptions = {}): Compiled {
  const parsed: Module[] = [];
  const errs: RegoError[] = [];
  for (const m of modules) {
    if ('pkg' in m) {
      parsed.push(m);
      continue;
    }
    try {
      parsed.push(parseModule(m.name, m.text));
    } catch (e) {
      if (e instanceof RegoError) errs.push(e);
      else throw e;
    }
  }
  if (errs.length) throw RegoError.collect(errs.flatMap((e) => e.errors));
  return compileParsed(parsed, opts);
}

function compileParsed(parsed: Module[], opts: CompileOptions): Compiled {
  const c = new Compiler(parsed);
  c.compile();
  if (c.errors.length) throw RegoError.collect(c.errors);
  const base = opts.data === undefined ? new RObject() : toValue(opts.data);
  const rt: Runtime = { root: c.root, base, inputFree: analyseInputFree(c.root), queryPure: analyseQueryPure(c.root), prefixes: new Map(), memos: new Map() };
  const sharedCache = new Map();
  const queryCache = new Map<string, CompiledQuery>();
  const pathCache = new Map<string, string[]>();
  const strictDefault = opts.strictBuiltinErrors ?? false;

  const compileQ = (q: string | Expr[]): CompiledQuery => {
    if (typeof q === 'string') {
      const hit = queryCache.get(q);
      if (hit) return hit;
      const cq = c.compileQuery(parseQuery(q));
      queryCache.set(q, cq);
      return cq;
    }
    return c.compileQuery(q);
  };

  const evaluator = (o: QueryOptions): Evaluator =>
    new Evaluator(rt, {
      input: o.input === undefined ? undefined : toValue(o.input, o.valueCache),
      strict: o.strict ?? strictDefault,
      timeNs: o.timeNs,
      print: o.print ?? opts.print,
      sharedCache,
    });

  return {
    modules: parsed,
    query(query, qo = {}) {
      return guardStack(() => runQuery(query, qo));
    },
    evalRule(path, input, o = {}) {
      return guardStack(() => runRule(path, input, o));
    },
    annotations() {
      const out: RuleAnnotations[] = [];
      for (const m of parsed) {
        for (const r of m.rules) {
          out.push({ path: ['data', ...m.pkg, ...rulePath(r)], location: r.loc, annotations: r.annotations });
        }
      }
      return out;
    },
  };

  function runQuery(query: string | Expr[], qo: QueryOptions): Bindings[] {
    const cq = compileQ(query);
    const ev = evaluator(qo);
    const out: Bindings[] = [];
    const f = new Array<Value | undefined>(cq.nslots);
    ev.evalBody(cq.body, 0, f, () => {
      const b: Bindings = new Map();
      for (const o of cq.outputs) {
        const v = f[o.slot];
        if (v !== undefined) b.set(o.name, v);
      }
      out.push(b);
      return false;
    });
    return out;
  }

  function runRule(path: string, input: unknown, o: Omit<QueryOptions, 'input'>): Value | undefined {
    let parts = pathCache.get(path);
    if (!parts) pathCache.set(path, (parts = path.split('.')));
    if (parts[0] !== 'data') throw new RegoError('rego_compile_error', `evalRule expects a data path, got ${path}`);
    const ev = evaluator(o.timeNs === undefined && o.strict === undefined && o.print === undefined && o.valueCache === undefined ? { input } : { ...o, input });
    let node: Node | undefined = rt.root;
    let baseV: Value | undefined = base;
    let k = 1;
    for (; k < parts.length && node; k++) {
      if (node.rules.length > 0 || node.defaults.length > 0) break;
      baseV = baseV instanceof RObject ? baseV.get(parts[k]!) : undefined;
      node = node.children.get(parts[k]!);
    }
    let v: Value | undefined = node ? ev.docValue(node, baseV, undefined) : baseV;
    for (; k < parts.length && v !== undefined; k++) v = v instanceof RObject ? v.get(parts[k]!) : undefined;
    return v;
  }
}

/** A stack exhausted by very deep data or recursion becomes a RegoError (never a silent pass). */
function guardStack<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RangeError && /call stack/.test(e.message)) throw new RegoError('eval_cancel_error', 'evaluation too deep: the call stack was exhausted (very deep data or recursion)');
    throw e;
  }
}

function rulePath(r: Rule): string[] {
  const out: string[] = [];
  for (const t of r.ref) {
    if (t.type === 'var') out.push(t.name);
    else if (t.type === 'scalar' && typeof t.value === 'string') out.push(t.value);
    else break;
  }
  return out;
}

export { DATA_SLOT, INPUT_SLOT };
export { runTests, type TestResult, type TestReport } from './tester.ts';
