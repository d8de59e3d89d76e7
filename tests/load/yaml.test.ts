// parseYamlFile: one YAML document to plain data with positions; hostile bytes end in a positioned error.
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, MAX_REQUEST_BYTES, parseYamlFile } from '../../src/load/index.ts';

const codes = (r: ReturnType<typeof parseYamlFile>): string[] => r.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);

describe('parseYamlFile', () => {
  it('records the position of every field by its dotted path, keys for entries and items for sequences', () => {
    const r = parseYamlFile('x.yaml', 'a: 1\nports:\n  - port: 443\n    purpose: web\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.positions.get('')).toEqual({ line: 1, column: 1 });
    expect(r.positions.get('ports')).toEqual({ line: 2, column: 1 });
    expect(r.positions.get('ports.0')).toEqual({ line: 3, column: 5 });
    expect(r.positions.get('ports.0.purpose')).toEqual({ line: 4, column: 5 });
    expect(r.valuePositions.get('ports.0.purpose')).toEqual({ line: 4, column: 14 });
  });

  it('keeps dates and YAML 1.1 booleans as strings (YAML 1.2 core schema)', () => {
    const r = parseYamlFile('x.yaml', 'd: 2026-03-02\nb: yes\no: 0777\nt: true\n');
    expect(r.value).toEqual({ d: '2026-03-02', b: 'yes', o: 777, t: true });
  });

  it('strips a UTF-8 byte order mark', () => {
    const r = parseYamlFile('x.yaml', Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('a: 1\n')]));
    expect(r.value).toEqual({ a: 1 });
  });

  it('reports every duplicate key of a file, not only the first', () => {
    const r = parseYamlFile('x.yaml', 'a: 1\na: 2\nb:\n  c: 1\n  c: 2\n');
    expect(codes(r)).toEqual(['E-YAML-DUPLICATE-KEY 2:1', 'E-YAML-DUPLICATE-KEY 5:3']);
    expect(r.value).toBeUndefined();
  });

  it('refuses a second document', () => {
    expect(codes(parseYamlFile('x.yaml', 'a: 1\n---\nb: 2\n'))).toEqual(['E-MULTI-DOC 2:1']);
  });

  it('refuses an empty file and a file of comments', () => {
    expect(codes(parseYamlFile('x.yaml', ''))).toEqual(['E-EMPTY 1:1']);
    expect(codes(parseYamlFile('x.yaml', '# only\n'))).toEqual(['E-EMPTY 1:1']);
  });

  it('refuses a file over the size limit before parsing it', () => {
    const big = new Uint8Array(MAX_REQUEST_BYTES + 1).fill(0x61);
    expect(codes(parseYamlFile('x.yaml', big))).toEqual(['E-FILE-TOO-LARGE 1:1']);
    expect(codes(parseYamlFile('x.yaml', big, { maxBytes: MAX_REQUEST_BYTES * 2 }))).not.toContain('E-FILE-TOO-LARGE 1:1');
  });

  it('refuses NUL bytes at their position', () => {
    expect(codes(parseYamlFile('x.yaml', Uint8Array.from([0x61, 0x3a, 0x0a, 0x62, 0x00])))).toEqual(['E-BINARY 2:2']);
  });

  it('refuses bytes that are not UTF-8 at the first bad byte', () => {
    expect(codes(parseYamlFile('x.yaml', Uint8Array.from([...Buffer.from('a: 中\nb: '), 0xff])))).toEqual(['E-ENCODING 2:4']);
  });

  it(`refuses nesting deeper than ${MAX_DEPTH} levels in flow, block and compact forms`, () => {
    expect(codes(parseYamlFile('x.yaml', `a: ${'['.repeat(10000)}${']'.repeat(10000)}`))[0]).toMatch(/^E-NESTING 1:/);
    expect(codes(parseYamlFile('x.yaml', '- '.repeat(10000) + 'x'))[0]).toMatch(/^E-NESTING 1:/);
    const block = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n';
    expect(codes(parseYamlFile('x.yaml', block))[0]).toMatch(/^E-NESTING \d+:/);
  });

  it('accepts nesting within the limit', () => {
    const r = parseYamlFile('x.yaml', `a: ${'['.repeat(20)}1${']'.repeat(20)}\n`);
    expect(r.diagnostics).toEqual([]);
  });

  it('does not count brackets inside quoted or plain text as nesting', () => {
    const r = parseYamlFile('x.yaml', `a: "${'['.repeat(200)}"\nb: x${'{'.repeat(200)}\nc: |\n  ${'['.repeat(200)}\n`);
    expect(r.diagnostics).toEqual([]);
  });

  it('does not count the keys of a long flow mapping or block entries on one line as nesting', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}: ${i}`).join(', ');
    expect(parseYamlFile('x.yaml', `a: { ${keys} }\n`).diagnostics).toEqual([]);
    expect(parseYamlFile('x.yaml', Array.from({ length: 300 }, (_, i) => `k${i}: { a: 1, b: 2 }`).join('\n')).diagnostics).toEqual([]);
  });

  it('stops an alias bomb with E-ALIAS-LIMIT', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [p, c] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) lines.push(`${c}: &${c} [${Array(10).fill('*' + p).join(', ')}]`);
    expect(codes(parseYamlFile('x.yaml', lines.join('\n')))[0]).toMatch(/^E-ALIAS-LIMIT 2:/);
  });

  it('allows a few aliases', () => {
    expect(parseYamlFile('x.yaml', 'a: &a [1]\nb: *a\n').value).toEqual({ a: [1], b: [1] });
  });

  it('refuses explicit tags, which would turn text into other types', () => {
    expect(codes(parseYamlFile('x.yaml', 'a: !!binary aGVsbG8=\n'))).toEqual(['E-YAML-TAG 1:4']);
    expect(codes(parseYamlFile('x.yaml', 'a: !!str 1\n'))).toEqual(['E-YAML-TAG 1:4']);
  });

  it('refuses a key that is not a plain scalar', () => {
    expect(codes(parseYamlFile('x.yaml', '? [a]\n: b\n'))).toEqual(['E-YAML-KEY 1:3']);
  });

  it('gives syntax errors a position and the parser detail', () => {
    const r = parseYamlFile('x.yaml', 'a: 1\n\tb: 2\n');
    expect(codes(r)).toEqual(['E-YAML-SYNTAX 2:1']);
    expect(r.diagnostics[0]!.message.en).toContain('Tabs');
  });
});
