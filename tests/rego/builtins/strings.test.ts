import { describe, expect, it } from 'vitest';
import { call, fails, j, n, set } from './helpers.ts';

describe('string built-ins', () => {
  it('indexes and slices by code point, not UTF-16 unit', () => {
    expect(call('indexof', 'μx', 'x')).toBe('1');
    expect(call('indexof', '🍧🍨🧁🍰🍮', '🍮')).toBe('4');
    expect(call('indexof', 'μ', 'μμ')).toBe('-1');
    expect(call('indexof_n', '😇😀😇😀😇😀', '😀')).toBe('[1,3,5]');
    expect(call('substring', 'åäö', 0, 2)).toBe('"åä"');
    expect(call('substring', 'abcdefgh', 2, 10000)).toBe('"cdefgh"');
    expect(call('substring', 'aaa', 3, -1)).toBe('""');
    expect(fails('substring', 'aaa', -1, -1)).toBe('eval_builtin_error: substring: negative offset');
    expect(call('strings.reverse', '1😀𝛾')).toBe('"𝛾😀1"');
  });

  it('reports strings.reverse type errors under the name OPA uses', () => {
    expect(fails('strings.reverse', 1)).toBe('eval_type_error: reverse: operand 1 must be string but got number');
  });

  it('splits like Go, including empty separators and split_n from either end', () => {
    expect(call('split', 'foo.bar.baz', '.')).toBe('["foo","bar","baz"]');
    expect(call('split', 'test', '')).toBe('["t","e","s","t"]');
    expect(call('split', '', '')).toBe('[]');
    expect(call('split', '', '.')).toBe('[""]');
    expect(call('strings.split_n', 'a.b.c.d', '.', 2)).toBe('["a","b"]');
    expect(call('strings.split_n', 'a.b.c.d', '.', -2)).toBe('["c","d"]');
    expect(call('strings.split_n', 'abc', '', -2)).toBe('["b","c"]');
  });

  it('trims cutsets, prefixes, suffixes and Go white space', () => {
    expect(call('trim', '¡¡¡foo, bar!!!', '!¡')).toBe('"foo, bar"');
    expect(call('trim_left', '...foo', '.')).toBe('"foo"');
    expect(call('trim_right', '¡¡¡foo, bar!!!', '!¡')).toBe('"¡¡¡foo, bar"');
    expect(call('trim_suffix', '¡¡¡foo, bar!!!', ', bar!!!')).toBe('"¡¡¡foo"');
    expect(call('trim_prefix', 'foo.bar', 'foo.')).toBe('"bar"');
    expect(call('trim_space', ' \t\n foo, bar \n\t\r\n')).toBe('"foo, bar"');
    expect(call('trim_space', '\ufefffoo')).toBe(JSON.stringify('\ufefffoo'));
  });

  it('replaces, counts and concatenates', () => {
    expect(call('replace', 'foo.bar', '.', ',')).toBe('"foo,bar"');
    expect(call('strings.count', 'cheese', 'e')).toBe('3');
    expect(call('strings.count', 'dummy', '')).toBe('6');
    expect(call('strings.count', '11111', '11')).toBe('2');
    expect(call('concat', '/', ['', 'foo', 'bar'])).toBe('"/foo/bar"');
    expect(call('concat', ',', set('b', 'a'))).toBe('"a,b"');
    expect(fails('concat', ',', [1])).toBe('eval_type_error: concat: operand 2 must be array of strings but got array containing number');
  });

  it('replaces many patterns the way Go strings.Replacer does', () => {
    expect(call('strings.replace_n', j('{"<":"&lt;",">":"&gt;"}'), 'This is <b>HTML</b>!')).toBe('"This is &lt;b&gt;HTML&lt;/b&gt;!"');
    expect(call('strings.replace_n', j('{"f":"x","foo":"xxx"}'), 'foobar')).toBe('"xoobar"');
    expect(fails('strings.replace_n', j('{"f":1}'), 'foo')).toBe('eval_type_error: strings.replace_n: operand 1 non-string value found in pattern object');
  });

  it('matches any prefix or suffix among strings, arrays and sets', () => {
    expect(call('strings.any_suffix_match', ['a/b/c', 'e/f/g'], ['/c', '/a'])).toBe('true');
    expect(call('strings.any_prefix_match', set('a/b', 'c/d'), 'c/')).toBe('true');
    expect(call('strings.any_suffix_match', [], [])).toBe('false');
    expect(fails('strings.any_suffix_match', [1], '/c')).toBe(
      'eval_type_error: strings.any_suffix_match: operand 1 must be array of strings but got array containing number',
    );
  });

  it('formats integers in bases 2, 8, 10 and 16, truncating decimals', () => {
    expect(call('format_int', 15.5, 16)).toBe('"f"');
    expect(call('format_int', -15.5, 16)).toBe('"-f"');
    expect(call('format_int', n('18446744073709551617'), 2)).toBe('"10000000000000000000000000000000000000000000000000000000000000001"');
  });

  it('tests contains, startswith, endswith and case mapping', () => {
    expect(call('contains', 'abcdefgh', 'defg')).toBe('true');
    expect(call('startswith', 'abcdefgh', 'bcd')).toBe('false');
    expect(call('endswith', 'abcdefgh', 'fgh')).toBe('true');
    expect(call('upper', 'AbCdEf')).toBe('"ABCDEF"');
    expect(call('lower', 'AbCdEf')).toBe('"abcdef"');
  });
});

describe('sprintf (Go fmt)', () => {
  it('formats strings, padded integers and rounded floats', () => {
    expect(call('sprintf', 'hi %s', ['there'])).toBe('"hi there"');
    expect(call('sprintf', 'hi %02d', [5])).toBe('"hi 05"');
    expect(call('sprintf', 'hi %.2f', [3.1415])).toBe('"hi 3.14"');
    expect(call('sprintf', '%-5s|%5s|', ['ab', 'cd'])).toBe('"ab   |   cd|"');
    expect(call('sprintf', '%x %X %o %b', [255, 255, 8, 5])).toBe('"ff FF 10 101"');
  });

  it('prints composite values as Rego text and numbers exactly', () => {
    expect(call('sprintf', 'hi %v', [['there', 5, 3.14]])).toBe(JSON.stringify('hi ["there", 5, 3.14]'));
    expect(call('sprintf', '%v', [set()])).toBe('"set()"');
    expect(call('sprintf', '%v', [j('{"a":{"b":true}}')])).toBe(JSON.stringify('{"a": {"b": true}}'));
    expect(call('sprintf', '%v', [n('18446744073709551617')])).toBe('"18446744073709551617"');
    expect(call('sprintf', '%v %v', [1.0, 1.5])).toBe('"1 1.5"');
    expect(call('sprintf', 'hi %v', [n('2e308')])).toBe('"hi 2e308"');
  });

  it('prints %v of floats in exponent form from 1e6 up and below 1e-4, like the shortest %g of Go', () => {
    expect(call('sprintf', '%v', [0.000012])).toBe('"1.2e-05"');
    expect(call('sprintf', '%v', [123456789.5])).toBe('"1.234567895e+08"');
    expect(call('sprintf', '%e', [3.1415])).toBe('"3.141500e+00"');
  });

  it('rounds %f halves to even on the exact binary value, as Go does', () => {
    expect(call('sprintf', '%.2f', [0.125])).toBe('"0.12"');
    expect(call('sprintf', '%.1f', [0.25])).toBe('"0.2"');
  });

  it('marks wrong verbs, missing and extra operands like Go', () => {
    expect(call('sprintf', '%d', [3.5])).toBe('"%!d(float64=3.5)"');
    expect(call('sprintf', '%s', [5])).toBe('"%!s(int=5)"');
    expect(call('sprintf', '%v %v', [1])).toBe('"1 %!v(MISSING)"');
    expect(call('sprintf', 'hi', ['x'])).toBe('"hi%!(EXTRA string=x)"');
    expect(call('sprintf', '100%%', [])).toBe('"100%"');
  });
});

describe('strings.render_template (Go text/template subset)', () => {
  it('renders fields, numbers and ranges with index variables', () => {
    expect(call('strings.render_template', '{{.test}}', j('{"test":"hello world"}'))).toBe('"hello world"');
    expect(call('strings.render_template', '{{.test}}', j('{"test":2023}'))).toBe('"2023"');
    expect(
      call('strings.render_template', '{{range $i, $name := .hellonames}}{{if $i}},{{end}}hello {{$name}}{{end}}', j('{"hellonames":["rohan","john doe"]}')),
    ).toBe('"hello rohan,hello john doe"');
  });

  it('prints <undefined> for missing keys, as OPA does', () => {
    expect(call('strings.render_template', 'test {{.foo}} {{.bar}} {{.baz}}', j('{"baz":1}'))).toBe('"test <undefined> <undefined> 1"');
  });

  it('supports if/else, with, trim markers and functions', () => {
    expect(call('strings.render_template', '{{if .a}}yes{{else}}no{{end}}', j('{"a":false}'))).toBe('"no"');
    expect(call('strings.render_template', '{{with .o}}{{.k}}{{end}}', j('{"o":{"k":"v"}}'))).toBe('"v"');
    expect(call('strings.render_template', 'a  {{- .x -}}  b', j('{"x":1}'))).toBe('"a1b"');
    expect(call('strings.render_template', '{{len .l}} {{index .l 1}} {{printf "%03d" .n}}', j('{"l":[5,6],"n":7}'))).toBe('"2 6 007"');
    expect(call('strings.render_template', '{{.l}} {{.o}}', j('{"l":["a","b"],"o":{"k":1}}'))).toBe('"[a b] map[k:1]"');
  });
});
