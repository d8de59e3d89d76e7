// `govern check` of a county large enough for its worker thread (MIN_SHARED requests or more), run as
// a user runs it (bin/govern.mjs, the bundle, a process of its own): the worker loads part of the
// files when the load cache has none, and whatever the threads and the caches, the output and the
// exit code are those of the check on one thread; an invalid file the worker loads is reported
// exactly as the main thread reports it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCounty } from '../../src/load/index.ts';
import { MIN_SHARED } from '../../src/policy/parallel.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let caches: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'govern-large-'));
  caches = mkdtempSync(join(tmpdir(), 'govern-large-caches-'));
  const s = await generateCounty({ units: 30, systems: 120, rules: 4_400, seed: 3, out: dir });
  expect(Object.values(s.requests).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(MIN_SHARED);
}, 60_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(caches, { recursive: true, force: true });
});

function check(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'govern.mjs'), 'check', '--repo', dir, '--format', 'json', '--as-of', '2026-11-25'], {
    encoding: 'utf8',
    env: { ...process.env, GOVERN_NO_CACHE: '0', GOVERN_CACHE_DIR: caches, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The last request file the loader lists: among those the worker loads. */
function lastRequestFile(): string {
  const units = readdirSync(join(dir, 'requests')).sort();
  const unit = units.at(-1)!;
  return join(dir, 'requests', unit, readdirSync(join(dir, 'requests', unit)).sort().at(-1)!);
}

describe('govern check of a large county', () => {
  it('gives the one-thread result with the worker loading part of the files, and with caches cold and warm', () => {
    const one = check({ GOVERN_THREADS: '1', GOVERN_NO_CACHE: '1' });
    expect(one.status).toBe(0);
    expect((JSON.parse(one.stdout) as { requests: unknown[] }).requests.length).toBeGreaterThanOrEqual(MIN_SHARED);
    const split = check({ GOVERN_NO_CACHE: '1', GOVERN_TIMING: '1' });
    expect(split.stderr).toMatch(/worker loaded \d+ request files/);
    expect(split.stderr).toMatch(/took \d+ files from the worker, loaded 0 again here/);
    expect(split.status).toBe(0);
    expect(split.stdout).toBe(one.stdout);
    const cold = check({ GOVERN_TIMING: '1' });
    expect(cold.stderr).toMatch(/worker loaded \d+ request files/);
    expect(cold.stdout).toBe(one.stdout);
    // the load cache now holds the files the worker loaded too: nothing to load on the worker; and
    // the decision cache answers every request, those the worker answered from the documents it
    // loaded itself included (their keys are those of the main thread's inputs)
    const warm = check({ GOVERN_TIMING: '1' });
    expect(warm.stderr).not.toMatch(/worker loaded/);
    const requests = (JSON.parse(one.stdout) as { requests: unknown[] }).requests.length;
    expect(warm.stderr).toContain(`inputs built, ${requests} answered by the cache`);
    expect(warm.stdout).toBe(one.stdout);
  }, 120_000);

  it('reports an invalid file the worker loaded as the main thread does', () => {
    const file = lastRequestFile();
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace(/^kind: .*$/m, '$&\nunknownField: 1'));
      const one = check({ GOVERN_THREADS: '1', GOVERN_NO_CACHE: '1' });
      const split = check({ GOVERN_NO_CACHE: '1', GOVERN_TIMING: '1' });
      // the worker loaded its share; the invalid file among it is loaded again here for its positions
      expect(split.stderr).toMatch(/took \d+ files from the worker, loaded 1 again here/);
      expect(one.status).toBe(1);
      expect(split.status).toBe(1);
      expect(one.stderr).toContain('unknownField');
      const errors = (s: string): string[] => s.split('\n').filter((l) => l !== '' && !/^\s+\d+ ms|^cpu /.test(l));
      expect(errors(split.stderr)).toEqual(errors(one.stderr));
    } finally {
      writeFileSync(file, original);
    }
  }, 120_000);
});
