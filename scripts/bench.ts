// `npm run bench`: runs every benchmark module in scripts/bench/ (or the ones named) and prints its numbers.
// A benchmark module exports `bench(): Promise<void>` and prints its own lines; nothing here asserts on time.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export async function main(args: string[]): Promise<number> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => args.length === 0 || args.some((a) => f.startsWith(a)))
    .sort();
  for (const f of files) {
    console.log(`\n== ${f.replace(/\.ts$/, '')} ==`);
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as { bench: () => Promise<void> };
    await mod.bench();
  }
  return 0;
}
