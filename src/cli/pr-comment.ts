// `govern pr comment`: puts the check result (and the plan) on the pull request as one comment updated
// in place, and as the `govern/check` check run with annotations on the offending lines.
import { resolve } from 'node:path';
import { CHECK_SUMMARY_LIMIT, clientOptionsFromEnv, createGitHubClient, prNumber, publishCheckRun, readCheckResult, readPlan, renderComment, repoRef, runUrl, upsertComment } from '../github/index.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'pr comment',
  summary: {
    zh: '在拉取请求上发布检查结果：一条原地更新的评论，以及带逐行标注的 govern/check 检查',
    en: 'publish the check result on a pull request: one comment updated in place, and the govern/check check run with line annotations',
  },
  usage: '--pr N --check FILE [--plan FILE] [--report-url URL] [--owner O --name R]',
  options: {
    pr: { type: 'string', arg: 'N', description: { zh: '拉取请求编号', en: 'pull request number' } },
    check: { type: 'string', arg: 'FILE', description: { zh: 'govern check --format json 的输出', en: 'output of govern check --format json' } },
    plan: { type: 'string', arg: 'FILE', description: { zh: 'govern plan --format json 的输出', en: 'output of govern plan --format json' } },
    'report-url': { type: 'string', arg: 'URL', description: { zh: '完整报告的链接（默认为本次工作流运行）', en: 'link to the full report (default: this workflow run)' } },
    owner: { type: 'string', arg: 'O', description: { zh: '仓库所有者（默认取 GITHUB_REPOSITORY）', en: 'repository owner (default from GITHUB_REPOSITORY)' } },
    name: { type: 'string', arg: 'R', description: { zh: '仓库名（默认取 GITHUB_REPOSITORY）', en: 'repository name (default from GITHUB_REPOSITORY)' } },
  },
  async run(args, ctx) {
    const v = args.values;
    const pr = prNumber(v.pr);
    if (typeof v.check !== 'string') throw new UsageError({ zh: '缺少 --check FILE（govern check --format json 的输出）', en: 'missing --check FILE (the output of govern check --format json)' });
    const ref = repoRef(v.owner as string | undefined, v.name as string | undefined, ctx.env);
    const check = readCheckResult(resolve(ctx.cwd, v.check));
    const plan = typeof v.plan === 'string' ? readPlan(resolve(ctx.cwd, v.plan)) : undefined;
    const reportUrl = typeof v['report-url'] === 'string' ? v['report-url'] : runUrl(ctx.env);
    const input = { check, ...(plan ? { plan } : {}), ...(reportUrl ? { reportUrl } : {}) };
    const client = createGitHubClient({ env: ctx.env, ...clientOptionsFromEnv(ctx.env) });
    const { data: pull } = await client.pulls.get({ ...ref, pull_number: pr });
    const comment = await upsertComment(client, ref, pr, renderComment(input));
    const run = await publishCheckRun(client, ref, pull.head.sha, check, renderComment(input, CHECK_SUMMARY_LIMIT));
    const done = { created: ['已创建', 'created'], updated: ['已更新', 'updated'], unchanged: ['无变化，未改动', 'unchanged'] }[comment.action];
    ctx.io.out(
      ctx.lang === 'zh'
        ? `评论${done[0]}：${comment.url}\n检查 govern/check：${run.conclusion === 'success' ? '通过' : '未通过'}，${run.annotations} 条标注（${run.requests} 次请求）`
        : `comment ${done[1]}: ${comment.url}\ncheck govern/check: ${run.conclusion}, ${run.annotations} annotations (${run.requests} requests)`,
    );
    return EXIT.ok;
  },
};
