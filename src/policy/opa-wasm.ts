// The second engine: where an `opa` binary exists (GitHub Actions with open-policy-agent/setup-opa),
// policies/ is compiled to a wasm bundle (`opa build -t wasm`) and evaluated through
// @open-policy-agent/opa-wasm, and its decisions are compared with src/rego's on the same inputs.
// No registry ships `opa`, so on the machines this repository is built on this path says what is
// missing and stops (exit 2); the comparison itself is a pure function, tested here.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { promisify } from 'node:util';
import { OperationalError } from '../cli/types.ts';
import type { Repository } from '../model/index.ts';
import { toJS } from '../rego/index.ts';
import { compilePolicies, readPolicyModules, type CompiledPolicies } from './evaluate.ts';
import { buildIndex, requestInput, stateInput } from './input.ts';

const run = promisify(execFile);

/** The documents both engines evaluate, as wasm entrypoints (slash-separated) and Rego refs. */
export const ENTRYPOINTS = [
  'shengsi/request/deny',
  'shengsi/request/warn',
  'shengsi/approvals/required',
  'shengsi/state/deny',
  'shengsi/state/warn',
] as const;
export type Entrypoint = (typeof ENTRYPOINTS)[number];

/** Finds an executable `opa` on PATH. */
export async function findOpa(env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'opa');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

export const OPA_MISSING = {
  zh: '找不到 opa 可执行文件，无法把策略编译为 wasm。本机只能使用内置的 Rego 引擎（govern check 不受影响）。在 GitHub Actions 中用 open-policy-agent/setup-opa 安装 opa（见 .github/workflows/opa.yml）；在可以访问外网的机器上从 https://www.openpolicyagent.org/docs/#1-download-opa 下载后放入 PATH。',
  en: 'no opa executable found, so the policies cannot be compiled to wasm. This machine can only use the built-in Rego engine (govern check is unaffected). In GitHub Actions install opa with open-policy-agent/setup-opa (see .github/workflows/opa.yml); on a machine with internet access download it from https://www.openpolicyagent.org/docs/#1-download-opa and put it on PATH.',
};

/** Runs `opa build -t wasm` over the policies (tests excluded) and returns the bundle path. */
export async function buildWasmBundle(opa: string, policiesDir: string, outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const bundle = join(outDir, 'bundle.tar.gz');
  const args = ['build', '-t', 'wasm', ...ENTRYPOINTS.flatMap((e) => ['-e', e]), '--ignore', '*_test.rego', '-o', bundle, policiesDir];
  try {
    await run(opa, args, { timeout: 120_000 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new OperationalError({
      zh: `opa build 失败：${(err.stderr ?? err.message).trim()}`,
      en: `opa build failed: ${(err.stderr ?? err.message).trim()}`,
    });
  }
  return bundle;
}

/** Reads one member of a gzip-compressed tar archive (ustar; what `opa build` writes). */
export function tarMember(gz: Uint8Array, name: string): Uint8Array | undefined {
  const tar = gunzipSync(gz);
  const want = name.replace(/^\/+/, '');
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) return undefined;
    const field = (start: number, len: number): string => {
      const s = Buffer.from(header.subarray(start, start + len)).toString('utf8');
      const nul = s.indexOf('\0');
      return nul < 0 ? s : s.slice(0, nul);
    };
    const prefix = field(345, 155);
    const member = (prefix ? prefix + '/' : '') + field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const body = off + 512;
    if (member.replace(/^\/+/, '') === want) return tar.subarray(body, body + size);
    off = body + Math.ceil(size / 512) * 512;
  }
  return undefined;
}

/** What one engine answers for one input: entrypoint -> result (plain JSON). */
export type Answers = Partial<Record<Entrypoint, unknown>>;

export interface EngineDifference {
  /** The request id, or "state". */
  readonly subject: string;
  readonly entrypoint: Entrypoint;
  readonly rego: unknown;
  readonly wasm: unknown;
}

/** Canonical JSON with sets (arrays of results) sorted, so both engines' orders compare equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonical).sort().join(',') + ']';
  if (v && typeof v === 'object') {
    return (
      '{' +
      Object.keys(v as Record<string, unknown>)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + canonical((v as Record<string, unknown>)[k]))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(v ?? null);
}

/** The differences between two engines' answers for the same subjects. */
export function compareAnswers(rego: ReadonlyMap<string, Answers>, wasm: ReadonlyMap<string, Answers>): EngineDifference[] {
  const out: EngineDifference[] = [];
  const subjects = [...new Set([...rego.keys(), ...wasm.keys()])].sort();
  for (const subject of subjects) {
    const a = rego.get(subject) ?? {};
    const b = wasm.get(subject) ?? {};
    for (const e of ENTRYPOINTS) {
      if (!(e in a) && !(e in b)) continue;
      if (canonical(a[e]) !== canonical(b[e])) out.push({ subject, entrypoint: e, rego: a[e], wasm: b[e] });
    }
  }
  return out;
}

/** One wasm evaluation: the bundle's policy with data set once. */
export interface WasmPolicy {
  evaluate(input: unknown, entrypoint: string): { result: unknown }[];
}

export async function loadWasmPolicy(bundle: string, data: unknown): Promise<WasmPolicy> {
  const bytes = await readFile(bundle).catch(() => {
    throw new OperationalError({
      zh: `找不到 wasm 包 ${bundle}：先运行 govern policy build（需要 opa），或用 --bundle 指明`,
      en: `no wasm bundle at ${bundle}: run govern policy build first (needs opa), or name it with --bundle`,
    });
  });
  const wasm = tarMember(bytes, 'policy.wasm');
  if (!wasm) {
    throw new OperationalError({ zh: `${bundle} 中没有 policy.wasm`, en: `${bundle} has no policy.wasm` });
  }
  const { loadPolicy } = await import('@open-policy-agent/opa-wasm');
  const policy = await loadPolicy(wasm, { initial: 64, maximum: 4096 });
  policy.setData(data as object);
  return policy as WasmPolicy;
}

/** Evaluates every request and the state with both engines and returns their differences. */
export function compareEngines(repo: Repository, today: string, wasm: WasmPolicy, policies?: CompiledPolicies): EngineDifference[] {
  const compiled = policies ?? compilePolicies(readPolicyModules(), repo.config);
  const idx = buildIndex(repo);
  const regoAnswers = new Map<string, Answers>();
  const wasmAnswers = new Map<string, Answers>();
  const ask = (subject: string, input: unknown, entrypoints: readonly Entrypoint[]): void => {
    const r: Answers = {};
    const w: Answers = {};
    for (const e of entrypoints) {
      r[e] = toJS(compiled.compiled.evalRule('data.' + e.replaceAll('/', '.'), input) ?? null);
      w[e] = wasm.evaluate(input, e)[0]?.result ?? null;
    }
    regoAnswers.set(subject, r);
    wasmAnswers.set(subject, w);
  };
  const decisions = new Map<string, 'allow' | 'deny'>();
  for (const loaded of repo.requests) {
    const input = requestInput(idx, loaded, today);
    ask(loaded.doc.id, input, ['shengsi/request/deny', 'shengsi/request/warn', 'shengsi/approvals/required']);
    const deny = regoAnswers.get(loaded.doc.id)?.['shengsi/request/deny'];
    decisions.set(loaded.doc.id, Array.isArray(deny) && deny.length > 0 ? 'deny' : 'allow');
  }
  ask('state', stateInput(idx, decisions, today), ['shengsi/state/deny', 'shengsi/state/warn']);
  return compareAnswers(regoAnswers, wasmAnswers);
}
