// `npm run gen -- --units N --systems M --rules K --seed S --out DIR`: writes a deterministic synthetic
// county (src/load/generate.ts) for benchmarks, and prints what it wrote and how long it took.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { generateCounty } from '../src/load/index.ts';

const USAGE = '用法 usage: npm run gen -- --units N --systems M --rules K [--seed S] --out DIR';

export async function main(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: { units: { type: 'string' }, systems: { type: 'string' }, rules: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }).values;
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const num = (v: string | undefined, dflt: number): number => (v === undefined ? dflt : Number(v));
  const opts = { units: num(values.units, 30), systems: num(values.systems, 100), rules: num(values.rules, 1000), seed: num(values.seed, 1) };
  if (!values.out || Object.values(opts).some((v) => !Number.isInteger(v) || v < 0) || opts.units < 2) {
    console.error(`参数错误 bad arguments (--out is required; numbers are non-negative integers; --units at least 2)\n${USAGE}`);
    return 2;
  }
  const t0 = performance.now();
  const summary = await generateCounty({ ...opts, out: resolve(values.out) });
  const ms = performance.now() - t0;
  console.log(
    `generated ${summary.units} units, ${summary.systems} systems, ${summary.rules} rules, ${summary.files} files in ${(ms / 1000).toFixed(2)} s -> ${values.out}`,
  );
  console.log(`requests by kind: ${JSON.stringify(summary.requests)}`);
  return 0;
}
