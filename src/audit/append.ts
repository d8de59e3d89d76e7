// Appending one entry: under an exclusive lock file, read and verify the whole ledger (fail closed on
// any tampering), chain the new entry to the last hash, sign it, write one line with O_APPEND and
// fsync. An existing line is never rewritten.
//
// Why a lock file and not O_APPEND alone: O_APPEND keeps two writers' bytes from interleaving, but two
// writers that both read seq N would both write seq N+1 with the same prev, forking the chain. The
// lock (created with O_EXCL, holding the owner's pid) serialises read-verify-write. A lock whose owner
// process no longer exists on this host is stale and is taken over. Across machines the ledger lives
// on the audit-ledger branch and a non-fast-forward push fails, which serialises there (docs/audit.md).
import type { KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { digestOf } from './canonical.ts';
import { ApplyResult, Approver, EntryBody, LEDGER_FORMAT, entryHash, entryLine, type ApplyResultT, type ApproverT, type EntryBodyT, type EntryT } from './entry.ts';
import { AuditError } from './errors.ts';
import { keyIdOf, signHash, type PublicKeyInfo } from './keys.ts';
import { verifyLedger, type Tamper } from './verify.ts';

export interface AppendInput {
  readonly pullRequest: { readonly number: number; readonly url: string };
  readonly commit: string;
  readonly requests: readonly string[];
  readonly requester: string;
  readonly approvers: readonly ApproverT[];
  /** The parsed check.json the gate decided on. */
  readonly decision: unknown;
  /** The parsed plan.json that was applied. */
  readonly plan: unknown;
  readonly applyResult: readonly ApplyResultT[];
}

export interface AppendOptions {
  readonly ledgerFile: string;
  /** Shown in messages instead of the absolute path. */
  readonly displayName?: string;
  readonly publicKeys: readonly PublicKeyInfo[];
  readonly privateKey: KeyObject;
  readonly now: Date;
  /** How long to wait for another writer's lock (default 30 s). */
  readonly lockTimeoutMs?: number;
}

/** The ledger did not verify, so nothing was appended (exit 1). */
export class LedgerTamperedError extends Error {
  constructor(readonly tamper: Tamper) {
    super(tamper.message.en);
    this.name = 'LedgerTamperedError';
  }
}

export function appendEntry(input: AppendInput, opts: AppendOptions): EntryT {
  const name = opts.displayName ?? opts.ledgerFile;
  const keyId = keyIdOf(createPublicKey(opts.privateKey));
  // A key that audit/pipeline-key.pub does not hold would write an entry that never verifies.
  if (!opts.publicKeys.some((k) => k.keyId === keyId)) {
    throw new AuditError('AUDIT-KEY', {
      zh: `私钥（密钥标识 ${keyId}）与公钥文件中的任何公钥都不配对，拒绝写入无法验证的记录；检查 GOVERN_AUDIT_KEY 是否为流水线的私钥`,
      en: `the private key (key id ${keyId}) matches no key in the public key file; refusing to write an entry nobody could verify; check that GOVERN_AUDIT_KEY is the pipeline's key`,
    });
  }
  for (const a of input.approvers) checkShape(Approver, a, 'approvers');
  for (const r of input.applyResult) checkShape(ApplyResult, r, 'applyResult');
  mkdirSync(dirname(opts.ledgerFile), { recursive: true });
  const release = acquireLock(opts.ledgerFile + '.lock', opts.lockTimeoutMs ?? 30_000, name);
  try {
    const text = readLedgerText(opts.ledgerFile);
    const verified = verifyLedger(text, opts.publicKeys, name);
    if (!verified.ok) throw new LedgerTamperedError(verified.tamper);
    const last = verified.entries.at(-1);
    const body: EntryBodyT = {
      format: LEDGER_FORMAT,
      seq: (last?.seq ?? 0) + 1,
      time: opts.now.toISOString(),
      prev: last?.hash ?? '0'.repeat(64),
      pullRequest: { number: input.pullRequest.number, url: input.pullRequest.url },
      commit: input.commit,
      requests: [...input.requests].sort(),
      requester: input.requester,
      approvers: [...input.approvers].sort((a, b) => a.login.localeCompare(b.login) || a.reviewId - b.reviewId),
      decisionDigest: digestOf(input.decision),
      planDigest: digestOf(input.plan),
      applyResult: [...input.applyResult],
      keyId,
    };
    checkShape(EntryBody, body, 'entry');
    const hash = entryHash(body);
    const entry: EntryT = { ...body, hash, sig: signHash(hash, opts.privateKey) };
    writeLine(opts.ledgerFile, entryLine(entry));
    return entry;
  } finally {
    release();
  }
}

function checkShape(schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, v: unknown, what: string): void {
  const r = schema.safeParse(v);
  if (r.success) return;
  const issue = r.error!.issues[0]!;
  const path = [what, ...issue.path.map(String)].join('.');
  throw new AuditError('AUDIT-INPUT', {
    zh: `${path}：${issue.message}；按 docs/audit.md 的记录格式修正输入`,
    en: `${path}: ${issue.message}; fix the input to match the entry format in docs/audit.md`,
  });
}

export function readLedgerText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new AuditError('AUDIT-IO', {
      zh: `无法读取台账 ${file}：${(e as Error).message}`,
      en: `cannot read the ledger ${file}: ${(e as Error).message}`,
    });
  }
}

function writeLine(file: string, line: string): void {
  const fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    const buf = Buffer.from(line, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function acquireLock(lockFile: string, timeoutMs: number, name: string): () => void {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => unlinkSync(lockFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new AuditError('AUDIT-IO', { zh: `无法创建锁文件 ${lockFile}：${(e as Error).message}`, en: `cannot create the lock file ${lockFile}: ${(e as Error).message}` });
      }
    }
    const stale = stalePid(lockFile);
    if (stale !== undefined) {
      try {
        // Re-read just before removing: a waiter that took the lock over meanwhile wrote its own pid.
        if (stalePid(lockFile) === stale) unlinkSync(lockFile);
      } catch {
        // Another waiter removed it first; the next attempt races for the fresh lock.
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new AuditError('AUDIT-LOCK', {
        zh: `台账 ${name} 被另一个写入进程锁定（${lockFile}）超过 ${Math.round(timeoutMs / 1000)} 秒；确认没有其他追加在运行后再重试`,
        en: `the ledger ${name} has been locked by another writer (${lockFile}) for over ${Math.round(timeoutMs / 1000)} s; make sure no other append is running, then retry`,
      });
    }
    Atomics.wait(sleeper, 0, 0, Math.min(5 + attempt * 5, 50));
  }
}

/** The pid of a lock whose owner is no live process on this host. An unreadable or empty lock is young: wait. */
function stalePid(lockFile: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH' ? pid : undefined;
  }
}
