// The policy worker thread (parallel.ts): compiles policies/ as the main thread did and answers the
// request policies for its share of the inputs, in order. Any failure reaches the main thread as the
// worker's error event, and the main thread then evaluates the share itself.
import { parentPort, workerData } from 'node:worker_threads';
import { compilePolicies, evaluateRequests } from './evaluate.ts';
import type { PolicyWorkerData } from './parallel.ts';

const { modules, config, inputs } = (workerData as { data: PolicyWorkerData }).data;
parentPort!.postMessage(evaluateRequests(compilePolicies(modules, config), inputs));
