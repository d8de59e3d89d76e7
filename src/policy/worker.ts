// The policy worker thread (parallel.ts): parses policies/ as soon as it starts and compiles them
// once it has the county's configuration (data.config: with its start, or read from the county's
// inventory when it was started before the county was loaded, and checked against the one the
// first part of its share brings), then answers the request policies
// for the share of inputs it is sent, part by part as the parts arrive, and replies with all the
// answers in order after the last part, with their decision-cache keys when asked. Any failure
// reaches the main thread as the worker's error event, and the main thread then evaluates the
// share itself.
import { parentPort, workerData } from 'node:worker_threads';
import type { PolicyConfigT } from '../model/index.ts';
import { parseModule } from '../rego/index.ts';
import { metadataYaml } from '../rego/parser.ts';
import { mark, marksSoFar, timingOn } from '../timing.ts';
import { workDone } from '../worker.ts';
import { compilePolicies, evaluateRequests, inventoryFileOf, requestKey, type Answer, type CompiledPolicies } from './evaluate.ts';
import { loadElsewhere } from '../load/repository.ts';
import type { PolicyWorkerData, PolicyWorkerLoaded, PolicyWorkerReply, PolicyWorkerRequest } from './parallel.ts';

const { modules, config, root, load } = (workerData as { data: PolicyWorkerData }).data;
mark('worker started');
// the request files it loads for the main thread come first: the main thread waits for them
if (root && load) {
  const reply: PolicyWorkerLoaded = { loaded: loadElsewhere(root, load) };
  mark(`worker loaded ${load.length} request files`);
  parentPort!.postMessage(reply);
}
const parsed = modules.map((m) => parseModule(m.name, m.text));
mark('worker parsed the policies');
// compiled with the configuration given, else with the one the county's inventory holds (read here
// while the main thread loads the county; compiled again if the main thread's differs)
let compiledWith: PolicyConfigT | undefined = config ?? (root ? inventoryConfig(root) : undefined);
let policies: CompiledPolicies | undefined = compiledWith ? compilePolicies(modules, compiledWith, parsed) : undefined;
if (policies) mark('worker compiled the policies');
const answers: Answer[] = [];
const keys: (string | undefined)[] = [];
let received = 0;
parentPort!.on('message', (m: PolicyWorkerRequest) => {
  if (m.config && !(compiledWith && canonical(compiledWith) === canonical(m.config))) {
    compiledWith = m.config;
    policies = compilePolicies(modules, m.config, policies ? undefined : parsed);
    mark('worker compiled the policies');
  }
  if (!policies) throw new Error('the policy worker was sent inputs before the configuration');
  received += m.inputs.length;
  answers.push(...evaluateRequests(policies, m.inputs));
  if (m.keys) keys.push(...m.inputs.map(requestKey));
  if (!m.last) return;
  mark(`worker answered ${received} requests${m.keys ? ' and made their decision-cache keys' : ''}`);
  const reply: PolicyWorkerReply = { answers, ...(m.keys ? { keys } : {}), ...(timingOn() ? { marks: marksSoFar() } : {}) };
  workDone();
  parentPort!.postMessage(reply);
});

/**
 * The PolicyConfig document of the county's inventory as its YAML reads (no defaults to apply: the
 * main thread's validated one is compared with it before any answer counts), or undefined: the
 * main thread's configuration comes with the first inputs then.
 */
function inventoryConfig(root: string): PolicyConfigT | undefined {
  const found = inventoryFileOf(root, 'PolicyConfig');
  if (!found) return undefined;
  try {
    const doc = metadataYaml(found.text);
    return doc !== null && typeof doc === 'object' ? (doc as PolicyConfigT) : undefined;
  } catch {
    return undefined;
  }
}

/** JSON with the keys of every object sorted: equal for equal data whatever the keys' order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}
