// `govern report`: the periodic report of art. 26 (exposure, expiries, MLPS due dates, rectification
// notices, policy findings), as Chinese markdown for the scheduled workflow to publish, or JSON.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expiries, exposures, mlpsDue, noticeStatus, renderReport } from '../schedule/index.ts';
import { AS_OF_OPTION, asOfDay, formatOf, loadOrReport, REPO_OPTION, repoRoot, WITHIN_OPTION, withinDays } from './repository.ts';
import { EXIT, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'report',
  summary: { zh: '生成定期通报（第二十六条）：对外开放、到期、等保测评、整改通知', en: 'periodic report (art. 26): exposure, expiries, MLPS due dates, rectification notices' },
  usage: '[--format markdown|json] [--within DAYS] [--as-of DATE] [--out FILE] [--repo DIR]',
  options: {
    format: { type: 'string', arg: 'markdown|json', description: { zh: '输出格式（默认 markdown）', en: 'output format (default markdown)' } },
    within: WITHIN_OPTION,
    out: { type: 'string', arg: 'FILE', description: { zh: '写入文件而不是标准输出', en: 'write to a file instead of standard output' } },
    'as-of': AS_OF_OPTION,
    repo: REPO_OPTION,
  },
  async run(args, ctx) {
    const format = formatOf(args, ['markdown', 'json'] as const, 'markdown');
    const within = withinDays(args.values.within);
    const asOf = asOfDay(args, ctx);
    const repo = await loadOrReport(repoRoot(args, ctx), ctx);
    if (!repo) return EXIT.rejected;
    const text =
      format === 'json'
        ? JSON.stringify(
            {
              asOf,
              exposures: exposures(repo, asOf),
              expiries: expiries(repo, asOf, within),
              mlps: mlpsDue(repo, asOf, within),
              notices: noticeStatus(repo, asOf),
            },
            null,
            2,
          )
        : renderReport({ repo, asOf, withinDays: within }, ctx.lang);
    if (typeof args.values.out === 'string') await writeFile(resolve(ctx.cwd, args.values.out), text + '\n');
    else ctx.io.out(text);
    return EXIT.ok;
  },
};
