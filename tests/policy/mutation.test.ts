// The policy tests can fail: for every deny rule of policies/, the module with that single rule
// removed makes at least one test of its own test file fail. A rule whose removal no test notices
// would be a rule without a test.
import { describe, expect, it } from 'vitest';
import { compile, parseModule, type Module } from '../../src/rego/index.ts';
import { readPolicyModules, type PolicyModule } from '../../src/policy/index.ts';

interface Mutant {
  readonly module: PolicyModule;
  /** 1-based line where the removed rule starts. */
  readonly line: number;
  readonly text: string;
  readonly id: string;
}

/** Every `deny contains ... if { ... }` body of a module, removed one at a time (with its METADATA). */
function mutantsOf(m: PolicyModule): Mutant[] {
  const lines = m.text.split('\n');
  const out: Mutant[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith('deny contains ')) continue;
    let end = i;
    while (end < lines.length && lines[end] !== '}') end++;
    let start = i;
    while (start > 0 && lines[start - 1]!.startsWith('#')) start--;
    const id = /"(SS-\d{2}-\d{3})"/.exec(lines[i]!)?.[1] ?? '?';
    out.push({ module: m, line: i + 1, id, text: [...lines.slice(0, start), ...lines.slice(end + 1)].join('\n') });
  }
  return out;
}

const modules = readPolicyModules(undefined, { tests: true });
// Parsed once; a mutant reparses only its own module (parsing every module per mutant is most of the cost).
const parsed = new Map<string, Module>(modules.map((m) => [m.name, parseModule(m.name, m.text)]));
const mutants = modules.filter((m) => !m.name.endsWith('_test.rego')).flatMap(mutantsOf);

/** Names of the test rules in the test file beside `policy` (art14.rego -> art14_test.rego). */
function testsBeside(policy: string): string[] {
  const t = parsed.get(policy.replace(/\.rego$/, '_test.rego'));
  if (!t) return [];
  const names = new Set<string>();
  for (const r of t.rules) {
    const head = r.ref[0];
    if (r.ref.length === 1 && head?.type === 'var' && head.name.startsWith('test_')) names.add(['data', ...t.pkg, head.name].join('.'));
  }
  return [...names];
}

/** How many of `tests` fail (undefined, false, or an evaluation error) against the given modules. */
function failures(mods: Module[], tests: readonly string[]): number {
  const c = compile(mods);
  let failed = 0;
  for (const name of tests) {
    try {
      const v = c.evalRule(name, undefined, { strict: true });
      if (v === undefined || v === false) failed++;
    } catch {
      failed++;
    }
  }
  return failed;
}

describe('mutation of the deny rules', () => {
  it('finds the deny rules of every article', () => {
    const ids = new Set(mutants.map((m) => m.id));
    for (const id of ['SS-06-001', 'SS-09-001', 'SS-10-001', 'SS-14-001', 'SS-14-101', 'SS-15-005', 'SS-20-101', 'SS-25-001']) expect(ids).toContain(id);
    expect(mutants.length).toBeGreaterThan(40);
  });

  it('leaves every test passing when nothing is removed', () => {
    const all = [...parsed.values()];
    const tests = [...new Set(mutants.map((m) => m.module.name))].flatMap(testsBeside);
    expect(tests.length).toBeGreaterThan(100);
    expect(failures(all, tests)).toBe(0);
  });

  it.each(mutants.map((m) => [`${m.id} at ${m.module.name}:${m.line}`, m] as const))('fails a test without %s', (_label, m) => {
    const tests = testsBeside(m.module.name);
    expect(tests.length).toBeGreaterThan(0);
    const mods = [...parsed.values()].map((p) => (p.file === m.module.name ? parseModule(m.module.name, m.text) : p));
    expect(failures(mods, tests)).toBeGreaterThan(0);
  });
});
