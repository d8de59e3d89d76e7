// `govern check` on both cores: the requests the decision cache cannot answer are split between
// the main thread and one worker thread (worker.ts), which compiles the same policies and answers
// its share while the main thread answers the rest. The answers, decisions and state are then
// exactly those of checkRepository (evaluate.ts): only who evaluates differs. Below MIN_SHARED
// requests, or with one core, or if the worker fails, the main thread answers everything itself.
import { availableParallelism } from 'node:os';
import type { PolicyConfigT, Repository } from '../model/index.ts';
import { startWorker } from '../worker.ts';
import { evaluateRequests, finishCheck, planCheck, type Answer, type CheckOptions, type PolicyModule } from './evaluate.ts';
import type { CheckResult } from './types.ts';

/** Fewer requests than this are not worth a thread's start and compilation (about 0.2 s). */
export const MIN_SHARED = 400;

export interface PolicyWorkerData {
  readonly modules: readonly PolicyModule[];
  readonly config: PolicyConfigT;
  readonly inputs: readonly unknown[];
}

export interface ParallelOptions extends CheckOptions {
  /** Threads to evaluate with (default: 2 when the machine has two cores or more). */
  readonly threads?: number;
  /** The worker's share of the requests to evaluate (default 0.45: it compiles before it starts). */
  readonly workerShare?: number;
  /** Requests to evaluate below which no worker is started (default MIN_SHARED). */
  readonly minShared?: number;
  /** Filled with how many requests each thread answered (tests, benchmarks). */
  readonly stats?: { main: number; worker: number };
}

function answersOf(data: PolicyWorkerData): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const w = startWorker('policy-worker', data);
    w.once('message', (m: Answer[]) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => reject(new Error(`the policy worker stopped (${code})`)));
  });
}

export async function checkRepositoryParallel(repo: Repository, opts: ParallelOptions): Promise<CheckResult> {
  const plan = planCheck(repo, opts);
  const missing = plan.pending.filter((p) => !p.answer);
  const threads = opts.threads ?? Math.min(2, availableParallelism());
  const cut = threads > 1 && missing.length >= (opts.minShared ?? MIN_SHARED) ? Math.floor(missing.length * (1 - (opts.workerShare ?? 0.45))) : missing.length;
  const theirs = missing.slice(cut);
  const inputs = theirs.map((p) => p.input);
  const worker = theirs.length > 0 ? answersOf({ ...plan.policies.source, inputs }).catch(() => undefined) : Promise.resolve([]);
  evaluateRequests(plan.policies, missing.slice(0, cut).map((p) => p.input)).forEach((a, i) => (missing[i]!.answer = a));
  // a worker that failed to start or run: its share is answered here (a policy defect then shows)
  const fromWorker = await worker;
  const answers = fromWorker ?? evaluateRequests(plan.policies, inputs);
  answers.forEach((a, i) => (theirs[i]!.answer = a));
  if (opts.stats) {
    opts.stats.worker = fromWorker ? fromWorker.length : 0;
    opts.stats.main = missing.length - opts.stats.worker;
  }
  return finishCheck(repo, plan, opts);
}
