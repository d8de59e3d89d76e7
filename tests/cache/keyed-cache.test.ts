// The cache file of src/cache.ts: a run that changes a few entries appends them to a journal instead
// of writing the whole file again, and the next read sees exactly what a rewrite would have given;
// a torn or foreign journal is ignored from the first bad line, never misread.
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyedCache } from '../../src/cache.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A cache file with `n` entries k0..k(n-1) = 0..n-1, written by a full save. */
function filled(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'govern-keyed-'));
  dirs.push(dir);
  const file = join(dir, 'c.json');
  const c = KeyedCache.read<number>(file, 1, 'fp');
  for (let i = 0; i < n; i++) c.put(`k${i}`, i);
  c.save({ complete: true });
  return file;
}

const entries = (file: string): Record<string, number> => {
  const c = KeyedCache.read<number>(file, 1, 'fp');
  const out: Record<string, number> = {};
  for (let i = 0; i < 200; i++) {
    const v = c.get(`k${i}`);
    if (v !== undefined) out[`k${i}`] = v;
  }
  const extra = c.get('new');
  if (extra !== undefined) out.new = extra;
  return out;
};

describe('the cache file and its journal', () => {
  it('appends a few changes to the journal and reads them back over the file', () => {
    const file = filled(100);
    const before = statSync(file);
    const c = KeyedCache.read<number>(file, 1, 'fp');
    for (let i = 0; i < 100; i++) if (i !== 7) c.get(`k${i}`);
    c.put('k3', 33);
    c.put('new', 1);
    c.save({ complete: true }); // k7 was not asked for: removed
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(existsSync(`${file}.journal`)).toBe(true);
    const want: Record<string, number> = {};
    for (let i = 0; i < 100; i++) if (i !== 7) want[`k${i}`] = i === 3 ? 33 : i;
    want.new = 1;
    expect(entries(file)).toEqual(want);
  });

  it('writes the whole file again, and drops the journal, when many entries changed', () => {
    const file = filled(100);
    const c = KeyedCache.read<number>(file, 1, 'fp');
    c.put('k1', 10);
    c.save({ complete: false });
    expect(existsSync(`${file}.journal`)).toBe(true);
    const d = KeyedCache.read<number>(file, 1, 'fp');
    for (let i = 0; i < 50; i++) d.put(`k${i}`, -i);
    d.save({ complete: false });
    expect(existsSync(`${file}.journal`)).toBe(false);
    expect(entries(file).k1).toBe(-1);
    expect(entries(file).k60).toBe(60);
  });

  it('stops at a torn line and ignores a journal written for another file', () => {
    const file = filled(100);
    const c = KeyedCache.read<number>(file, 1, 'fp');
    c.put('k1', 11);
    c.save({ complete: false });
    appendFileSync(`${file}.journal`, '{"k":"k2","v":22}\n{"k":"k3","v":3');
    expect(entries(file)).toMatchObject({ k1: 11, k2: 22, k3: 3 });
    const lines = readFileSync(`${file}.journal`, 'utf8').split('\n');
    writeFileSync(`${file}.journal`, [JSON.stringify({ generation: 'another' }), ...lines.slice(1)].join('\n'));
    expect(entries(file)).toMatchObject({ k1: 1, k2: 2 });
  });

  it('keeps nothing of a file written with another fingerprint, journal included', () => {
    const file = filled(100);
    const c = KeyedCache.read<number>(file, 1, 'fp');
    c.put('k1', 11);
    c.save({ complete: false });
    const other = KeyedCache.read<number>(file, 1, 'another');
    expect(other.empty).toBe(true);
    expect(other.get('k1')).toBeUndefined();
  });
});
