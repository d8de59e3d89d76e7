// `govern pipeline` (`npm start`): what a pull request gets, run locally on the county — validate,
// check, plan, and the comment the pull request would receive — printed for a person to read, with
// the machine-readable results written beside (check.json, plan.json, comment.md) as the PR workflow
// writes them. No network: the review gate needs GitHub and is described, not run.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { desiredState } from '../desired/index.ts';
import { renderComment } from '../github/comment.ts';
import { loadRepository } from '../load/index.ts';
import { DEFAULT_SNAPSHOT_PATH, plan as diffPlan, readSnapshot, renderJson as planJson, renderText as planText } from '../plan/index.ts';
import { checkRepositoryParallel, isDenied, policiesFor, PolicyWorker, renderText as checkText, toCheckJson } from '../policy/index.ts';
import { formatDiagnostic, type Lang } from '../i18n/index.ts';
import { AS_OF_OPTION, asOfDay, REPO_OPTION, repoRoot } from './repository.ts';
import { EXIT, type CommandSpec } from './types.ts';

const STEPS = {
  validate: { zh: '校验申请与清单', en: 'validate requests and inventory' },
  check: { zh: '按《管理办法》检查', en: 'check against the Measures' },
  plan: { zh: '变更计划', en: 'plan' },
  comment: { zh: '拉取请求将收到的评论', en: 'the comment the pull request would get' },
};

function banner(n: number, key: keyof typeof STEPS, cmd: string, lang: Lang): string {
  const title = lang === 'zh' ? `${n}/4 ${STEPS[key].zh}（govern ${cmd}）` : `${n}/4 ${STEPS[key].en} (govern ${cmd})`;
  return `\n━━━ ${title} ━━━`;
}

export const command: CommandSpec = {
  name: 'pipeline',
  summary: {
    zh: '在本地对整个县运行拉取请求流水线：校验、检查、计划、评论预览（npm start）',
    en: 'run the pull-request pipeline locally on the whole county: validate, check, plan, comment preview (npm start)',
  },
  usage: '[--repo DIR] [--as-of DATE] [--out DIR]',
  options: {
    repo: REPO_OPTION,
    'as-of': AS_OF_OPTION,
    out: {
      type: 'string',
      arg: 'DIR',
      description: { zh: '结果文件目录（默认 <仓库>/.govern/pipeline）', en: 'where the result files go (default <repo>/.govern/pipeline)' },
    },
  },
  async run(args, ctx) {
    const lang = ctx.lang;
    const zh = lang === 'zh';
    const root = repoRoot(args, ctx);
    const asOf = asOfDay(args, ctx);
    const outDir = typeof args.values.out === 'string' ? resolve(ctx.cwd, args.values.out) : join(root, '.govern', 'pipeline');
    ctx.io.out(zh ? `嵊泗县电子政务网络变更流水线 — ${root}，按 ${asOf} 计算` : `Shengsi County change pipeline — ${root}, as of ${asOf}`);

    ctx.io.out(banner(1, 'validate', 'validate', lang));
    // in a large county the check's worker thread loads part of the county (none in the load
    // cache) and parses the policies while the rest is read
    let early: PolicyWorker | undefined;
    const loaded = await loadRepository(root, {
      onListed: (listed) => {
        early = PolicyWorker.early(listed, ctx.env, root);
        return early?.loadHelper();
      },
    });
    const invalid = loaded.files.filter((f) => !f.valid);
    if (!loaded.repository) {
      early?.stop();
      for (const d of loaded.diagnostics) ctx.io.out(formatDiagnostic(d, lang));
      ctx.io.out(zh ? `\n✗ ${invalid.length} 个文件无效，流水线在此停止。` : `\n✗ ${invalid.length} invalid file(s): the pipeline stops here.`);
      return EXIT.rejected;
    }
    const repo = loaded.repository;
    ctx.io.out(
      zh
        ? `✓ ${loaded.files.length} 个文件全部有效：${repo.units.length} 个单位、${repo.systems.length} 个信息系统、${repo.requests.length} 个变更申请`
        : `✓ all ${loaded.files.length} files valid: ${repo.units.length} units, ${repo.systems.length} systems, ${repo.requests.length} change requests`,
    );

    ctx.io.out(banner(2, 'check', 'check', lang));
    const { policies, cache } = policiesFor(root, repo.config, ctx.env);
    const check = await checkRepositoryParallel(repo, { today: asOf, policies, worker: early, ...(cache ? { cache } : {}) });
    // A person reads the requests that have something to say; the full decision list is in check.json.
    const noteworthy = { ...check, requests: check.requests.filter((r) => r.violations.length > 0 || r.decision === 'deny') };
    ctx.io.out(checkText(noteworthy, lang));

    ctx.io.out(banner(3, 'plan', 'plan', lang));
    const desired = desiredState(repo, asOf);
    const plan = diffPlan(desired, await readSnapshot(join(root, DEFAULT_SNAPSHOT_PATH)));
    ctx.io.out(planText(plan, lang));

    ctx.io.out(banner(4, 'comment', 'pr comment', lang));
    const comment = renderComment({ check, plan });
    ctx.io.out(comment);

    await mkdir(outDir, { recursive: true });
    await writeFile(join(outDir, 'check.json'), JSON.stringify(toCheckJson(check, lang), null, 2) + '\n');
    await writeFile(join(outDir, 'plan.json'), planJson(plan));
    await writeFile(join(outDir, 'comment.md'), comment);
    const rel = relative(ctx.cwd, outDir) || '.';
    const denied = isDenied(check);
    ctx.io.out(
      zh
        ? `\n${denied ? '✗ 有申请被拒绝' : '✓ 全部申请可以提交审批'}。结果文件：${rel}/check.json、plan.json、comment.md。\n审批门禁（govern pr gate）需要连接 GitHub，在拉取请求的工作流中运行。`
        : `\n${denied ? '✗ some requests are denied' : '✓ every request can go to review'}. Results: ${rel}/check.json, plan.json, comment.md.\nThe review gate (govern pr gate) needs GitHub and runs in the pull-request workflow.`,
    );
    return denied ? EXIT.rejected : EXIT.ok;
  },
};
