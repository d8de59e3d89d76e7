// The OPA wasm path. A real policy.wasm needs the opa binary, which cannot be installed here, so the
// wasm engine itself is replaced in the comparison tests by a stand-in (said so at each use); what is
// real: the missing-opa message, the bundle reading (a real tar.gz made by tar), and the comparison.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadRepository } from '../../src/load/index.ts';
import type { Repository } from '../../src/model/index.ts';
import { compilePolicies, readPolicyModules } from '../../src/policy/index.ts';
import { toJS, type Value } from '../../src/rego/index.ts';
import { canonical, compareAnswers, compareEngines, findOpa, tarMember, type WasmPolicy } from '../../src/policy/opa-wasm.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let repo: Repository;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'govern-wasm-'));
  repo = (await loadRepository(ROOT)).repository!;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { io: { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, cwd: ROOT, env });
  return { code, out, err };
}

describe('govern policy build', () => {
  it('exits 2 and says how to get opa when there is none on PATH', async () => {
    const r = await run(['policy', 'build'], { PATH: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到 opa');
    expect(r.err).toContain('setup-opa');
    const en = await run(['policy', 'build', '--lang', 'en'], { PATH: dir });
    expect(en.err).toContain('no opa executable found');
  });

  it('reports opa build failing, without a stack trace', async () => {
    // A stand-in `opa` that fails as a broken build would: the real binary cannot be installed here.
    const bin = join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'opa'), '#!/bin/sh\necho "1 error occurred: policies/x.rego:1: rego_parse_error" >&2\nexit 1\n');
    await chmod(join(bin, 'opa'), 0o755);
    expect(await findOpa({ PATH: bin })).toBe(join(bin, 'opa'));
    const r = await run(['policy', 'build', '--out', join(dir, 'out')], { PATH: bin });
    expect(r.code).toBe(2);
    expect(r.err).toContain('opa build 失败');
    expect(r.err).toContain('rego_parse_error');
    expect(r.err).not.toContain('    at ');
  });
});

describe('govern policy compare', () => {
  it('says to build the bundle first when there is none, exit 2', async () => {
    const r = await run(['policy', 'compare', '--bundle', join(dir, 'none.tar.gz'), '--as-of', '2026-12-05'], { PATH: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到 wasm 包');
    expect(r.err).toContain('govern policy build');
  });
});

describe('bundle reading', () => {
  it('finds /policy.wasm in a gzip tar as opa writes it, and nothing that is not there', async () => {
    const src = join(dir, 'bundle');
    await mkdir(src, { recursive: true });
    await writeFile(join(src, 'policy.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    await writeFile(join(src, 'data.json'), '{}');
    const tgz = join(dir, 'bundle.tar.gz');
    execFileSync('tar', ['-czf', tgz, '-C', src, 'data.json', 'policy.wasm']);
    const bytes = await readFile(tgz);
    expect([...(tarMember(bytes, '/policy.wasm') ?? [])]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    expect(tarMember(bytes, 'missing.wasm')).toBeUndefined();
  });
});

describe('engine comparison', () => {
  it('treats result sets in another order as equal', () => {
    expect(canonical([{ b: 1, a: [2, 1] }, 'x'])).toBe(canonical(['x', { a: [1, 2], b: 1 }]));
    const a = new Map([['REQ-1', { 'shengsi/request/deny': [{ rule: 'A' }, { rule: 'B' }] }]]);
    const b = new Map([['REQ-1', { 'shengsi/request/deny': [{ rule: 'B' }, { rule: 'A' }] }]]);
    expect(compareAnswers(a, b)).toEqual([]);
  });

  it('names the subject and entrypoint where the engines differ', () => {
    const a = new Map([['REQ-1', { 'shengsi/request/deny': [{ rule: 'A' }] }]]);
    const b = new Map([['REQ-1', { 'shengsi/request/deny': [] }]]);
    expect(compareAnswers(a, b)).toEqual([{ subject: 'REQ-1', entrypoint: 'shengsi/request/deny', rego: [{ rule: 'A' }], wasm: [] }]);
  });

  it('compares every request and the state of the county', () => {
    const policies = compilePolicies(readPolicyModules(), repo.config);
    // Stand-in for the wasm engine (no opa here to compile one): it answers with src/rego itself, so
    // the comparison must find no difference; a second stand-in drops one answer and must be caught.
    const same: WasmPolicy = {
      evaluate: (input, e) => [{ result: toPlain(policies.compiled.evalRule('data.' + e.replaceAll('/', '.'), input)) }],
    };
    expect(compareEngines(repo, '2026-12-05', same, policies)).toEqual([]);
    const target = repo.requests[0]!.doc.id;
    let calls = 0;
    const wrong: WasmPolicy = {
      evaluate: (input, e) => {
        calls++;
        const r = same.evaluate(input, e);
        return e === 'shengsi/approvals/required' && (input as { request: { id: string } }).request.id === target ? [{ result: [] }] : r;
      },
    };
    const diffs = compareEngines(repo, '2026-12-05', wrong, policies);
    expect(calls).toBe(repo.requests.length * 3 + 2);
    expect(diffs.map((d) => [d.subject, d.entrypoint])).toEqual([[target, 'shengsi/approvals/required']]);
  });
});

/** A Rego value as the plain JSON a wasm evaluation returns (undefined documents become null). */
function toPlain(v: Value | undefined): unknown {
  return v === undefined ? null : toJS(v);
}
