// The decision cache (src/policy/cache.ts): a second check of unchanged inputs takes the policies'
// answers from the decision cache (outside the checkout) and gives the same result; a changed request,
// another configuration or other policies are evaluated anew, never answered from the cache.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoCacheDir } from '../../src/paths.ts';
import { checkRepository, checkRepositoryParallel, compilePolicies, DecisionCache, policiesFor, PolicyWorker, readPolicyModules, type CheckResult } from '../../src/policy/index.ts';
import { addFixture, AS_OF, copyCounty, item, loadCounty, patchInventory, removeCounty } from './county.ts';

// The suite runs with GOVERN_NO_CACHE=1 (vitest.config.ts); these tests are about the cache.
const saved = process.env.GOVERN_NO_CACHE;
const dirs: string[] = [];
beforeAll(() => {
  delete process.env.GOVERN_NO_CACHE;
});
afterAll(() => {
  process.env.GOVERN_NO_CACHE = saved;
  for (const d of dirs) {
    removeCounty(d);
    rmSync(repoCacheDir(d), { recursive: true, force: true });
  }
});

function county(): string {
  const dir = copyCounty();
  dirs.push(dir);
  return dir;
}

async function check(dir: string, files?: string[]): Promise<{ result: CheckResult; stats: { hits: number; misses: number } }> {
  const repo = await loadCounty(dir);
  const { policies, cache } = policiesFor(dir, repo.config, {});
  const result = checkRepository(repo, { today: AS_OF, policies, cache: cache!, ...(files ? { files } : {}) });
  return { result, stats: cache!.stats };
}

async function uncached(dir: string): Promise<CheckResult> {
  const repo = await loadCounty(dir);
  return checkRepository(repo, { today: AS_OF, policies: policiesFor(dir, repo.config, { GOVERN_NO_CACHE: '1' }).policies });
}

describe('the decision cache', () => {
  it('answers an unchanged county from the cache with the same result', async () => {
    const dir = county();
    addFixture(dir, 'missing-purpose');
    const cold = await check(dir);
    expect(cold.stats.hits).toBe(0);
    const requests = cold.result.requests.length;
    // an empty cache is not looked in request by request; every answer is stored
    const stored = JSON.parse(readFileSync(join(repoCacheDir(dir), 'decisions.json'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(stored.entries).length).toBe(requests + 2); // every request, the state, and the rule catalogue
    expect(stored.entries.catalog).toEqual(JSON.parse(JSON.stringify([...compilePolicies(readPolicyModules(), (await loadCounty(dir)).config).catalog])));
    const warm = await check(dir);
    expect(warm.stats).toEqual({ hits: requests + 1, misses: 0 });
    expect(warm.result).toEqual(cold.result);
    expect(warm.result.requests.find((r) => r.id === 'REQ-2026-0903')?.decision).toBe('deny');
  });

  it('stores the answers of a two-thread check under the keys a later check looks for', async () => {
    const dir = county();
    addFixture(dir, 'missing-purpose');
    const repo = await loadCounty(dir);
    const first = policiesFor(dir, repo.config, {});
    const stats = { main: 0, worker: 0 };
    const two = await checkRepositoryParallel(repo, { today: AS_OF, policies: first.policies, cache: first.cache!, threads: 2, minShared: 1, stats });
    expect(stats.worker).toBeGreaterThan(0); // the worker made the keys of its share
    const again = await check(dir);
    expect(again.stats).toEqual({ hits: two.requests.length + 1, misses: 0 });
    expect(again.result).toEqual(two);
  });

  it('splits what a filled cache does not answer between the threads, and stores it for the next check', async () => {
    const dir = county();
    addFixture(dir, 'missing-purpose');
    await check(dir);
    // a device every request's input lists: no request is answered from the cache, which is not empty
    patchInventory(dir, 'devices.yaml', (doc) => {
      item(doc, 'interfaceDevices', 'rt-extranet-core-01').name = '政务外网县级核心路由器（已更换）';
    });
    const repo = await loadCounty(dir);
    const { policies, cache } = policiesFor(dir, repo.config, {});
    expect(cache!.empty).toBe(false);
    const stats = { main: 0, worker: 0 };
    const two = await checkRepositoryParallel(repo, { today: AS_OF, policies, cache: cache!, threads: 2, minShared: 1, stats });
    expect(stats.worker).toBeGreaterThan(0);
    // nothing: the state's key is composed of the request keys, which the device changed
    expect(cache!.stats.hits).toBe(0);
    expect(two).toEqual(await uncached(dir));
    const again = await check(dir);
    expect(again.stats).toEqual({ hits: two.requests.length + 1, misses: 0 });
  });

  it('evaluates the state anew when only the inventory it holds changes (no request input does)', async () => {
    const dir = county();
    const cold = await check(dir);
    expect(cold.result.state.violations.filter((v) => v.rule === 'SS-20-101')).toEqual([]);
    // a person no request names, who has left, with an account no request names: only the state sees them
    patchInventory(dir, 'people.yaml', (doc) => {
      (doc.people as unknown[]).push({ id: 'zhou-test', name: '周测试', unit: 'hrss-bureau', roles: ['operator'], trainingDate: '2026-04-23', leftDate: '2026-11-01' });
    });
    patchInventory(dir, 'accounts.yaml', (doc) => {
      (doc.accounts as unknown[]).push({ id: 'bastion-zhou-test', platform: 'bastion', username: 'zhoutest', owner: 'zhou-test', shared: false, privilege: 'user', remoteLogin: true, mfa: true });
    });
    const again = await check(dir);
    // every request answered from the cache, the state evaluated: the account of a departed person is found
    expect(again.stats).toEqual({ hits: again.result.requests.length, misses: 1 });
    expect(again.result.state.violations.filter((v) => v.rule === 'SS-20-101').map((v) => v.message.en)).toEqual([expect.stringContaining('bastion-zhou-test')]);
    expect(again.result).toEqual(await uncached(dir));
  });

  it('evaluates a changed request anew and gives what an uncached check gives', async () => {
    const dir = county();
    const rel = addFixture(dir, 'missing-purpose');
    await check(dir);
    writeFileSync(join(dir, rel), readFileSync(join(dir, rel), 'utf8').replace('port: 8443', 'port: 3306'));
    const again = await check(dir);
    // the request, the other requests to the same destination (their input lists its openings), the state
    expect(again.stats.misses).toBe(3);
    expect(again.stats.hits).toBe(again.result.requests.length + 1 - 3);
    expect(again.result).toEqual(await uncached(dir));
  });

  it('is emptied by another configuration (data.config) or other policy modules', async () => {
    const dir = county();
    await check(dir);
    patchInventory(dir, 'policy-config.yaml', (doc) => {
      doc.purposeMinLength = 30;
    });
    const reconfigured = await check(dir);
    expect(reconfigured.stats.hits).toBe(0);
    expect(reconfigured.result).toEqual(await uncached(dir));
    expect(reconfigured.result.summary.denied).toBeGreaterThan(0); // 30 characters of purpose: some fall short

    const repo = await loadCounty(dir);
    const modules = readPolicyModules();
    const other = modules.map((m, i) => (i === 0 ? { ...m, text: `${m.text}\n# changed\n` } : m));
    const a = DecisionCache.open(dir, { modules, config: repo.config }, {})!;
    const b = DecisionCache.open(dir, { modules: other, config: repo.config }, {})!;
    const key = DecisionCache.keyOf('q', { x: 1 })!;
    a.put(key, { answer: 1 });
    a.save({ complete: false });
    expect(DecisionCache.open(dir, { modules, config: repo.config }, {})!.get(key)).toEqual({ answer: 1 });
    expect(b.get(key)).toBeUndefined();
    expect(DecisionCache.open(dir, { modules: other, config: repo.config }, {})!.get(key)).toBeUndefined();
  });

  it('is never used for policies that read the clock or other outside state', async () => {
    const dir = county();
    const repo = await loadCounty(dir);
    const modules = [...readPolicyModules(), { name: 'policies/extra.rego', text: 'package extra\n\nnow := time.now_ns()\n' }];
    expect(DecisionCache.open(dir, { modules, config: repo.config }, {})).toBeUndefined();
    expect(DecisionCache.open(dir, { modules: readPolicyModules(), config: repo.config }, { GOVERN_NO_CACHE: '1' })).toBeUndefined();
  });

  it('answers an unchanged request and its state from the cache without compiling the policies', async () => {
    const dir = county();
    const rel = addFixture(dir, 'missing-purpose');
    await check(dir, [rel]);
    const repo = await loadCounty(dir);
    const { policies, cache } = policiesFor(dir, repo.config, {});
    const early = new PolicyWorker({ modules: readPolicyModules() });
    const stop = vi.spyOn(early, 'stop');
    const again = await checkRepositoryParallel(repo, { today: AS_OF, policies, cache: cache!, threads: 2, files: [rel], worker: early });
    expect(cache!.stats).toEqual({ hits: 2, misses: 0 });
    expect(stop).toHaveBeenCalled();
    expect(policies.isCompiled).toBe(false);
    expect(again.requests[0]!.decision).toBe('deny');
  });

  it('keeps the answers a one-request check did not ask for', async () => {
    const dir = county();
    const rel = addFixture(dir, 'missing-purpose');
    const first = await check(dir);
    const one = await check(dir, [rel]);
    expect(one.stats.hits).toBe(1); // the request; the state of one request is another input
    const full = await check(dir);
    expect(full.stats.misses).toBe(0);
    expect(full.result).toEqual(first.result);
  });
});
