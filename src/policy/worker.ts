// The policy worker thread (parallel.ts): compiles policies/ as the main thread did while the main
// thread builds the inputs, then answers the request policies for the share of inputs it is sent,
// part by part as the parts arrive, and replies with all the answers in order after the last part,
// with their decision-cache keys when asked. Any failure reaches the main thread as the
// worker's error event, and the main thread then evaluates the share itself.
import { parentPort, workerData } from 'node:worker_threads';
import { compilePolicies, evaluateRequests, requestKey, type Answer } from './evaluate.ts';
import { mark, marksSoFar, timingOn } from '../timing.ts';
import type { PolicyWorkerData, PolicyWorkerReply, PolicyWorkerRequest } from './parallel.ts';

const { modules, config } = (workerData as { data: PolicyWorkerData }).data;
mark('worker started');
const policies = compilePolicies(modules, config);
mark('worker compiled the policies');
const answers: Answer[] = [];
const keys: (string | undefined)[] = [];
let received = 0;
parentPort!.on('message', (m: PolicyWorkerRequest) => {
  received += m.inputs.length;
  answers.push(...evaluateRequests(policies, m.inputs));
  if (m.keys) keys.push(...m.inputs.map(requestKey));
  if (!m.last) return;
  mark(`worker answered ${received} requests${m.keys ? ' and made their decision-cache keys' : ''}`);
  const reply: PolicyWorkerReply = { answers, ...(m.keys ? { keys } : {}), ...(timingOn() ? { marks: marksSoFar() } : {}) };
  parentPort!.postMessage(reply);
});
