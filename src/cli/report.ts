// `govern report`: the periodic report of art. 26 (exposure, expiries, MLPS due dates, rectification
// notices, policy findings), as Chinese markdown for the scheduled workflow to publish, or JSON.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expiries, exposures, mlpsDue, noticeStatus, renderReport } from '../schedule/index.ts';
import { AS_OF_OPTION, asOfDay, formatOf, loadOrReport, REPO_OPTION, repoRoot } from './repository.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'report',
  summary: { zh: '生成定期通报（第二十六条）：对外开放、到期、等保测评、整改通知', en: 'periodic report (art. 26): exposure, expiries, MLPS due dates, rectification notices' },
  usage: '[--format markdown|json] [--within DAYS] [--as-of DATE] [--out FILE] [--repo DIR]',
  options: {
    format: { type: 'string', arg: 'markdown|json', description: { zh: '输出格式（默认 markdown）', en: 'output format (default markdown)' } },
    within: { type: 'string', arg: 'DAYS', description: { zh: '提前提醒的天数（默认 30）', en: 'days of advance notice (default 30)' } },
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

export function withinDays(v: unknown): number {
  if (v === undefined) return 30;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d{1,4}$/.test(v) || !Number.isInteger(n)) {
    throw new UsageError({ zh: `--within 须为 0 到 9999 的天数，收到 ${String(v)}`, en: `--within must be a number of days 0-9999, got ${String(v)}` });
  }
  return n;
}
