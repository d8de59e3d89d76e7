// `govern notices`: rectification notices (art. 25) and MLPS re-assessments falling due (art. 15) as
// GitHub issues. Without --sync it prints what should be open; with --sync it creates, updates,
// comments on (once overdue) and closes the issues, or with --dry-run lists those calls.
import { syncIssues, type IssueAction } from '../github/issues.ts';
import { clientOptionsFromEnv, createGitHubClient, repoRef } from '../github/index.ts';
import { desiredIssues } from '../schedule/issues.ts';
import { AS_OF_OPTION, asOfDay, formatOf, loadOrReport, REPO_OPTION, repoRoot, WITHIN_OPTION, withinDays } from './repository.ts';
import { EXIT, type CommandSpec } from './types.ts';

const ACTION_TEXT: Record<IssueAction['kind'], { zh: string; en: string }> = {
  create: { zh: '新建议题', en: 'create issue' },
  update: { zh: '更新议题', en: 'update issue' },
  comment: { zh: '评论', en: 'comment on' },
  close: { zh: '关闭议题', en: 'close issue' },
  reopen: { zh: '重新打开议题', en: 'reopen issue' },
};

export const command: CommandSpec = {
  name: 'notices',
  summary: {
    zh: '整改通知（第二十五条）与等保测评到期（第十五条）：列出应有的议题，--sync 同步到 GitHub',
    en: 'rectification notices (art. 25) and MLPS re-assessments due (art. 15): list the issues that should be open; --sync keeps GitHub in step',
  },
  usage: '[--sync [--dry-run]] [--within DAYS] [--as-of DATE] [--format text|json] [--repo DIR] [--owner O --name R]',
  options: {
    sync: { type: 'boolean', description: { zh: '在 GitHub 上创建、更新、评论、关闭议题（需要 GITHUB_TOKEN）', en: 'create, update, comment on and close the GitHub issues (needs GITHUB_TOKEN)' } },
    'dry-run': { type: 'boolean', description: { zh: '与 --sync 一起：只列出将要进行的操作', en: 'with --sync: only list the calls it would make' } },
    within: WITHIN_OPTION,
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
    'as-of': AS_OF_OPTION,
    repo: REPO_OPTION,
    owner: { type: 'string', arg: 'O', description: { zh: '仓库所有者（默认取 GITHUB_REPOSITORY）', en: 'repository owner (default from GITHUB_REPOSITORY)' } },
    name: { type: 'string', arg: 'R', description: { zh: '仓库名（默认取 GITHUB_REPOSITORY）', en: 'repository name (default from GITHUB_REPOSITORY)' } },
  },
  async run(args, ctx) {
    const format = formatOf(args, ['text', 'json'] as const, 'text');
    const within = withinDays(args.values.within);
    const asOf = asOfDay(args, ctx);
    const repo = await loadOrReport(repoRoot(args, ctx), ctx);
    if (!repo) return EXIT.rejected;
    const desired = desiredIssues(repo, asOf, within);
    const zh = ctx.lang === 'zh';
    if (!args.values.sync) {
      if (format === 'json') ctx.io.out(JSON.stringify({ asOf, issues: desired }, null, 2));
      else {
        const open = desired.filter((d) => d.open);
        if (open.length === 0) ctx.io.out(zh ? `截至 ${asOf}，没有未完成的整改通知或到期的等保测评。` : `As of ${asOf}, no open notice and no MLPS re-assessment due.`);
        for (const d of open) ctx.io.out(`${d.title}${d.comments.length ? (zh ? '（已逾期）' : ' (overdue)') : ''}`);
      }
      return EXIT.ok;
    }
    const ref = repoRef(args.values.owner as string | undefined, args.values.name as string | undefined, ctx.env);
    const client = createGitHubClient({ ...clientOptionsFromEnv(ctx.env), env: ctx.env });
    const actions = await syncIssues(client, ref, desired, Boolean(args.values['dry-run']));
    if (format === 'json') ctx.io.out(JSON.stringify({ asOf, dryRun: Boolean(args.values['dry-run']), actions }, null, 2));
    else {
      if (actions.length === 0) ctx.io.out(zh ? 'GitHub 上的议题已与仓库一致，无需操作。' : 'The GitHub issues already match the repository; nothing to do.');
      const verb = args.values['dry-run'] ? (zh ? '将' : 'would ') : '';
      for (const a of actions) {
        const target = 'title' in a ? a.title : `#${a.number || a.key}`;
        ctx.io.out(`${verb}${ACTION_TEXT[a.kind][ctx.lang]} ${target}`);
      }
    }
    return EXIT.ok;
  },
};
