// Golden files of plans, stacks and Terraform JSON: compared with a reviewed file under
// tests/golden/; UPDATE_GOLDEN=1 rewrites the file instead (review the diff before committing).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_DIR = join(import.meta.dirname, '..', 'golden');

export function matchGolden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual, `${name} is stale: run with UPDATE_GOLDEN=1 and review the diff`).toBe(readFileSync(file, 'utf8'));
}

export { REPO_ROOT, SAMPLE_AS_OF } from './sample.ts';
