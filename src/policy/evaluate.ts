// Evaluates the county's policies over a loaded Repository: compiles policies/ once per run with
// data.config, evaluates each request (all, or the ones asked for) and then the whole state, and
// returns the typed decisions of `govern check` with each finding placed on its YAML line.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { filesUnder, packagePath } from '../paths.ts';
import { compile, createValueCache, fromJS, toJS, type Compiled, type Module, type ValueCache } from '../rego/index.ts';
import type { LoadedRequest, PolicyConfigT, Repository, SourcePos } from '../model/index.ts';
import { APPROVAL_ROLES, mergeApprovals, type ApprovalRole, type RequiredApproval } from '../model/approvals.ts';
import type { Localized } from '../i18n/index.ts';
import { DecisionCache } from './cache.ts';
import { buildCatalog, PolicyDefect, renderTemplate, ruleKey, type Finding, type RuleMeta } from './catalog.ts';
import { buildIndex, requestInput, stateInput, type PolicyIndex, type RequestInput, type StateInput } from './input.ts';
import type { CheckResult, RequestDecision, RuleSeverity, Violation } from './types.ts';

/** policies/ of this checkout (the product's own rules). */
export const DEFAULT_POLICIES_DIR = packagePath('policies');

export interface PolicyModule {
  readonly name: string;
  readonly text: string;
}

/** Reads the .rego modules under `dir`; tests (*_test.rego) only when asked. */
export function readPolicyModules(dir: string = DEFAULT_POLICIES_DIR, opts: { tests?: boolean } = {}): PolicyModule[] {
  return filesUnder(dir)
    .filter((f) => f.endsWith('.rego') && (opts.tests || !f.endsWith('_test.rego')))
    .map((f) => ({ name: ['policies', ...relative(dir, f).split(sep)].join('/'), text: readFileSync(f, 'utf8') }));
}

export interface CompiledPolicies {
  /** The compiled modules (compiled on first use when made by lazyPolicies). */
  readonly compiled: Compiled;
  readonly catalog: ReadonlyMap<string, RuleMeta>;
  /** Compiled on this thread already. */
  readonly isCompiled: boolean;
  /** Takes the catalogue of the same modules kept in the decision cache, so that this thread need not compile for it. */
  adoptCatalog(catalog: ReadonlyMap<string, RuleMeta>): void;
  /** What is compiled (a worker thread compiles the same). */
  readonly source: { readonly modules: readonly PolicyModule[]; readonly config: PolicyConfigT };
  /** Converts inputs once per shared object (the same unit, systems, zones... in many inputs). */
  readonly values: ValueCache;
}

/**
 * The policy modules with the county's configuration as data.config, compiled when this thread
 * first evaluates with them or asks for their catalogue: a check whose answers all come from the
 * decision cache, or from a worker thread with the catalogue from that cache, never compiles here.
 */
export function lazyPolicies(modules: readonly PolicyModule[], config: PolicyConfigT, parsed?: readonly Module[]): CompiledPolicies {
  let compiled: Compiled | undefined;
  let catalog: ReadonlyMap<string, RuleMeta> | undefined;
  const compileNow = (): Compiled => (compiled ??= compile(parsed ? [...parsed] : [...modules], { data: { config } }));
  return {
    get compiled() {
      return compileNow();
    },
    get catalog() {
      return (catalog ??= buildCatalog(compileNow().annotations()));
    },
    get isCompiled() {
      return compiled !== undefined;
    },
    adoptCatalog(c) {
      catalog ??= c;
    },
    source: { modules, config },
    values: createValueCache(),
  };
}

/** Compiles the policy modules now (errors thrown here), with the county's configuration as data.config (`parsed`: the same modules parsed already). */
export function compilePolicies(modules: readonly PolicyModule[], config: PolicyConfigT, parsed?: readonly Module[]): CompiledPolicies {
  const policies = lazyPolicies(modules, config, parsed);
  void policies.catalog;
  return policies;
}

/** policies/ for the county (compiled on first use), with the decision cache of its root (none when caching is off). */
export function policiesFor(root: string, config: PolicyConfigT, env: Readonly<Record<string, string | undefined>>): { policies: CompiledPolicies; cache?: DecisionCache } {
  const modules = readPolicyModules();
  const policies = lazyPolicies(modules, config);
  const cache = DecisionCache.open(root, { modules, config }, env);
  const catalog = cache?.catalog();
  if (catalog) policies.adoptCatalog(catalog);
  return cache ? { policies, cache } : { policies };
}

export interface CheckOptions {
  /** Evaluation day, YYYY-MM-DD (input.today). */
  readonly today: string;
  /** Evaluate only these requests (files relative to the root); all when absent. */
  readonly files?: readonly string[];
  /** Precompiled policies; otherwise policies/ is read and compiled. */
  readonly policies?: CompiledPolicies;
  /** Answers of earlier checks (cache.ts); saved back at the end. */
  readonly cache?: DecisionCache;
}

export const REQUEST_QUERY = 'deny := data.shengsi.request.deny; warn := data.shengsi.request.warn; approvals := data.shengsi.approvals.required';
const REQUEST_VARS = ['deny', 'warn', 'approvals'] as const;
export const STATE_QUERY = 'deny := data.shengsi.state.deny; warn := data.shengsi.state.warn';

/** The policies' answer for one input: the query's variables as plain data. */
export type Answer = Record<string, unknown>;

function asFindings(v: unknown, where: string): Finding[] {
  if (!Array.isArray(v)) throw new PolicyDefect(`${where}: expected a set of findings`);
  return v as Finding[];
}

/** The position of `path` in a request, or of its nearest parent that has one. */
export function positionOf(positions: ReadonlyMap<string, SourcePos>, path: readonly (string | number)[]): SourcePos | undefined {
  for (let n = path.length; n >= 0; n--) {
    const p = positions.get(path.slice(0, n).join('.'));
    if (p) return p;
  }
  return undefined;
}

function violation(
  policies: CompiledPolicies,
  f: Finding,
  severity: RuleSeverity,
  place: { file: string; pos?: SourcePos | undefined },
): Violation {
  const meta = policies.catalog.get(ruleKey(f.rule, severity));
  if (!meta) throw new PolicyDefect(`finding of ${f.rule} (${severity}) has no METADATA in policies/`);
  return {
    rule: meta.id,
    article: meta.articles[0]!,
    severity,
    message: renderTemplate(meta.message, f.params),
    hint: renderTemplate(meta.hint, f.params),
    file: place.file,
    line: place.pos?.line ?? 0,
    ...(place.pos ? { column: place.pos.column } : {}),
  };
}

function sortViolations(vs: Violation[]): Violation[] {
  const rank = (s: RuleSeverity): number => (s === 'deny' ? 0 : 1);
  return vs.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || rank(a.severity) - rank(b.severity) || a.rule.localeCompare(b.rule));
}

function asApprovals(v: unknown, unit: string): RequiredApproval[] {
  if (!Array.isArray(v)) throw new PolicyDefect('data.shengsi.approvals.required: expected a set');
  const out: RequiredApproval[] = [];
  for (const a of v as Record<string, unknown>[]) {
    const role = a.role as ApprovalRole;
    if (!APPROVAL_ROLES.includes(role) || typeof a.count !== 'number') throw new PolicyDefect(`approval with unknown role ${String(a.role)}`);
    const why = a.why as Localized | undefined;
    out.push({
      role,
      count: a.count,
      ...(role === 'unit-security-officer' ? { unit: typeof a.unit === 'string' ? a.unit : unit } : {}),
      ...(why ? { why } : {}),
    });
  }
  return mergeApprovals([out]);
}

/** Evaluates a query over one input, converted through `values` when given. */
function evaluateAnswer(policies: CompiledPolicies, query: string, names: readonly string[], input: unknown, what: string, values?: ValueCache): Answer {
  const [b] = policies.compiled.query(query, values ? { input, valueCache: values } : { input });
  if (!b) throw new PolicyDefect(`the ${what} policies gave no result`);
  const out: Answer = {};
  for (const n of names) out[n] = toJS(b.get(n)!);
  return out;
}

/** The request policies deny the request of this answer. */
function deniedBy(a: Answer): boolean {
  return Array.isArray(a.deny) && a.deny.length > 0;
}

/**
 * The request policies' answers for the inputs, in order (what a worker thread does: parallel.ts).
 * Request inputs are converted through the run's value cache (they share the unit, systems,
 * zones...), except the request's document, which is in its own input only: there the cache's weak
 * map entry per object costs more than it saves (800 requests, 6 alternating rounds in one
 * process: median CPU 676 -> 535 ms).
 */
export function evaluateRequests(policies: CompiledPolicies, inputs: readonly RequestInput[]): Answer[] {
  return inputs.map((input) =>
    evaluateAnswer(policies, REQUEST_QUERY, REQUEST_VARS, { ...input, request: fromJS(input.request) }, `request (${input.request.id})`, policies.values),
  );
}

/**
 * The state's answer, from the decision cache when it has the input, else evaluated (and added to
 * it). Its input is one, made mostly of openings no request input holds: converted without the
 * run's value cache, about 40% faster (no weak map entry per object).
 */
function stateAnswer(policies: CompiledPolicies, input: StateInput, cache: DecisionCache | undefined, keyOf: StateKey): { answer: Answer; cached: boolean } {
  // an empty cache is not looked in: the key is made when the answer is stored (storeState)
  const key = cache && !cache.empty ? keyOf(input) : undefined;
  const cached = key ? cache!.get(key) : undefined;
  if (cached !== undefined) return { answer: cached as Answer, cached: true };
  return { answer: evaluateAnswer(policies, STATE_QUERY, ['deny', 'warn'], input, 'state'), cached: false };
}

/** The decision-cache key of a state input. */
type StateKey = (input: StateInput) => string | undefined;

/** The key of any state input: its JSON (9 MB for 30,000 openings: 0.1–0.2 s). */
const plainStateKey: StateKey = (input) => DecisionCache.keyOf(STATE_QUERY, input);

/**
 * The key of the state input of a check of every request, composed of what that input is made
 * from: the day, the requests' summaries (ids, kinds, units, files, decisions), the decision-cache
 * keys of every request's input (each holds the request's document, from which its openings and
 * revoked accounts come), and the inventory the input holds (accounts, people, internet exits). The
 * openings, their address facts and their cover candidates follow from these by the code of
 * src/policy, which the cache's fingerprint covers. About 20 ms instead of the 9 MB JSON; an
 * inventory change every request input carries (a device) now also evaluates the state again.
 */
function composedStateKey(pending: readonly PendingRequest[]): StateKey {
  return (input) => {
    const keys: string[] = [];
    for (const p of pending) {
      const k = (p.key ??= requestKey(p.input));
      if (k === undefined) return undefined;
      keys.push(k);
    }
    return DecisionCache.keyOf(STATE_QUERY, {
      composed: 1,
      today: input.today,
      requests: input.requests,
      inputs: keys,
      accounts: input.accounts,
      people: input.people,
      exits: input.exits,
    });
  };
}

/** The state key for a check of `plan`: composed when it checks every request, else the input's JSON. */
function stateKeyOf(plan: CheckPlan): StateKey {
  return plan.wanted ? plainStateKey : composedStateKey(plan.pending);
}

/** The decision-cache key of a request's input (made by whichever thread evaluates it: parallel.ts). */
export function requestKey(input: RequestInput): string | undefined {
  return DecisionCache.keyOf(REQUEST_QUERY, input);
}

/** A request's input, with its decision-cache key and its answer when the cache has it. */
export interface PendingRequest {
  readonly loaded: LoadedRequest;
  readonly input: RequestInput;
  /** Made when there is a cache to look in; otherwise when the answer is stored (finishCheck). */
  key?: string | undefined;
  /** The answer came from the decision cache. */
  readonly cached?: boolean;
  answer?: Answer;
}

/** The requests of a check with their inputs, answered from the cache where it can. */
export function pendingRequests(idx: PolicyIndex, requests: readonly LoadedRequest[], today: string, cache?: DecisionCache): PendingRequest[] {
  const lookUp = cache !== undefined && !cache.empty;
  return requests.map((loaded) => {
    const input = requestInput(idx, loaded, today);
    const key = lookUp ? requestKey(input) : undefined;
    const hit = key ? cache!.get(key) : undefined;
    return hit !== undefined ? { loaded, input, key, cached: true, answer: hit as Answer } : { loaded, input, key };
  });
}

/** A request's decision from the policies' answer: violations placed on its lines, approvals merged. */
export function decideRequest(policies: CompiledPolicies, loaded: LoadedRequest, a: Answer): RequestDecision {
  const place = (f: Finding) => ({ file: loaded.file, pos: positionOf(loaded.positions, f.path) });
  const deny = asFindings(a.deny, 'data.shengsi.request.deny').map((f) => violation(policies, f, 'deny', place(f)));
  const warn = asFindings(a.warn, 'data.shengsi.request.warn').map((f) => violation(policies, f, 'warn', place(f)));
  return {
    id: loaded.doc.id,
    file: loaded.file,
    kind: loaded.doc.kind,
    unit: loaded.doc.unit,
    decision: deny.length > 0 ? 'deny' : 'allow',
    violations: sortViolations([...deny, ...warn]),
    approvals: asApprovals(a.approvals, loaded.doc.unit),
  };
}

/** Where a state finding about an inventory object (["accounts", id], ["internetExits", id]) is written. */
export type InventoryLocator = (path: readonly (string | number)[]) => { file: string; pos?: SourcePos } | undefined;

const INVENTORY_KINDS: Record<string, string> = { accounts: 'AccountCatalog', internetExits: 'DeviceCatalog' };

/**
 * The first inventory file (in name order) whose text declares `kind: <kind>`, read without
 * parsing: for placing findings, and for a worker that wants the configuration before the county
 * is loaded. Undefined when there is none or the folder cannot be read.
 */
export function inventoryFileOf(root: string, kind: string): { file: string; text: string } | undefined {
  try {
    for (const f of readdirSync(join(root, 'inventory')).sort()) {
      if (!/\.ya?ml$/.test(f)) continue;
      const text = readFileSync(join(root, 'inventory', f), 'utf8');
      if (new RegExp(`^kind:\\s*${kind}\\s*$`, 'm').test(text)) return { file: `inventory/${f}`, text };
    }
  } catch {
    // no inventory to read
  }
  return undefined;
}

/** Finds the inventory file of the object's kind and the line of `id: <id>` in it. */
export function inventoryLocator(root: string): InventoryLocator {
  const cache = new Map<string, { file: string; lines: string[] } | null>();
  const fileOf = (kind: string): { file: string; lines: string[] } | null => {
    if (!cache.has(kind)) {
      const found = inventoryFileOf(root, kind);
      cache.set(kind, found ? { file: found.file, lines: found.text.split('\n') } : null);
    }
    return cache.get(kind)!;
  };
  return (path) => {
    const kind = INVENTORY_KINDS[String(path[0])];
    const f = kind ? fileOf(kind) : null;
    if (!f) return undefined;
    const id = String(path[1] ?? '');
    const re = new RegExp(`^\\s*(-\\s+)?id:\\s*['"]?${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]?\\s*(#.*)?$`);
    const i = f.lines.findIndex((l) => re.test(l));
    return i < 0 ? { file: f.file } : { file: f.file, pos: { line: i + 1, column: f.lines[i]!.indexOf('id:') + 1 } };
  };
}

/** The state policies' answer for the decisions of the requests a run evaluated (the rest are unchecked). */
export interface StateAnswer {
  readonly decisions: ReadonlyMap<string, 'allow' | 'deny'>;
  readonly answer: Answer;
  /** Its input, when it was evaluated rather than taken from the cache (finishCheck stores it). */
  readonly input?: StateInput;
}

/** Evaluates the state rules over the whole county, given each evaluated request's decision. */
export function answerState(
  policies: CompiledPolicies,
  idx: PolicyIndex,
  decisions: ReadonlyMap<string, 'allow' | 'deny'>,
  today: string,
  focus: ReadonlySet<string> | undefined,
  cache: DecisionCache | undefined,
  keyOf: StateKey,
): StateAnswer {
  const input = stateInput(idx, decisions, today, focus);
  const { answer, cached } = stateAnswer(policies, input, cache, keyOf);
  return { decisions, answer, ...(cached ? {} : { input }) };
}

/** The state findings of an answer, each placed on the line of the request or inventory object it is about. */
export function stateViolations(policies: CompiledPolicies, idx: PolicyIndex, a: Answer, locate: InventoryLocator): Violation[] {
  const byId = new Map(idx.repo.requests.map((r) => [r.doc.id, r]));
  const place = (f: Finding): { file: string; pos?: SourcePos | undefined } => {
    const r = typeof f.request === 'string' ? byId.get(f.request) : undefined;
    if (r && f.path[0] !== 'internetExits') return { file: r.file, pos: positionOf(r.positions, f.path) };
    return locate(f.path) ?? { file: r?.file ?? 'inventory/' };
  };
  const deny = asFindings(a.deny, 'data.shengsi.state.deny').map((f) => violation(policies, f, 'deny', place(f)));
  const warn = asFindings(a.warn, 'data.shengsi.state.warn').map((f) => violation(policies, f, 'warn', place(f)));
  return sortViolations([...deny, ...warn]);
}

/** Stores an evaluated state answer under its key. */
function storeState(cache: DecisionCache, state: StateAnswer, keyOf: StateKey): void {
  const key = state.input ? keyOf(state.input) : undefined;
  if (key) cache.put(key, state.answer);
}

/**
 * The state's answer ahead of the requests' answers, for a check of every request (parallel.ts):
 * with the decisions the decision cache gave and "allow" for the requests not answered yet, what
 * nearly every check of a merged county finds. finishCheck takes it only when the decisions come
 * out exactly so; otherwise it evaluates the state again with the real ones.
 */
export function speculateState(plan: CheckPlan, opts: CheckOptions): StateAnswer {
  const decisions = new Map<string, 'allow' | 'deny'>();
  for (const p of plan.pending) decisions.set(p.loaded.doc.id, p.answer && deniedBy(p.answer) ? 'deny' : 'allow');
  return answerState(plan.policies, plan.idx, decisions, opts.today, undefined, opts.cache, stateKeyOf(plan));
}

function sameDecisions(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** What a check works on: the policies, the index of the county, the requests asked for. */
export interface CheckPlan {
  readonly policies: CompiledPolicies;
  readonly idx: PolicyIndex;
  readonly wanted?: ReadonlySet<string> | undefined;
  readonly pending: PendingRequest[];
}

/** The requests a check asks for: those in `files` (relative to the root), or all when absent. */
export function askedRequests(repo: Repository, files: readonly string[] | undefined): { wanted?: ReadonlySet<string>; requests: LoadedRequest[] } {
  if (!files) return { requests: [...repo.requests] };
  const wanted = new Set(files);
  return { wanted, requests: repo.requests.filter((r) => wanted.has(r.file)) };
}

export function planCheck(repo: Repository, opts: CheckOptions): CheckPlan {
  const policies = opts.policies ?? compilePolicies(readPolicyModules(), repo.config);
  const idx = buildIndex(repo);
  const { wanted, requests } = askedRequests(repo, opts.files);
  return { policies, idx, wanted, pending: pendingRequests(idx, requests, opts.today, opts.cache) };
}

/** The whole `govern check`: every request (or the ones in `files`) and the state. */
export function checkRepository(repo: Repository, opts: CheckOptions): CheckResult {
  const plan = planCheck(repo, opts);
  const missing = plan.pending.filter((p) => !p.answer);
  evaluateRequests(plan.policies, missing.map((p) => p.input)).forEach((a, i) => (missing[i]!.answer = a));
  return finishCheck(repo, plan, opts);
}

/** A state answered ahead (speculateState, for a check of every request), and whether finishCheck took it. */
export interface StateAhead {
  readonly ahead: StateAnswer;
  taken?: boolean;
}

/**
 * Decisions from the answers (added to the cache), then the state rules (the answer made ahead
 * when it was made with these very decisions); saves the cache.
 */
export function finishCheck(repo: Repository, plan: CheckPlan, opts: CheckOptions, speculated?: StateAhead): CheckResult {
  const { policies, idx, wanted } = plan;
  const requests: RequestDecision[] = [];
  const decisions = new Map<string, 'allow' | 'deny'>();
  for (const p of plan.pending) {
    if (!p.answer) throw new PolicyDefect(`no answer for ${p.loaded.file}`);
    if (opts.cache && !p.cached) {
      p.key ??= requestKey(p.input);
      if (p.key) opts.cache.put(p.key, p.answer);
    }
    const d = decideRequest(policies, p.loaded, p.answer);
    requests.push(d);
    decisions.set(d.id, d.decision);
  }
  const focus = wanted ? new Set(requests.map((r) => r.id)) : undefined;
  if (speculated) speculated.taken = !focus && sameDecisions(speculated.ahead.decisions, decisions);
  const keyOf = stateKeyOf(plan);
  const answered = speculated?.taken ? speculated.ahead : answerState(policies, idx, decisions, opts.today, focus, opts.cache, keyOf);
  // stored now that every request's key is made (a worker makes those of its share)
  if (opts.cache) storeState(opts.cache, answered, keyOf);
  const state = stateViolations(policies, idx, answered.answer, inventoryLocator(repo.root));
  if (opts.cache && !opts.cache.catalog()) opts.cache.storeCatalog(policies.catalog);
  opts.cache?.save({ complete: !wanted });
  const all = [...requests.flatMap((r) => r.violations), ...state];
  return {
    requests,
    state: { violations: state },
    summary: {
      requests: requests.length,
      allowed: requests.filter((r) => r.decision === 'allow').length,
      denied: requests.filter((r) => r.decision === 'deny').length,
      warnings: all.filter((v) => v.severity === 'warn').length,
    },
  };
}
