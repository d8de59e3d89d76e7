// `govern expire`: lists openings past their end date (and those ending soon) and, with --write,
// removes the expired ones from the request files so that the scheduled workflow can open a pull
// request for the bureau (art. 14: an opening exists only for its approved window). Exit 1 when
// something expired is still in the repository, so a scheduled run is visibly red until it is removed.
import { applyExpiry, planExpiry } from '../schedule/expire.ts';
import { expiries } from '../schedule/index.ts';
import { AS_OF_OPTION, asOfDay, formatOf, loadOrReport, REPO_OPTION, repoRoot, WITHIN_OPTION, withinDays } from './repository.ts';
import { EXIT, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'expire',
  summary: { zh: '列出到期与即将到期的开放，--write 删除已到期的条目（第十四条）', en: 'list expired and expiring openings; --write removes the expired ones (art. 14)' },
  usage: '[--write] [--within DAYS] [--as-of DATE] [--format text|json] [--repo DIR]',
  options: {
    write: { type: 'boolean', description: { zh: '从申请文件中删除已到期的条目', en: 'remove the expired items from the request files' } },
    within: WITHIN_OPTION,
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
    'as-of': AS_OF_OPTION,
    repo: REPO_OPTION,
  },
  async run(args, ctx) {
    const format = formatOf(args, ['text', 'json'] as const, 'text');
    const within = withinDays(args.values.within);
    const asOf = asOfDay(args, ctx);
    const root = repoRoot(args, ctx);
    const repo = await loadOrReport(root, ctx);
    if (!repo) return EXIT.rejected;
    const items = expiries(repo, asOf, within);
    const edits = planExpiry(repo, asOf);
    if (args.values.write) await applyExpiry(root, edits);
    if (format === 'json') {
      ctx.io.out(JSON.stringify({ asOf, items, edits: edits.map((e) => ({ file: e.file, request: e.request, action: e.action })), written: Boolean(args.values.write) }, null, 2));
    } else {
      const zh = ctx.lang === 'zh';
      if (items.length === 0) ctx.io.out(zh ? `截至 ${asOf}，没有到期或 ${within} 天内到期的开放。` : `As of ${asOf}, nothing has expired or ends within ${within} days.`);
      for (const i of items) {
        const where = `${i.file}${i.path ? ` (${i.path})` : ''}`;
        ctx.io.out(
          i.status === 'expired'
            ? zh
              ? `已到期  ${i.request} ${i.what}：${i.validUntil} 到期，仍在仓库中 — ${where}`
              : `expired   ${i.request} ${i.what}: ended ${i.validUntil}, still in the repository — ${where}`
            : zh
              ? `即将到期 ${i.request} ${i.what}：${i.validUntil} 到期（剩 ${i.daysLeft} 天），如需续期请提交新申请 — ${where}`
              : `expiring  ${i.request} ${i.what}: ends ${i.validUntil} (${i.daysLeft} days left); file a new request to renew — ${where}`,
        );
      }
      for (const e of edits) {
        const verb = args.values.write ? (zh ? '已' : '') : zh ? '将' : 'would ';
        ctx.io.out(
          e.action === 'removed-file'
            ? zh
              ? `${verb}删除文件 ${e.file}（${e.request} 已全部到期）`
              : `${verb}remove ${e.file} (${e.request} has fully expired)`
            : zh
              ? `${verb}从 ${e.file} 删除 ${e.items.length} 个到期条目`
              : `${verb}remove ${e.items.length} expired item(s) from ${e.file}`,
        );
      }
    }
    return edits.length > 0 && !args.values.write ? EXIT.rejected : EXIT.ok;
  },
};
