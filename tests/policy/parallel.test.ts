// `govern check` on two threads (src/policy/parallel.ts): the worker thread's answers give exactly
// the result of the single-threaded check, whatever its share, and a worker that fails leaves its
// share to the main thread instead of losing it. The state answered ahead of the decisions is
// taken only when the decisions come out as it assumed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Repository } from '../../src/model/index.ts';
import { checkRepository, checkRepositoryParallel, type CheckResult } from '../../src/policy/index.ts';
import { MIN_SHARED, PolicyWorker, type ThreadStats } from '../../src/policy/parallel.ts';
import { compilePolicies, lazyPolicies, readPolicyModules } from '../../src/policy/index.ts';
import { addFixture, AS_OF, copyCounty, loadCounty, policiesFor, removeCounty } from './county.ts';

let dir: string;
let repo: Repository;
let single: CheckResult;

beforeAll(async () => {
  dir = copyCounty();
  for (const f of ['missing-purpose', 'mysql-to-internet', 'clean-port']) addFixture(dir, f);
  repo = await loadCounty(dir);
  single = checkRepository(repo, { today: AS_OF, policies: policiesFor(repo) });
  expect(single.summary.denied).toBeGreaterThan(0);
  // a denied request's openings have no approved request behind them: a state finding the
  // state answered ahead (every request allowed) does not have
  expect(single.state.violations.some((v) => v.rule === 'SS-14-101')).toBe(true);
});
afterAll(() => removeCounty(dir));

describe('the check on two threads', () => {
  it('gives the single-threaded result when the worker answers half, or all, of the requests', async () => {
    for (const workerShare of [0.5, 1]) {
      for (const speculate of [true, false]) {
        const stats: ThreadStats = { main: 0, worker: 0 };
        const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), threads: 2, minShared: 1, workerShare, speculate, stats });
        expect(stats.worker).toBe(single.requests.length - Math.floor(single.requests.length * (1 - workerShare)));
        expect(stats.main + stats.worker).toBe(single.requests.length);
        expect(two).toEqual(single);
        if (!speculate) expect(stats.state).toBeUndefined();
      }
    }
  });

  it('answers the state again when a request the state assumed allowed comes out denied', async () => {
    const stats: ThreadStats = { main: 0, worker: 0 };
    // the worker answers every request: the state answered ahead assumed all of them allowed
    const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), threads: 2, minShared: 1, workerShare: 1, stats });
    expect(stats.state).toBe('again');
    expect(two).toEqual(single);
  });

  it('takes the state answered ahead when every request comes out allowed', async () => {
    const clean = copyCounty();
    try {
      const county = await loadCounty(clean);
      const alone = checkRepository(county, { today: AS_OF, policies: policiesFor(county) });
      expect(alone.summary.denied).toBe(0);
      const stats: ThreadStats = { main: 0, worker: 0 };
      const two = await checkRepositoryParallel(county, { today: AS_OF, policies: policiesFor(county), threads: 2, minShared: 1, workerShare: 0.5, stats });
      expect(stats.state).toBe('ahead');
      expect(two).toEqual(alone);
      // a check of some requests gives the state only their findings: never answered ahead
      const some: ThreadStats = { main: 0, worker: 0 };
      const files = county.requests.map((r) => r.file);
      await checkRepositoryParallel(county, { today: AS_OF, policies: policiesFor(county), threads: 2, minShared: 1, workerShare: 0.5, stats: some, files });
      expect(some.worker).toBeGreaterThan(0);
      expect(some.state).toBeUndefined();
    } finally {
      removeCounty(clean);
    }
  });

  it('answers the worker’s share on the main thread when the worker fails', async () => {
    const good = policiesFor(repo);
    // the worker compiles `source`: a module it cannot parse makes it fail
    const broken = { ...good, source: { ...good.source, modules: [...good.source.modules, { name: 'policies/broken.rego', text: 'package broken\n\nx := {' }] } };
    const stats = { main: 0, worker: 0 };
    const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: broken, threads: 2, minShared: 1, workerShare: 1, stats });
    expect(stats).toEqual({ main: single.requests.length, worker: 0, state: 'again' });
    expect(two).toEqual(single);
  });

  it('takes a worker started before the county was loaded, which compiles with the configuration sent to it', async () => {
    const early = new PolicyWorker({ modules: readPolicyModules() });
    const stats: ThreadStats = { main: 0, worker: 0 };
    const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), threads: 2, minShared: 1, workerShare: 0.5, worker: early, stats });
    expect(stats.worker).toBeGreaterThan(0);
    expect(two).toEqual(single);
  });

  it('does not take an early worker that read other policy modules than those compiled here', async () => {
    const other = readPolicyModules().map((m, i) => (i === 0 ? { ...m, text: `${m.text}\n# edited meanwhile\n` } : m));
    const early = new PolicyWorker({ modules: other });
    const stop = vi.spyOn(early, 'stop');
    const stats: ThreadStats = { main: 0, worker: 0 };
    const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), threads: 2, minShared: 1, workerShare: 0.5, worker: early, stats });
    expect(stop).toHaveBeenCalled();
    expect(stats.worker).toBeGreaterThan(0); // answered by a worker started with the compiled modules
    expect(two).toEqual(single);
  });

  it('takes the configuration from the main thread when the one an early worker read from the inventory differs', async () => {
    // the worker reads the inventory's configuration; this check runs with a stricter one
    const strict = { ...repo.config, purposeMinLength: 200 };
    const alone = checkRepository(repo, { today: AS_OF, policies: compilePolicies(readPolicyModules(), strict) });
    expect(alone).not.toEqual(single);
    for (const config of [strict, repo.config]) {
      const early = new PolicyWorker({ modules: readPolicyModules(), root: dir });
      const stats: ThreadStats = { main: 0, worker: 0 };
      const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: lazyPolicies(readPolicyModules(), config), threads: 2, minShared: 1, workerShare: 1, worker: early, stats });
      expect(stats.worker).toBe(single.requests.length);
      expect(two).toEqual(config === strict ? alone : single);
    }
  });

  it('starts an early worker only for a check that will use one', () => {
    expect(PolicyWorker.early(MIN_SHARED - 1, { GOVERN_THREADS: '2' })).toBeUndefined();
    expect(PolicyWorker.early(MIN_SHARED, { GOVERN_THREADS: '1' })).toBeUndefined();
    const w = PolicyWorker.early(MIN_SHARED, { GOVERN_THREADS: '2' });
    expect(w).toBeInstanceOf(PolicyWorker);
    w!.stop();
  });

  it('uses no worker with one thread or below the request count where one pays', async () => {
    for (const opts of [{ threads: 1, minShared: 1 }, { threads: 2 }]) {
      const stats = { main: 0, worker: 0 };
      expect(await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), stats, ...opts })).toEqual(single);
      expect(stats).toEqual({ main: single.requests.length, worker: 0 });
    }
  });
});
