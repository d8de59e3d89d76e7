// `govern policy build`: compiles policies/ to a wasm bundle with `opa build -t wasm` (where an opa
// binary exists; otherwise exit 2 saying what is missing). See src/policy/opa-wasm.ts.
import { resolve } from 'node:path';
import { DEFAULT_POLICIES_DIR } from '../policy/index.ts';
import { buildWasmBundle, findOpa, OPA_MISSING } from '../policy/opa-wasm.ts';
import { REPO_OPTION, repoRoot } from './repository.ts';
import { EXIT, OperationalError, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'policy build',
  summary: { zh: '用 opa 把策略编译为 wasm 包（需要 opa 可执行文件）', en: 'compile the policies to a wasm bundle with opa (needs the opa executable)' },
  usage: '[--out DIR] [--repo DIR]',
  options: {
    out: { type: 'string', arg: 'DIR', description: { zh: '输出目录（默认 <仓库>/.govern/opa）', en: 'output folder (default <repo>/.govern/opa)' } },
    repo: REPO_OPTION,
  },
  async run(args, ctx) {
    const opa = await findOpa(ctx.env);
    if (!opa) throw new OperationalError(OPA_MISSING);
    const root = repoRoot(args, ctx);
    const out = typeof args.values.out === 'string' ? resolve(ctx.cwd, args.values.out) : resolve(root, '.govern/opa');
    const bundle = await buildWasmBundle(opa, DEFAULT_POLICIES_DIR, out);
    ctx.io.out(ctx.lang === 'zh' ? `已生成 ${bundle}` : `wrote ${bundle}`);
    return EXIT.ok;
  },
};
