// The `opa test`-like runner and the `govern policy test` / `govern rego eval` commands, on the
// fixtures under tests/rego/fixtures.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runTests } from '../../src/rego/index.ts';
import { loadFiles } from '../../src/rego/files.ts';

const ROOT = join(import.meta.dirname, '..', '..');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main([...argv, '--lang', 'en'], { io: { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, cwd: ROOT });
  return { code, out, err };
}

describe('Rego test runner', () => {
  it('passes test_ rules of *_test.rego modules that are true', () => {
    const { modules, data } = loadFiles(['tests/rego/fixtures/passing'], ROOT);
    const r = runTests(modules, { data });
    expect(r.results.map((t) => [t.name, t.outcome])).toEqual([
      ['data.fixtures.ports_test.test_deny_ssh_from_internet', 'pass'],
      ['data.fixtures.ports_test.test_allow_https_from_internet', 'pass'],
    ]);
  });

  it('reports a false test as failed and an evaluation error as error, with the rule location', () => {
    const { modules, data } = loadFiles(['tests/rego/fixtures/failing'], ROOT);
    const r = runTests(modules, { data });
    expect([r.passed, r.failed, r.errored]).toEqual([1, 1, 1]);
    const failed = r.results.find((t) => t.outcome === 'fail')!;
    expect(failed.location).toMatchObject({ file: 'tests/rego/fixtures/failing/ports_test.rego', row: 10 });
    expect(r.results.find((t) => t.outcome === 'error')!.error!.code).toBe('eval_conflict_error');
  });

  it('returns compile errors instead of running anything', () => {
    const r = runTests([{ name: 'x_test.rego', text: 'package x\ntest_a if { y > 1 }\n' }]);
    expect(r.results).toEqual([]);
    expect(r.compileErrors[0]!.code).toBe('rego_unsafe_var_error');
  });
});

describe('govern policy test', () => {
  it('ends with the pass/fail line and exits 0 when every test passes', async () => {
    const r = await run(['policy', 'test', 'tests/rego/fixtures/passing']);
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n').at(-1)).toBe('2 passed, 0 failed');
  });

  it('prints each failure with its location and exits 1', async () => {
    const r = await run(['policy', 'test', 'tests/rego/fixtures/failing']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('FAIL data.fixtures.ports_test.test_allow_ssh_from_internet (tests/rego/fixtures/failing/ports_test.rego:10:1)');
    expect(r.out).toContain('ERROR data.fixtures.ports_test.test_conflict');
    expect(r.out.trim().split('\n').at(-1)).toBe('1 passed, 2 failed');
  });
});

describe('govern rego eval', () => {
  it('prints the value of a query over modules and data loaded with -d', async () => {
    const r = await run(['rego', 'eval', '-d', 'tests/rego/fixtures/passing', 'data.fixtures.ports.allow']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ result: [{ expressions: [{ value: true, text: 'data.fixtures.ports.allow' }] }] });
  });

  it('reports a parse error as a positioned diagnostic and exits 1', async () => {
    const r = await run(['rego', 'eval', 'x := [1,']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^rego_parse_error query:1:/);
  });
});
