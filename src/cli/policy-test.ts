// `govern policy test [DIR]`: runs the Rego unit tests (test_* rules in *_test.rego) like
// `opa test`, with the in-process engine. Default folder: policies/.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { RegoError, runTests } from '../rego/index.ts';
import { loadFiles } from '../rego/files.ts';
import { regoDiagnostic } from './rego-common.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'policy test',
  summary: { zh: '运行 Rego 策略单元测试（类似 opa test）', en: 'run the Rego policy unit tests (like opa test)' },
  usage: '[DIR] [--run REGEX] [--verbose]',
  options: {
    run: { type: 'string', arg: 'REGEX', description: { zh: '只运行名称匹配的测试', en: 'only run the tests whose name matches' } },
    verbose: { type: 'boolean', short: 'v', description: { zh: '列出每个测试的结果', en: 'list the result of every test' } },
  },
  async run(args, ctx) {
    const dir = args.positionals[0] ?? 'policies';
    if (!existsSync(resolve(ctx.cwd, dir))) throw new UsageError({ zh: `找不到策略目录 ${dir}`, en: `policy folder ${dir} not found` });
    let filter: RegExp | undefined;
    if (typeof args.values.run === 'string') {
      try {
        filter = new RegExp(args.values.run);
      } catch {
        throw new UsageError({ zh: `--run 不是合法正则：${args.values.run}`, en: `--run is not a valid regular expression: ${args.values.run}` });
      }
    }
    let loaded;
    try {
      loaded = loadFiles([dir], ctx.cwd);
    } catch (e) {
      if (!(e instanceof RegoError)) throw e;
      for (const d of e.errors) ctx.io.err(regoDiagnostic(d, ctx.lang));
      return EXIT.rejected;
    }
    const report = runTests(loaded.modules, { data: loaded.data, filter, print: (l) => ctx.io.out(l) });
    if (report.compileErrors.length) {
      for (const d of report.compileErrors) ctx.io.err(regoDiagnostic(d, ctx.lang));
      return EXIT.rejected;
    }
    for (const r of report.results) {
      const where = `${r.location.file}:${r.location.row}:${r.location.col}`;
      if (r.outcome === 'fail') ctx.io.out(`FAIL ${r.name} (${where})`);
      else if (r.outcome === 'error') ctx.io.out(`ERROR ${r.name} (${where}): ${r.error ? regoDiagnostic(r.error, ctx.lang) : ''}`);
      else if (args.values.verbose === true) ctx.io.out(`PASS ${r.name} (${where})`);
    }
    const failed = report.failed + report.errored;
    ctx.io.out(`${report.passed} passed, ${failed} failed`);
    return failed > 0 ? EXIT.rejected : EXIT.ok;
  },
};
