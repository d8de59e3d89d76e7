// `govern check` on two threads (src/policy/parallel.ts): the worker thread's answers give exactly
// the result of the single-threaded check, whatever its share, and a worker that fails leaves its
// share to the main thread instead of losing it. The state answered ahead of the decisions is
// taken only when the decisions come out as it assumed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Repository } from '../../src/model/index.ts';
import { checkRepository, checkRepositoryParallel, type CheckResult } from '../../src/policy/index.ts';
import { LOAD_SHARE, MIN_SHARED, PolicyWorker, type ThreadStats } from '../../src/policy/parallel.ts';
import { loadRepository } from '../../src/load/index.ts';
import { compilePolicies, lazyPolicies, readPolicyModules } from '../../src/policy/index.ts';
import { addFixture, AS_OF, copyCounty, loadCounty, policiesFor, removeCounty } from './county.ts';

let dir: string;
let repo: Repository;

/** The county's request files as the loader lists them: absolute, in name order. */
function loadRequestPaths(root: string): string[] {
  const units = readdirSync(join(root, 'requests')).sort();
  return units.flatMap((u) => readdirSync(join(root, 'requests', u)).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(root, 'requests', u, f)));
}
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
    expect(PolicyWorker.early({ requests: MIN_SHARED - 1 }, { GOVERN_THREADS: '2' })).toBeUndefined();
    expect(PolicyWorker.early({ requests: MIN_SHARED }, { GOVERN_THREADS: '1' })).toBeUndefined();
    const w = PolicyWorker.early({ requests: MIN_SHARED }, { GOVERN_THREADS: '2' });
    expect(w).toBeInstanceOf(PolicyWorker);
    expect(w!.loadHelper()).toBeUndefined();
    w!.stop();
  });

  it('has an early worker load the last share of the request files only when the load cache has none of them', () => {
    const paths = Array.from({ length: MIN_SHARED }, (_, i) => join(dir, 'requests', 'u', `r${String(i).padStart(4, '0')}.yaml`));
    const warm = PolicyWorker.early({ requests: paths.length, paths, cold: false }, { GOVERN_THREADS: '2' }, dir);
    expect(warm!.loadHelper()).toBeUndefined();
    warm!.stop();
    const cold = PolicyWorker.early({ requests: paths.length, paths, cold: true }, { GOVERN_THREADS: '2' }, dir);
    const helper = cold!.loadHelper()!;
    expect(helper.paths).toEqual(paths.slice(Math.floor(paths.length * (1 - LOAD_SHARE))));
    cold!.stop();
  });

  it('loads the county with a worker loading part of the files exactly as alone, an invalid file among them included', async () => {
    const broken = copyCounty();
    try {
      // the last request file (the worker's share) is invalid: the county is rejected with the same errors
      const last = loadRequestPaths(broken).at(-1)!;
      writeFileSync(last, readFileSync(last, 'utf8').replace(/^kind: .*$/m, '$&\nunknownField: 1'));
      for (const root of [dir, broken]) {
        const alone = await loadRepository(root, { cache: false });
        const paths = loadRequestPaths(root);
        const worker = new PolicyWorker({ modules: readPolicyModules(), root, load: paths.slice(paths.length - 5) });
        let told = 0;
        const shared = await loadRepository(root, {
          cache: false,
          onListed: (listed) => {
            told++;
            expect(listed.cold).toBe(true);
            expect(listed.paths).toEqual(paths);
            return worker.loadHelper();
          },
        });
        // the worker did load them: an entry per valid file, null for the invalid one
        const entries = await worker.loadHelper()!.loaded;
        worker.stop();
        expect(entries?.map((e) => e !== null)).toEqual(root === dir ? [true, true, true, true, true] : [true, true, true, true, false]);
        expect(told).toBe(1);
        expect(shared.diagnostics).toEqual(alone.diagnostics);
        expect(shared.files).toEqual(alone.files);
        expect(shared.repository?.requests.map((r) => [r.file, r.doc])).toEqual(alone.repository?.requests.map((r) => [r.file, r.doc]));
        if (alone.repository) {
          // positions of the worker's files come from their text when asked
          const mine = alone.repository.requests.at(-1)!;
          const theirs = shared.repository!.requests.at(-1)!;
          expect([...theirs.positions.entries()]).toEqual([...mine.positions.entries()]);
        }
      }
      expect((await loadRepository(broken, { cache: false })).repository).toBeUndefined();
    } finally {
      removeCounty(broken);
    }
  });

  it('loads the files itself when the worker that was to load them fails', async () => {
    const alone = await loadRepository(dir, { cache: false });
    const paths = loadRequestPaths(dir);
    const failed = await loadRepository(dir, { cache: false, onListed: () => ({ paths: paths.slice(-3), loaded: Promise.resolve(undefined) }) });
    expect(failed.repository?.requests.map((r) => r.doc)).toEqual(alone.repository?.requests.map((r) => r.doc));
  });

  it('uses no worker with one thread or below the request count where one pays', async () => {
    for (const opts of [{ threads: 1, minShared: 1 }, { threads: 2 }]) {
      const stats = { main: 0, worker: 0 };
      expect(await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), stats, ...opts })).toEqual(single);
      expect(stats).toEqual({ main: single.requests.length, worker: 0 });
    }
  });
});
