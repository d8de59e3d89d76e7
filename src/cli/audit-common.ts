// Shared by the `govern audit ...` commands: where the ledger and the public key are, reading them,
// and the options every audit command takes.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_LEDGER, DEFAULT_PUBLIC_KEY, parsePublicKeys, readLedgerText, type PublicKeyInfo } from '../audit/index.ts';
import type { CommandContext, OptionSpec, ParsedArgs } from './types.ts';
import { OperationalError, UsageError } from './types.ts';

export const LEDGER_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  ledger: { type: 'string', arg: 'FILE', description: { zh: `台账文件（默认 ${DEFAULT_LEDGER}）`, en: `ledger file (default ${DEFAULT_LEDGER})` } },
  'public-key': {
    type: 'string',
    arg: 'FILE',
    description: { zh: `流水线公钥 PEM 文件（默认 ${DEFAULT_PUBLIC_KEY}）`, en: `the pipeline's public key, PEM (default ${DEFAULT_PUBLIC_KEY})` },
  },
};

export interface LedgerPaths {
  readonly ledger: string;
  readonly ledgerName: string;
  readonly publicKey: string;
  readonly publicKeyName: string;
}

function display(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r.split('\\').join('/') : p;
}

export function ledgerPaths(args: ParsedArgs, ctx: CommandContext): LedgerPaths {
  const ledger = resolve(ctx.cwd, str(args, 'ledger') ?? DEFAULT_LEDGER);
  const publicKey = resolve(ctx.cwd, str(args, 'public-key') ?? DEFAULT_PUBLIC_KEY);
  return { ledger, ledgerName: display(ctx.cwd, ledger), publicKey, publicKeyName: display(ctx.cwd, publicKey) };
}

export function readPublicKeys(p: LedgerPaths): PublicKeyInfo[] {
  let pem: string;
  try {
    pem = readFileSync(p.publicKey, 'utf8');
  } catch {
    throw new OperationalError({
      zh: `AUDIT-KEY 无法读取公钥文件 ${p.publicKeyName}；台账无法验证，按失败处理。用 govern audit keygen 生成密钥对并提交公钥`,
      en: `AUDIT-KEY cannot read the public key file ${p.publicKeyName}; the ledger cannot be verified, which counts as a failure. Create a pair with govern audit keygen and commit the public key`,
    });
  }
  return parsePublicKeys(pem, p.publicKeyName);
}

export function readLedger(p: LedgerPaths): string {
  return readLedgerText(p.ledger);
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError({ zh: `--${name} 需要一个值`, en: `--${name} needs a value` });
  return v;
}

export function list(args: ParsedArgs, name: string): string[] {
  const v = args.values[name];
  if (v === undefined) return [];
  const all = Array.isArray(v) ? v : [String(v)];
  return all.flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== '');
}

export function positiveInt(args: ParsedArgs, name: string): number | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(v)) throw new UsageError({ zh: `--${name} 须为正整数，收到 ${v}`, en: `--${name} must be a positive integer, got ${v}` });
  return Number(v);
}

export function format(args: ParsedArgs, allowed: readonly string[]): string {
  const f = str(args, 'format') ?? allowed[0]!;
  if (!allowed.includes(f)) throw new UsageError({ zh: `--format 只能是 ${allowed.join('、')}`, en: `--format must be one of ${allowed.join(', ')}` });
  return f;
}
