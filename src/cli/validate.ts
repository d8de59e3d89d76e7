// `govern validate`: checks the shape and references of inventory and request files (src/load) and
// reports every error with file:line:col, a stable code, what is wrong and how to fix it.
import { isAbsolute, resolve } from 'node:path';
import { formatDiagnostic, type Diagnostic, type Lang } from '../i18n/index.ts';
import { loadRepository, validatePaths, type FileReport } from '../load/index.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

function asJson(files: readonly FileReport[], lang: Lang): string {
  return JSON.stringify(
    {
      files: files.map((f) => ({
        path: f.path,
        valid: f.valid,
        errors: f.errors.map((e) => ({
          code: e.code,
          line: e.line,
          column: e.column,
          message: e.hint ? `${e.message[lang]}${lang === 'zh' ? '；' : '; '}${e.hint[lang]}` : e.message[lang],
        })),
      })),
    },
    null,
    2,
  );
}

function asText(files: readonly FileReport[], lang: Lang): string {
  const lines: string[] = [];
  let errors = 0;
  for (const f of files) {
    if (f.valid) continue;
    lines.push(f.path);
    for (const e of f.errors) lines.push(`  ${formatDiagnostic(e, lang)}`);
    errors += f.errors.length;
  }
  const invalid = files.filter((f) => !f.valid).length;
  if (invalid === 0) lines.push(lang === 'zh' ? `全部 ${files.length} 个文件有效` : `all ${files.length} files are valid`);
  else
    lines.push(
      lang === 'zh'
        ? `共 ${files.length} 个文件，${invalid} 个有错误，共 ${errors} 个错误`
        : `${files.length} files, ${invalid} invalid, ${errors} errors`,
    );
  return lines.join('\n');
}

/** Diagnostics that belong to no single file (a missing inventory document) as one pseudo-file. */
function withGlobal(files: FileReport[], diagnostics: readonly Diagnostic[]): FileReport[] {
  const inFiles = new Set(files.flatMap((f) => f.errors));
  const rest = diagnostics.filter((d) => !inFiles.has(d));
  if (rest.length === 0) return files;
  const byPath = new Map<string, Diagnostic[]>();
  for (const d of rest) byPath.set(d.file, [...(byPath.get(d.file) ?? []), d]);
  return [...files, ...[...byPath].map(([path, errors]) => ({ path, valid: false, errors }))];
}

export const command: CommandSpec = {
  name: 'validate',
  summary: {
    zh: '校验清单与变更申请文件的格式和引用（每个错误给出 文件:行:列、错误码、原因和修改方法）',
    en: 'validate the shape and references of inventory and request files (file:line:col, code, what and how to fix)',
  },
  usage: '[--format text|json] [--repo DIR] [PATH...]',
  options: {
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
    repo: { type: 'string', arg: 'DIR', description: { zh: '仓库根目录（默认当前目录）', en: 'repository root (default: the current directory)' } },
  },
  async run(args, ctx) {
    const format = (args.values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError({ zh: '--format 只能是 text 或 json', en: '--format must be text or json' });
    const repoArg = args.values.repo as string | undefined;
    const root = repoArg ? resolve(ctx.cwd, repoArg) : ctx.cwd;
    const result =
      args.positionals.length === 0
        ? await loadRepository(root)
        : await validatePaths(
            root,
            args.positionals.map((p) => (isAbsolute(p) ? p : resolve(ctx.cwd, p))),
          );
    const files = withGlobal(result.files, result.diagnostics);
    if (files.length === 0 && args.positionals.length > 0)
      throw new UsageError({ zh: '给出的路径下没有 YAML 文件', en: 'no YAML files under the given paths' });
    ctx.io.out(format === 'json' ? asJson(files, ctx.lang) : asText(files, ctx.lang));
    return files.every((f) => f.valid) ? EXIT.ok : EXIT.rejected;
  },
};
