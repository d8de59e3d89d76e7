// pulumiApply(): runs one stack of stacks/ through the Pulumi Automation API (LocalWorkspace) for
// `govern apply --target pulumi` and `govern plan` previews. The Automation API drives the `pulumi`
// CLI, so its presence is checked FIRST and its absence is an OperationalError saying what is
// missing and how to install it, Chinese first. Backend: PULUMI_BACKEND_URL, default a local
// file:// backend under .govern/pulumi; secrets: the passphrase provider, whose passphrase must come
// from the environment (never a default: a guessable passphrase protects nothing).
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { OperationalError } from '../../cli/types.ts';

export const STACK_NAMES = ['extranet-edge', 'cloud-node', 'access'] as const;
export type StackName = (typeof STACK_NAMES)[number];

export interface PulumiApplyOptions {
  readonly repoRoot: string;
  readonly stack: StackName;
  /** The day the desired state is computed for (YYYY-MM-DD). */
  readonly asOf: string;
  /** The stack environment: Pulumi.<env>.yaml, e.g. "county". */
  readonly env: string;
  /** Preview only (pulumi preview): the same program, nothing changed. */
  readonly preview?: boolean;
  /** Environment of the run (PATH, PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE...); default process.env. */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
}

export interface PulumiApplyResult {
  readonly stack: StackName;
  readonly preview: boolean;
  /** Resource operation counts as Pulumi reports them, e.g. { create: 3, same: 10 }. */
  readonly changes: Readonly<Record<string, number>>;
  readonly stdout: string;
}

const PULUMI_MISSING = {
  zh:
    '找不到 pulumi 命令行工具（PATH 中没有 pulumi），无法通过 Pulumi 应用或预览。' +
    '请在能访问互联网的机器上运行 `curl -fsSL https://get.pulumi.com | sh` 安装，' +
    '或从 https://www.pulumi.com/docs/install/ 下载官方安装包离线安装，然后把 ~/.pulumi/bin 加入 PATH；' +
    '在此之前可用 govern plan 查看变更计划，防火墙可用 govern apply 的 nftables 目标应用。',
  en:
    'the pulumi CLI was not found (no pulumi on PATH), so nothing can be applied or previewed through Pulumi. ' +
    'Install it with `curl -fsSL https://get.pulumi.com | sh` on a machine with internet access, ' +
    'or with the official installer package from https://www.pulumi.com/docs/install/, then add ~/.pulumi/bin to PATH; ' +
    'meanwhile govern plan shows the plan and govern apply applies the firewall through its nftables target.',
};

/** The absolute path of `pulumi` on PATH, or undefined. */
export async function findPulumi(env: Readonly<Record<string, string | undefined>>): Promise<string | undefined> {
  const names = process.platform === 'win32' ? ['pulumi.exe', 'pulumi.cmd'] : ['pulumi'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const n of names) {
      const file = join(dir, n);
      try {
        await access(file, constants.X_OK);
        return file;
      } catch {
        // not here: try the next PATH entry
      }
    }
  }
  return undefined;
}

export async function pulumiApply(opts: PulumiApplyOptions): Promise<PulumiApplyResult> {
  const env = opts.processEnv ?? process.env;
  const pulumiPath = await findPulumi(env);
  if (pulumiPath === undefined) throw new OperationalError(PULUMI_MISSING);
  if (!env.PULUMI_CONFIG_PASSPHRASE && !env.PULUMI_CONFIG_PASSPHRASE_FILE) {
    throw new OperationalError({
      zh: 'Pulumi 的 passphrase 密钥提供方需要口令：请设置环境变量 PULUMI_CONFIG_PASSPHRASE 或 PULUMI_CONFIG_PASSPHRASE_FILE（由县大数据局保管，不得写入仓库）',
      en: 'the Pulumi passphrase secrets provider needs a passphrase: set PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE (kept by the bureau, never committed)',
    });
  }
  const root = resolve(opts.repoRoot);
  const backendDir = join(root, '.govern', 'pulumi');
  const backend = env.PULUMI_BACKEND_URL ?? `file://${backendDir}`;
  if (backend === `file://${backendDir}`) await mkdir(backendDir, { recursive: true });

  // Loaded here, after the checks: the Automation API is heavy and useless without the CLI.
  const { LocalWorkspace, PulumiCommand } = await import('@pulumi/pulumi/automation/index.js');
  const envVars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) envVars[k] = v;
  envVars.PULUMI_BACKEND_URL = backend;
  // The programs, and the dynamic providers the engine runs apart, are TypeScript run through tsx.
  envVars.NODE_OPTIONS = [env.NODE_OPTIONS, '--import tsx'].filter(Boolean).join(' ');
  const pulumiCommand = await PulumiCommand.get({ root: resolve(pulumiPath, '..', '..'), skipVersionCheck: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: opts.env, workDir: join(root, 'stacks', opts.stack) },
    { envVars, secretsProvider: 'passphrase', pulumiCommand },
  );
  await stack.setConfig('repoRoot', { value: root });
  await stack.setConfig('asOf', { value: opts.asOf });
  if (opts.preview) {
    const r = await stack.preview();
    return { stack: opts.stack, preview: true, changes: { ...r.changeSummary }, stdout: r.stdout };
  }
  const r = await stack.up();
  return { stack: opts.stack, preview: false, changes: { ...(r.summary.resourceChanges ?? {}) }, stdout: r.stdout };
}
