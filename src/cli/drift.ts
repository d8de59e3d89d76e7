// `govern drift`: reads the exit firewall and reports drift against the repository's desired state,
// both ways: what the device has that the repository does not (changed on the device, which art. 11
// forbids units to do), and what the repository has that the device lacks. Exit 1 when there is
// drift, so the scheduled workflow fails visibly; never writes to the device.
import type { Lang } from '../i18n/index.ts';
import { NftablesDriver } from '../targets/nftables/driver.ts';
import type { Drift, DriftItem } from '../targets/nftables/diff.ts';
import { ZONE_INTERFACE_OPTION, loadDesired, netnsOf, reportTargetError, zoneInterfacesOf } from './apply.ts';
import { AS_OF_OPTION, REPO_OPTION, formatOf } from './repository.ts';
import { EXIT, type CommandSpec } from './types.ts';

const SIDE_HEADINGS: Record<DriftItem['side'], Record<Lang, string>> = {
  'device-only': {
    zh: '设备上有、仓库没有（设备被改动，或仓库已删除、已到期而尚未应用）',
    en: 'on the device, not in the repository (changed on the device, or removed or expired in the repository and not applied yet)',
  },
  'repository-only': { zh: '仓库有、设备上没有（未应用或被删除）', en: 'in the repository, not on the device (not applied, or removed)' },
  different: { zh: '两边不同', en: 'different on the two sides' },
};

export function driftText(drift: Drift, device: string, lang: Lang): string {
  if (drift.inSync) {
    return lang === 'zh' ? `出口防火墙 ${device} 与仓库一致，无漂移。` : `exit firewall ${device} matches the repository: no drift.`;
  }
  const lines = [
    lang === 'zh'
      ? `出口防火墙 ${device} 与仓库不一致：${drift.items.length} 处漂移。用 govern apply 恢复为仓库状态，或通过变更申请修改仓库（第十一条）。`
      : `exit firewall ${device} differs from the repository: ${drift.items.length} drift items. Run govern apply to restore the repository's state, or change the repository through a request (art. 11).`,
  ];
  for (const side of ['device-only', 'repository-only', 'different'] as const) {
    const items = drift.items.filter((i) => i.side === side);
    if (items.length === 0) continue;
    lines.push(`${SIDE_HEADINGS[side][lang]}:`);
    for (const i of items) lines.push(`  ${i.kind} ${i.name}: ${i.detail}`);
  }
  return lines.join('\n');
}

export const command: CommandSpec = {
  name: 'drift',
  summary: {
    zh: '读取出口防火墙并与仓库的期望状态比对，报告双向漂移（有漂移时退出码 1）',
    en: 'read the exit firewall and report drift against the desired state, both ways (exit 1 on drift)',
  },
  usage: '[--netns NAME] [--zone-interface ZONE=IFNAME...] [--format text|json] [--as-of YYYY-MM-DD] [--repo DIR]',
  options: {
    netns: { type: 'string', arg: 'NAME', description: { zh: '在此网络命名空间内读取 nft', en: 'read nft inside this network namespace' } },
    'zone-interface': ZONE_INTERFACE_OPTION,
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
    'as-of': AS_OF_OPTION,
    repo: REPO_OPTION,
  },
  async run(args, ctx) {
    const format = formatOf(args, ['text', 'json'] as const, 'text');
    const netns = netnsOf(args);
    const zoneInterfaces = zoneInterfacesOf(args);
    const desired = await loadDesired(args, ctx);
    if (!desired) return EXIT.rejected;
    let drift: Drift;
    try {
      drift = await new NftablesDriver({ netns, zoneInterfaces }).drift(desired.firewall);
    } catch (e) {
      return reportTargetError(e, ctx);
    }
    if (format === 'json') {
      ctx.io.out(
        JSON.stringify(
          { device: desired.firewall.device, target: 'nftables', netns: netns ?? null, asOf: desired.asOf, inSync: drift.inSync, items: drift.items },
          null,
          2,
        ),
      );
    } else ctx.io.out(driftText(drift, desired.firewall.device, ctx.lang));
    return drift.inSync ? EXIT.ok : EXIT.rejected;
  },
};
