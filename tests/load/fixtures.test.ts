// Every file in tests/fixtures/invalid/ names the error it must get in its first line
// (`# expect: CODE line:col`); `govern validate` must reject it with exit 1 and exactly that place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(ROOT, 'tests/fixtures/invalid');

function walk(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
}

async function validate(file: string): Promise<{ code: number; json: { files: { path: string; valid: boolean; errors: { code: string; line: number; column: number; message: string }[] }[] } }> {
  const out: string[] = [];
  const code = await main(['validate', '--format', 'json', file], { cwd: ROOT, io: { out: (t) => out.push(t), err: (t) => out.push(t) } });
  return { code, json: JSON.parse(out.join('\n')) };
}

const fixtures = walk(DIR);

describe('invalid fixtures', () => {
  it('cover at least thirty kinds of mistake', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    const codes = new Set(fixtures.map((f) => /# expect: (\S+)/.exec(readFileSync(f, 'latin1'))?.[1]));
    expect(codes.size).toBeGreaterThanOrEqual(30);
  });

  for (const file of fixtures) {
    const rel = relative(ROOT, file);
    const m = /^# expect: (E-[A-Z0-9-]+) (\d+):(\d+)/.exec(readFileSync(file, 'latin1'));
    it(`${rel} is rejected with ${m?.[1]} at ${m?.[2]}:${m?.[3]}`, async () => {
      expect(m, 'first line must be # expect: CODE line:col').not.toBeNull();
      const { code, json } = await validate(rel);
      expect(code).toBe(1);
      const f = json.files.find((x) => x.path === rel)!;
      expect(f.valid).toBe(false);
      expect(f.errors.map((e) => `${e.code} ${e.line}:${e.column}`)).toContain(`${m![1]} ${m![2]}:${m![3]}`);
      // every message says what and how, in Chinese by default
      for (const e of f.errors) expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});
