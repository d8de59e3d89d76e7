// The evaluator's shortcuts give the same values as the long way: memoized function calls (within
// a query, and across queries for query-independent functions), the fromJS value cache, and the
// arithmetic fast paths on plain numbers.
import { describe, expect, it } from 'vitest';
import * as bf from '../../src/rego/builtins/bigfloat.ts';
import { div } from '../../src/rego/builtins/numbers.ts';
import { compile, createValueCache, fromJS, RegoError, RObject, RSet, toJS, toJSON, type Value } from '../../src/rego/index.ts';

function one(c: ReturnType<typeof compile>, query: string, input?: unknown, strict?: boolean): Record<string, unknown> | undefined {
  const rs = c.query(query, { input, strict });
  expect(rs.length).toBeLessThanOrEqual(1);
  const b = rs[0];
  return b && Object.fromEntries([...b].map(([k, v]) => [k, toJS(v)]));
}

describe('memoized function calls', () => {
  it('give each distinct argument list its own result, scalars of different types included', () => {
    const c = compile([
      {
        name: 'p.rego',
        text: `package p
add(a, b) := a + b
kind(x) := type_name(x)
double(o) := o.n * 2
r := [add(1, 2), add(1, 3), add(2, 2), add(1, 2)]
k := [kind(1), kind("1"), kind(true), kind(null), kind(1)]
d := [double({"n": 1}), double({"n": 2}), double(input.a), double(input.b), double(input.a)]
`,
      },
    ]);
    expect(one(c, 'r := data.p.r; k := data.p.k; d := data.p.d', { a: { n: 10 }, b: { n: 20 } })).toEqual({
      r: [3, 4, 4, 3],
      k: ['number', 'string', 'boolean', 'null', 'number'],
      d: [2, 4, 20, 40, 20],
    });
  });

  it('do not carry a result that depends on input from one query to the next', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nshift(x) := x + input.base\nscale(x) := x * 10\n' }]);
    expect(one(c, 'a := data.p.shift(1); b := data.p.scale(input.x)', { base: 1, x: 1 })).toEqual({ a: 2, b: 10 });
    expect(one(c, 'a := data.p.shift(1); b := data.p.scale(input.x)', { base: 100, x: 2 })).toEqual({ a: 101, b: 20 });
    expect(one(c, 'a := data.p.shift(1); b := data.p.scale(1)', { base: 7 })).toEqual({ a: 8, b: 10 });
  });

  it('are not reused under `with`, which changes the input or the functions a call sees', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nshift(x) := x + input.base\nbase := 1\nuse(x) := x + data.p.base\n' }]);
    expect(one(c, 'a := data.p.shift(1); b := data.p.shift(1) with input.base as 5; c := data.p.shift(1)', { base: 1 })).toEqual({ a: 2, b: 6, c: 2 });
    expect(one(c, 'a := data.p.use(1); b := data.p.use(1) with data.p.base as 40; c := data.p.use(1)')).toEqual({ a: 2, b: 41, c: 2 });
    expect(one(c, 'a := data.p.shift(1); b := data.p.shift(1) with data.p.shift as 99', { base: 1 })).toEqual({ a: 2, b: 99 });
  });

  it('run a function that prints on every call', () => {
    const lines: string[] = [];
    const c = compile([{ name: 'p.rego', text: 'package p\nf(x) := x if print("called", x)\ng(x) := f(x)\n' }], { print: (l) => lines.push(l) });
    one(c, 'a := data.p.g(1); b := data.p.g(1); d := data.p.f(1)');
    one(c, 'a := data.p.g(1)');
    expect(lines).toEqual(['called 1', 'called 1', 'called 1', 'called 1']);
  });

  it('stay right after a function whose memo rarely hits stops using it', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nsq(o) := o.n * o.n\nxs := [sq({"n": i}) | some i in numbers.range(1, 2000)]\n' }]);
    const xs = one(c, 'xs := data.p.xs')!.xs as number[];
    expect(xs.length).toBe(2000);
    expect(xs.every((v, i) => v === (i + 1) * (i + 1))).toBe(true);
    expect(one(c, 'a := data.p.sq({"n": 3}); b := data.p.sq({"n": 4})')).toEqual({ a: 9, b: 16 });
  });

  it('keep a failed built-in an error under strict errors after a lenient query made it undefined', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nnum(x) := to_number(x)\n' }]);
    expect(c.query('y := data.p.num("abc")')).toEqual([]);
    expect(() => c.query('y := data.p.num("abc")', { strict: true })).toThrow(RegoError);
    expect(one(c, 'y := data.p.num("12")')).toEqual({ y: 12 });
  });
});

describe('the fromJS value cache', () => {
  it('converts an object met again once, and different objects each to their own value', () => {
    const cache = createValueCache();
    const shared = { id: 'u1', tags: ['a', 'b'] };
    const a = fromJS({ unit: shared, other: { id: 'u2', tags: ['c'] } }, cache) as RObject;
    const b = fromJS({ unit: shared, other: { id: 'u3', tags: ['c'] } }, cache) as RObject;
    expect(a.get('unit')).toBe(b.get('unit'));
    expect(a.get('other')).not.toBe(b.get('other'));
    expect(toJS(a.get('other') as Value)).toEqual({ id: 'u2', tags: ['c'] });
    expect(toJS(b.get('other') as Value)).toEqual({ id: 'u3', tags: ['c'] });
    expect(toJSON(a)).toBe(toJSON(fromJS({ unit: shared, other: { id: 'u2', tags: ['c'] } })));
  });

  it('builds objects at their exact size from distinct string keys, small or past the small-object size', () => {
    const small = RObject.ofDistinctStrings(['a', 1, 'b', [2]]);
    expect([small.size, small.get('b'), small.get('c'), small.keys()]).toEqual([2, [2], undefined, ['a', 'b']]);
    const flat: Value[] = [];
    for (let i = 0; i < 12; i++) flat.push(`k${i}`, i);
    const big = RObject.ofDistinctStrings(flat);
    big.set('k3', 'again');
    expect([big.size, big.get('k11'), big.get('k3'), big.has('k12')]).toEqual([12, 11, 'again', false]);
    const v = fromJS({ n: 1, inner: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, i])) });
    expect(toJSON(v)).toBe('{"inner":{"f0":0,"f1":1,"f2":2,"f3":3,"f4":4,"f5":5,"f6":6,"f7":7,"f8":8,"f9":9},"n":1}');
  });

  it('is used by queries given one, and a query without it sees a mutated object anew', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nname := input.unit.name\n' }]);
    const cache = createValueCache();
    const unit = { name: 'A' };
    expect(one(c, 'n := data.p.name', { unit }, undefined)).toEqual({ n: 'A' });
    expect(c.query('n := data.p.name', { input: { unit }, valueCache: cache })[0]?.get('n')).toBe('A');
    expect(c.query('n := data.p.name', { input: { unit: { name: 'B' } }, valueCache: cache })[0]?.get('n')).toBe('B');
    unit.name = 'C';
    expect(one(c, 'n := data.p.name', { unit })).toEqual({ n: 'C' });
    // the documented contract: with the cache, an object mutated after conversion keeps its old value
    expect(c.query('n := data.p.name', { input: { unit }, valueCache: cache })[0]?.get('n')).toBe('A');
  });
});

describe('arithmetic fast paths', () => {
  it('divides safe integers exactly as the 64-bit big-float path prints the quotient', () => {
    const pairs: [number, number][] = [
      [2026, 400],
      [7, 8],
      [-9, 40],
      [1, 3],
      [10, 4],
      [1, 1024],
      [9007199254740991, 5],
      [-2378523645615642, 64],
      [123456789012345, 1000],
      [1234567890123456, 1000],
      [3, -625],
    ];
    let seed = 7;
    const rnd = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * k);
    };
    for (let t = 0; t < 3000; t++) pairs.push([rnd(2 ** 31) * (rnd(2) ? 1 : -1) * 2 ** rnd(20), [2 ** rnd(30), 5 ** rnd(12), 10 ** rnd(10), 1 + rnd(999)][t % 4]! * (rnd(2) ? 1 : -1)]);
    for (const [a, b] of pairs) {
      const slow = Number.isInteger(a / b) && Number.isSafeInteger(a) ? toJSON(Number(BigInt(a) / BigInt(b))) : toJSON(bf.fromBF(bf.div(bf.toBF(a), bf.toBF(b))));
      expect([a, b, toJSON(div(a, b))]).toEqual([a, b, slow]);
    }
    expect(toJSON(div(2026, 400))).toBe('5.065');
    expect(toJSON(div(-2378523645615642, 64))).toBe('-37164431962744.40625');
    expect(toJSON(div(1, 3))).toBe('0.33333333333333333334');
  });
});

describe('string built-ins without rune arrays', () => {
  // the reference: Go's rune semantics as Array.from splits a JS string (a lone surrogate is one rune)
  const runes = (s: string): string[] => Array.from(s);
  const refTrim = (s: string, cut: string, left: boolean, right: boolean): string => {
    const r = runes(s);
    const set = new Set(runes(cut));
    let i = 0;
    let j = r.length;
    if (left) while (i < j && set.has(r[i]!)) i++;
    if (right) while (j > i && set.has(r[j - 1]!)) j--;
    return r.slice(i, j).join('');
  };
  const refSubstring = (s: string, start: number, len: number): string => {
    const r = runes(s);
    return start >= r.length ? '' : (len < 0 ? r.slice(start) : r.slice(start, start + len)).join('');
  };

  it('trim, trim_left, trim_right, substring and count agree with rune arrays on astral and lone surrogates', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\n' }]);
    const alphabet = ['a', ' ', '\u3000', '。', '😀', '\ud800', '\udc00', '\t', '.', '\u00a0'];
    let seed = 11;
    const rnd = (k: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * k);
    };
    const str = (n: number): string => Array.from({ length: n }, () => alphabet[rnd(alphabet.length)]).join('');
    for (let t = 0; t < 400; t++) {
      const s = str(rnd(7));
      const cut = str(rnd(4));
      const start = rnd(6);
      const len = rnd(8) - 2;
      const got = one(c, 'a := trim(input.s, input.c); l := trim_left(input.s, input.c); r := trim_right(input.s, input.c); b := substring(input.s, input.start, input.len); n := count(input.s)', { s, c: cut, start, len });
      expect([s, cut, got]).toEqual([
        s,
        cut,
        { a: refTrim(s, cut, true, true), l: refTrim(s, cut, true, false), r: refTrim(s, cut, false, true), b: refSubstring(s, start, len), n: runes(s).length },
      ]);
    }
  });

  it('trim_space trims Go white space at both ends only', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\n' }]);
    expect(one(c, 'x := trim_space(input.s)', { s: '\u3000\t a b \u00a0\n' })).toEqual({ x: 'a b' });
    expect(one(c, 'x := trim_space(input.s)', { s: '😀 ' })).toEqual({ x: '😀' });
  });
});

describe('built-in calls of up to three arguments', () => {
  it('evaluate nested calls of the same arity before passing the outer arguments', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\n' }]);
    expect(
      one(c, 'a := object.get(object.get(input.o, "a", {}), "b", object.get(input.o, "z", 7)); b := concat(substring("abcdef", 1, 3), [substring("xyz", 0, 1), trim(trim("..q..", "."), "q")]); n := count([count("ab"), count("abc")])', {
        o: { a: { b: 1 } },
      }),
    ).toEqual({ a: 1, b: 'xbcd', n: 2 });
    expect(one(c, 'a := object.get(object.get(input.o, "a", {}), "c", object.get(input.o, "z", 7))', { o: { a: { b: 1 } } })).toEqual({ a: 7 });
  });
});

describe('values shared between evaluations', () => {
  it('leave a constant literal of a rule unchanged when another rule adds a key below it', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nq[k] := {"x": 1} if k := "a"\nq[k][j] := 2 if { k := "a"; j := "y"; input.on }\n' }]);
    expect(one(c, 'v := data.p.q', { on: true })).toEqual({ v: { a: { x: 1, y: 2 } } });
    expect(one(c, 'v := data.p.q', { on: false })).toEqual({ v: { a: { x: 1 } } });
  });

  it('build each evaluation of a literal with variables anew', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\npairs := [{"n": i, "tag": ["t"]} | some i in [1, 2, 3]]\n' }]);
    expect(one(c, 'v := data.p.pairs')).toEqual({ v: [1, 2, 3].map((n) => ({ n, tag: ['t'] })) });
  });
});

describe('terms of one value', () => {
  it('evaluate a literal holding a comprehension once, so a call beside it runs once', () => {
    const lines: string[] = [];
    const c = compile([{ name: 'p.rego', text: 'package p\nf(x) := x if print("f", x)\nv := {"a": f(1), "b": [y | some y in [1, 2]]}\nw[k] := {"a": f(k), "b": {y | some y in [k]}} if some k in ["x"]\n' }], { print: (l) => lines.push(l) });
    expect(one(c, 'v := data.p.v; w := data.p.w')).toEqual({ v: { a: 1, b: [1, 2] }, w: { x: { a: 'x', b: ['x'] } } });
    expect(lines).toEqual(['f 1', 'f x']);
  });
});

describe('object literals with string keys', () => {
  it('give every key its value, past the small-object size too, and a repeated key its one value', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\n' }]);
    const keys = Array.from({ length: 10 }, (_, i) => `"k${i}": input.v + ${i}`).join(', ');
    expect(one(c, `o := {${keys}}; k9 := o.k9; k0 := o.k0; d := {"a": input.v, "a": input.v}`, { v: 1 })).toEqual({
      o: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 1 + i])),
      k9: 10,
      k0: 1,
      d: { a: 1 },
    });
    expect(one(c, 'u := {"a": input.missing, "b": 1}', { v: 1 })).toBeUndefined();
  });
});

describe('documents built by rules', () => {
  it('carry their mark on the value itself, and a rule value inside one is not marked', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\ns contains 1\nq.a := {"x": 1}\nq[k] := 2 if k := "b"\n' }]);
    const s = c.evalRule('data.p.s', {});
    const q = c.evalRule('data.p.q', {});
    expect([s instanceof RSet && s.struct, q instanceof RObject && q.struct, q instanceof RObject && (q.get('a') as RObject).struct]).toEqual([true, true, false]);
    expect(toJS(q!)).toEqual({ a: { x: 1 }, b: 2 });
  });
});

describe('objects with many keys', () => {
  it('find, compare, remove and iterate keys past the small-object size', () => {
    const c = compile([{ name: 'p.rego', text: 'package p\nbig := {sprintf("k%d", [i]): i | some i in numbers.range(1, 20)}\nrev := {sprintf("k%d", [i]): i | some i in numbers.range(20, 1)}\n' }]);
    expect(
      one(c, 'b := data.p.big; same := data.p.big == data.p.rev; inset := count({data.p.big, data.p.rev}); k7 := data.p.big.k7; k20 := data.p.big.k20; miss := object.get(data.p.big, "k21", "none"); removed := json.remove(data.p.big, ["k3", "k15"]); n := count([k | data.p.big[k]])'),
    ).toEqual({
      b: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i + 1}`, i + 1])),
      same: true,
      inset: 1,
      k7: 7,
      k20: 20,
      miss: 'none',
      removed: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i + 1}`, i + 1]).filter(([k]) => k !== 'k3' && k !== 'k15')),
      n: 20,
    });
    const o = new RObject();
    for (let i = 0; i < 12; i++) o.set(`k${i}`, i);
    o.set('k3', 'again');
    o.delete('k5');
    o.delete('k0');
    expect([o.size, o.get('k3'), o.get('k5'), o.get('k11'), o.has('k0'), o.keys()]).toEqual([10, 'again', undefined, 11, false, ['k1', 'k2', 'k3', 'k4', 'k6', 'k7', 'k8', 'k9', 'k10', 'k11']]);
    o.set('k5', 5);
    expect([o.get('k5'), o.size]).toEqual([5, 11]);
  });
});

describe('objects with keys other than strings', () => {
  it('keep every entry in insertion order whatever its key type, and find, replace and remove each', () => {
    const o = new RObject();
    o.set(1, 'one');
    o.set('b', 'bee');
    o.set([2], 'pair');
    o.set(3, 'three');
    o.set(1, 'uno');
    expect([...o.entries()]).toEqual([
      [1, 'uno'],
      ['b', 'bee'],
      [[2], 'pair'],
      [3, 'three'],
    ]);
    o.delete('b');
    o.delete([2]);
    expect([o.keys(), o.size, o.get(3), o.get([2]), o.has(1), o.has('b')]).toEqual([[1, 3], 2, 'three', undefined, true, false]);
  });

  it('give each entry by position without pairs, and hand out pairs that stay as they were after a change', () => {
    const o = new RObject();
    o.set('a', 1);
    o.set(2, 'two');
    const before = [...o.entries()];
    o.set(2, 'deux');
    o.set('c', 3);
    expect(before).toEqual([
      ['a', 1],
      [2, 'two'],
    ]);
    expect(Array.from({ length: o.size }, (_, i) => [o.keyAt(i), o.valueAt(i)])).toEqual([...o.entries()]);
    expect([...o.entries()]).toEqual([
      ['a', 1],
      [2, 'deux'],
      ['c', 3],
    ]);
    const c = compile([{ name: 'p.rego', text: 'package p\nby[i] := x if some i, x in input.xs\nkeys := [k | some k, _ in by]\n' }]);
    expect(one(c, 'k := data.p.keys; v := data.p.by[1]; same := data.p.by == {0: "a", 1: "b"}', { xs: ['a', 'b'] })).toEqual({ k: [0, 1], v: 'b', same: true });
  });
});

describe('indexed rules', () => {
  it('join the rules of each indexed value with the unindexed ones once, and per value', () => {
    const c = compile([
      {
        name: 'p.rego',
        text: `package p
hit contains "a1" if input.kind == "a"
hit contains "a2" if input.kind == "a"
hit contains "b1" if input.kind == "b"
hit contains "c1" if input.kind == "c"
hit contains "d1" if input.kind == "d"
hit contains "any" if input.kind
`,
      },
    ]);
    const run = (kind: string): unknown => (one(c, 'h := data.p.hit', { kind })!.h as string[]).sort();
    expect(run('a')).toEqual(['a1', 'a2', 'any']);
    expect(run('b')).toEqual(['any', 'b1']);
    expect(run('a')).toEqual(['a1', 'a2', 'any']);
    expect(run('z')).toEqual(['any']);
  });
});
