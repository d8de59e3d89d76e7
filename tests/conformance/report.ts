// Prints the conformance percentages by tier (tiers.json) and, with --write, regenerates
// known-failures.txt from the current results. Run: npx tsx tests/conformance/report.ts [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runConformance } from '../../src/rego/conformance.ts';
import { CASES_DIR, failingIds, KNOWN_FAILURES, renderKnownFailures, TIERS } from './known-failures.ts';

const report = runConformance(fileURLToPath(CASES_DIR));
const tiers = JSON.parse(readFileSync(TIERS, 'utf8')) as Record<string, string>;
const failing = failingIds(report.results);
const ids = new Set(report.results.map((r) => r.id));
const count = (pred: (tier: string) => boolean): [number, number] => {
  let pass = 0;
  let all = 0;
  for (const id of ids) {
    const tier = tiers[id];
    if (tier === undefined || !pred(tier)) continue;
    all++;
    if (!failing.has(id)) pass++;
  }
  return [pass, all];
};
const pct = ([p, a]: [number, number]): string => `${p}/${a} = ${((100 * p) / a).toFixed(1)}%`;
console.log(`cases: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
console.log(`tier "1 core": ${pct(count((t) => t === '1 core'))}`);
console.log(`all tiers except "3 hard/never": ${pct(count((t) => t !== '3 hard/never'))}`);
for (const t of [...new Set(Object.values(tiers))].sort()) console.log(`  ${t}: ${pct(count((x) => x === t))}`);
if (process.argv.includes('--write')) {
  writeFileSync(KNOWN_FAILURES, renderKnownFailures(failing));
  console.log(`wrote ${fileURLToPath(KNOWN_FAILURES)} (${failing.size} cases)`);
}
