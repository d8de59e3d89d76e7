// `govern rules`: the published rule catalogue (docs/rules.md) is exactly what the policies declare.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { renderCatalogue, ruleCatalogue } from '../../src/cli/rules.ts';

const ROOT = join(import.meta.dirname, '..', '..');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { io: { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, cwd: ROOT });
  return { code, out, err };
}

describe('govern rules', () => {
  it('finds docs/rules.md fresh against policies/', async () => {
    const r = await run(['rules', '--check']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('lists every rule once per severity with its articles, from METADATA', () => {
    const rules = ruleCatalogue();
    expect(rules.length).toBeGreaterThanOrEqual(30);
    const keys = rules.map((r) => `${r.id}|${r.severity}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^SS-\d{2}-\d{3}$/);
      expect(r.articles.length).toBeGreaterThan(0);
      expect(r.hint.zh.length).toBeGreaterThan(0);
    }
    expect(renderCatalogue(rules, 'en')).toContain('| SS-14-003 | art. 14');
  });

  it('reports a stale catalogue with exit 1', async () => {
    const r = await run(['rules', '--check', '--repo', join(ROOT, 'tests')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('govern rules --write');
  });
});
