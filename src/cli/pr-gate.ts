// `govern pr gate`: the required status that turns green only when the right people approved the head
// commit (src/github/gate.ts has the rules). Exit 0 passed, 1 refused, 2 could not verify.
import { clientOptionsFromEnv, createGitHubClient, gateConfigFromRepository, gateReport, prNumber, readCheckResult, repoRef, runReviewGate, runUrl } from '../github/index.ts';
import { resolve } from 'node:path';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'pr gate',
  summary: {
    zh: '审批门禁：核验拉取请求最新提交的批准是否齐全、有效，并设置 govern/review-gate 状态',
    en: 'review gate: verify the head commit of a pull request has every valid approval and set the govern/review-gate status',
  },
  usage: '--pr N [--check FILE] [--repo-dir DIR] [--sha SHA] [--owner O --name R]',
  options: {
    pr: { type: 'string', arg: 'N', description: { zh: '拉取请求编号', en: 'pull request number' } },
    check: { type: 'string', arg: 'FILE', description: { zh: 'govern check --format json 的输出（各申请所需审批）', en: 'output of govern check --format json (the approvals each request needs)' } },
    'repo-dir': { type: 'string', arg: 'DIR', description: { zh: '读取 inventory/ 的仓库目录（默认 --repo）', en: 'repository folder to read inventory/ from (default --repo)' } },
    sha: { type: 'string', arg: 'SHA', description: { zh: '合并后复核：该拉取请求的合并提交', en: 're-verify after merge: the pull request\'s merge commit' } },
    owner: { type: 'string', arg: 'O', description: { zh: '仓库所有者（默认取 GITHUB_REPOSITORY）', en: 'repository owner (default from GITHUB_REPOSITORY)' } },
    name: { type: 'string', arg: 'R', description: { zh: '仓库名（默认取 GITHUB_REPOSITORY）', en: 'repository name (default from GITHUB_REPOSITORY)' } },
  },
  async run(args, ctx) {
    const v = args.values;
    const pr = prNumber(v.pr);
    const ref = repoRef(v.owner as string | undefined, v.name as string | undefined, ctx.env);
    const sha = v.sha as string | undefined;
    if (sha !== undefined && !/^[0-9a-f]{40}$/i.test(sha)) {
      throw new UsageError({ zh: '--sha 必须是 40 位十六进制的提交哈希', en: '--sha must be a 40-hex-digit commit hash' });
    }
    const check = typeof v.check === 'string' ? readCheckResult(resolve(ctx.cwd, v.check)) : undefined;
    const dir = resolve(ctx.cwd, typeof v['repo-dir'] === 'string' ? v['repo-dir'] : '.');
    const client = createGitHubClient({ env: ctx.env, ...clientOptionsFromEnv(ctx.env) });
    const targetUrl = runUrl(ctx.env);
    const { result } = await runReviewGate(client, ref, {
      pr,
      ...(sha ? { mergedSha: sha.toLowerCase() } : {}),
      ...(check ? { check } : {}),
      loadConfig: () => gateConfigFromRepository(dir, ctx.now()),
      ...(targetUrl ? { targetUrl } : {}),
      lang: ctx.lang,
    });
    const lines = gateReport(result, pr, ctx.lang);
    if (result.pass) ctx.io.out(lines.join('\n'));
    else ctx.io.err(lines.join('\n'));
    return result.pass ? EXIT.ok : EXIT.rejected;
  },
};
