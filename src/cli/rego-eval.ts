// `govern rego eval [-d FILE_OR_DIR]... [-i INPUT.json] QUERY`: evaluates a query like `opa eval`
// with the in-process engine (src/rego) and prints the result set as JSON.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { compile, parseJSON, parseQuery, RegoError, toJSON, type Value } from '../rego/index.ts';
import { loadFiles } from '../rego/files.ts';
import { regoDiagnostic } from './rego-common.ts';
import { EXIT, OperationalError, UsageError, type CommandSpec } from './types.ts';

const RESULT = '__rego_eval_result__';

export const command: CommandSpec = {
  name: 'rego eval',
  summary: { zh: '用内置 Rego 引擎求值查询（类似 opa eval）', en: 'evaluate a query with the built-in Rego engine (like opa eval)' },
  usage: '[-d FILE_OR_DIR]... [-i INPUT.json] QUERY',
  options: {
    data: { type: 'string', short: 'd', multiple: true, arg: 'PATH', description: { zh: 'Rego 模块或 JSON 数据（文件或目录，可重复）', en: 'Rego modules or JSON data (file or folder, repeatable)' } },
    input: { type: 'string', short: 'i', arg: 'FILE', description: { zh: '输入文档（JSON 文件）', en: 'input document (JSON file)' } },
    strict: { type: 'boolean', description: { zh: '内置函数出错时报错而不是未定义', en: 'raise built-in errors instead of making them undefined' } },
  },
  async run(args, ctx) {
    const query = args.positionals.join(' ').trim();
    if (!query) throw new UsageError({ zh: '缺少查询，例如 data.example.allow', en: 'missing the query, e.g. data.example.allow' });
    const paths = (args.values.data as string[] | undefined) ?? [];
    let input: Value | undefined;
    if (typeof args.values.input === 'string') {
      const file = resolve(ctx.cwd, args.values.input);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new OperationalError({ zh: `无法读取输入文件 ${args.values.input}`, en: `cannot read the input file ${args.values.input}` });
      }
      try {
        input = parseJSON(text);
      } catch (e) {
        throw new UsageError({ zh: `输入文件 ${args.values.input} 不是合法 JSON：${(e as Error).message}`, en: `the input file ${args.values.input} is not valid JSON: ${(e as Error).message}` });
      }
    }
    try {
      const loaded = loadFiles(paths, ctx.cwd);
      const compiled = compile(loaded.modules, { data: loaded.data, print: (l) => ctx.io.err(l) });
      // a single term (e.g. data.pkg.allow) reports its value, as opa eval does; a false value is a result
      const body = parseQuery(query);
      const single = body.length === 1 && body[0]!.type === 'term' && !body[0]!.negated && body[0]!.with.length === 0;
      const rs = compiled.query(single ? `${RESULT} = (${query})` : query, { input, strict: args.values.strict === true });
      const out = rs.map((b) => {
        const bindings = [...b].filter(([k]) => k !== RESULT).map(([k, v]) => JSON.stringify(k) + ':' + toJSON(v));
        const value = single ? toJSON(b.get(RESULT)!) : 'true';
        return `{"expressions":[{"value":${value},"text":${JSON.stringify(query)}}]` + (bindings.length ? `,"bindings":{${bindings.join(',')}}` : '') + '}';
      });
      ctx.io.out('{"result":[' + out.join(',') + ']}');
      return EXIT.ok;
    } catch (e) {
      if (e instanceof RegoError) {
        for (const d of e.errors) ctx.io.err(regoDiagnostic(d, ctx.lang));
        return EXIT.rejected;
      }
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new OperationalError({ zh: `找不到文件：${(e as Error).message}`, en: `file not found: ${(e as Error).message}` });
      throw e;
    }
  },
};
