// The nftables driver of the exit firewall (FirewallDriver): renders the desired firewall, reads our
// table back from the device, and only when they differ replaces the whole table in ONE atomic
// `nft -f` transaction, then reads it back again to prove the device holds what was rendered.
// Plan and apply share this one code path (safe-settings): with dryRun the same function checks the
// file with `nft -c` and describes the change instead of making it. Optionally works inside a network
// namespace (`ip netns exec NAME nft ...`). Commands run through execFile (no shell) with timeouts.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DesiredFirewall } from '../../desired/types.ts';
import type { DriverApplyResult, DriverReadResult, FirewallDriver } from '../driver.ts';
import { diffRulesets, type Drift } from './diff.ts';
import { FirewallTargetError, targetError } from './errors.ts';
import { rulesetFromJson } from './read.ts';
import { nftRuleset, nftablesText } from './render.ts';
import { DEFAULT_TABLE, fingerprint, type NftRuleset } from './ruleset.ts';
import { parseZoneInterfaces, type ZoneInterfaces } from './zones.ts';

export interface NftablesDriverOptions {
  /** Run nft inside this network namespace (created with `ip netns add`). */
  readonly netns?: string;
  readonly table?: string;
  /** Describe the change and check it with `nft -c` instead of applying it. */
  readonly dryRun?: boolean;
  /** Per-command timeout (default 15 s). */
  readonly timeoutMs?: number;
  /** The nft program (default `nft` from PATH; e.g. /usr/sbin/nft where PATH lacks sbin). */
  readonly nft?: string;
  /**
   * The firewall's interfaces of each zone (see NftRenderOptions.zoneInterfaces); also as a string
   * `internet=eth0,extranet-public=eth1` for a Pulumi stack's flat driverOptions.
   */
  readonly zoneInterfaces?: ZoneInterfaces | string;
}

export interface NftApplyResult extends DriverApplyResult {
  /** Drift found before applying: what the apply replaced (empty when nothing changed). */
  readonly drift: Drift;
  /** True when nothing was written because of dryRun. */
  readonly dryRun: boolean;
  /** The `nft -f` text that was (or, in a dry run, would be) applied. */
  readonly ruleset: string;
  readonly fingerprint: string;
}

export interface NftReadResult extends DriverReadResult {
  readonly ruleset?: NftRuleset;
}

interface RunResult {
  readonly stdout: string;
}

export class NftablesDriver implements FirewallDriver {
  readonly name = 'nftables';
  readonly table: string;

  constructor(private readonly opts: NftablesDriverOptions = {}) {
    this.table = opts.table ?? DEFAULT_TABLE;
  }

  private where(): string {
    return this.opts.netns ? `netns ${this.opts.netns}` : 'host';
  }

  private nft(args: readonly string[]): Promise<RunResult> {
    const nft = this.opts.nft ?? 'nft';
    const [file, argv] = this.opts.netns ? ['ip', ['netns', 'exec', this.opts.netns, nft, ...args]] : [nft, [...args]];
    const timeout = this.opts.timeoutMs ?? 15_000;
    const shown = [file, ...argv].join(' ');
    return new Promise((resolve, reject) => {
      execFile(file, argv, { timeout, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
        if (!err) return resolve({ stdout });
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
        if (e.code === 'ENOENT') {
          return reject(
            targetError(
              'NFT-002',
              shown,
              { zh: `找不到命令 ${file}`, en: `command ${file} not found` },
              { zh: '安装 nftables 与 iproute2（apt-get install nftables iproute2），并以 root 运行', en: 'install nftables and iproute2 (apt-get install nftables iproute2) and run as root' },
            ),
          );
        }
        if (e.killed || e.signal === 'SIGTERM') {
          return reject(
            targetError(
              'NFT-003',
              shown,
              { zh: `${timeout} 毫秒内未完成`, en: `did not finish within ${timeout} ms` },
              { zh: '检查设备负载或 nft 是否被其他事务阻塞后重试', en: 'check the device load or whether nft is blocked by another transaction, then retry' },
            ),
          );
        }
        const msg = (stderr || e.message).trim().split('\n').slice(0, 8).join(' | ');
        if (/Cannot open network namespace/.test(msg)) {
          return reject(
            targetError(
              'NFT-005',
              `netns ${this.opts.netns ?? ''}`,
              { zh: `网络命名空间不存在：${msg}`, en: `network namespace not found: ${msg}` },
              { zh: '用 ip netns list 查看，或去掉 --netns', en: 'check with ip netns list, or drop --netns' },
            ),
          );
        }
        return reject(
          targetError(
            'NFT-001',
            shown,
            { zh: `nft 执行失败：${msg}`, en: `nft failed: ${msg}` },
            { zh: '检查是否以 root 运行、内核是否支持 nftables，以及上面的 nft 报错', en: 'check that it runs as root, that the kernel supports nftables, and the nft error above' },
          ),
        );
      });
    });
  }

  /** Parses nft's JSON output; output that is not JSON (an nft without JSON support) is a typed error. */
  private parsed<T>(args: readonly string[], stdout: string, f: (text: string) => T): T {
    try {
      return f(stdout);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      throw targetError(
        'NFT-006',
        `nft ${args.join(' ')}`,
        { zh: `输出不是 JSON（${e.message}）`, en: `printed something that is not JSON (${e.message})` },
        { zh: '使用支持 -j 的 nftables（0.9.3 及以上）', en: 'use an nftables with -j support (0.9.3 or later)' },
      );
    }
  }

  /** Our table as the device holds it; undefined when the table does not exist. */
  async readRuleset(): Promise<NftRuleset | undefined> {
    const listTables = ['-j', 'list', 'tables', 'inet'];
    const tables = this.parsed(listTables, (await this.nft(listTables)).stdout, inetTableNames);
    if (!tables.includes(this.table)) return undefined;
    const listTable = ['-j', 'list', 'table', 'inet', this.table];
    return this.parsed(listTable, (await this.nft(listTable)).stdout, (t) => rulesetFromJson(t, this.table));
  }

  async read(): Promise<NftReadResult> {
    const rs = await this.readRuleset();
    if (!rs) return { present: false, detail: `${this.where()}: table inet ${this.table} absent` };
    return {
      present: true,
      fingerprint: fingerprint(rs),
      ruleset: rs,
      detail: `${this.where()}: ${rs.rules.length} rules, ${rs.sets.length} sets`,
    };
  }

  /** Drift of the device against the desired firewall, both ways. */
  async drift(desired: DesiredFirewall): Promise<Drift> {
    return diffRulesets(this.rendered(desired), await this.readRuleset());
  }

  private async withFile<T>(text: string, f: (path: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'govern-nft-'));
    try {
      const path = join(dir, 'ruleset.nft');
      await writeFile(path, text, 'utf8');
      return await f(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private rendered(desired: DesiredFirewall): NftRuleset {
    const z = this.opts.zoneInterfaces;
    return nftRuleset(desired, { table: this.table, zoneInterfaces: typeof z === 'string' ? parseZoneInterfaces(z) : z });
  }

  async apply(desired: DesiredFirewall): Promise<NftApplyResult> {
    const want = this.rendered(desired);
    const text = nftablesText(desired.device, want);
    const fp = fingerprint(want);
    const dryRun = this.opts.dryRun ?? false;
    const drift = diffRulesets(want, await this.readRuleset());
    const summary = `${want.rules.length} rules, ${want.sets.length} sets`;
    if (drift.inSync) {
      return { changed: false, dryRun, drift, ruleset: text, fingerprint: fp, detail: `${this.where()}: in sync (${summary})` };
    }
    if (dryRun) {
      await this.withFile(text, (path) => this.nft(['-c', '-f', path]));
      return { changed: true, dryRun, drift, ruleset: text, fingerprint: fp, detail: `${this.where()}: nft -c -f ok, would apply ${summary}` };
    }
    await this.withFile(text, (path) => this.nft(['-f', path]));
    const after = diffRulesets(want, await this.readRuleset());
    if (!after.inSync) {
      // Fail closed: the device does not hold what was rendered, so the apply is not reported done.
      throw targetError(
        'NFT-004',
        `${this.where()} table inet ${this.table}`,
        {
          zh: `应用后回读与期望不一致：${after.items.map((i) => `${i.side} ${i.kind} ${i.detail}`).join('; ')}`,
          en: `read-back after apply differs from the rendered rule set: ${after.items.map((i) => `${i.side} ${i.kind} ${i.detail}`).join('; ')}`,
        },
        { zh: '检查是否有其他进程同时修改防火墙，然后重新应用', en: 'check whether another process modifies the firewall at the same time, then apply again' },
      );
    }
    return { changed: true, dryRun, drift, ruleset: text, fingerprint: fp, detail: `${this.where()}: nft -f applied ${summary}` };
  }
}

/** Names of the inet tables in `nft -j list tables inet` output. */
function inetTableNames(text: string): string[] {
  const doc = JSON.parse(text) as { nftables?: { table?: { name?: string; family?: string } }[] };
  return (doc.nftables ?? []).flatMap((i) => (i.table && i.table.family === 'inet' && typeof i.table.name === 'string' ? [i.table.name] : []));
}

export { FirewallTargetError };
