import { describe, expect, it } from 'vitest';
import { call, fails, j, set } from './helpers.ts';

describe('types and casts', () => {
  it('names types and answers is_* with false, not undefined', () => {
    expect(call('type_name', set(1))).toBe('"set"');
    expect(call('type_name', j('{}'))).toBe('"object"');
    expect(call('is_number', null)).toBe('false');
    expect(call('is_set', set())).toBe('true');
    expect(call('is_array', set())).toBe('false');
  });

  it('converts to numbers like OPA to_number and refuses NaN and infinities', () => {
    expect(call('to_number', '-42.0')).toBe('-42');
    expect(call('to_number', true)).toBe('1');
    expect(call('to_number', null)).toBe('0');
    expect(call('to_number', '18446744073709551617')).toBe('18446744073709551617');
    expect(fails('to_number', 'broken')).toBe('eval_builtin_error: to_number: strconv.ParseFloat: parsing "broken": invalid syntax');
    expect(fails('to_number', 'nan')).toMatch(/^eval_type_error: /);
    expect(fails('to_number', '-Infinity')).toMatch(/^eval_type_error: /);
  });

  it('casts between arrays and sets and checks the other casts', () => {
    expect(call('cast_array', set(2, 1))).toBe('[1,2]');
    expect(call('cast_set', [1, 1, 2])).toBe('[1,2]');
    expect(fails('cast_string', 1)).toBe('eval_type_error: cast_string: operand 1 must be string but got number');
  });
});

describe('semver', () => {
  it('validates and compares semantic versions with pre-release precedence', () => {
    expect(call('semver.is_valid', '1.0.0')).toBe('true');
    expect(call('semver.is_valid', '1')).toBe('false');
    expect(call('semver.is_valid', 1)).toBe('false');
    expect(call('semver.compare', '1.0.0', '2.0.0')).toBe('-1');
    expect(call('semver.compare', '1.0.0-alpha', '1.0.0')).toBe('-1');
    expect(call('semver.compare', '1.0.0-alpha.10', '1.0.0-alpha.9')).toBe('1');
    expect(call('semver.compare', '1.0.0+build1', '1.0.0+build2')).toBe('0');
    expect(fails('semver.compare', '1', '1.0.0')).toBe('eval_builtin_error: semver.compare: operand 1: string "1" is not a valid SemVer');
  });
});

describe('uuid', () => {
  it('parses version, variant and the time fields of version 1 and 2 UUIDs', () => {
    expect(call('uuid.parse', '00000000-0000-4000-8000-000000000000')).toBe('{"variant":"RFC4122","version":4}');
    expect(call('uuid.parse', 'urn:uuid:000003E8-48B9-21EE-B200-325096B39F47')).toBe(
      '{"clocksequence":12800,"domain":"Person","id":1000,"macvariables":"local:unicast","nodeid":"32-50-96-b3-9f-47","time":1693566990121469600,"variant":"RFC4122","version":2}',
    );
    expect(call('uuid.parse', '38074da40b00388d9c3c362de965547a')).toBe('{"variant":"RFC4122","version":3}');
    expect(call('uuid.parse', '123')).toBe('undefined');
  });

  it('generates one version 4 UUID per key per query', () => {
    const u = call('uuid.rfc4122', 'k');
    expect(JSON.parse(u)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('units', () => {
  it('parses SI and binary units, m being milli, exactly', () => {
    expect(call('units.parse', '500m')).toBe('0.5');
    expect(call('units.parse', '0.0000005M')).toBe('0.5');
    expect(call('units.parse', '1G')).toBe('1000000000');
    expect(call('units.parse', '8g')).toBe('8000000000');
    expect(call('units.parse', '2Mi')).toBe('2097152');
    expect(fails('units.parse', '100 k')).toBe('eval_builtin_error: units.parse: spaces not allowed in resource strings');
    expect(fails('units.parse', 'G')).toBe('eval_builtin_error: units.parse: no amount provided');
    expect(fails('units.parse', '0.0.0')).toBe('eval_builtin_error: units.parse: could not parse amount to a number');
    expect(fails('units.parse', '10e10000000Ei')).toBe('eval_builtin_error: units.parse: exponent too large');
  });

  it('parses byte sizes case-insensitively, truncating fractional bytes', () => {
    expect(call('units.parse_bytes', '1.1KiB')).toBe('1126');
    expect(call('units.parse_bytes', '"100TIB"')).toBe('109951162777600');
    expect(call('units.parse_bytes', '10ei')).toBe('11529215046068469760');
    expect(call('units.parse_bytes', '5E')).toBe('5000000000000000000');
    expect(call('units.parse_bytes', '1e-2KB')).toBe('10');
    expect(fails('units.parse_bytes', '')).toBe('eval_builtin_error: units.parse_bytes: no byte amount provided');
  });
});

describe('graph', () => {
  const g = j('{"a":["b","c"],"b":["d"],"c":["d"],"d":[],"e":["f"],"f":["e"],"x":["x"]}');

  it('finds the nodes reachable from the initial ones, ignoring nodes outside the graph', () => {
    expect(call('graph.reachable', g, set('b', 'e'))).toBe('["b","d","e","f"]');
    expect(call('graph.reachable', j('{}'), set('a'))).toBe('[]');
    expect(call('graph.reachable', j('{"a":null}'), ['a'])).toBe('["a"]');
    expect(fails('graph.reachable', 1, [1])).toBe('eval_type_error: graph.reachable: operand 1 must be object but got number');
  });

  it('lists every path to a leaf or a closing cycle', () => {
    expect(call('graph.reachable_paths', j('{"a":["b","c"],"b":["c"],"c":[]}'), set('a'))).toBe('[["a","b","c"],["a","c"]]');
    expect(call('graph.reachable_paths', j('{"1":[],"2":["1"],"3":["2"],"4":["3","2"],"5":["4"]}'), ['5'])).toBe(
      '[["5","4","2","1"],["5","4","3","2","1"]]',
    );
    expect(call('graph.reachable_paths', j('{"a":["b"],"b":["c"],"c":["a"]}'), ['a'])).toBe('[["a","b","c"]]');
  });
});
