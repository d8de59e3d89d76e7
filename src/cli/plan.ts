// `govern plan`: loads the county, computes the desired state for a day, diffs it against the last
// applied snapshot (.govern/state/applied.json by default; none -> everything is an add) and prints
// the plan as text, JSON (the Plan contract) or markdown for a pull request.
import { resolve } from 'node:path';
import { DesiredStateError, desiredState } from '../desired/index.ts';
import { DEFAULT_SNAPSHOT_PATH, SnapshotError, plan, readSnapshot, renderJson, renderMarkdown, renderText } from '../plan/index.ts';
import { EXIT, type CommandSpec } from './types.ts';
import { AS_OF_OPTION, asOfDay, formatOf, loadOrReport, REPO_OPTION, repoRoot } from './repository.ts';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const command: CommandSpec = {
  name: 'plan',
  summary: {
    zh: '计算期望状态并与上次应用的状态比较，列出将新增、修改、删除的资源及其申请编号',
    en: 'compute the desired state and diff it against the last applied state: resources to add, change, remove, with their request ids',
  },
  usage: '[--format text|json|markdown] [--as-of DATE] [--against FILE] [--repo DIR]',
  options: {
    format: { type: 'string', arg: 'text|json|markdown', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
    repo: REPO_OPTION,
    'as-of': AS_OF_OPTION,
    against: {
      type: 'string',
      arg: 'FILE',
      description: {
        zh: `上次应用的状态文件（默认 <仓库>/${DEFAULT_SNAPSHOT_PATH}）`,
        en: `the last applied state (default <repo>/${DEFAULT_SNAPSHOT_PATH})`,
      },
    },
  },
  async run(args, ctx) {
    const format = formatOf(args, FORMATS, 'text');
    const asOf = asOfDay(args, ctx);
    const root = repoRoot(args, ctx);
    const repo = await loadOrReport(root, ctx);
    if (!repo) return EXIT.rejected;
    const against = typeof args.values.against === 'string' ? resolve(ctx.cwd, args.values.against) : resolve(root, DEFAULT_SNAPSHOT_PATH);
    try {
      const desired = desiredState(repo, asOf);
      const last = await readSnapshot(against);
      const p = plan(desired, last);
      ctx.io.out(format === 'json' ? renderJson(p) : format === 'markdown' ? renderMarkdown(p, ctx.lang) : renderText(p, ctx.lang));
      return EXIT.ok;
    } catch (e) {
      if (e instanceof DesiredStateError) {
        ctx.io.err(`${e.code} ${e.file}: ${e.localized[ctx.lang]}${ctx.lang === 'zh' ? '；' : '; '}${e.hint[ctx.lang]}`);
        return EXIT.rejected;
      }
      if (e instanceof SnapshotError) {
        ctx.io.err(`${e.code} ${e.file}: ${e.localized[ctx.lang]}`);
        return EXIT.rejected;
      }
      throw e;
    }
  },
};
