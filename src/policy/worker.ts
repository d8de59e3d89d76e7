// The policy worker thread (parallel.ts): parses policies/ as soon as it starts and compiles them
// once it has the county's configuration (data.config: with its start, or with the first part of
// its share when it was started before the county was loaded), then answers the request policies
// for the share of inputs it is sent, part by part as the parts arrive, and replies with all the
// answers in order after the last part, with their decision-cache keys when asked. For a check of
// a few requests it also answers the state with the decisions of their answers, and sends the rule
// catalogue with it, so that the main thread need not compile the policies at all. Any failure
// reaches the main thread as the worker's error event, and the main thread then evaluates the
// share itself.
import { parentPort, workerData } from 'node:worker_threads';
import { parseModule } from '../rego/index.ts';
import { mark, marksSoFar, timingOn } from '../timing.ts';
import { compilePolicies, deniedBy, evaluateRequests, evaluateState, requestKey, type Answer, type CompiledPolicies } from './evaluate.ts';
import type { PolicyWorkerData, PolicyWorkerReply, PolicyWorkerRequest } from './parallel.ts';

const { modules, config } = (workerData as { data: PolicyWorkerData }).data;
mark('worker started');
const parsed = modules.map((m) => parseModule(m.name, m.text));
let policies: CompiledPolicies | undefined = config ? compilePolicies(modules, config, parsed) : undefined;
mark(policies ? 'worker compiled the policies' : 'worker parsed the policies');
const answers: Answer[] = [];
const keys: (string | undefined)[] = [];
let received = 0;
parentPort!.on('message', (m: PolicyWorkerRequest) => {
  if (!policies) {
    if (!m.config) throw new Error('the policy worker was sent inputs before the configuration');
    policies = compilePolicies(modules, m.config, parsed);
    mark('worker compiled the policies');
  }
  received += m.inputs.length;
  const these = evaluateRequests(policies, m.inputs);
  answers.push(...these);
  if (m.keys) keys.push(...m.inputs.map(requestKey));
  let state: Answer | undefined;
  if (m.state) {
    // the state of the requests just answered, with the decisions their answers give
    const { input, ids } = m.state;
    ids.forEach((id, i) => {
      const summary = input.requests[id];
      if (summary) input.requests[id] = { ...summary, decision: deniedBy(these[i]!) ? 'deny' : 'allow' };
    });
    state = evaluateState(policies, input);
  }
  if (!m.last) return;
  mark(`worker answered ${received} requests${m.keys ? ' and made their decision-cache keys' : ''}${state ? ', and the state' : ''}`);
  const reply: PolicyWorkerReply = {
    answers,
    ...(m.keys ? { keys } : {}),
    ...(state ? { state, catalog: policies.catalog } : {}),
    ...(timingOn() ? { marks: marksSoFar() } : {}),
  };
  parentPort!.postMessage(reply);
});
