// `govern check` on both cores: the requests the decision cache cannot answer are split between
// the main thread and one worker thread (worker.ts), which compiles the same policies while the
// main thread builds the inputs, and answers its share while the main thread answers the rest and,
// in a check of every request, the state rules ahead of the decisions they take (speculateState):
// the state is then off the path that waits for the worker. The answers, decisions and state are
// exactly those of checkRepository (evaluate.ts): only who evaluates differs, and a state answered
// ahead with decisions that did not come out is answered again. Below MIN_SHARED requests, or with
// one core, or if the worker fails, the main thread answers everything itself. In a check of every
// request of a large county the worker starts while the county loads (PolicyWorker.early), and
// loads part of the request files itself when the load cache has none of them. A check
// of a few requests stays on the main thread: handing them to a worker measured 0.1 s slower on
// this 2-core VM, whose host rarely lends it both cores at once.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { CachedDocument } from '../load/cache.ts';
import type { LoadHelper } from '../load/repository.ts';
import type { PolicyConfigT, Repository } from '../model/index.ts';
import { addMarks, mark, type Mark } from '../timing.ts';
import { startWorker } from '../worker.ts';
import {
  askedRequests,
  evaluateRequests,
  lazyPolicies,
  finishCheck,
  pendingRequests,
  planCheck,
  readPolicyModules,
  requestKey,
  speculateState,
  type Answer,
  type CheckOptions,
  type CheckPlan,
  type CompiledPolicies,
  type PendingRequest,
  type PolicyModule,
  type StateAhead,
} from './evaluate.ts';
import { buildIndex, type RequestInput } from './input.ts';
import type { CheckResult } from './types.ts';

/**
 * The worker's share: a little over half, since the main thread also hands the inputs over and
 * saves the load cache while the worker answers.
 */
const WORKER_SHARE = 0.56;
/** The worker's share when the main thread also answers the state meanwhile (about a third of the requests' work). */
const WORKER_SHARE_WITH_STATE = 0.68;

/** Fewer requests than this are not worth a thread's start and compilation (about 0.2 s). */
export const MIN_SHARED = 400;

/**
 * The share of a county's request files an early worker loads when none is in the load cache,
 * while the main thread loads the inventory and the rest and then reads the worker's documents:
 * the last ones, so that the worker, which starts later, has fewer.
 */
export const LOAD_SHARE = 0.45;

export interface PolicyWorkerData {
  readonly modules: readonly PolicyModule[];
  /** Absent when the worker starts before the county is loaded: the first request brings it. */
  readonly config?: PolicyConfigT;
  /** The county's root, for a worker started without the configuration to read it meanwhile. */
  readonly root?: string;
  /** Request files (absolute) to load first, for a main thread that loads the rest (PolicyWorkerLoaded). */
  readonly load?: readonly string[];
}

/** The worker's first message when it was given files to load: loadElsewhere's results. */
export interface PolicyWorkerLoaded {
  readonly loaded: readonly (CachedDocument | null)[];
}

/** Part of the worker's share; it replies (PolicyWorkerReply, for all parts in order) after the last. */
export interface PolicyWorkerRequest {
  /** data.config, for a worker started without it (sent with every first part). */
  readonly config?: PolicyConfigT;
  readonly inputs: readonly RequestInput[];
  /** Also make the decision-cache keys of the inputs. */
  readonly keys: boolean;
  readonly last: boolean;
}

export interface PolicyWorkerReply {
  readonly answers: Answer[];
  /** The worker's timeline (GOVERN_TIMING=1). */
  readonly marks?: readonly Mark[];
  readonly keys?: (string | undefined)[];
}

/** Who answered what in a check on two threads. */
export interface ThreadStats {
  main: number;
  worker: number;
  state?: 'ahead' | 'again';
}

export interface ParallelOptions extends CheckOptions {
  /** Threads to evaluate with (default: 2 when the machine has two cores or more). */
  readonly threads?: number;
  /** The worker's share of the requests to evaluate (default WORKER_SHARE). */
  readonly workerShare?: number;
  /** Requests to evaluate below which no worker is started (default MIN_SHARED). */
  readonly minShared?: number;
  /**
   * Filled with how many requests each thread answered (tests, benchmarks), and whether the state
   * was answered ahead and taken ('ahead') or answered again with the real decisions ('again').
   */
  readonly stats?: ThreadStats;
  /** Answer the state ahead of the decisions in a check of every request (default true; tests compare both ways). */
  readonly speculate?: boolean;
  /** A worker started before the county was loaded (PolicyWorker.early); stopped when not used. */
  readonly worker?: PolicyWorker | undefined;
  /** Called once, after the main thread's share: while the worker answers, if there is one (the command saves the load cache). */
  readonly meanwhile?: () => void;
}

/** Threads to evaluate with: as asked, else GOVERN_THREADS (1 keeps the evaluation on the main thread), else 2 when the machine has two cores. */
function threadsOf(asked: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  const n = env.GOVERN_THREADS === undefined ? NaN : Number(env.GOVERN_THREADS);
  return asked ?? (Number.isInteger(n) && n >= 1 ? n : Math.min(2, availableParallelism()));
}

/**
 * A worker compiling the policies now, to be sent its share of the inputs as they are built. One
 * started before the county is loaded (PolicyWorker.early) parses them meanwhile and compiles them
 * with the configuration the county's inventory holds; the first part of inputs brings the main
 * thread's, and it compiles again if that differs.
 */
export class PolicyWorker {
  private readonly worker: Worker;
  private readonly answers: Promise<PolicyWorkerReply | undefined>;
  private readonly loaded: Promise<PolicyWorkerLoaded['loaded'] | undefined>;
  private sent = false;

  /**
   * For a check of at least MIN_SHARED requests on two threads or more: started once the county's
   * files are listed. With none of them in the load cache (`cold`), it loads the last LOAD_SHARE of
   * the request files first (loadHelper).
   */
  static early(
    listed: { readonly requests: number; readonly paths?: readonly string[]; readonly cold?: boolean },
    env: Readonly<Record<string, string | undefined>> = process.env,
    root?: string,
  ): PolicyWorker | undefined {
    if (threadsOf(undefined, env) < 2 || listed.requests < MIN_SHARED) return undefined;
    const load = root && listed.cold && listed.paths ? listed.paths.slice(Math.floor(listed.paths.length * (1 - LOAD_SHARE))) : undefined;
    const w = new PolicyWorker({ modules: readPolicyModules(), ...(root ? { root } : {}), ...(load ? { load } : {}) });
    // until it is sent work, never what keeps the process running, except while the loader waits for its files
    if (load) void w.loaded.then(() => w.sent || w.worker.unref());
    else w.worker.unref();
    return w;
  }

  constructor(readonly data: PolicyWorkerData) {
    this.worker = startWorker('policy-worker', data);
    let loaded: (m: PolicyWorkerLoaded | undefined) => void = () => undefined;
    this.loaded = new Promise<PolicyWorkerLoaded | undefined>((resolve) => (loaded = resolve)).then((m) => m?.loaded);
    this.answers = new Promise<PolicyWorkerReply>((resolve, reject) => {
      this.worker.on('message', (m: PolicyWorkerLoaded | PolicyWorkerReply) => ('loaded' in m ? loaded(m) : resolve(m)));
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the policy worker stopped (${code})`)));
    }).catch(() => undefined);
    // a worker that fails before it has loaded its files: the main thread loads them
    void this.answers.then(() => loaded(undefined));
  }

  /** The files this worker loads for the loader (LoadOptions.onListed), if it was given any. */
  loadHelper(): LoadHelper | undefined {
    return this.data.load ? { paths: this.data.load, loaded: this.loaded } : undefined;
  }

  /** Sends part of its share (the first with the configuration); it answers each part on receipt and replies after the `last`. */
  send(request: PolicyWorkerRequest, config: PolicyConfigT): void {
    if (!this.sent) this.worker.ref();
    this.worker.postMessage(!this.sent && this.data.config === undefined ? { ...request, config } : request);
    this.sent = true;
  }

  /** Its answers for every input sent, or undefined when it failed (the caller answers them then). */
  reply(): Promise<PolicyWorkerReply | undefined> {
    return this.answers.finally(() => this.stop());
  }

  stop(): void {
    void this.worker.terminate();
  }
}

/**
 * Requests per message to the worker when the inputs are sent as they are built: the worker reads
 * and answers the first ones while the main thread builds the next (a message of 2,000 inputs
 * takes the worker about 0.3 s to read before it can answer any).
 */
const CHUNK = 100;

/** Who answers which requests: the main thread `mine`, the worker `theirs` (already sent when `sent`). */
interface Split {
  readonly plan: CheckPlan;
  readonly mine: PendingRequest[];
  readonly theirs: PendingRequest[];
  readonly sent: boolean;
}

/**
 * With nothing to look up in a decision cache (none, or an empty one), the split is by position,
 * and the worker's share is built first and sent a chunk at a time.
 */
function pipelined(repo: Repository, opts: ParallelOptions, policies: CompiledPolicies, worker: PolicyWorker, share: number): Split {
  const idx = buildIndex(repo);
  const { wanted, requests } = askedRequests(repo, opts.files);
  const cut = Math.floor(requests.length * (1 - share));
  const theirs: PendingRequest[] = [];
  for (let i = cut; i < requests.length; i += CHUNK) {
    const chunk = pendingRequests(idx, requests.slice(i, i + CHUNK), opts.today);
    worker.send({ inputs: chunk.map((p) => p.input), keys: opts.cache !== undefined, last: i + CHUNK >= requests.length }, policies.source.config);
    theirs.push(...chunk);
  }
  mark(`${theirs.length} inputs built and sent to the worker`);
  const mine = pendingRequests(idx, requests.slice(0, cut), opts.today);
  return { plan: { policies, idx, wanted, pending: [...mine, ...theirs] }, mine, theirs, sent: theirs.length > 0 };
}

/** With a decision cache to look in: every input is built and looked up first, and what it does not answer is split. */
function afterLookup(repo: Repository, opts: ParallelOptions, policies: CompiledPolicies, worker: PolicyWorker | undefined, share: number, minShared: number): Split {
  const plan = planCheck(repo, { ...opts, policies });
  const missing = plan.pending.filter((p) => !p.answer);
  mark(`inputs built, ${plan.pending.length - missing.length} answered by the cache`);
  const cut = worker && missing.length >= minShared ? Math.floor(missing.length * (1 - share)) : missing.length;
  return { plan, mine: missing.slice(0, cut), theirs: missing.slice(cut), sent: false };
}

function sameModules(a: readonly PolicyModule[], b: readonly PolicyModule[]): boolean {
  return a.length === b.length && a.every((m, i) => m.name === b[i]!.name && m.text === b[i]!.text);
}

export async function checkRepositoryParallel(repo: Repository, opts: ParallelOptions): Promise<CheckResult> {
  const policies = opts.policies ?? lazyPolicies(readPolicyModules(), repo.config);
  const threads = threadsOf(opts.threads, process.env);
  const minShared = opts.minShared ?? MIN_SHARED;
  const asked = opts.files ? opts.files.length : repo.requests.length;
  const wanted = threads > 1 && asked >= minShared;
  // one started early is taken when it parsed the modules compiled here; else one is started now,
  // before the inputs are built, so that it compiles meanwhile
  let worker = wanted && opts.worker && sameModules(opts.worker.data.modules, policies.source.modules) ? opts.worker : undefined;
  if (opts.worker && opts.worker !== worker) opts.worker.stop();
  if (wanted && !worker) worker = new PolicyWorker(policies.source);
  // a check of every request answers the state on this thread while the worker answers its share
  const speculate = opts.files === undefined && opts.speculate !== false;
  const share = opts.workerShare ?? (speculate ? WORKER_SHARE_WITH_STATE : WORKER_SHARE);
  const lookUp = opts.cache !== undefined && !opts.cache.empty;
  const { plan, mine, theirs, sent } = worker && !lookUp ? pipelined(repo, opts, policies, worker, share) : afterLookup(repo, opts, policies, worker, share, minShared);
  const inputs = theirs.map((p) => p.input);
  // keys not made yet (an empty cache) are made by whoever evaluates
  const keys = opts.cache !== undefined && theirs.some((p) => p.key === undefined);
  let fromWorker: Promise<PolicyWorkerReply | undefined> = Promise.resolve(undefined);
  if (theirs.length > 0) {
    if (!sent) worker!.send({ inputs, keys, last: true }, policies.source.config);
    fromWorker = worker!.reply();
  } else worker?.stop(); // the cache answered enough: no share for it
  evaluateRequests(plan.policies, mine.map((p) => p.input)).forEach((a, i) => (mine[i]!.answer = a));
  mark(`answered ${mine.length} requests`);
  if (opts.meanwhile) {
    opts.meanwhile();
    mark('load cache saved');
  }
  let speculated: StateAhead | undefined;
  if (theirs.length > 0) {
    if (speculate) {
      speculated = { ahead: speculateState(plan, opts) };
      mark('state answered ahead');
    }
    if (opts.cache) {
      for (const p of mine) p.key ??= requestKey(p.input);
      mark('decision-cache keys of this share made');
    }
  }
  // a worker that failed to start or run: its share is answered here (a policy defect then shows)
  const reply = await fromWorker;
  addMarks(reply?.marks);
  mark("the worker's answers received");
  const answers = reply?.answers ?? evaluateRequests(plan.policies, inputs);
  answers.forEach((a, i) => (theirs[i]!.answer = a));
  reply?.keys?.forEach((k, i) => (theirs[i]!.key ??= k));
  if (opts.stats) {
    opts.stats.worker = reply ? reply.answers.length : 0;
    opts.stats.main = mine.length + theirs.length - opts.stats.worker;
  }
  const result = finishCheck(repo, plan, opts, speculated);
  mark(speculated?.taken ? 'decided, the state answered ahead taken, caches saved' : 'decided, state answered, caches saved');
  if (opts.stats && speculated) opts.stats.state = speculated.taken ? 'ahead' : 'again';
  return result;
}
