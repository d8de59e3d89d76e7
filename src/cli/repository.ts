// Shared by the commands that work on the whole county (check, plan, apply, report, expire...):
// load the repository and, when it is invalid, print every positioned error and stop (exit 1).
import { resolve } from 'node:path';
import { formatDiagnostic } from '../i18n/index.ts';
import { loadRepository, type LoadOptions } from '../load/index.ts';
import type { Repository } from '../model/index.ts';
import { UsageError, type CommandContext, type ParsedArgs } from './types.ts';

/** The repository root: --repo when given, else the current directory. */
export function repoRoot(args: ParsedArgs, ctx: CommandContext): string {
  const r = args.values.repo;
  return typeof r === 'string' ? resolve(ctx.cwd, r) : ctx.cwd;
}

/** Loads the county; on invalid input prints the errors (Chinese first) and returns undefined. */
export async function loadOrReport(root: string, ctx: CommandContext): Promise<Repository | undefined> {
  return (await loadOrReportDeferred(root, ctx))?.repo;
}

/** loadOrReport, with the load cache written when the caller calls saveCache (at a moment it would wait). */
export async function loadOrReportDeferred(
  root: string,
  ctx: CommandContext,
  opts: Pick<LoadOptions, 'onListed'> = {},
): Promise<{ repo: Repository; saveCache: () => void } | undefined> {
  const result = await loadRepository(root, { ...opts, deferSave: true });
  const saveCache = result.saveCache ?? ((): void => undefined);
  if (result.repository) return { repo: result.repository, saveCache };
  saveCache();
  for (const d of result.diagnostics) ctx.io.err(formatDiagnostic(d, ctx.lang));
  ctx.io.err(
    ctx.lang === 'zh'
      ? `仓库校验未通过（${result.diagnostics.length} 个错误），请先修正再运行；可用 govern validate 查看详情。`
      : `the repository is invalid (${result.diagnostics.length} errors): fix them first; govern validate shows the details.`,
  );
  return undefined;
}

/** The day a command works for: --as-of YYYY-MM-DD, else today (UTC+8, the county's calendar day). */
export function asOfDay(args: ParsedArgs, ctx: CommandContext): string {
  const v = args.values['as-of'];
  if (typeof v === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v + 'T00:00:00Z'))) {
      throw new UsageError({ zh: `--as-of 须为日期 YYYY-MM-DD，收到 ${v}`, en: `--as-of must be a date YYYY-MM-DD, got ${v}` });
    }
    return v;
  }
  return new Date(ctx.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export const REPO_OPTION = {
  type: 'string',
  arg: 'DIR',
  description: { zh: '仓库根目录（默认当前目录）', en: 'repository root (default: current directory)' },
} as const;

export const AS_OF_OPTION = {
  type: 'string',
  arg: 'YYYY-MM-DD',
  description: { zh: '按哪一天计算（默认今天，北京时间）', en: 'the day to compute for (default today, China time)' },
} as const;

/** Parses a --format value against the allowed list. */
export function formatOf<T extends string>(args: ParsedArgs, allowed: readonly T[], fallback: T): T {
  const v = args.values.format;
  if (v === undefined) return fallback;
  if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError({ zh: `--format 只能是 ${allowed.join('、')}`, en: `--format must be one of ${allowed.join(', ')}` });
}

export const WITHIN_OPTION = {
  type: 'string',
  arg: 'DAYS',
  description: { zh: '提前提醒的天数（默认 30）', en: 'days of advance notice (default 30)' },
} as const;

/** --within DAYS: how far ahead the scheduled jobs warn (default 30). */
export function withinDays(v: unknown): number {
  if (v === undefined) return 30;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d{1,4}$/.test(v) || !Number.isInteger(n)) {
    throw new UsageError({ zh: `--within 须为 0 到 9999 的天数，收到 ${String(v)}`, en: `--within must be a number of days 0-9999, got ${String(v)}` });
  }
  return n;
}
