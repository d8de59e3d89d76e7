// The load cache (src/load/cache.ts): a second load of unchanged files takes their validated
// documents from the load cache (outside the checkout) and gives the same repository; a changed, moved or
// broken file, another loader version or a damaged cache file is loaded anew, never served stale.
import { existsSync, rmSync } from 'node:fs';
import { readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LoadCache } from '../../src/load/cache.ts';
import { loadRepository, validatePaths } from '../../src/load/index.ts';
import { repoCacheDir } from '../../src/paths.ts';
import { cleanup, copyCounty } from './helpers.ts';

// The suite runs with GOVERN_NO_CACHE=1 (vitest.config.ts); these tests are about the cache.
const saved = process.env.GOVERN_NO_CACHE;
beforeAll(() => {
  delete process.env.GOVERN_NO_CACHE;
});
const used: string[] = [];
afterAll(async () => {
  process.env.GOVERN_NO_CACHE = saved;
  for (const d of used) rmSync(repoCacheDir(d), { recursive: true, force: true });
  await cleanup();
});

const ON = {}; // an environment without GOVERN_NO_CACHE
afterEach(() => {
  vi.useRealTimers();
});
const open = (dir: string): LoadCache => {
  used.push(dir);
  return LoadCache.open(dir, ON)!;
};

async function edit(dir: string, rel: string, from: string, to: string): Promise<void> {
  const text = await readFile(join(dir, rel), 'utf8');
  if (!text.includes(from)) throw new Error(`${rel} does not contain ${from}`);
  await writeFile(join(dir, rel), text.replace(from, to));
}

/** The repository as plain data, positions included (they come from the file text either way). */
function snapshot(r: Awaited<ReturnType<typeof loadRepository>>): unknown {
  const repo = r.repository!;
  return { ...repo, requests: repo.requests.map((q) => ({ file: q.file, doc: q.doc, at: q.positions.get('ports.0.purpose') ?? q.positions.get('') })) };
}

describe('the load cache', () => {
  it('gives the same repository from the cache as from the files, without parsing them again', async () => {
    const dir = await copyCounty();
    const cold = open(dir);
    const first = await loadRepository(dir, { cache: cold });
    expect(first.diagnostics).toEqual([]);
    expect(cold.stats.hits).toBe(0);
    expect(existsSync(join(repoCacheDir(dir), 'load.json'))).toBe(true);
    expect(existsSync(join(dir, '.govern'))).toBe(false); // nothing in the checkout

    const warm = open(dir);
    const second = await loadRepository(dir, { cache: warm });
    expect(warm.stats).toMatchObject({ hits: first.files.length, misses: 0 });
    expect(snapshot(second)).toEqual(snapshot(first));
    expect(JSON.stringify(snapshot(second))).toBe(JSON.stringify(snapshot(first)));
    expect(snapshot(second)).toEqual(snapshot(await loadRepository(dir, { cache: false })));
  });

  it('writes the cache only when asked, with deferSave (a command writes it while a thread works)', async () => {
    const dir = await copyCounty();
    const r = await loadRepository(dir, { cache: open(dir), deferSave: true });
    expect(existsSync(join(repoCacheDir(dir), 'load.json'))).toBe(false);
    r.saveCache!();
    const next = open(dir);
    await loadRepository(dir, { cache: next });
    expect(next.stats).toMatchObject({ hits: r.files.length, misses: 0 });
  });

  it('loads a changed file anew, and reports it when the change broke it', async () => {
    const dir = await copyCounty();
    await loadRepository(dir, { cache: open(dir) });
    const rel = 'requests/county-hospital/req-2026-0101.yaml';
    await edit(dir, rel, 'port: 443', 'port: 444');
    const c1 = open(dir);
    const changed = await loadRepository(dir, { cache: c1 });
    expect(c1.stats.misses).toBe(1);
    const doc = changed.repository!.requests.find((q) => q.file === rel)!.doc as { ports: { port: unknown }[] };
    expect(doc.ports.map((p) => p.port)).toContain(444);

    await edit(dir, rel, 'port: 444', 'port: 70000');
    const broken = await loadRepository(dir, { cache: open(dir) });
    expect(broken.repository).toBeUndefined();
    expect(broken.diagnostics.map((d) => `${d.code} ${d.file}`)).toContain(`E-PORT-RANGE ${rel}`);
    // a broken file is never cached: the next load reports it again
    const again = await loadRepository(dir, { cache: open(dir) });
    expect(again.diagnostics.map((d) => d.file)).toContain(rel);
  });

  it('does not reuse a document in another place (a request moved into inventory/)', async () => {
    const dir = await copyCounty();
    await loadRepository(dir, { cache: open(dir) });
    const cache = JSON.parse(await readFile(join(repoCacheDir(dir), 'load.json'), 'utf8')) as { entries: Record<string, unknown> };
    const rel = 'requests/county-hospital/req-2026-0101.yaml';
    // the same bytes under the name of an inventory file
    cache.entries['inventory/req.yaml'] = cache.entries[rel];
    await writeFile(join(repoCacheDir(dir), 'load.json'), JSON.stringify({ ...cache }));
    await rename(join(dir, rel), join(dir, 'inventory', 'req.yaml'));
    const c = open(dir);
    const r = await loadRepository(dir, { cache: c });
    expect(r.diagnostics.map((d) => `${d.code} ${d.file}`)).toContain('E-FILE-LOCATION inventory/req.yaml');
  });

  it('ignores a cache written by another loader version or damaged, and rewrites it', async () => {
    const dir = await copyCounty();
    await loadRepository(dir, { cache: open(dir) });
    const file = join(repoCacheDir(dir), 'load.json');
    const body = JSON.parse(await readFile(file, 'utf8')) as { fingerprint: string };
    await writeFile(file, JSON.stringify({ ...body, fingerprint: 'an older loader' }));
    const other = open(dir);
    await loadRepository(dir, { cache: other });
    expect(other.stats.hits).toBe(0);

    await writeFile(file, '{"format": 1, "fingerprint": ');
    const damaged = open(dir);
    const r = await loadRepository(dir, { cache: damaged });
    expect(r.diagnostics).toEqual([]);
    expect(damaged.stats.hits).toBe(0);
    const rewritten = open(dir);
    await loadRepository(dir, { cache: rewritten });
    expect(rewritten.stats.misses).toBe(0);
  });

  it('takes files unchanged since long before they were hashed without reading them, and reads any other', async () => {
    const dir = await copyCounty();
    const rel = 'requests/county-hospital/req-2026-0101.yaml';
    const OLD = new Date('2026-01-01T00:00:00Z'); // a time every file system keeps exactly
    await utimes(join(dir, rel), OLD, OLD);
    // hashed an hour after the copy was written: every file has settled
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3_600_000);
    const first = await loadRepository(dir, { cache: open(dir) });
    const unread = open(dir);
    const second = await loadRepository(dir, { cache: unread });
    expect(unread.stats).toEqual({ hits: first.files.length, misses: 0, hashed: 0 });
    expect(snapshot(second)).toEqual(snapshot(first));

    // same size, same inode, old modification time put back: the change time still tells
    const before = await stat(join(dir, rel));
    await edit(dir, rel, 'port: 443', 'port: 444');
    await utimes(join(dir, rel), OLD, OLD);
    const now = await stat(join(dir, rel));
    expect([now.size, now.mtimeMs, now.ino]).toEqual([before.size, before.mtimeMs, before.ino]);
    const after = open(dir);
    const third = await loadRepository(dir, { cache: after });
    expect(after.stats).toMatchObject({ misses: 1, hashed: 1 });
    const doc = third.repository!.requests.find((q) => q.file === rel)!.doc as { ports: { port: unknown }[] };
    expect(doc.ports.map((p) => p.port)).toContain(444);
  });

  it('reads again a file hashed within moments of its last change (it may still be being written)', async () => {
    const dir = await copyCounty();
    await loadRepository(dir, { cache: open(dir) }); // hashed right after the copy was written
    const next = open(dir);
    await loadRepository(dir, { cache: next });
    expect(next.stats.hashed).toBeGreaterThan(0);
    expect(next.stats.misses).toBe(0);
  });

  it('is off with GOVERN_NO_CACHE=1, and a partial validation keeps the entries it did not visit', async () => {
    const dir = await copyCounty();
    expect(LoadCache.open(dir, { GOVERN_NO_CACHE: '1' })).toBeUndefined();
    process.env.GOVERN_NO_CACHE = '1';
    await loadRepository(dir);
    delete process.env.GOVERN_NO_CACHE;
    expect(existsSync(repoCacheDir(dir))).toBe(false);

    await loadRepository(dir, { cache: open(dir) });
    await edit(dir, 'requests/county-hospital/req-2026-0101.yaml', 'port: 443', 'port: 444');
    const partial = open(dir);
    await validatePaths(dir, ['requests/county-hospital'], { cache: partial });
    expect(partial.stats.misses).toBe(1);
    const full = open(dir);
    await loadRepository(dir, { cache: full });
    expect(full.stats.misses).toBe(0);
  });
});
