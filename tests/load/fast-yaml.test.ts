// The fast path (js-yaml, positions computed on demand) must read every document exactly as the
// full parser (yaml, YAML 1.2 core schema) does, and leave to the full parser everything it cannot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastParse } from '../../src/load/fast-yaml.ts';
import { parseYamlFile } from '../../src/load/index.ts';
import { yamlFiles } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');

const full = (text: string): unknown => parse(text, { version: '1.2', schema: 'core', uniqueKeys: true });

describe('the fast YAML path', () => {
  it('reads every file of the sample county and the fixtures as the full parser does', () => {
    const files = ['inventory', 'requests', 'tests/fixtures'].flatMap((d) => yamlFiles(join(ROOT, d)));
    let fast = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const v = fastParse(text);
      if (v === undefined) continue;
      fast++;
      expect(v, f).toEqual(full(text));
    }
    expect(fast).toBeGreaterThan(60);
  });

  it('resolves scalars as YAML 1.2 core does', () => {
    const scalars = [
      '2026-03-02', 'yes', 'no', 'on', 'off', 'y', 'true', 'True', 'FALSE', 'null', 'Null', '~', '',
      '0', '-0', '010', '0o17', '0x1F', '1e3', '1.5', '.5', '-.inf', '.NaN', '+12', '1_000', '0b101',
      '"quoted"', "'single'", '443', '8000-8010', '0.0.0.0/0', '10.72.3.15', '1:30', '12:30:45', '0755',
      '"\\u4e2d"', '中文说明', '[1, a, "b"]', '{a: 1, b: [x]}',
    ];
    for (const s of scalars) {
      const text = `k: ${s}\n`;
      const v = fastParse(text);
      // undefined: left to the full parser, which is then the only reader of this text
      if (v !== undefined) expect(v, s).toEqual(full(text));
    }
    for (const s of ['0b101', '-.5', '-0']) expect(fastParse(`k: ${s}\n`), s).toBeUndefined();
  });

  it('leaves anchors, aliases, tags, explicit keys, several documents and broken YAML to the full parser', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '? a\n: b\n', '---\na: 1\n---\nb: 2\n', 'a: 1\na: 2\n', 'a: [1\n', '', '42\n']) {
      expect(fastParse(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('computes positions only when asked, and then exactly as the full parser', () => {
    const text = 'apiVersion: govern.shengsi.gov.cn/v1\nkind: ZoneCatalog\nzones:\n  - id: internet\n    name: 互联网\n';
    const parsed = parseYamlFile('inventory/zones.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.positions.get('zones.0.name')).toEqual({ line: 5, column: 5 });
    expect(parsed.valuePositions.get('zones.0.id')).toEqual({ line: 4, column: 9 });
  });
});
