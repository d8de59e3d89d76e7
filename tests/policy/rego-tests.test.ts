// The Rego tests beside the policies (policies/**/*_test.rego) pass under the project's engine:
// every rule's denied and allowed cases, run as `opa test` would run them.
import { describe, expect, it } from 'vitest';
import { runTests } from '../../src/rego/index.ts';
import { readPolicyModules } from '../../src/policy/index.ts';

describe('policies/ Rego tests', () => {
  const modules = readPolicyModules(undefined, { tests: true });
  const report = runTests(modules);

  it('compile without errors', () => {
    expect(report.compileErrors).toEqual([]);
  });

  it('run a test for every policy module', () => {
    const tested = new Set(report.results.map((r) => r.location.file.replace(/_test\.rego$/, '.rego')));
    const policies = modules.map((m) => m.name).filter((n) => !n.endsWith('_test.rego') && !n.includes('/lib/'));
    expect(policies.filter((p) => !tested.has(p))).toEqual([]);
  });

  it('all pass', () => {
    const failing = report.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.outcome} ${r.name} (${r.location.file}:${r.location.row})`);
    expect(failing).toEqual([]);
    expect(report.passed).toBeGreaterThan(100);
  });
});
