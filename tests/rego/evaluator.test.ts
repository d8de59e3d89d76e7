// The evaluator: unification, undefined semantics, virtual and base documents, partial rules,
// functions, else, every, not, comprehensions, with, walk, print, errors, and lossless numbers.
import { describe, expect, it } from 'vitest';
import { compile, RegoError, toJS, toJSON, type Value } from '../../src/rego/index.ts';

function evalQ(text: string, query: string, opts: { input?: unknown; data?: Record<string, unknown>; strict?: boolean } = {}): unknown[] {
  const c = compile([{ name: 'p.rego', text }], { data: opts.data, strictBuiltinErrors: opts.strict });
  return c.query(query, { input: opts.input }).map((b) => Object.fromEntries([...b].map(([k, v]) => [k, toJS(v)])));
}

function evalErr(text: string, query: string, opts: { strict?: boolean; input?: unknown } = {}): RegoError {
  try {
    evalQ(text, query, opts);
  } catch (e) {
    if (e instanceof RegoError) return e;
    throw e;
  }
  throw new Error('expected an evaluation error');
}

describe('Rego evaluator', () => {
  it('unifies composite patterns in both directions', () => {
    expect(evalQ('package p', '[x, 2] = [1, y]')).toEqual([{ x: 1, y: 2 }]);
    expect(evalQ('package p', '{"a": x} = {"a": [1, 2]}')).toEqual([{ x: [1, 2] }]);
  });

  it('enumerates references with unbound variables and backtracks', () => {
    expect(evalQ('package p', 'x := input.xs[i]; x > 1', { input: { xs: [1, 2, 3] } })).toEqual([
      { x: 2, i: 1 },
      { x: 3, i: 2 },
    ]);
  });

  it('treats a missing input field as undefined, so a deny rule reading it does not fire and `not` does', () => {
    const text = 'package p\ndeny if input.port == 22\nmissing if not input.port\n';
    expect(evalQ(text, 'x := data.p', { input: {} })).toEqual([{ x: { missing: true } }]);
  });

  it('builds partial sets and objects, and complete rules with defaults', () => {
    const text = `package p
default level := "low"
level := "high" if input.port == 22
open contains port if some port in input.ports
by_port[port] := true if some port in input.ports
`;
    expect(evalQ(text, 'x := data.p', { input: { port: 22, ports: [80, 80, 443] } })).toEqual([{ x: { level: 'high', open: [80, 443], by_port: { '80': true, '443': true } } }]);
    expect(evalQ(text, 'x := data.p.level', { input: {} })).toEqual([{ x: 'low' }]);
  });

  it('merges virtual documents with base data under the same package', () => {
    expect(evalQ('package a.b\nr := 1', 'x := data.a', { data: { a: { c: 2 } } })).toEqual([{ x: { b: { r: 1 }, c: 2 } }]);
  });

  it('raises eval_conflict_error when a complete rule has two values', () => {
    const e = evalErr('package p\nr := 1\nr := 2 if true\n', 'x := data.p.r');
    expect(e.code).toBe('eval_conflict_error');
    expect(e.message).toContain('complete rules must not produce multiple outputs');
  });

  it('calls functions with patterns, else chains and defaults', () => {
    const text = `package p
f([a, b]) := a + b
g(x) := "big" if x > 10 else := "small"
default h(_) := 0
h(x) := 1 if x == "one"
`;
    expect(evalQ(text, 'a := data.p.f([1, 2]); b := data.p.g(11); c := data.p.g(1); d := data.p.h("two")')).toEqual([{ a: 3, b: 'big', c: 'small', d: 0 }]);
  });

  it('evaluates every, comprehensions and negation', () => {
    const text = `package p
all_positive if every x in input.xs { x > 0 }
doubled := [y | some x in input.xs; y := x * 2]
none_zero if not 0 in input.xs
`;
    expect(evalQ(text, 'x := data.p', { input: { xs: [1, 2] } })).toEqual([{ x: { all_positive: true, doubled: [2, 4], none_zero: true } }]);
  });

  it('replaces input, data, functions and built-ins with `with`, only for that expression', () => {
    const text = `package p
r := input.x
d := data.cfg.limit
f(x) := x + 1
mock(_) := 100
uses_f := f(1)
uses_count := count([1, 2])
`;
    expect(evalQ(text, 'a := data.p.r with input.x as 5; b := data.p.d with data.cfg.limit as 9; c := data.p.uses_f with data.p.f as data.p.mock; d := data.p.uses_count with count as data.p.mock; e := data.p.uses_count')).toEqual([{ a: 5, b: 9, c: 100, d: 100, e: 2 }]);
  });

  it('walks nested documents as a relation of paths and values', () => {
    expect(evalQ('package p', 'walk({"a": [7]}, [path, 7])')).toEqual([{ path: ['a', 0] }]);
  });

  it('sends print output to the configured sink', () => {
    const lines: string[] = [];
    const c = compile([{ name: 'p.rego', text: 'package p\nr if { print("port", input.port, {1}) }' }], { print: (l) => lines.push(l) });
    expect(c.evalRule('data.p.r', { port: 22 })).toBe(true);
    expect(lines).toEqual(['port 22 {1}']);
  });

  it('makes a failing built-in undefined, and raises it in strict mode', () => {
    expect(evalQ('package p', 'x := to_number("abc")')).toEqual([]);
    expect(evalErr('package p', 'x := to_number("abc")', { strict: true }).code).toBe('eval_builtin_error');
  });

  it('keeps numbers beyond 2^53 exact through evaluation', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nr := input.n' }]);
    const v = c.evalRule('data.p.r', { n: 12345678901234567890n }) as Value;
    expect(toJSON(v)).toBe('12345678901234567890');
  });

  it('keeps time.now_ns the same within one query', () => {
    expect(evalQ('package p', 'a := time.now_ns(); b := time.now_ns(); a == b')).toHaveLength(1);
  });

  it('exposes rego.metadata.rule() to the rule it is called from', () => {
    const text = 'package p\n# METADATA\n# title: T\n# custom:\n#   id: SS-1\nr := rego.metadata.rule()\n';
    expect(evalQ(text, 'x := data.p.r')).toEqual([{ x: { custom: { id: 'SS-1' }, scope: 'rule', title: 'T' } }]);
  });

  it('evaluates the experimental and/or keywords and explicit bodies once, without leaking bindings', () => {
    const text = `package p
import future.keywords.and
import future.keywords.or
ok if input.x > 0 and input.y > 0
either if input.x > 5 or input.y > 0
hits := [v | some v in input.xs; v > 0 or v < -10]
scoped if { { z := 1; z == 1 } and { z := 2; z == 2 } }
`;
    expect(evalQ(text, 'x := data.p', { input: { x: 1, y: 2, xs: [1, -20, 0, 3] } })).toEqual([{ x: { ok: true, either: true, hits: [1, -20, 3], scoped: true } }]);
    expect(evalQ(text, 'x := data.p.ok', { input: { x: 0, y: 2, xs: [] } })).toEqual([]);
  });

  it('turns an exhausted call stack on very deep input into a RegoError', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nn := count([v | walk(input, [_, v])])\n' }]);
    let deep: unknown = 1;
    for (let i = 0; i < 50000; i++) deep = { a: deep };
    expect(() => c.evalRule('data.p.n', deep)).toThrow(RegoError);
  });
});
