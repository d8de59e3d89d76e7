// The compiler: safety (with OPA's body reordering), recursion, conflicts, unknown functions,
// indexing, and rule annotations exposed through the public API.
import { describe, expect, it } from 'vitest';
import { compile, RegoError } from '../../src/rego/index.ts';

function compileError(text: string): RegoError {
  try {
    compile([{ name: 'p.rego', text }]);
  } catch (e) {
    if (e instanceof RegoError) return e;
    throw e;
  }
  throw new Error('expected a compile error');
}

describe('Rego compiler', () => {
  it('reorders a body so a variable is bound before it is used', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nr := y if {\n  y := x + 1\n  x := 41\n}\n' }]);
    expect(c.evalRule('data.p.r')).toBe(42);
  });

  it('rejects a variable that nothing binds with rego_unsafe_var_error at its line', () => {
    const e = compileError('package p\nr if {\n  x > 1\n}\n');
    expect(e.code).toBe('rego_unsafe_var_error');
    expect(e.message).toContain('var x is unsafe');
    expect(e.location?.row).toBe(3);
  });

  it('rejects a negated expression over an unbound variable', () => {
    expect(compileError('package p\nr if {\n  not input.xs[i]\n}\n').code).toBe('rego_unsafe_var_error');
  });

  it('rejects rules that depend on themselves with rego_recursion_error', () => {
    const e = compileError('package p\na if b\nb if a\n');
    expect(e.code).toBe('rego_recursion_error');
    expect(e.message).toMatch(/data\.p\.a -> data\.p\.b -> data\.p\.a|data\.p\.b -> data\.p\.a -> data\.p\.b/);
  });

  it('rejects a call to an unknown function with rego_type_error', () => {
    const e = compileError('package p\nr := no_such_fn(1)\n');
    expect(e.code).toBe('rego_type_error');
    expect(e.message).toContain('undefined function no_such_fn');
  });

  it('collects several errors instead of stopping at the first', () => {
    const e = compileError('package p\na if { x > 1 }\nb if { y > 1 }\n');
    expect(e.errors.map((d) => d.message)).toEqual(['var x is unsafe', 'var y is unsafe']);
  });

  it('indexes thousands of rules on an input equality and still picks the right ones', () => {
    const rules = Array.from({ length: 3000 }, (_, i) => `deny contains ${i} if input.port == ${i}`).join('\n');
    const c = compile([{ name: 'p.rego', text: `package p\n${rules}\ndeny contains "any" if input.any\n` }]);
    expect(c.evalRule('data.p.deny', { port: 2999 })).toEqual(c.evalRule('data.p.deny', { port: 2999 }));
    expect([...(c.evalRule('data.p.deny', { port: 2999 }) as Iterable<unknown>)]).toEqual([2999]);
    expect([...(c.evalRule('data.p.deny', { port: 7, any: true }) as Iterable<unknown>)].sort()).toEqual([7, 'any']);
    expect([...(c.evalRule('data.p.deny', {}) as Iterable<unknown>)]).toEqual([]);
  });

  it('exposes the METADATA of every rule with its data path', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\n# METADATA\n# custom:\n#   id: SS-1\ndeny contains 1 if input.x\n' }]);
    const a = c.annotations().find((x) => x.path.join('.') === 'data.p.deny')!;
    expect(a.annotations[0]!.custom).toEqual({ id: 'SS-1' });
    expect(a.location.row).toBe(5);
  });
});
