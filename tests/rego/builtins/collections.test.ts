import { describe, expect, it } from 'vitest';
import { call, fails, j, set } from './helpers.ts';

describe('aggregates', () => {
  it('counts arrays, sets, objects and the runes of a string', () => {
    expect(call('count', [1, 2, 3, 4])).toBe('4');
    expect(call('count', set(1, 2))).toBe('2');
    expect(call('count', j('{"a":1}'))).toBe('1');
    expect(call('count', 'åäö')).toBe('3');
    expect(fails('count', null)).toBe('eval_type_error: count: operand 1 must be one of {array, object, set, string} but got null');
  });

  it('sums and multiplies arrays and sets of numbers exactly', () => {
    expect(call('sum', [49649733057, 1])).toBe('49649733058');
    expect(call('product', set(1, 2, 3, 4))).toBe('24');
    expect(fails('sum', [1, 'a'])).toBe('eval_type_error: sum: operand 1 must be array of numbers but got array containing string');
  });

  it('answers max and min in OPA order and is undefined on empty input', () => {
    expect(call('max', [3, 2, 1, 4, 6, -7, 10])).toBe('10');
    expect(call('min', [3, 2, 1, 4, 6, -7, 10])).toBe('-7');
    expect(call('max', [])).toBe('undefined');
    expect(call('max', [1, 'a', null])).toBe('"a"');
  });

  it('sorts arrays and sets', () => {
    expect(call('sort', [4, 3, 2, 1])).toBe('[1,2,3,4]');
    expect(call('sort', set('b', 'a'))).toBe('["a","b"]');
  });

  it('answers all and any over booleans', () => {
    expect(call('all', [true, true])).toBe('true');
    expect(call('all', [true, 1])).toBe('false');
    expect(call('any', set(false, true))).toBe('true');
    expect(call('any', [])).toBe('false');
  });
});

describe('sets', () => {
  it('intersects and unites sets and sets of sets', () => {
    expect(call('and', set(1, 2, 3), set(2, 3, 4))).toBe('[2,3]');
    expect(call('or', set(1), set(2))).toBe('[1,2]');
    expect(call('intersection', set(set('a', 'b', 'c', 'd'), set('b', 'c', 'd'), set('d')))).toBe('["d"]');
    expect(call('union', set(set(), set(1, 2)))).toBe('[1,2]');
    expect(call('intersection', set())).toBe('[]');
  });
});

describe('arrays', () => {
  it('concatenates, reverses and flattens one level', () => {
    expect(call('array.concat', [1, 2], [3, 4])).toBe('[1,2,3,4]');
    expect(call('array.reverse', [1, 2, 3])).toBe('[3,2,1]');
    expect(call('array.flatten', j('[[1,2],"s",[3,[7,8]]]'))).toBe('[1,2,"s",3,[7,8]]');
    expect(fails('array.concat', j('{}'), [1])).toBe('eval_type_error: array.concat: operand 1 must be array but got object');
  });

  it('slices with indexes clamped to the array as OPA does', () => {
    expect(call('array.slice', [1, 2, 3, 4, 5], 1, 3)).toBe('[2,3]');
    expect(call('array.slice', [1, 2, 3, 4, 5], -1, 2)).toBe('[1,2]');
    expect(call('array.slice', [1, 2, 3, 4, 5], 3, 6)).toBe('[4,5]');
    expect(call('array.slice', [1, 2, 3, 4, 5], 4, 1)).toBe('[]');
    expect(call('array.slice', [1, 2, 3, 4, 5], -4, -1)).toBe('[]');
  });
});

describe('objects', () => {
  it('gets keys, paths into nested objects and arrays, or the default', () => {
    expect(call('object.get', j('{"a":"b"}'), 'a', 'c')).toBe('"b"');
    expect(call('object.get', j('{"a":"b"}'), 'c', 'c')).toBe('"c"');
    expect(call('object.get', j('{"a":{"b":[{"c":1}]}}'), ['a', 'b', 0, 'c'], 2)).toBe('1');
    expect(call('object.get', j('{"a":{"b":[1,2,3]}}'), ['a', 'b', 'a'], 2)).toBe('2');
    expect(call('object.get', j('{"a":1}'), [], 2)).toBe('{"a":1}');
    expect(fails('object.get', 'x', ['a'], 2)).toBe('eval_type_error: object.get: operand 1 must be object but got string');
  });

  it('removes and filters keys given as an array, a set or an object', () => {
    const o = j('{"a":1,"b":{"c":3},"d":4}');
    expect(call('object.remove', o, set('b', 'd'))).toBe('{"a":1}');
    expect(call('object.remove', o, ['d', 'b'])).toBe('{"a":1}');
    expect(call('object.filter', o, j('{"a":0}'))).toBe('{"a":1}');
    expect(fails('object.filter', o, 'a')).toBe('eval_type_error: object.filter: operand 2 must be one of {object, set, array} but got string');
  });

  it('merges objects deeply, the right side winning conflicts', () => {
    expect(call('object.union', j('{"a":1}'), j('{"a":{"b":{"c":1}},"d":7}'))).toBe('{"a":{"b":{"c":1}},"d":7}');
    expect(call('object.union_n', [j('{"a":1,"b":2}'), j('{"a":"a"}'), j('{"a":"final"}')])).toBe('{"a":"final","b":2}');
    expect(call('object.keys', j('{"a":1,"b":2}'))).toBe('["a","b"]');
  });

  it('decides object.subset recursively, arrays as contiguous runs', () => {
    expect(call('object.subset', j('{"a":5,"n":{"x":10,"s":[6,7,8]}}'), j('{"n":{"s":[7,8]}}'))).toBe('true');
    expect(call('object.subset', [1, 2, 3, 4], [2, 4])).toBe('false');
    expect(call('object.subset', [1, 2, 3, 4], set(4, 2))).toBe('true');
    expect(call('object.subset', set(1, 2, 3), set(3, 2))).toBe('true');
  });
});

describe('json and yaml', () => {
  it('filters and removes JSON paths given as strings or segment arrays', () => {
    const doc = j('{"a":{"b":{"c":7,"d":8}},"e":9}');
    expect(call('json.filter', doc, set('a/b/c', 'e'))).toBe('{"a":{"b":{"c":7}},"e":9}');
    expect(call('json.filter', j('{"a":{"b":7}}'), set('a', 'a/b'))).toBe('{"a":{"b":7}}');
    expect(call('json.remove', doc, set(['a', 'b', 'c'], ['e']))).toBe('{"a":{"b":{"d":8}}}');
    expect(call('json.remove', j('{"a":[{"b":7,"c":8},{"d":9}]}'), set('a/0/b', 'a/1'))).toBe('{"a":[{"c":8}]}');
    expect(fails('json.remove', j('{}'), [1])).toBe(
      'eval_type_error: json.remove: operand 2 must be one of {set, array} containing string paths or array of path segments but got number',
    );
  });

  it('applies JSON patches, also into sets, and is undefined when a patch does not apply', () => {
    expect(call('json.patch', j('{"foo":["a"]}'), [j('{"op":"add","path":"/foo/-","value":"b"}')])).toBe('{"foo":["a","b"]}');
    expect(call('json.patch', j('{}'), [j('{"op":"add","path":"/","value":1}')])).toBe('{"":1}');
    expect(call('json.patch', j('{"foo":1}'), [j('{"op":"move","from":"/foo","path":"/bar"}')])).toBe('{"bar":1}');
    expect(call('json.patch', j('{"x":1}'), [j('{"op":"test","path":"/x","value":2}')])).toBe('undefined');
    expect(call('json.patch', [1, 2, 3], [j('{"op":"add","path":"1.2","value":"foo"}')])).toBe('undefined');
  });

  it('marshals like Go: sets as arrays, HTML characters escaped, indentation options', () => {
    expect(callJSON([j('{"foo":1}'), set(1, 2)])).toBe('"[{\\"foo\\":1},[1,2]]"');
    expect(call('json.marshal', '<a&b>')).toBe(JSON.stringify('"\\u003ca\\u0026b\\u003e"'));
    expect(call('json.marshal_with_options', j('{"foo":"bar","bar":"baz"}'), j('{"prefix":"JSON => "}'))).toBe(
      JSON.stringify('JSON => {\nJSON => \t"bar": "baz",\nJSON => \t"foo": "bar"\nJSON => }'),
    );
    expect(call('json.marshal_with_options', [], j('{"indent":"    ","prefix":"---"}'))).toBe('"---[]"');
    expect(fails('json.marshal_with_options', [], j('{"bad":true}'))).toContain('object contained unknown key "bad"');
  });

  it('unmarshals JSON losslessly and validates JSON and YAML', () => {
    expect(call('json.unmarshal', '{"n":18446744073709551617}')).toBe('{"n":18446744073709551617}');
    expect(call('json.is_valid', '{')).toBe('false');
    expect(call('json.is_valid', 1)).toBe('false');
    expect(call('yaml.is_valid', 'foo:\n  - baz: {')).toBe('false');
    expect(call('yaml.unmarshal', 'a: [1, 2]\nb: x\n')).toBe('{"a":[1,2],"b":"x"}');
    expect(call('yaml.marshal', j('{"foo":[1,2],"bar":"x"}'))).toBe(JSON.stringify('bar: x\nfoo:\n- 1\n- 2\n'));
  });
});

function callJSON(v: unknown): string {
  return call('json.marshal', v);
}

describe('json schema', () => {
  const schema = j('{"properties":{"id":{"type":"integer"},"name":{"type":"string","minLength":2,"pattern":"^[a-z]+$"}},"required":["id"],"additionalProperties":false}');

  it('matches documents given as values or JSON text', () => {
    expect(call('json.match_schema', j('{"id":5}'), schema)).toBe('[true,[]]');
    expect(call('json.match_schema', '{"id": 5}', schema)).toBe('[true,[]]');
  });

  it('reports each failure with gojsonschema field, type and description', () => {
    expect(call('json.match_schema', j('{"id":"foo"}'), schema)).toBe(
      '[false,[{"desc":"Invalid type. Expected: integer, given: string","error":"id: Invalid type. Expected: integer, given: string","field":"id","type":"invalid_type"}]]',
    );
    const r = JSON.parse(call('json.match_schema', j('{"name":"X","extra":1}'), schema)) as [boolean, { type: string }[]];
    expect(r[0]).toBe(false);
    expect(r[1].map((e) => e.type).sort()).toEqual(['additional_property_not_allowed', 'pattern', 'required', 'string_gte']);
  });

  it('verifies schemas and rejects unknown types', () => {
    expect(call('json.verify_schema', '{"type": "boolean"}')).toBe('[true,null]');
    expect(call('json.verify_schema', j('{"type":"unknown_type"}'))).toBe(
      JSON.stringify([false, 'jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:[array boolean integer number null object string]']),
    );
    expect(fails('json.match_schema', j('{}'), j('{"properties":{"id":{"type":"unknown"}}}'))).toContain('has a primitive type that is NOT VALID -- given: /unknown/');
  });
});
