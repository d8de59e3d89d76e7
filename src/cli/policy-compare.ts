// `govern policy compare`: evaluates every request and the state with src/rego and with the wasm
// bundle (@open-policy-agent/opa-wasm) and lists every difference. Exit 1 when the engines disagree.
import { resolve } from 'node:path';
import { compareEngines, loadWasmPolicy } from '../policy/opa-wasm.ts';
import { AS_OF_OPTION, asOfDay, loadOrReport, REPO_OPTION, repoRoot } from './repository.ts';
import { EXIT, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'policy compare',
  summary: { zh: '比较内置 Rego 引擎与 OPA wasm 对全部申请的判定', en: 'compare the built-in Rego engine with OPA wasm on every request' },
  usage: '[--bundle FILE] [--as-of DATE] [--repo DIR]',
  options: {
    bundle: { type: 'string', arg: 'FILE', description: { zh: 'wasm 包（默认 <仓库>/.govern/opa/bundle.tar.gz）', en: 'the wasm bundle (default <repo>/.govern/opa/bundle.tar.gz)' } },
    'as-of': AS_OF_OPTION,
    repo: REPO_OPTION,
  },
  async run(args, ctx) {
    const root = repoRoot(args, ctx);
    const repo = await loadOrReport(root, ctx);
    if (!repo) return EXIT.rejected;
    const bundle = typeof args.values.bundle === 'string' ? resolve(ctx.cwd, args.values.bundle) : resolve(root, '.govern/opa/bundle.tar.gz');
    const wasm = await loadWasmPolicy(bundle, { config: repo.config });
    const diffs = compareEngines(repo, asOfDay(args, ctx), wasm);
    for (const d of diffs) {
      ctx.io.out(`${d.subject} ${d.entrypoint}:\n  rego: ${JSON.stringify(d.rego)}\n  wasm: ${JSON.stringify(d.wasm)}`);
    }
    const n = repo.requests.length;
    ctx.io.out(
      ctx.lang === 'zh'
        ? diffs.length === 0
          ? `两个引擎对 ${n} 个申请及全局状态的判定完全一致`
          : `两个引擎有 ${diffs.length} 处不一致`
        : diffs.length === 0
          ? `both engines agree on all ${n} requests and the state`
          : `the engines disagree in ${diffs.length} places`,
    );
    return diffs.length === 0 ? EXIT.ok : EXIT.rejected;
  },
};
