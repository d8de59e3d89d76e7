// The Rego v1 parser: rule forms, expressions, lossless numbers, METADATA, and positioned errors.
import { describe, expect, it } from 'vitest';
import { BigNum, parseModule, parseQuery, RegoError } from '../../src/rego/index.ts';

function parseError(text: string): RegoError {
  try {
    parseModule('p.rego', text);
  } catch (e) {
    if (e instanceof RegoError) return e;
    throw e;
  }
  throw new Error('expected a parse error');
}

describe('Rego parser', () => {
  it('reads the package, imports and every rule form of Rego v1', () => {
    const m = parseModule(
      'p.rego',
      `package a.b
import rego.v1
import data.lib.net as n
default allow := false
allow if input.user == "admin"
deny contains msg if { msg := "x" }
ports[name] := p if { some name, p in input.ports }
a.b[c] contains x if { some c, x in input.m }
f(x) := y if { y := x + 1 }
g(x) if x > 1 else := false
`,
    );
    expect(m.pkg).toEqual(['a', 'b']);
    expect(m.imports.map((i) => i.alias)).toEqual([undefined, 'n']);
    expect(m.rules.map((r) => [r.kind, r.isDefault])).toEqual([
      ['complete', true],
      ['complete', false],
      ['set', false],
      ['complete', false],
      ['set', false],
      ['func', false],
      ['func', false],
    ]);
    expect(m.rules[6]!.elses).toHaveLength(1);
  });

  it('keeps big integers and long decimals exact', () => {
    const body = parseQuery('x := 123456789012345678901234567890; y := 0.1000000000000000000001');
    const rhs = (i: number) => (body[i] as { rhs: { value: unknown } }).rhs.value;
    expect(rhs(0)).toBeInstanceOf(BigNum);
    expect((rhs(0) as BigNum).text).toBe('123456789012345678901234567890');
    expect((rhs(1) as BigNum).text).toBe('0.1000000000000000000001');
  });

  it('reads raw strings, escapes, set(), comprehensions, every, some-in, with and not', () => {
    const body = parseQuery('x := `a\\b`; y := "\\u00e9\\n"; s := set(); c := {k: v | some k, v in input}; every v in [1] { v > 0 }; not input.x with input as {}');
    expect(body.map((e) => e.type)).toEqual(['assign', 'assign', 'assign', 'assign', 'every', 'term']);
    expect((body[0] as { rhs: { value: unknown } }).rhs.value).toBe('a\\b');
    expect((body[1] as { rhs: { value: unknown } }).rhs.value).toBe('é\n');
    expect(body[5]!.negated).toBe(true);
    expect(body[5]!.with).toHaveLength(1);
  });

  it('attaches METADATA blocks to the following rule and to the package', () => {
    const m = parseModule(
      'p.rego',
      `# METADATA
# title: Ports
package ports

# METADATA
# title: SSH open
# custom:
#   id: SS-12-001
#   severity: high
deny contains "ssh" if input.port == 22
`,
    );
    expect(m.annotations[0]!.scope).toBe('package');
    expect(m.annotations[0]!.title).toBe('Ports');
    const ann = m.rules[0]!.annotations[0]!;
    expect(ann.scope).toBe('rule');
    expect(ann.custom).toEqual({ id: 'SS-12-001', severity: 'high' });
  });

  it('reports rego_parse_error with file and line when `if` is missing before a body', () => {
    const e = parseError('package p\n\nallow {\n  true\n}\n');
    expect(e.code).toBe('rego_parse_error');
    expect(e.location).toMatchObject({ file: 'p.rego', row: 3 });
    expect(e.message).toContain('`if` keyword is required');
  });

  it('reports rego_parse_error for an unterminated string and for a missing package', () => {
    expect(parseError('package p\nx := "abc\n').code).toBe('rego_parse_error');
    expect(parseError('allow := true\n').message).toContain('package expected');
  });
});
