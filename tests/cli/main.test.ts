// The `govern` dispatcher: help, unknown commands and options, languages, exit codes, and that a
// defect is reported in one line rather than a stack trace.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { COMMANDS, type CommandEntry } from '../../src/cli/registry.ts';

const ROOT = join(import.meta.dirname, '..', '..');

async function run(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { io: { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, cwd: ROOT, env });
  return { code, out, err };
}

async function runWith(argv: string[], commands: readonly CommandEntry[], env: Record<string, string>): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(argv, { io: { out: () => undefined, err: (t) => (err += t + '\n') }, cwd: ROOT, env, commands });
  return { code, err };
}

describe('govern', () => {
  it('lists every command in Chinese with --help, in English with --lang en', async () => {
    const zh = await run(['--help']);
    expect(zh.code).toBe(0);
    for (const c of COMMANDS) expect(zh.out).toContain(c.name);
    expect(zh.out).toContain('用法');
    const en = await run(['--help', '--lang', 'en']);
    expect(en.out).toContain('Usage: govern <command>');
  });

  it('exits 2 with the list when no command is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('validate');
  });

  it('exits 2 on an unknown command and says how to list them', async () => {
    const r = await run(['vaildate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知命令：vaildate');
    expect(r.err).toContain('govern --help');
  });

  it('exits 2 on an unknown option with the command usage', async () => {
    const r = await run(['validate', '--formt', 'json']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('参数错误');
    expect(r.err).toContain('govern validate');
  });

  it('exits 2 on a language it does not speak', async () => {
    const r = await run(['validate', '--lang', 'fr']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--lang');
  });

  it('explains a command and each of its options with <command> --help', async () => {
    const r = await run(['check', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--format', '--repo', '--as-of', '--lang', '--help']) expect(r.out).toContain(flag);
  });

  it('takes the language from GOVERN_LANG when --lang is absent', async () => {
    const r = await run(['vaildate'], { GOVERN_LANG: 'en' });
    expect(r.err).toContain('unknown command: vaildate');
  });

  it('reports a folder that is not a county with positioned errors and exit 1', async () => {
    const r = await run(['report', '--repo', join(ROOT, 'docs')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('E-MISSING-DOC');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reports a defect in one line, asking for a report, with the stack only under GOVERN_DEBUG', async () => {
    const broken: CommandEntry = {
      name: 'broken',
      load: async () => ({
        command: {
          name: 'broken',
          summary: { zh: '坏', en: 'broken' },
          usage: '',
          options: {},
          run: async () => {
            throw new TypeError('cannot read x of undefined');
          },
        },
      }),
    };
    const plain = await runWith(['broken'], [broken], {});
    expect(plain.code).toBe(2);
    expect(plain.err).toContain('内部错误：cannot read x of undefined');
    expect(plain.err).toContain('GOVERN_DEBUG=1');
    expect(plain.err).not.toMatch(/\n\s+at /);
    const debug = await runWith(['broken'], [broken], { GOVERN_DEBUG: '1' });
    expect(debug.err).toMatch(/\n\s+at /);
  });
});
