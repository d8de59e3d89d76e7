// The policy worker thread (parallel.ts): compiles policies/ as the main thread did while the main
// thread builds the inputs, then answers the request policies for the share of inputs it is sent,
// in order, with their decision-cache keys when asked. Any failure reaches the main thread as the
// worker's error event, and the main thread then evaluates the share itself.
import { parentPort, workerData } from 'node:worker_threads';
import { compilePolicies, evaluateRequests, requestKey } from './evaluate.ts';
import type { PolicyWorkerData, PolicyWorkerReply, PolicyWorkerRequest } from './parallel.ts';

const { modules, config } = (workerData as { data: PolicyWorkerData }).data;
const policies = compilePolicies(modules, config);
parentPort!.once('message', (m: PolicyWorkerRequest) => {
  const reply: PolicyWorkerReply = { answers: evaluateRequests(policies, m.inputs), ...(m.keys ? { keys: m.inputs.map(requestKey) } : {}) };
  parentPort!.postMessage(reply);
});
