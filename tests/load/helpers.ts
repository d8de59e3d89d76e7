// A temporary copy of the sample county that a test may break one way.
import { readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const made: string[] = [];

export async function copyCounty(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'govern-load-'));
  await cp(join(ROOT, 'inventory'), join(dir, 'inventory'), { recursive: true });
  await cp(join(ROOT, 'requests'), join(dir, 'requests'), { recursive: true });
  made.push(dir);
  return dir;
}

export async function cleanup(): Promise<void> {
  while (made.length) await rm(made.pop()!, { recursive: true, force: true });
}

/** Every .yaml/.yml file below `dir`. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(name) ? [p] : [];
  });
}
