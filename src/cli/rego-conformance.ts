// `govern rego conformance DIR [--format text|json]`: runs OPA's YAML conformance cases against the
// in-process Rego engine (src/rego/conformance.ts) and reports per folder.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runConformance } from '../rego/conformance.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'rego conformance',
  summary: { zh: '运行 OPA 一致性用例（YAML）检验内置 Rego 引擎', en: "run OPA's conformance cases (YAML) against the built-in Rego engine" },
  usage: 'DIR [--format text|json]',
  options: {
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
  },
  async run(args, ctx) {
    const dir = args.positionals[0];
    if (!dir) throw new UsageError({ zh: '缺少用例目录 DIR', en: 'missing the case folder DIR' });
    const abs = resolve(ctx.cwd, dir);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError({ zh: `不是目录：${dir}`, en: `not a folder: ${dir}` });
    const format = (args.values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError({ zh: `--format 只能是 text 或 json，收到 ${format}`, en: `--format must be text or json, got ${format}` });
    const rep = runConformance(abs);
    if (format === 'json') {
      const failures = rep.results.filter((r) => r.status === 'failed').map((r) => ({ file: r.file, note: r.note, reason: r.reason ?? '' }));
      ctx.io.out(JSON.stringify({ passed: rep.passed, failed: rep.failed, skipped: rep.skipped, folders: rep.folders, failures }, null, 2));
    } else {
      const names = Object.keys(rep.folders).sort();
      const w = Math.max(6, ...names.map((n) => n.length));
      const head = ctx.lang === 'zh' ? ['目录', '通过', '失败', '跳过'] : ['folder', 'passed', 'failed', 'skipped'];
      ctx.io.out(`${head[0]!.padEnd(w)}  ${head[1]!.padStart(6)}  ${head[2]!.padStart(6)}  ${head[3]!.padStart(7)}`);
      for (const n of names) {
        const f = rep.folders[n]!;
        ctx.io.out(`${n.padEnd(w)}  ${String(f.passed).padStart(6)}  ${String(f.failed).padStart(6)}  ${String(f.skipped).padStart(7)}`);
      }
      ctx.io.out(`${rep.passed} passed, ${rep.failed} failed, ${rep.skipped} skipped`);
    }
    return rep.failed > 0 ? EXIT.rejected : EXIT.ok;
  },
};
