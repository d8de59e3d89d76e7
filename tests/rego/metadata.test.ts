// METADATA blocks are read by js-yaml when it reads them as the YAML 1.2 core schema does, and by
// the `yaml` package otherwise (src/rego/parser.ts metadataYaml): both give the same value on every
// block of policies/ and on the YAML edge cases where the two libraries disagree.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYAML } from 'yaml';
import { metadataYaml } from '../../src/rego/parser.ts';

const POLICIES = join(import.meta.dirname, '..', '..', 'policies');

function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? regoFiles(p) : p.endsWith('.rego') ? [p] : [];
  });
}

/** The YAML text of each `# METADATA` block: the comment lines that follow it at its column. */
function blocks(text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)# METADATA\s*$/.exec(lines[i]!);
    if (!m) continue;
    const body: string[] = [];
    for (let j = i + 1; j < lines.length && lines[j]!.startsWith(`${m[1]}#`); j++) body.push(lines[j]!.slice(m[1]!.length + 1).replace(/^ /, ''));
    out.push(body.join('\n'));
  }
  return out;
}

describe('METADATA YAML', () => {
  it('reads every block of policies/ as the yaml package does', () => {
    const all = regoFiles(POLICIES).flatMap((f) => blocks(readFileSync(f, 'utf8')));
    expect(all.length).toBeGreaterThan(50);
    for (const b of all) expect(metadataYaml(b)).toEqual(parseYAML(b));
  });

  it('leaves to the yaml package the text js-yaml reads otherwise, and its errors', () => {
    for (const text of [
      'custom:\n  n: 0b101',
      'custom:\n  n: -.5',
      'custom:\n  n: -0',
      'custom:\n  a: &x {k: 1}\n  b: *x',
      'custom:\n  t: !!str 12',
      'title: yes',
      'title: 012',
      'scope: rule\ncustom:\n  list: [1, 2.5, .inf, -.inf, null, ~, true, "x"]',
    ]) {
      expect(metadataYaml(text)).toEqual(parseYAML(text));
    }
    expect(Object.is((metadataYaml('n: -0') as { n: number }).n, -0)).toBe(true);
    expect(() => metadataYaml('title: a\ntitle: b')).toThrow(/unique|duplicate/i);
    expect(() => metadataYaml('title: [a')).toThrow();
  });
});
