// `govern pipeline` (npm start): the four steps on the sample county, the result files, and the stop
// at the first step when the county is invalid.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govern-pipeline-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { io: { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, cwd: ROOT });
  return { code, out, err };
}

describe('govern pipeline', () => {
  it('runs validate, check, plan and the comment preview on the sample county and writes the results', async () => {
    const out = join(dir, 'out');
    const r = await run(['pipeline', '--as-of', '2026-12-05', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const step of ['1/4', '2/4', '3/4', '4/4']) expect(r.out).toContain(step);
    expect(r.out).toContain('<!-- govern:pr-comment -->');
    const check = JSON.parse(await readFile(join(out, 'check.json'), 'utf8'));
    expect(check.summary.requests).toBeGreaterThanOrEqual(25);
    expect(check.summary.denied).toBe(0);
    const plan = JSON.parse(await readFile(join(out, 'plan.json'), 'utf8'));
    expect(plan.summary.add).toBeGreaterThan(0);
    expect(await readFile(join(out, 'comment.md'), 'utf8')).toContain('嵊泗县电子政务网络变更检查');
  });

  it('speaks English with --lang en', async () => {
    const r = await run(['pipeline', '--as-of', '2026-12-05', '--out', join(dir, 'en'), '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('every request can go to review');
  });

  it('stops at validation with exit 1 and positioned errors when a request is invalid', async () => {
    const copy = join(dir, 'bad');
    await cp(join(ROOT, 'inventory'), join(copy, 'inventory'), { recursive: true });
    await cp(join(ROOT, 'requests'), join(copy, 'requests'), { recursive: true });
    const file = join(copy, 'requests/education-bureau/req-2026-0103.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('protocol: tcp', 'protocol: tcp\n    protocl: tcp'));
    const r = await run(['pipeline', '--repo', copy, '--as-of', '2026-12-05']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/E-UNKNOWN-FIELD requests\/education-bureau\/req-2026-0103\.yaml:\d+:\d+/);
    expect(r.out).not.toContain('2/4');
  });
});
