// Golden-file comparison for generated configuration: the file under tests/golden is reviewed like
// code; UPDATE_GOLDEN=1 rewrites it, otherwise any difference fails the test.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export function expectGolden(name: string, actual: string): void {
  const path = join(import.meta.dirname, '..', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual, 'utf8');
  expect(actual, `${path} is stale: review the change, then regenerate with UPDATE_GOLDEN=1`).toBe(readFileSync(path, 'utf8'));
}
