// Loader benchmark: each bad-input corpus file (tests/load/corpus-cases.ts) validated alone, worst
// time per file against the issue's bar of 2 s; then the sample county and a generated county
// (GOVERN_BENCH_UNITS/SYSTEMS/RULES, default 300/3000/30000) generated and loaded.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LoadCache } from '../../src/load/cache.ts';
import { generateCounty, loadFile, loadRepository, validatePaths } from '../../src/load/index.ts';
import { writeCorpus } from '../../tests/load/corpus-cases.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ms = (t0: number): number => performance.now() - t0;

export async function bench(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'govern-bench-load-'));
  try {
    const cases = await writeCorpus(ROOT, dir);
    await validatePaths(dir, [cases[0]!.file]); // warm-up: module and schema initialisation
    const report = (label: string, times: { name: string; ms: number }[]): void => {
      times.sort((a, b) => b.ms - a.ms);
      const total = times.reduce((s, t) => s + t.ms, 0);
      console.log(`bad-input corpus, ${label}: ${times.length} files, mean ${(total / times.length).toFixed(1)} ms`);
      for (const t of times.slice(0, 5)) console.log(`  worst: ${t.name.padEnd(28)} ${t.ms.toFixed(1)} ms${t.ms > 2000 ? '  ABOVE THE 2 s BAR' : ''}`);
    };
    const alone: { name: string; ms: number }[] = [];
    const withContext: { name: string; ms: number }[] = [];
    for (const c of cases) {
      let t0 = performance.now();
      await loadFile(dir, join(dir, c.file));
      alone.push({ name: c.name, ms: ms(t0) });
      t0 = performance.now();
      await validatePaths(dir, [c.file]);
      withContext.push({ name: c.name, ms: ms(t0) });
    }
    report('file alone (read, parse, shape)', alone);
    report('govern validate FILE (plus loading the inventory for references)', withContext);

    let t0 = performance.now();
    const sample = await loadRepository(ROOT);
    console.log(`sample county: ${sample.files.length} files loaded in ${ms(t0).toFixed(0)} ms (${sample.repository ? 'valid' : 'INVALID'})`);

    const units = Number(process.env.GOVERN_BENCH_UNITS ?? 300);
    const systems = Number(process.env.GOVERN_BENCH_SYSTEMS ?? 3000);
    const rules = Number(process.env.GOVERN_BENCH_RULES ?? 30000);
    const out = join(dir, 'generated');
    t0 = performance.now();
    const s = await generateCounty({ units, systems, rules, seed: 1, out });
    console.log(`generate ${units}/${systems}/${rules}: ${s.files} files in ${(ms(t0) / 1000).toFixed(2)} s`);
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    const big = await loadRepository(out, { cache: false });
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `load ${units}/${systems}/${rules}, no cache: ${big.files.length} files in ${(ms(t0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (${big.repository ? 'valid' : `INVALID: ${big.diagnostics.length} errors`})`,
    );
    // with the load cache (src/load/cache.ts): the first load fills it, the next ones read it
    const cached: string[] = [];
    for (const label of ['filling the cache', 'cache filled', 'again']) {
      const cache = LoadCache.open(out, {});
      t0 = performance.now();
      await loadRepository(out, { ...(cache ? { cache } : {}) });
      cached.push(`${label} ${(ms(t0) / 1000).toFixed(2)} s (${cache ? `${cache.stats.hits} hits, ${cache.stats.hashed} hashed` : 'cache off'})`);
    }
    console.log(`load ${units}/${systems}/${rules} with the load cache: ${cached.join('; ')}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
