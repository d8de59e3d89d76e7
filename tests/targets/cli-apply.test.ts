// `govern apply` and `govern drift` as commands: target choice, argument errors, exit codes, dry run
// and the applied-state snapshot. The packets themselves are proven in tests/e2e/firewall.test.ts.
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedState, reportTargetError } from '../../src/cli/apply.ts';
import { main } from '../../src/cli/main.ts';
import { OperationalError, type CommandContext } from '../../src/cli/types.ts';
import type { DesiredState } from '../../src/desired/types.ts';
import { targetError } from '../../src/targets/nftables/errors.ts';
import { NetnsLab, netnsUnavailable } from '../e2e/netns.ts';

const ROOT = join(import.meta.dirname, '..', '..');

async function govern(argv: string[], env: Record<string, string | undefined> = process.env, cwd = ROOT) {
  let out = '';
  let err = '';
  const code = await main(argv, { io: { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, env, cwd });
  return { code, out, err };
}

/** The command looks for pulumi on the PATH of its context; nft and ip still come from the process's PATH. */
let sample: string | undefined;
/** A private copy of the sample county with the e2e requests, so that other work on the tree cannot disturb these tests. */
function sampleCopy(): string {
  if (sample) return sample;
  sample = mkdtempSync(join(tmpdir(), 'govern-apply-cli-'));
  cpSync(join(ROOT, 'inventory'), join(sample, 'inventory'), { recursive: true });
  cpSync(join(ROOT, 'tests', 'fixtures', 'e2e', 'requests'), join(sample, 'requests'), { recursive: true });
  return sample;
}

const NO_PULUMI = { ...process.env, PATH: mkdtempSync(join(tmpdir(), 'govern-empty-path-')) };

describe('govern apply arguments', () => {
  it('rejects an unknown --target with exit 2 and the usage line', async () => {
    const r = await govern(['apply', '--target', 'ansible']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--target 只能是 pulumi 或 nftables');
    expect(r.err).toContain('govern apply [--stack NAME]');
  });

  it('rejects a --netns name that is not a plain namespace name', async () => {
    const r = await govern(['apply', '--target', 'nftables', '--netns', '../etc', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('invalid --netns name: ../etc');
  });

  it('rejects a --zone-interface that is not ZONE=IFNAME', async () => {
    const r = await govern(['apply', '--target', 'nftables', '--zone-interface', 'internet=eth0 accept']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--zone-interface：GOV-FW-008 zone-interface internet=eth0 accept：不是“区域=接口名”');
    const d = await govern(['drift', '--zone-interface', 'internet']);
    expect(d.code).toBe(2);
  });

  it('refuses a stack other than the exit firewall’s for the nftables target', async () => {
    const r = await govern(['apply', '--target', 'nftables', '--stack', 'cloud-node']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('nftables 目标只承载出口防火墙（栈 extranet-edge）');
  });

  it('says in Chinese that the pulumi CLI is missing when --target pulumi is asked for without it (exit 2)', async () => {
    const r = await govern(['apply', '--target', 'pulumi', '--repo', sampleCopy()], NO_PULUMI);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^找不到 pulumi 命令行/);
  });

  it('refuses --netns for the pulumi target and points to the stack configuration', async () => {
    const r = await govern(['apply', '--target', 'pulumi', '--netns', 'fw']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('driverOptions.netns');
  });

  it('refuses an unknown Pulumi stack before running anything', async () => {
    const r = await govern(['apply', '--target', 'pulumi', '--stack', 'core-switch', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown stack core-switch; known: extranet-edge, cloud-node, access');
  });

  it('rejects an invalid repository with exit 1 and its positioned errors', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'govern-empty-repo-'));
    const r = await govern(['apply', '--target', 'nftables', '--repo', empty]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('仓库校验未通过');
  });

  it('rejects a malformed --as-of', async () => {
    const r = await govern(['drift', '--as-of', '2026-13-45x']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--as-of 须为日期 YYYY-MM-DD');
  });

  it('rejects an unknown drift --format', async () => {
    const r = await govern(['drift', '--format', 'yaml']);
    expect(r.code).toBe(2);
  });
});

describe('firewall target errors in commands', () => {
  const ctx = (): CommandContext & { errs: string[] } => {
    const errs: string[] = [];
    return { cwd: ROOT, lang: 'zh', env: {}, now: () => new Date(), io: { out: () => undefined, err: (t) => errs.push(t) }, errs };
  };
  const fix = { zh: '改', en: 'fix' };

  it('treats a desired state the renderer cannot express as rejected input (exit 1, message printed)', () => {
    const c = ctx();
    expect(reportTargetError(targetError('GOV-FW-003', 'policy p', { zh: '无同族地址', en: 'no family' }, fix), c)).toBe(1);
    expect(c.errs).toEqual(['GOV-FW-003 policy p：无同族地址；改']);
  });

  it('turns device trouble (NFT-*) into an operational error, exit 2 without a stack', () => {
    expect(() => reportTargetError(targetError('NFT-001', 'nft -f', { zh: '失败', en: 'failed' }, fix), ctx())).toThrow(OperationalError);
  });
});

describe('applied state snapshot', () => {
  const state = (asOf: string, accounts: number): DesiredState =>
    ({
      asOf,
      firewall: { device: 'fw', defaultAction: 'deny', addressObjects: [], serviceObjects: [], policies: [], nat: [] },
      cloud: { region: 'r', endpoints: {}, vpcs: [{ name: 'v', cidr: '10.0.0.0/16', zone: 'z', requests: [] }], vswitches: [], securityGroups: [], securityGroupRules: [], instances: [], natForwards: [] },
      access: { accounts: Array.from({ length: accounts }, (_, i) => ({ name: `a${i}` })) },
    }) as unknown as DesiredState;

  it('records the firewall as applied and nothing else the nftables target did not apply', () => {
    const s = appliedState(state('2026-12-15', 2), undefined);
    expect(s.firewall.device).toBe('fw');
    expect(s.cloud.vpcs).toEqual([]);
    expect(s.access.accounts).toEqual([]);
  });

  it('records the cloud and access parts when their stacks were applied', () => {
    const desired = state('2026-12-15', 2);
    const s = appliedState(desired, undefined, new Set(['cloud', 'access'] as const));
    expect(s.cloud).toBe(desired.cloud);
    expect(s.access).toBe(desired.access);
    expect(s.firewall.policies).toEqual([]);
  });

  it('keeps what an earlier snapshot recorded for cloud and access', () => {
    const previous = state('2026-12-01', 1);
    const s = appliedState(state('2026-12-15', 2), previous);
    expect(s.asOf).toBe('2026-12-15');
    expect(s.access).toBe(previous.access);
    expect(s.cloud).toBe(previous.cloud);
  });
});

describe('govern apply on nftables without pulumi', () => {
  const lab = new NetnsLab('c');
  let ns = '';
  let repo = '';

  beforeAll(async () => {
    const why = await netnsUnavailable();
    if (why) throw new Error(`govern apply needs a real nftables for these tests: ${why}`);
    ns = await lab.add('fw');
    repo = mkdtempSync(join(tmpdir(), 'govern-apply-cli-'));
    cpSync(sampleCopy(), repo, { recursive: true });
  });
  afterAll(() => lab.cleanup());

  it('defaults to nftables on Linux when pulumi is absent, and a dry run writes neither the device nor the snapshot', async () => {
    const r = await govern(['apply', '--netns', ns, '--repo', repo, '--as-of', '2026-12-15', '--dry-run'], NO_PULUMI);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('→ nftables（netns');
    expect(r.out).toMatch(/演练：以上 1 处变更将以一个 nft 原子事务应用（nft -c 校验通过），未写入设备。/);
    expect(await lab.exec(ns, ['nft', 'list', 'tables'])).toBe('');
    expect(existsSync(join(repo, '.govern', 'state', 'applied.json'))).toBe(false);
  });

  it('writes the snapshot to --state when given', async () => {
    const r = await govern(['apply', '--target', 'nftables', '--netns', ns, '--repo', repo, '--as-of', '2026-12-15', '--state', 'elsewhere/applied.json']);
    expect(r.code).toBe(0);
    expect(existsSync(join(repo, 'elsewhere', 'applied.json'))).toBe(true);
  });

  it('govern drift reports the repository-only side in JSON when the device lacks the table (exit 1)', async () => {
    await lab.exec(ns, ['nft', 'delete', 'table', 'inet', 'govern_exit']);
    const r = await govern(['drift', '--netns', ns, '--repo', repo, '--as-of', '2026-12-15', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ inSync: false, device: 'fw-exit-01', items: [{ side: 'repository-only', kind: 'table' }] });
  });
});
