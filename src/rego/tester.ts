// A test runner like `opa test`: every rule named test_* in a *_test.rego module is evaluated;
// it passes when its value is defined and not false, fails otherwise, and errors when evaluation
// raises (conflicts, strict built-in errors). Compile errors are returned, not thrown.
import type { Loc, Module } from './ast.ts';
import { RegoError, type RegoErrorDetail } from './errors.ts';
import { compile, type CompileOptions } from './index.ts';
import { parseModule } from './parser.ts';

export interface TestResult {
  /** data path of the test rule, e.g. data.policies.ports_test.test_deny_ssh */
  name: string;
  pkg: string;
  location: Loc;
  outcome: 'pass' | 'fail' | 'error';
  error?: RegoErrorDetail;
  durationMs: number;
}

export interface TestReport {
  results: TestResult[];
  passed: number;
  failed: number;
  errored: number;
  /** Errors that stopped the whole run (parse or compile): no test ran. */
  compileErrors: RegoErrorDetail[];
}

export function runTests(files: { name: string; text: string }[], opts: CompileOptions & { filter?: RegExp } = {}): TestReport {
  const report: TestReport = { results: [], passed: 0, failed: 0, errored: 0, compileErrors: [] };
  const modules: Module[] = [];
  for (const f of files) {
    try {
      modules.push(parseModule(f.name, f.text));
    } catch (e) {
      if (!(e instanceof RegoError)) throw e;
      report.compileErrors.push(...e.errors);
    }
  }
  if (report.compileErrors.length) return report;
  let compiled;
  try {
    compiled = compile(modules, opts);
  } catch (e) {
    if (!(e instanceof RegoError)) throw e;
    report.compileErrors.push(...e.errors);
    return report;
  }
  const seen = new Set<string>();
  for (const m of modules) {
    if (!m.file.endsWith('_test.rego')) continue;
    for (const r of m.rules) {
      const head = r.ref[0];
      if (r.ref.length !== 1 || head?.type !== 'var' || !head.name.startsWith('test_') || r.kind === 'func') continue;
      const path = ['data', ...m.pkg, head.name].join('.');
      if (seen.has(path)) continue;
      seen.add(path);
      if (opts.filter && !opts.filter.test(path)) continue;
      const t0 = performance.now();
      const res: TestResult = { name: path, pkg: m.pkg.join('.'), location: r.loc, outcome: 'fail', durationMs: 0 };
      try {
        const v = compiled.evalRule(path, undefined, { strict: true });
        res.outcome = v !== undefined && v !== false ? 'pass' : 'fail';
      } catch (e) {
        if (!(e instanceof RegoError)) throw e;
        res.outcome = 'error';
        res.error = e.errors[0];
      }
      res.durationMs = performance.now() - t0;
      report.results.push(res);
      if (res.outcome === 'pass') report.passed++;
      else if (res.outcome === 'fail') report.failed++;
      else report.errored++;
    }
  }
  return report;
}
