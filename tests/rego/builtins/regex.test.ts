import { describe, expect, it } from 'vitest';
import { translateRE2 } from '../../../src/rego/builtins/re2.ts';
import { call, fails } from './helpers.ts';

describe('regex built-ins (Go RE2 semantics)', () => {
  it('matches unanchored like Go and anchors ^ and $ to the whole text', () => {
    expect(call('regex.match', '^[a-z]+\\[[0-9]+\\]$', 'foo[1]')).toBe('true');
    expect(call('regex.match', '', 'x')).toBe('true');
    expect(call('regex.match', '^$', 'something')).toBe('false');
    expect(call('regex.match', 'a$', 'a\n')).toBe('false');
    expect(call('regex.match', '(?m)a$', 'a\nb')).toBe('true');
    expect(call('re_match', 'b+', 'abbbc')).toBe('true');
  });

  it('lets . skip newlines unless (?s), and never treats \\r as a line end', () => {
    expect(call('regex.match', '^a.b$', 'a\nb')).toBe('false');
    expect(call('regex.match', '(?s)^a.b$', 'a\nb')).toBe('true');
    expect(call('regex.match', '^a.b$', 'a\rb')).toBe('true');
  });

  it('supports RE2-only syntax: \\A, \\z, \\Q..\\E, POSIX classes, (?P<name>), mid-pattern flags', () => {
    expect(call('regex.match', '\\Aab\\z', 'ab')).toBe('true');
    expect(call('regex.match', '^\\Qa.b\\E$', 'a.b')).toBe('true');
    expect(call('regex.match', '^\\Qa.b\\E$', 'axb')).toBe('false');
    expect(call('regex.match', '^[[:alpha:]]+$', 'abcXYZ')).toBe('true');
    expect(call('regex.match', '^(?P<word>\\w+)$', 'abc')).toBe('true');
    expect(call('regex.match', '^a(?i)bc$', 'aBC')).toBe('true');
    expect(call('regex.match', '^a(?i)bc$', 'ABC')).toBe('false');
    expect(call('regex.match', '^(?i:b)c$', 'Bc')).toBe('true');
    expect(call('regex.match', '^\\pL+$', 'héllo')).toBe('true');
  });

  it('keeps \\s to ASCII white space as RE2 does', () => {
    expect(call('regex.match', '^\\s$', '\u00a0')).toBe('false');
    expect(call('regex.match', '^\\s$', '\t')).toBe('true');
  });

  it('treats braces that are not a repeat as literals', () => {
    expect(call('regex.match', '^a{,2}$', 'a{,2}')).toBe('true');
    expect(call('regex.match', '^a{2}$', 'aa')).toBe('true');
  });

  it('rejects what RE2 rejects, with Go error text', () => {
    expect(fails('regex.match', '(a)\\1', 'aa')).toBe('eval_builtin_error: regex.match: error parsing regexp: invalid escape sequence: `\\1`');
    expect(fails('regex.match', '(?=a)', 'a')).toBe('eval_builtin_error: regex.match: error parsing regexp: invalid or unsupported Perl syntax: `(?=`');
    expect(fails('regex.match', '(?<!a)b', 'b')).toBe('eval_builtin_error: regex.match: error parsing regexp: invalid named capture: `(?<!a)b`');
    expect(fails('regex.match', '$^[[[', 'x')).toBe('eval_builtin_error: regex.match: error parsing regexp: missing closing ]: `[[[`');
    expect(fails('regex.match', 'a**', 'a')).toBe('eval_builtin_error: regex.match: error parsing regexp: invalid nested repetition operator: `**`');
    expect(fails('regex.match', 'a{1001}', 'a')).toBe('eval_builtin_error: regex.match: error parsing regexp: invalid repeat count: `{1001}`');
    expect(fails('regex.match', '(abc', 'a')).toBe('eval_builtin_error: regex.match: error parsing regexp: missing closing ): `(abc`');
    expect(call('regex.is_valid', '++')).toBe('false');
    expect(call('regex.is_valid', 1)).toBe('false');
  });

  it('finds non-overlapping matches and skips an empty match right after a match, like Go', () => {
    expect(call('regex.find_n', 'a.', 'paranormal', -1)).toBe('["ar","an","al"]');
    expect(call('regex.find_n', 'a.', 'paranormal', 2)).toBe('["ar","an"]');
    expect(call('regex.find_n', 'a*', 'baaac', -1)).toBe('["","aaa",""]');
    expect(call('regex.find_all_string_submatch_n', '[^aouiye]([aouiye])([^aouiye])?', 'somestri', -1)).toBe('[["som","o","m"],["ri","i",""]]');
  });

  it('splits like Go regexp.Split', () => {
    expect(call('regex.split', 'a', 'banana')).toBe('["b","n","n",""]');
    expect(call('regex.split', '^[a-z ]+$', 'foobar baz')).toBe('["",""]');
    expect(call('regex.split', '^[a-z]+\\[[0-9]+\\]$', '')).toBe('[""]');
  });

  it('replaces with Go template expansion ($1, ${name})', () => {
    expect(call('regex.replace', 'foo bar', '(?P<w>o+)', '[${w}]')).toBe('"f[oo] bar"');
    expect(call('regex.replace', 'abc', 'b', '$$')).toBe('"a$c"');
    expect(call('regex.replace', 'abc', '(b)', '$1x')).toBe('"ac"');
  });

  it('matches templates with regex parts between delimiters', () => {
    expect(call('regex.template_match', 'urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}')).toBe('true');
    expect(call('regex.template_match', 'urn:foo.bar.com:{.*}', 'urn:foo.com:bar:baz', '{', '}')).toBe('false');
  });

  it('emits JavaScript source that V8 accepts for every construct it translates', () => {
    for (const p of ['[]a]', '[^\\S]', '\\x{263a}', '(?U)a*', '[\\d\\p{Greek}-]', '(?i)straße']) {
      const t = translateRE2(p);
      expect(() => new RegExp(t.source, t.flags)).not.toThrow();
    }
  });
});

describe('glob built-ins', () => {
  it('matches with separators, super-globs, classes and alternatives', () => {
    expect(call('glob.match', 'api.**.com', ['.'], 'api.cdn.github.com')).toBe('true');
    expect(call('glob.match', '*.github.com', ['.'], 'api.not-github.com')).toBe('false');
    expect(call('glob.match', '*', [], 'foo.bar')).toBe('false');
    expect(call('glob.match', '*', null, 'foo.bar')).toBe('true');
    expect(call('glob.match', '[!a-c]at', [], 'fat')).toBe('true');
    expect(call('glob.match', '{cat,bat,[fr]at}', [], 'rat')).toBe('true');
    expect(call('glob.match', '?at', ['f'], 'bat')).toBe('true');
  });

  it('quotes glob metacharacters', () => {
    expect(call('glob.quote_meta', '*.github.com')).toBe(JSON.stringify('\\*.github.com'));
  });
});

describe('regex.globs_match', () => {
  it('answers whether two glob-intersection patterns share a string', () => {
    expect(call('regex.globs_match', '[a-z]+', '[0-9]*')).toBe('false');
    expect(call('regex.globs_match', 'b.*', 'bar')).toBe('true');
    expect(call('regex.globs_match', '[a-z]+\\[[0-9]+\\]', 'foo\\[1\\]')).toBe('true');
    expect(call('regex.globs_match', '[a-z]+\\[[0-9]+\\]', 'foo["bar"]')).toBe('false');
    expect(call('regex.globs_match', 'a*b', '[^b]*')).toBe('false');
  });

  it('rejects malformed patterns with the library message', () => {
    expect(fails('regex.globs_match', 'pqrs]', '[a-b]+')).toBe(
      "eval_builtin_error: regex.globs_match: input:pqrs], pos:5, set-close ']' with no preceding '[': the input provided is invalid",
    );
  });
});
