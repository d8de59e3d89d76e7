// Desired state, plan and firewall rendering on a generated county (GOVERN_BENCH_UNITS/SYSTEMS/RULES,
// default 300/3000/30000): how long each step takes and how large the results are, and, where nft
// exists and we are root, an apply into a throwaway network namespace and the no-change re-apply.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desiredState } from '../../src/desired/index.ts';
import { generateCounty } from '../../src/load/generate.ts';
import { loadRepository } from '../../src/load/index.ts';
import { plan } from '../../src/plan/index.ts';
import { renderHuaweiUsg } from '../../src/targets/huawei/render.ts';
import { NftablesDriver, renderNftables } from '../../src/targets/nftables/index.ts';

const ms = (t0: number): string => (performance.now() - t0).toFixed(0) + ' ms';

export async function bench(): Promise<void> {
  const units = Number(process.env.GOVERN_BENCH_UNITS ?? 300);
  const systems = Number(process.env.GOVERN_BENCH_SYSTEMS ?? 3000);
  const rules = Number(process.env.GOVERN_BENCH_RULES ?? 30000);
  const dir = await mkdtemp(join(tmpdir(), 'govern-bench-fw-'));
  try {
    await generateCounty({ units, systems, rules, seed: 1, out: dir });
    const repo = (await loadRepository(dir)).repository;
    if (!repo) throw new Error('the generated county does not load');
    const asOf = '2026-12-15';
    let t0 = performance.now();
    const desired = desiredState(repo, asOf);
    const fw = desired.firewall;
    console.log(
      `desired state ${units}/${systems}/${rules}: ${ms(t0)} — firewall ${fw.policies.length} policies, ${fw.addressObjects.length} address objects, ${fw.nat.length} NAT; cloud ${desired.cloud.securityGroupRules.length} security-group rules; ${desired.access.accounts.length} accounts`,
    );
    t0 = performance.now();
    const p = plan(desired);
    console.log(`plan against an empty snapshot: ${ms(t0)} (${p.changes.length} changes)`);
    t0 = performance.now();
    const nft = renderNftables(fw);
    console.log(`nftables rendering: ${ms(t0)} (${nft.split('\n').length} lines)`);
    t0 = performance.now();
    const usg = renderHuaweiUsg(fw);
    console.log(`Huawei USG rendering: ${ms(t0)} (${usg.split('\n').length} lines)`);

    const canApply = process.getuid?.() === 0 && hasCommand('nft') && hasCommand('ip');
    if (!canApply) {
      console.log('nftables apply: not measured (needs root, nft and ip)');
      return;
    }
    const ns = `govern-bench-${process.pid}`;
    execFileSync('ip', ['netns', 'add', ns]);
    try {
      const driver = new NftablesDriver({ netns: ns });
      try {
        t0 = performance.now();
        const first = await driver.apply(fw);
        console.log(`nftables apply in a namespace: ${ms(t0)} (changed: ${first.changed})`);
        t0 = performance.now();
        const second = await driver.apply(fw);
        console.log(`nftables re-apply, nothing to change: ${ms(t0)} (changed: ${second.changed})`);
      } catch (e) {
        // a result, not a crash: the driver's timeout is part of what is measured
        console.log(`nftables apply in a namespace: failed after ${ms(t0)}: ${(e as Error).message}`);
      }
    } finally {
      execFileSync('ip', ['netns', 'delete', ns]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function hasCommand(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
