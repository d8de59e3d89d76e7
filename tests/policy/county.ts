// Test support for the policy tests: a copy of the sample county in a temporary folder, with
// governance fixtures (tests/fixtures/policy/*.yaml) added as requests and inventory files patched,
// and the policies compiled once per test file.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadRepository } from '../../src/load/index.ts';
import type { Repository } from '../../src/model/index.ts';
import { compilePolicies, readPolicyModules, type CompiledPolicies } from '../../src/policy/index.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures', 'policy');
/** The day the sample county and the fixtures are checked for. */
export const AS_OF = '2026-11-25';

/** A fresh copy of the sample county (inventory/ and requests/). */
export function copyCounty(): string {
  const dir = mkdtempSync(join(tmpdir(), 'govern-policy-'));
  cpSync(join(ROOT, 'inventory'), join(dir, 'inventory'), { recursive: true });
  cpSync(join(ROOT, 'requests'), join(dir, 'requests'), { recursive: true });
  return dir;
}

export function removeCounty(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Adds fixture <name>.yaml to the county as requests/<its unit>/<name>.yaml; returns that path. */
export function addFixture(dir: string, name: string): string {
  const text = readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8');
  const unit = (parse(text) as { unit: string }).unit;
  const rel = `requests/${unit}/${name}.yaml`;
  mkdirSync(join(dir, 'requests', unit), { recursive: true });
  writeFileSync(join(dir, rel), text);
  return rel;
}

/** Rewrites inventory/<file> after `change` edits its parsed document. */
export function patchInventory(dir: string, file: string, change: (doc: Record<string, unknown>) => void): void {
  const path = join(dir, 'inventory', file);
  const doc = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(doc);
  writeFileSync(path, stringify(doc));
}

/** The list `key` of an inventory document, and in it the item with `id`. */
export function item(doc: Record<string, unknown>, key: string, id: string): Record<string, unknown> {
  const found = (doc[key] as Record<string, unknown>[]).find((x) => x.id === id);
  if (!found) throw new Error(`no ${key} item ${id} in the sample county`);
  return found;
}

export async function loadCounty(dir: string): Promise<Repository> {
  const r = await loadRepository(dir);
  if (!r.repository) throw new Error(`the test county is invalid: ${JSON.stringify(r.diagnostics.slice(0, 3))}`);
  return r.repository;
}

let compiled: CompiledPolicies | undefined;

/** policies/ compiled once per test file (the sample configuration is the same in every copy). */
export function policiesFor(repo: Repository): CompiledPolicies {
  compiled ??= compilePolicies(readPolicyModules(), repo.config);
  return compiled;
}
