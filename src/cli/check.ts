// `govern check`: validates the county (src/load), evaluates the policies over every request (or the
// ones given as paths) and over the whole state (src/policy), and prints the decisions with the
// approvals each request needs. Exit 0 when nothing is denied, 1 when something is denied or the
// files are invalid, 2 for usage errors.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { LoadOptions } from '../load/index.ts';
import { checkRepositoryParallel, isDenied, policiesFor, PolicyWorker, renderJson, renderMarkdown, renderSarif, renderText } from '../policy/index.ts';
import { mark, timeline, timingOn } from '../timing.ts';
import { AS_OF_OPTION, asOfDay, formatOf, loadOrReportDeferred, REPO_OPTION, repoRoot } from './repository.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;

/** Request files named by the positional paths (files or folders), relative to the root. */
function selectedFiles(root: string, cwd: string, paths: readonly string[], requestFiles: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    const rel = relative(root, abs).split(sep).join('/');
    if (rel.startsWith('..') || !existsSync(abs)) {
      throw new UsageError({ zh: `路径不存在或不在仓库内：${p}`, en: `no such path inside the repository: ${p}` });
    }
    const isDir = statSync(abs).isDirectory();
    const hits = requestFiles.filter((f) => (isDir ? rel === '' || f.startsWith(rel + '/') : f === rel));
    if (hits.length === 0) {
      throw new UsageError({
        zh: `${p} 不是变更申请文件（requests/<单位>/*.yaml）`,
        en: `${p} is not a change request file (requests/<unit>/*.yaml)`,
      });
    }
    for (const h of hits) out.add(h);
  }
  return [...out];
}

export const command: CommandSpec = {
  name: 'check',
  summary: {
    zh: '按《嵊泗县电子政务网络与信息系统安全管理暂行办法》检查变更申请与全局状态，列出每个申请需要的审批',
    en: 'check change requests and the whole state against the Shengsi County Measures, with the approvals each request needs',
  },
  usage: '[--format text|json|markdown|sarif] [--repo DIR] [--as-of YYYY-MM-DD] [PATH...]',
  options: {
    format: {
      type: 'string',
      arg: 'text|json|markdown|sarif',
      description: { zh: '输出格式（默认 text）', en: 'output format (default text)' },
    },
    repo: REPO_OPTION,
    'as-of': AS_OF_OPTION,
  },
  async run(args, ctx) {
    const format = formatOf(args, FORMATS, 'text');
    const root = repoRoot(args, ctx);
    const today = asOfDay(args, ctx);
    // a check of every request of a large county starts its worker thread once the files are
    // listed: it loads part of them when the load cache has none, and parses and compiles the
    // policies while this thread loads the county
    let early: PolicyWorker | undefined;
    const onListed: LoadOptions['onListed'] = (listed) => {
      early = PolicyWorker.early(listed, ctx.env, root);
      return early?.loadHelper();
    };
    const loaded = await loadOrReportDeferred(root, ctx, args.positionals.length === 0 ? { onListed } : {});
    if (!loaded) {
      early?.stop();
      if (timingOn()) ctx.io.err(timeline());
      return EXIT.rejected;
    }
    const { repo, saveCache } = loaded;
    mark(`loaded ${repo.requests.length} requests`);
    const files = args.positionals.length > 0 ? selectedFiles(root, ctx.cwd, args.positionals, repo.requests.map((r) => r.file)) : undefined;
    const { policies, cache } = policiesFor(root, repo.config, ctx.env);
    mark('policies read, decision cache opened');
    // the load cache is written while the worker thread answers (saveCache writes once)
    const result = await checkRepositoryParallel(repo, { today, policies, worker: early, meanwhile: saveCache, ...(files ? { files } : {}), ...(cache ? { cache } : {}) });
    const text =
      format === 'json'
        ? renderJson(result, ctx.lang)
        : format === 'markdown'
          ? renderMarkdown(result, ctx.lang)
          : format === 'sarif'
            ? renderSarif(result, policies.catalog, ctx.lang)
            : renderText(result, ctx.lang);
    ctx.io.out(text);
    mark(`printed ${format}`);
    if (timingOn()) ctx.io.err(timeline());
    const denied = isDenied(result);
    return denied ? EXIT.rejected : EXIT.ok;
  },
};
