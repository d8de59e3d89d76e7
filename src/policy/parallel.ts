// `govern check` on both cores: the requests the decision cache cannot answer are split between
// the main thread and one worker thread (worker.ts), which compiles the same policies while the
// main thread builds the inputs, and answers its share while the main thread answers the rest and,
// in a check of every request, the state rules ahead of the decisions they take (speculateState):
// the state is then off the path that waits for the worker. The answers, decisions and state are
// exactly those of checkRepository (evaluate.ts): only who evaluates differs, and a state answered
// ahead with decisions that did not come out is answered again. Below MIN_SHARED requests, or with
// one core, or if the worker fails, the main thread answers everything itself.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { PolicyConfigT, Repository } from '../model/index.ts';
import { startWorker } from '../worker.ts';
import { compilePolicies, evaluateRequests, finishCheck, planCheck, prepareState, readPolicyModules, requestKey, speculateState, type Answer, type CheckOptions, type PolicyModule, type StateAhead } from './evaluate.ts';
import type { RequestInput } from './input.ts';
import type { CheckResult } from './types.ts';

/**
 * The worker's share: a little over half, since the main thread also hands the inputs over, saves
 * the load cache and prepares the state while the worker answers.
 */
const WORKER_SHARE = 0.56;
/** The worker's share when the main thread also answers the state meanwhile (about a third of the requests' work). */
const WORKER_SHARE_WITH_STATE = 0.68;

/** Fewer requests than this are not worth a thread's start and compilation (about 0.2 s). */
export const MIN_SHARED = 400;

export interface PolicyWorkerData {
  readonly modules: readonly PolicyModule[];
  readonly config: PolicyConfigT;
}

export interface PolicyWorkerRequest {
  readonly inputs: readonly RequestInput[];
  /** Also make the decision-cache keys of the inputs. */
  readonly keys: boolean;
}

export interface PolicyWorkerReply {
  readonly answers: Answer[];
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
  /** Called once, after the main thread's share: while the worker answers, if there is one (the command saves the load cache). */
  readonly meanwhile?: () => void;
}

/** GOVERN_THREADS=1 keeps the evaluation on the main thread (an operator's choice; 2 is the most used). */
function threadsFrom(v: string | undefined): number | undefined {
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

/** A worker compiling the policies now, to be sent its share of the inputs when they are built. */
class PolicyWorker {
  private readonly worker: Worker;
  private readonly answers: Promise<PolicyWorkerReply | undefined>;

  constructor(data: PolicyWorkerData) {
    this.worker = startWorker('policy-worker', data);
    this.answers = new Promise<PolicyWorkerReply>((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
      this.worker.once('exit', (code) => reject(new Error(`the policy worker stopped (${code})`)));
    }).catch(() => undefined);
  }

  /** Its answers for `inputs`, or undefined when it failed (the caller answers them then). */
  answer(request: PolicyWorkerRequest): Promise<PolicyWorkerReply | undefined> {
    this.worker.postMessage(request);
    return this.answers.finally(() => this.stop());
  }

  stop(): void {
    void this.worker.terminate();
  }
}

export async function checkRepositoryParallel(repo: Repository, opts: ParallelOptions): Promise<CheckResult> {
  const policies = opts.policies ?? compilePolicies(readPolicyModules(), repo.config);
  const threads = opts.threads ?? threadsFrom(process.env.GOVERN_THREADS) ?? Math.min(2, availableParallelism());
  const minShared = opts.minShared ?? MIN_SHARED;
  const asked = opts.files ? opts.files.length : repo.requests.length;
  // started before the inputs are built, so that it compiles meanwhile
  const worker = threads > 1 && asked >= minShared ? new PolicyWorker(policies.source) : undefined;
  const plan = planCheck(repo, { ...opts, policies });
  const missing = plan.pending.filter((p) => !p.answer);
  // a check of every request answers the state on this thread while the worker answers its share
  const speculate = opts.files === undefined && opts.speculate !== false;
  const share = opts.workerShare ?? (speculate ? WORKER_SHARE_WITH_STATE : WORKER_SHARE);
  const cut = worker && missing.length >= minShared ? Math.floor(missing.length * (1 - share)) : missing.length;
  const theirs = missing.slice(cut);
  const inputs = theirs.map((p) => p.input);
  // keys not made yet (an empty cache) are made by whoever evaluates
  const keys = opts.cache !== undefined && theirs.some((p) => p.key === undefined);
  let fromWorker: Promise<PolicyWorkerReply | undefined> = Promise.resolve(undefined);
  if (theirs.length > 0) fromWorker = worker!.answer({ inputs, keys });
  else worker?.stop(); // the cache answered enough: no share for it
  evaluateRequests(plan.policies, missing.slice(0, cut).map((p) => p.input)).forEach((a, i) => (missing[i]!.answer = a));
  opts.meanwhile?.();
  let speculated: StateAhead | undefined;
  if (theirs.length > 0) {
    if (speculate) speculated = { ahead: speculateState(plan, opts) };
    else prepareState(plan);
    if (opts.cache) for (const p of missing.slice(0, cut)) p.key ??= requestKey(p.input);
  }
  // a worker that failed to start or run: its share is answered here (a policy defect then shows)
  const reply = await fromWorker;
  const answers = reply?.answers ?? evaluateRequests(plan.policies, inputs);
  answers.forEach((a, i) => (theirs[i]!.answer = a));
  reply?.keys?.forEach((k, i) => (theirs[i]!.key ??= k));
  if (opts.stats) {
    opts.stats.worker = reply ? reply.answers.length : 0;
    opts.stats.main = missing.length - opts.stats.worker;
  }
  const result = finishCheck(repo, plan, opts, speculated);
  if (opts.stats && speculated) opts.stats.state = speculated.taken ? 'ahead' : 'again';
  return result;
}
