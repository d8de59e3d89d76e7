// `govern repo protect`: sets the branch protection the review process relies on (src/github/protect.ts),
// or with --dry-run reports the differences and the call it would make.
import { clientOptionsFromEnv, createGitHubClient, DEFAULT_REQUIRED_CHECKS, desiredProtection, protectBranch, protectionReportText, repoRef } from '../github/index.ts';
import { EXIT, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'repo protect',
  summary: {
    zh: '设置主分支保护（必需的检查与审批门禁、代码所有者审查、禁止强推与删除），或以 --dry-run 报告差异',
    en: 'set the main branch protection (required checks and review gate, code-owner reviews, no force push or deletion), or report the differences with --dry-run',
  },
  usage: '[--branch main] [--dry-run] [--required-check NAME]... [--owner O --name R]',
  options: {
    branch: { type: 'string', arg: 'BRANCH', description: { zh: '受保护的分支（默认 main）', en: 'branch to protect (default main)' } },
    'dry-run': { type: 'boolean', description: { zh: '只报告差异与将发出的调用，不做改动', en: 'report the differences and the call only; change nothing' } },
    'required-check': {
      type: 'string',
      multiple: true,
      arg: 'NAME',
      description: { zh: `必需的检查（默认 ${DEFAULT_REQUIRED_CHECKS.join('、')}）`, en: `required check (default ${DEFAULT_REQUIRED_CHECKS.join(', ')})` },
    },
    owner: { type: 'string', arg: 'O', description: { zh: '仓库所有者（默认取 GITHUB_REPOSITORY）', en: 'repository owner (default from GITHUB_REPOSITORY)' } },
    name: { type: 'string', arg: 'R', description: { zh: '仓库名（默认取 GITHUB_REPOSITORY）', en: 'repository name (default from GITHUB_REPOSITORY)' } },
  },
  async run(args, ctx) {
    const v = args.values;
    const ref = repoRef(v.owner as string | undefined, v.name as string | undefined, ctx.env);
    const branch = typeof v.branch === 'string' ? v.branch : 'main';
    const dryRun = v['dry-run'] === true;
    const checks = Array.isArray(v['required-check']) && v['required-check'].length ? v['required-check'] : DEFAULT_REQUIRED_CHECKS;
    const client = createGitHubClient({ env: ctx.env, ...clientOptionsFromEnv(ctx.env) });
    const report = await protectBranch(client, ref, branch, desiredProtection(checks), { dryRun });
    ctx.io.out(protectionReportText(report, ctx.lang, dryRun).join('\n'));
    return EXIT.ok;
  },
};
