// `govern validate` as a user runs it: exit codes, text and JSON output, languages.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { cleanup, copyCounty, ROOT } from './helpers.ts';

afterAll(cleanup);

async function run(args: string[], cwd = ROOT): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { cwd, env: {}, io: { out: (t) => out.push(t), err: (t) => err.push(t) } });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('govern validate', () => {
  it('exits 0 on the bundled sample county and says how many files it checked', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^全部 \d+ 个文件有效$/);
  });

  it('writes the documented JSON shape with --format json', async () => {
    const r = await run(['validate', '--format', 'json', 'requests/county-hospital/req-2026-0101.yaml']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ files: [{ path: 'requests/county-hospital/req-2026-0101.yaml', valid: true, errors: [] }] });
  });

  it('exits 1 and groups errors by file in text, Chinese by default, English with --lang en', async () => {
    const dir = await copyCounty();
    await writeFile(join(dir, 'requests/county-hospital/bad.yaml'), 'apiVersion: govern.shengsi.gov.cn/v1\nkind: PortOpeningRequest\nid: REQ-2026-9999\n');
    const zh = await run(['validate', '--repo', dir]);
    expect(zh.code).toBe(1);
    const lines = zh.out.split('\n');
    expect(lines[0]).toBe('requests/county-hospital/bad.yaml');
    expect(lines[1]).toMatch(/^ {2}E-REQUIRED requests\/county-hospital\/bad\.yaml:1:1: 缺少必填字段 unit；/);
    expect(lines.at(-1)).toMatch(/^共 \d+ 个文件，1 个有错误，共 \d+ 个错误$/);
    const en = await run(['validate', '--repo', dir, '--lang', 'en']);
    expect(en.out).toContain('E-REQUIRED requests/county-hospital/bad.yaml:1:1: the required field unit is missing; add unit:');
  });

  it('puts the message and the fix in the chosen language in JSON', async () => {
    const dir = await copyCounty();
    await writeFile(join(dir, 'requests/county-hospital/bad.yaml'), 'apiVersion: govern.shengsi.gov.cn/v1\nkind: PortOpenRequest\n');
    const r = await run(['validate', '--repo', dir, '--format', 'json', '--lang', 'en', join(dir, 'requests/county-hospital/bad.yaml')]);
    expect(r.code).toBe(1);
    const f = JSON.parse(r.out).files[0];
    expect(f).toMatchObject({ path: 'requests/county-hospital/bad.yaml', valid: false });
    expect(f.errors[0]).toEqual({
      code: 'E-KIND',
      line: 2,
      column: 7,
      message: expect.stringContaining('did you mean PortOpeningRequest?'),
    });
  });

  it('exits 2 on a bad --format', async () => {
    const r = await run(['validate', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--format');
  });

  it('exits 1 for a path that does not exist', async () => {
    const r = await run(['validate', 'requests/nowhere.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('E-READ');
  });

  it('exits 2 for a folder without YAML files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'govern-empty-'));
    try {
      const r = await run(['validate', dir]);
      expect(r.code).toBe(2);
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
