// `govern apply`: makes the devices match the repository as of a day. Two targets:
//  - pulumi (the default where the `pulumi` CLI is on PATH): the stacks through the Automation API;
//  - nftables (the default on Linux without pulumi): the exit firewall's desired state applied to
//    nftables in one atomic transaction (src/targets/nftables), optionally inside a network namespace,
//    then the applied state recorded for `govern plan` (.govern/state/applied.json).
// --dry-run goes through the same code path and describes the change instead of making it
// (safe-settings). A second apply with nothing new changes nothing and says so (exit 0).
import { resolve } from 'node:path';
import type { Lang } from '../i18n/index.ts';
import { DesiredStateError, desiredState } from '../desired/index.ts';
import type { DesiredState } from '../desired/types.ts';
import { DEFAULT_SNAPSHOT_PATH, SnapshotError, readSnapshot, writeSnapshot } from '../plan/snapshot.ts';
import { stableJson } from '../plan/json.ts';
import type { DriftItem } from '../targets/nftables/diff.ts';
import { NftablesDriver } from '../targets/nftables/driver.ts';
import { FirewallTargetError } from '../targets/nftables/errors.ts';
import { parseZoneInterfaces } from '../targets/nftables/zones.ts';
import { STACK_NAMES, findPulumi, pulumiApply, type StackName } from '../targets/pulumi/automation.ts';
import { AS_OF_OPTION, REPO_OPTION, asOfDay, loadOrReport, repoRoot } from './repository.ts';
import { EXIT, OperationalError, UsageError, type CommandContext, type CommandSpec, type ParsedArgs } from './types.ts';

export type Target = 'pulumi' | 'nftables';

/** The stack the exit firewall belongs to (plan's ResourceChange.stack). */
export const FIREWALL_STACK = 'extranet-edge';

/** --target, else pulumi where its CLI exists, else nftables on Linux; elsewhere there is nothing to drive. */
export async function targetOf(args: ParsedArgs, ctx: CommandContext): Promise<Target> {
  const t = args.values.target;
  if (t === 'pulumi' || t === 'nftables') return t;
  if (t !== undefined) throw new UsageError({ zh: `--target 只能是 pulumi 或 nftables，收到 ${String(t)}`, en: `--target must be pulumi or nftables, got ${String(t)}` });
  if ((await findPulumi(ctx.env)) !== undefined) return 'pulumi';
  if (process.platform === 'linux') return 'nftables';
  throw new OperationalError({
    zh: '找不到 pulumi 命令行，且本机不是 Linux（无 nftables）：无法应用。请安装 Pulumi CLI（https://www.pulumi.com/docs/install/）或在 Linux 上用 --target nftables',
    en: 'the pulumi CLI is not on PATH and this is not Linux (no nftables): nothing to apply to. Install the Pulumi CLI (https://www.pulumi.com/docs/install/) or use --target nftables on Linux',
  });
}

function stringOpt(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** Loads the county and computes its desired state; undefined (errors printed) when the input is rejected. */
export async function loadDesired(args: ParsedArgs, ctx: CommandContext): Promise<DesiredState | undefined> {
  const root = repoRoot(args, ctx);
  const asOf = asOfDay(args, ctx);
  const repo = await loadOrReport(root, ctx);
  if (!repo) return undefined;
  try {
    return desiredState(repo, asOf);
  } catch (e) {
    if (!(e instanceof DesiredStateError)) throw e;
    ctx.io.err(`${e.code} ${e.file}: ${e.localized[ctx.lang]}${ctx.lang === 'zh' ? '；' : '; '}${e.hint[ctx.lang]}`);
    return undefined;
  }
}

/** Maps the firewall target's typed errors: input the device cannot take -> exit 1; device trouble -> exit 2. */
export function reportTargetError(e: unknown, ctx: CommandContext): number {
  if (!(e instanceof FirewallTargetError)) throw e;
  if (e.code.startsWith('NFT-')) throw new OperationalError({ zh: e.text('zh'), en: e.text('en') });
  ctx.io.err(e.text(ctx.lang));
  return EXIT.rejected;
}

/** `netns`, `--netns` validated: an ip-netns name, never something a command could misread. */
export function netnsOf(args: ParsedArgs): string | undefined {
  const ns = stringOpt(args, 'netns');
  if (ns !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(ns)) {
    throw new UsageError({ zh: `--netns 名称不合法：${ns}`, en: `invalid --netns name: ${ns}` });
  }
  return ns;
}

/** `--zone-interface ZONE=IFNAME`, repeated: the firewall's interfaces of each zone (nftables target). */
export function zoneInterfacesOf(args: ParsedArgs): Record<string, string[]> | undefined {
  const raw = args.values['zone-interface'];
  const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : [];
  if (list.length === 0) return undefined;
  try {
    return parseZoneInterfaces(list);
  } catch (e) {
    if (!(e instanceof FirewallTargetError)) throw e;
    throw new UsageError({ zh: `--zone-interface：${e.text('zh')}`, en: `--zone-interface: ${e.text('en')}` });
  }
}

export const ZONE_INTERFACE_OPTION = {
  type: 'string',
  multiple: true,
  arg: 'ZONE=IFNAME',
  description: {
    zh: '防火墙上某区域的接口（可重复）；给出后每条策略同时匹配来源区域与目的区域的接口',
    en: "the firewall's interface of a zone (repeatable); when given, every policy also matches its source and destination zones' interfaces",
  },
} as const;

const SIDE_WORDS: Record<DriftItem['side'], Record<Lang, string>> = {
  'repository-only': { zh: '+ 新增', en: '+ add' },
  'device-only': { zh: '- 删除', en: '- remove' },
  different: { zh: '~ 修改', en: '~ change' },
};
const KIND_WORDS: Record<DriftItem['kind'], Record<Lang, string>> = {
  table: { zh: '表', en: 'table' },
  set: { zh: '地址集合', en: 'set' },
  chain: { zh: '链', en: 'chain' },
  rule: { zh: '规则', en: 'rule' },
  order: { zh: '规则顺序', en: 'rule order' },
};

export function changeLine(i: DriftItem, lang: Lang): string {
  return `  ${SIDE_WORDS[i.side][lang]} ${KIND_WORDS[i.kind][lang]} ${i.name}: ${i.detail}`;
}

/**
 * What the snapshot records after an apply: the parts that were applied as desired, and for the
 * parts this run did not apply what the previous snapshot held, or nothing, so that `govern plan`
 * still shows them as pending instead of pretending they were applied.
 */
export function appliedState(
  desired: DesiredState,
  previous: DesiredState | undefined,
  parts: ReadonlySet<'firewall' | 'cloud' | 'access'> = new Set(['firewall']),
): DesiredState {
  const none: DesiredState = {
    asOf: desired.asOf,
    firewall: { ...desired.firewall, addressObjects: [], serviceObjects: [], policies: [], nat: [] },
    cloud: {
      region: desired.cloud.region,
      endpoints: desired.cloud.endpoints,
      vpcs: [],
      vswitches: [],
      securityGroups: [],
      securityGroupRules: [],
      instances: [],
      natForwards: [],
    },
    access: { accounts: [] },
  };
  const before = previous ?? none;
  return {
    asOf: desired.asOf,
    firewall: parts.has('firewall') ? desired.firewall : before.firewall,
    cloud: parts.has('cloud') ? desired.cloud : before.cloud,
    access: parts.has('access') ? desired.access : before.access,
  };
}

async function applyNftables(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  const stack = stringOpt(args, 'stack');
  if (stack !== undefined && stack !== FIREWALL_STACK) {
    throw new UsageError({
      zh: `nftables 目标只承载出口防火墙（栈 ${FIREWALL_STACK}），不能应用栈 ${stack}；其余栈请用 --target pulumi`,
      en: `the nftables target carries only the exit firewall (stack ${FIREWALL_STACK}), not stack ${stack}; use --target pulumi for the others`,
    });
  }
  const netns = netnsOf(args);
  const zoneInterfaces = zoneInterfacesOf(args);
  const dryRun = args.values['dry-run'] === true;
  const desired = await loadDesired(args, ctx);
  if (!desired) return EXIT.rejected;
  const lang = ctx.lang;
  const where = netns ? `netns ${netns}` : lang === 'zh' ? '本机' : 'this host';

  let result;
  try {
    result = await new NftablesDriver({ netns, dryRun, zoneInterfaces }).apply(desired.firewall);
  } catch (e) {
    return reportTargetError(e, ctx);
  }
  ctx.io.out(
    lang === 'zh'
      ? `出口防火墙 ${desired.firewall.device} → nftables（${where}），按 ${desired.asOf} 的期望状态`
      : `exit firewall ${desired.firewall.device} -> nftables (${where}), desired state as of ${desired.asOf}`,
  );
  for (const item of result.drift.items) ctx.io.out(changeLine(item, lang));
  const counts = { rules: desired.firewall.policies.length, nat: desired.firewall.nat.length };
  if (!result.changed) {
    ctx.io.out(
      lang === 'zh'
        ? `设备与仓库一致，无需变更（${counts.rules} 条放行策略、${counts.nat} 条目的地址转换）。`
        : `the device matches the repository: nothing to change (${counts.rules} permit policies, ${counts.nat} destination NAT mappings).`,
    );
  } else if (dryRun) {
    ctx.io.out(
      lang === 'zh'
        ? `演练：以上 ${result.drift.items.length} 处变更将以一个 nft 原子事务应用（nft -c 校验通过），未写入设备。`
        : `dry run: the ${result.drift.items.length} changes above would be applied in one atomic nft transaction (nft -c passed); nothing was written.`,
    );
    return EXIT.ok;
  } else {
    ctx.io.out(
      lang === 'zh'
        ? `已应用：一个 nft 原子事务写入 ${counts.rules} 条放行策略、${counts.nat} 条目的地址转换，默认拒绝；回读与期望一致。`
        : `applied: one atomic nft transaction with ${counts.rules} permit policies and ${counts.nat} destination NAT mappings, default deny; read back equal to the rendered rule set.`,
    );
  }
  if (dryRun) return EXIT.ok;
  await recordSnapshot(args, ctx, desired, new Set(['firewall'] as const));
  return EXIT.ok;
}

/** The Pulumi stack environment (stacks/<name>/Pulumi.<env>.yaml) govern applies. */
export const PULUMI_ENV = 'county';

/** Which parts of the desired state each stack carries, for the applied-state snapshot. */
const STACK_PARTS: Record<StackName, 'firewall' | 'cloud' | 'access'> = { 'extranet-edge': 'firewall', 'cloud-node': 'cloud', access: 'access' };

async function applyPulumi(args: ParsedArgs, ctx: CommandContext): Promise<number> {
  if (args.values.netns !== undefined) {
    throw new UsageError({
      zh: '--netns 只用于 nftables 目标；Pulumi 栈请在 stacks/extranet-edge/Pulumi.county.yaml 的 driverOptions.netns 中设置',
      en: '--netns is for the nftables target only; for the Pulumi stack set driverOptions.netns in stacks/extranet-edge/Pulumi.county.yaml',
    });
  }
  const stackOpt = stringOpt(args, 'stack');
  if (stackOpt !== undefined && !(STACK_NAMES as readonly string[]).includes(stackOpt)) {
    throw new UsageError({ zh: `未知的栈 ${stackOpt}，可用：${STACK_NAMES.join('、')}`, en: `unknown stack ${stackOpt}; known: ${STACK_NAMES.join(', ')}` });
  }
  const stacks: readonly StackName[] = stackOpt !== undefined ? [stackOpt as StackName] : STACK_NAMES;
  const dryRun = args.values['dry-run'] === true;
  // The desired state is computed here too: an invalid repository stops before Pulumi runs, and
  // the snapshot records what the stacks applied.
  const desired = await loadDesired(args, ctx);
  if (!desired) return EXIT.rejected;
  const root = repoRoot(args, ctx);
  const lang = ctx.lang;
  for (const stack of stacks) {
    const r = await pulumiApply({ repoRoot: root, stack, asOf: desired.asOf, env: PULUMI_ENV, preview: dryRun, processEnv: ctx.env });
    const counts = Object.entries(r.changes)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    ctx.io.out(lang === 'zh' ? `栈 ${stack}${dryRun ? '（预览）' : ''}：${counts || '无变更'}` : `stack ${stack}${dryRun ? ' (preview)' : ''}: ${counts || 'no changes'}`);
  }
  if (dryRun) return EXIT.ok;
  await recordSnapshot(args, ctx, desired, new Set(stacks.map((s) => STACK_PARTS[s])));
  return EXIT.ok;
}

/** Records the applied parts of `desired` in the snapshot, when it differs from what is recorded. */
async function recordSnapshot(args: ParsedArgs, ctx: CommandContext, desired: DesiredState, parts: ReadonlySet<'firewall' | 'cloud' | 'access'>): Promise<void> {
  const statePath = resolve(repoRoot(args, ctx), stringOpt(args, 'state') ?? DEFAULT_SNAPSHOT_PATH);
  try {
    const previous = await readSnapshot(statePath);
    const applied = appliedState(desired, previous, parts);
    if (!previous || stableJson(previous) !== stableJson(applied)) {
      await writeSnapshot(statePath, applied);
      ctx.io.out(ctx.lang === 'zh' ? `已应用状态已记录：${statePath}` : `applied state recorded: ${statePath}`);
    }
  } catch (e) {
    if (!(e instanceof SnapshotError)) throw e;
    throw new OperationalError({ zh: `${e.code} ${e.file}: ${e.localized.zh}`, en: `${e.code} ${e.file}: ${e.localized.en}` });
  }
}

export const command: CommandSpec = {
  name: 'apply',
  summary: {
    zh: '按仓库的期望状态应用到设备（Pulumi 栈，或 nftables 出口防火墙），重复运行不产生变更',
    en: 'apply the desired state to the devices (Pulumi stacks, or the nftables exit firewall); a repeated run changes nothing',
  },
  usage: '[--stack NAME] [--target pulumi|nftables] [--netns NAME] [--zone-interface ZONE=IFNAME...] [--as-of YYYY-MM-DD] [--repo DIR] [--state FILE] [--dry-run]',
  options: {
    stack: { type: 'string', arg: 'NAME', description: { zh: '只应用此栈（nftables 目标为 extranet-edge）', en: 'apply this stack only (extranet-edge for the nftables target)' } },
    target: {
      type: 'string',
      arg: 'pulumi|nftables',
      description: { zh: '应用方式（默认：有 pulumi 命令行时 pulumi，否则 Linux 上 nftables）', en: 'how to apply (default: pulumi where its CLI exists, else nftables on Linux)' },
    },
    netns: { type: 'string', arg: 'NAME', description: { zh: '在此网络命名空间内运行 nft', en: 'run nft inside this network namespace' } },
    'zone-interface': ZONE_INTERFACE_OPTION,
    'as-of': AS_OF_OPTION,
    repo: REPO_OPTION,
    state: {
      type: 'string',
      arg: 'FILE',
      description: { zh: `已应用状态文件（默认 ${DEFAULT_SNAPSHOT_PATH}，相对仓库根目录）`, en: `applied state file (default ${DEFAULT_SNAPSHOT_PATH}, relative to the repository root)` },
    },
    'dry-run': { type: 'boolean', description: { zh: '只说明将做的变更（nft -c 校验），不写入设备', en: 'describe the change (checked with nft -c) without writing to the device' } },
  },
  async run(args, ctx) {
    const target = await targetOf(args, ctx);
    return target === 'pulumi' ? applyPulumi(args, ctx) : applyNftables(args, ctx);
  },
};
