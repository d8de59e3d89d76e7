// Benchmark of the Rego engine (src/rego) on the county's own policies over the synthetic county of
// scripts/bench/check.ts (3,104 requests, 30,000 port rules): the per-request evaluation of
// `govern check`'s request query on inputs already converted to Rego values, the conversion of the
// JS inputs (fromJS) alone, and the state query over every opening. Times are CPU time of this
// process (robust to a busy machine), best of a few rounds. Nothing asserts.
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCounty } from '../../src/load/generate.ts';
import { loadRepository } from '../../src/load/index.ts';
import { compilePolicies, readPolicyModules } from '../../src/policy/index.ts';
import { REQUEST_QUERY, STATE_QUERY } from '../../src/policy/evaluate.ts';
import { buildIndex, requestInput, stateInput } from '../../src/policy/input.ts';
import { createValueCache, fromJS, RSet, type Value } from '../../src/rego/index.ts';

const SIZE = { units: 300, systems: 3000, rules: 30000, seed: 1 };
const AS_OF = '2026-11-25';
const ROUNDS = 3;

/** The county of scripts/bench/check.ts, generated once per machine (same seed, same bytes). */
async function county(): Promise<string> {
  const dir = join(tmpdir(), `govern-bench-county-${SIZE.units}-${SIZE.systems}-${SIZE.rules}-${SIZE.seed}`);
  const done = join(dir, '.generated');
  if (!existsSync(done)) {
    await generateCounty({ ...SIZE, out: dir });
    writeFileSync(done, new Date().toISOString());
    console.log(`generated the county -> ${dir}`);
  }
  return dir;
}

/** CPU milliseconds (user + system) of fn, best of `rounds`. */
function cpu(fn: () => void, rounds = ROUNDS): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

export async function bench(): Promise<void> {
  const dir = await county();
  const loaded = await loadRepository(dir);
  const repo = loaded.repository;
  if (!repo) throw new Error(`the synthetic county is invalid: ${JSON.stringify(loaded.diagnostics.slice(0, 3))}`);
  const idx = buildIndex(repo);
  const inputs = repo.requests.map((q) => requestInput(idx, q, AS_OF));
  const { compiled } = compilePolicies(readPolicyModules(), repo.config);
  const n = inputs.length;
  const us = (ms: number): string => `${((ms * 1000) / n).toFixed(0)} µs/request`;

  // input conversion alone: fresh every time, and with a value cache shared by the run (objects
  // such as the unit, systems, zones and existing openings appear in many requests' inputs)
  let values: Value[] = [];
  const plain = cpu(() => {
    values = inputs.map((i) => fromJS(i));
  });
  let cache = createValueCache();
  const cached = cpu(() => {
    cache = createValueCache();
    values = inputs.map((i) => fromJS(i, cache));
  });
  console.log(`fromJS of ${n} request inputs: ${plain.toFixed(0)} ms (${us(plain)}); with a value cache per run: ${cached.toFixed(0)} ms (${us(cached)})`);

  // the request query on converted inputs (what `govern check` evaluates per request)
  const decisions = new Map<string, 'allow' | 'deny'>();
  const evalMs = cpu(() => {
    for (let i = 0; i < n; i++) {
      const [b] = compiled.query(REQUEST_QUERY, { input: values[i] });
      const deny = b?.get('deny');
      decisions.set(repo.requests[i]!.doc.id, deny instanceof RSet && deny.size > 0 ? 'deny' : 'allow');
    }
  });
  console.log(`request evaluation (inputs already converted): ${evalMs.toFixed(0)} ms = ${us(evalMs)}`);

  // the state query over the whole desired state (every opening)
  // (its openings share their source and destination objects with the requests: with the run's
  // value cache, those are converted already)
  const state = stateInput(idx, decisions, AS_OF);
  let stateValue: Value = null;
  const stateConv = cpu(() => {
    stateValue = fromJS(state);
  });
  const stateCached = cpu(() => void fromJS(state, cache), 1);
  const stateMs = cpu(() => void compiled.query(STATE_QUERY, { input: stateValue }));
  console.log(`state query over ${state.openings.length} openings: ${stateMs.toFixed(0)} ms (its input conversion ${stateConv.toFixed(0)} ms; ${stateCached.toFixed(0)} ms with the run's value cache)`);
}
