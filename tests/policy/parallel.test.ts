// `govern check` on two threads (src/policy/parallel.ts): the worker thread's answers give exactly
// the result of the single-threaded check, whatever its share, and a worker that fails leaves its
// share to the main thread instead of losing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Repository } from '../../src/model/index.ts';
import { checkRepository, checkRepositoryParallel, type CheckResult } from '../../src/policy/index.ts';
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
});
afterAll(() => removeCounty(dir));

describe('the check on two threads', () => {
  it('gives the single-threaded result when the worker answers half, or all, of the requests', async () => {
    for (const workerShare of [0.5, 1]) {
      const stats = { main: 0, worker: 0 };
      const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), threads: 2, minShared: 1, workerShare, stats });
      expect(stats.worker).toBe(single.requests.length - Math.floor(single.requests.length * (1 - workerShare)));
      expect(stats.main + stats.worker).toBe(single.requests.length);
      expect(two).toEqual(single);
    }
  });

  it('answers the worker’s share on the main thread when the worker fails', async () => {
    const good = policiesFor(repo);
    // the worker compiles `source`: a module it cannot parse makes it fail
    const broken = { ...good, source: { ...good.source, modules: [...good.source.modules, { name: 'policies/broken.rego', text: 'package broken\n\nx := {' }] } };
    const stats = { main: 0, worker: 0 };
    const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: broken, threads: 2, minShared: 1, workerShare: 1, stats });
    expect(stats).toEqual({ main: single.requests.length, worker: 0 });
    expect(two).toEqual(single);
  });

  it('uses no worker with one thread or below the request count where one pays', async () => {
    for (const opts of [{ threads: 1, minShared: 1 }, { threads: 2 }]) {
      const stats = { main: 0, worker: 0 };
      expect(await checkRepositoryParallel(repo, { today: AS_OF, policies: policiesFor(repo), stats, ...opts })).toEqual(single);
      expect(stats).toEqual({ main: single.requests.length, worker: 0 });
    }
  });
});
