// `govern schemas`: writes the JSON Schemas of the model to schemas/ (one per document kind);
// with --check, reports stale or missing files instead (exit 1), for CI and the test suite.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { jsonSchemaFiles } from '../model/json-schema.ts';
import { EXIT, type CommandSpec } from './types.ts';

export interface SchemaCheck {
  readonly stale: string[];
  readonly missing: string[];
  readonly extra: string[];
}

/** Compares the generated schemas with the files in `dir`. */
export async function checkSchemas(dir: string): Promise<SchemaCheck> {
  const want = jsonSchemaFiles();
  let present: string[] = [];
  try {
    present = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  } catch {
    present = [];
  }
  const stale: string[] = [];
  const missing: string[] = [];
  for (const [name, text] of want) {
    if (!present.includes(name)) missing.push(name);
    else if ((await readFile(join(dir, name), 'utf8')) !== text) stale.push(name);
  }
  const extra = present.filter((f) => !want.has(f));
  return { stale, missing, extra };
}

export const command: CommandSpec = {
  name: 'schemas',
  summary: { zh: '由模型生成 schemas/ 下的 JSON Schema（--check 只检查是否过期）', en: 'generate the JSON Schemas in schemas/ from the model (--check: only report stale ones)' },
  usage: '[--check] [--repo DIR]',
  options: {
    check: { type: 'boolean', description: { zh: '只检查，不写文件；过期则退出码 1', en: 'check only, write nothing; exit 1 when stale' } },
    repo: { type: 'string', arg: 'DIR', description: { zh: '仓库根目录（默认当前目录）', en: 'repository root (default: the current directory)' } },
  },
  async run(args, ctx) {
    const root = args.values.repo ? resolve(ctx.cwd, String(args.values.repo)) : ctx.cwd;
    const dir = join(root, 'schemas');
    if (args.values.check) {
      const r = await checkSchemas(dir);
      const bad = [...r.stale, ...r.missing, ...r.extra];
      if (bad.length === 0) {
        ctx.io.out(ctx.lang === 'zh' ? 'schemas/ 与模型一致' : 'schemas/ matches the model');
        return EXIT.ok;
      }
      for (const f of r.stale) ctx.io.out(ctx.lang === 'zh' ? `过期：schemas/${f}` : `stale: schemas/${f}`);
      for (const f of r.missing) ctx.io.out(ctx.lang === 'zh' ? `缺少：schemas/${f}` : `missing: schemas/${f}`);
      for (const f of r.extra) ctx.io.out(ctx.lang === 'zh' ? `多余：schemas/${f}` : `not generated: schemas/${f}`);
      ctx.io.out(ctx.lang === 'zh' ? '运行 npm run schemas 重新生成' : 'run npm run schemas to regenerate');
      return EXIT.rejected;
    }
    await mkdir(dir, { recursive: true });
    const files = jsonSchemaFiles();
    for (const [name, text] of files) await writeFile(join(dir, name), text);
    ctx.io.out(ctx.lang === 'zh' ? `已生成 ${files.size} 个 JSON Schema 到 schemas/` : `wrote ${files.size} JSON Schemas to schemas/`);
    return EXIT.ok;
  },
};
