// Shared by the audit tests: a fresh directory with a real key pair, a ledger built through the real
// append path, and the CLI run in-process with captured output.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendEntry, generateKeyPair, parsePrivateKey, parsePublicKeys, type AppendInput, type EntryT } from '../../src/audit/index.ts';
import { main } from '../../src/cli/main.ts';

export interface Fixture {
  readonly dir: string;
  readonly ledger: string;
  readonly pub: string;
  readonly priv: string;
}

export function fixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'govern-audit-'));
  const keys = generateKeyPair(join(dir, 'keys'));
  return { dir, ledger: join(dir, 'audit', 'ledger.jsonl'), pub: keys.publicKeyFile, priv: keys.privateKeyFile };
}

export function sampleInput(n: number): AppendInput {
  return {
    pullRequest: { number: 100 + n, url: `https://github.com/shengsi-egov/governance/pull/${100 + n}` },
    commit: (n.toString(16).padStart(2, '0') + 'a'.repeat(38)).slice(0, 40),
    requests: [`REQ-2026-${String(n).padStart(4, '0')}`],
    requester: `unit-user-${n}`,
    approvers: [{ login: 'bureau-reviewer-1', reviewId: 9000 + n, commit: (n.toString(16).padStart(2, '0') + 'a'.repeat(38)).slice(0, 40) }],
    decision: { requests: [{ id: `REQ-2026-${String(n).padStart(4, '0')}`, decision: 'allow' }], summary: { requests: 1, allowed: 1, denied: 0, warnings: 0 } },
    plan: {
      changes: [{ action: 'add', stack: 'extranet-edge', type: 'firewall.policy', name: `p-${n}`, requests: [`REQ-2026-${String(n).padStart(4, '0')}`], fields: [] }],
      summary: { add: 1, change: 0, remove: 0 },
    },
    applyResult: [{ target: 'nftables', stack: 'extranet-edge', changed: n, summary: `added ${n} rules` }],
  };
}

/** Appends `count` entries through the real append path. */
export function buildLedger(f: Fixture, count: number): EntryT[] {
  const publicKeys = parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub);
  const privateKey = parsePrivateKey(readFileSync(f.priv, 'utf8'), f.priv);
  const out: EntryT[] = [];
  for (let i = 1; i <= count; i++) {
    out.push(appendEntry(sampleInput(i), { ledgerFile: f.ledger, publicKeys, privateKey, now: new Date(Date.UTC(2026, 10, 25, 8, i)) }));
  }
  return out;
}

export function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').slice(0, -1);
}

export function writeLines(file: string, ls: readonly string[]): void {
  writeFileSync(file, ls.map((l) => l + '\n').join(''));
}

export async function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    cwd,
    env,
    io: { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') },
    now: () => new Date('2026-11-25T09:00:00Z'),
  });
  return { code, out, err };
}
