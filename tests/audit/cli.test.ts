import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePublicKeys, verifyLedger, type EntryT } from '../../src/audit/index.ts';
import { buildLedger, cli, fixture, lines, sampleInput, writeLines } from './helpers.ts';

const ROOT = resolve(import.meta.dirname, '../..');

function ledgerArgs(f: ReturnType<typeof fixture>): string[] {
  return ['--ledger', f.ledger, '--public-key', f.pub];
}

function run(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin/run.mjs'), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('close', (code) => res({ code, err }));
  });
}

describe('govern audit verify', () => {
  it('exits 0 on an intact ledger and names the latest hash', async () => {
    const f = fixture();
    const entries = buildLedger(f, 2);
    const r = await cli(['audit', 'verify', ...ledgerArgs(f)], f.dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('台账完好');
    expect(r.out).toContain(entries[1]!.hash);
  });

  it('exits 1 on an edited entry with a Chinese message naming it, English with --lang en', async () => {
    const f = fixture();
    buildLedger(f, 3);
    const ls = lines(f.ledger);
    ls[1] = ls[1]!.replace('"changed":2', '"changed":0');
    writeLines(f.ledger, ls);
    const zh = await cli(['audit', 'verify', ...ledgerArgs(f)], f.dir);
    expect(zh.code).toBe(1);
    expect(zh.err).toMatch(/^AUDIT-EDITED .*ledger\.jsonl:2: 第 2 条记录（第 2 行）被修改.*处理：不要再向该台账追加/);
    const en = await cli(['audit', 'verify', '--lang', 'en', ...ledgerArgs(f)], f.dir);
    expect(en.code).toBe(1);
    expect(en.err).toContain('entry 2 (line 2) was edited');
    expect(en.err).toContain('what to do: do not append to this ledger');
  });

  it('reports JSON with the tampered entry for machines', async () => {
    const f = fixture();
    buildLedger(f, 3);
    writeLines(f.ledger, lines(f.ledger).filter((_, i) => i !== 1));
    const r = await cli(['audit', 'verify', '--format', 'json', ...ledgerArgs(f)], f.dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, entries: 1, tamper: { kind: 'removed', seq: 2, line: 2 } });
  });

  it('checks an anchor given on the command line and rejects a malformed one as usage', async () => {
    const f = fixture();
    const entries = buildLedger(f, 2);
    writeLines(f.ledger, lines(f.ledger).slice(0, 1));
    expect((await cli(['audit', 'verify', '--anchor', `2:${entries[1]!.hash}`, ...ledgerArgs(f)], f.dir)).code).toBe(1);
    const bad = await cli(['audit', 'verify', '--anchor', 'two:abc', ...ledgerArgs(f)], f.dir);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--anchor 格式为');
  });

  it('fails with exit 2 and a hint when the public key file is missing', async () => {
    const f = fixture();
    buildLedger(f, 1);
    const r = await cli(['audit', 'verify', '--ledger', f.ledger, '--public-key', join(f.dir, 'nope.pub')], f.dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('AUDIT-KEY');
    expect(r.err).toContain('govern audit keygen');
  });
});

describe('govern audit append', () => {
  function files(f: ReturnType<typeof fixture>): string[] {
    const input = sampleInput(1);
    writeFileSync(join(f.dir, 'check.json'), JSON.stringify(input.decision));
    writeFileSync(join(f.dir, 'plan.json'), JSON.stringify(input.plan));
    writeFileSync(join(f.dir, 'apply-edge.json'), JSON.stringify(input.applyResult[0]));
    writeFileSync(join(f.dir, 'apply-cloud.json'), JSON.stringify([{ target: 'pulumi', stack: 'cloud-node', changed: 0, summary: 'no changes' }]));
    writeFileSync(join(f.dir, 'approvals.json'), JSON.stringify(input.approvers));
    return [
      '--pr', '7', '--requester', 'alice', '--commit', 'b'.repeat(40),
      '--check', 'check.json', '--plan', 'plan.json', '--approvals', 'approvals.json',
      '--apply-result', 'apply-edge.json', '--apply-result', 'apply-cloud.json',
    ];
  }

  it('appends from the apply workflow files, taking the PR address and key from the environment', async () => {
    const f = fixture();
    const env = { GOVERN_AUDIT_KEY: readFileSync(f.priv, 'utf8'), GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'shengsi/gov' };
    const r = await cli(['audit', 'append', ...files(f), ...ledgerArgs(f)], f.dir, env);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已追加第 1 条记录');
    const [entry] = lines(f.ledger).map((l) => JSON.parse(l) as EntryT);
    expect(entry).toMatchObject({
      seq: 1,
      pullRequest: { number: 7, url: 'https://github.com/shengsi/gov/pull/7' },
      requests: ['REQ-2026-0001'],
      requester: 'alice',
      approvers: [{ login: 'bureau-reviewer-1', reviewId: 9001 }],
      applyResult: [{ stack: 'extranet-edge' }, { stack: 'cloud-node' }],
      time: '2026-11-25T09:00:00.000Z',
    });
    // The private key appears nowhere in what the command printed.
    expect(r.out + r.err).not.toContain('PRIVATE KEY');
  });

  it('appends one --entry-json file', async () => {
    const f = fixture();
    const input = sampleInput(2);
    writeFileSync(join(f.dir, 'entry.json'), JSON.stringify({ ...input, commit: 'c'.repeat(40) }));
    const r = await cli(['audit', 'append', '--entry-json', 'entry.json', '--private-key', f.priv, ...ledgerArgs(f)], f.dir);
    expect(r.code).toBe(0);
    const pub = parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub);
    expect(verifyLedger(readFileSync(f.ledger, 'utf8'), pub, 'l').ok).toBe(true);
  });

  it('refuses to append to a tampered ledger with exit 1 and leaves it unchanged', async () => {
    const f = fixture();
    buildLedger(f, 2);
    const ls = lines(f.ledger);
    [ls[0], ls[1]] = [ls[1]!, ls[0]!];
    writeLines(f.ledger, ls);
    const before = readFileSync(f.ledger, 'utf8');
    const r = await cli(['audit', 'append', ...files(f), '--private-key', f.priv, ...ledgerArgs(f)], f.dir, { GITHUB_SERVER_URL: 'https://g', GITHUB_REPOSITORY: 'o/r' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('拒绝追加');
    expect(r.err).toContain('AUDIT-REORDERED');
    expect(readFileSync(f.ledger, 'utf8')).toBe(before);
  });

  it('fails with exit 2 when there is no signing key, writing nothing', async () => {
    const f = fixture();
    const r = await cli(['audit', 'append', ...files(f), ...ledgerArgs(f)], f.dir, { GITHUB_SERVER_URL: 'https://g', GITHUB_REPOSITORY: 'o/r' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('GOVERN_AUDIT_KEY');
    expect(existsSync(f.ledger)).toBe(false);
  });

  it('names the file and field of a bad apply result', async () => {
    const f = fixture();
    const args = files(f);
    writeFileSync(join(f.dir, 'apply-edge.json'), JSON.stringify({ target: 'nftables', stack: 'extranet-edge', changed: -1, summary: '' }));
    const r = await cli(['audit', 'append', ...args, '--private-key', f.priv, '--lang', 'en', ...ledgerArgs(f)], f.dir, { GITHUB_SERVER_URL: 'https://g', GITHUB_REPOSITORY: 'o/r' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--apply-result: apply-edge.json at changed');
  });
});

describe('govern audit show', () => {
  it('prints a Chinese table and filters by pull request and request', async () => {
    const f = fixture();
    buildLedger(f, 3);
    const all = await cli(['audit', 'show', ...ledgerArgs(f)], f.dir);
    expect(all.code).toBe(0);
    expect(all.out.split('\n')[0]).toMatch(/^序号\s+时间（UTC）\s+拉取请求/);
    expect(all.out).toContain('#102');
    const pr = await cli(['audit', 'show', '--pr', '102', '--format', 'json', ...ledgerArgs(f)], f.dir);
    expect((JSON.parse(pr.out) as EntryT[]).map((e) => e.seq)).toEqual([2]);
    const req = await cli(['audit', 'show', '--request', 'REQ-2026-0003', '--format', 'json', ...ledgerArgs(f)], f.dir);
    expect((JSON.parse(req.out) as EntryT[]).map((e) => e.seq)).toEqual([3]);
  });

  it('refuses to show a ledger that does not verify', async () => {
    const f = fixture();
    buildLedger(f, 2);
    writeFileSync(f.ledger, readFileSync(f.ledger, 'utf8') + '\n');
    const r = await cli(['audit', 'show', ...ledgerArgs(f)], f.dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('AUDIT-BLANK');
  });
});

describe('govern audit keygen', () => {
  it('creates a pair, prints the key id and paths but never the private key', async () => {
    const f = fixture();
    const r = await cli(['audit', 'keygen', '--out', 'newkeys'], f.dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/密钥标识 [0-9a-f]{16}/);
    expect(r.out).not.toContain('PRIVATE KEY');
    expect(readFileSync(join(f.dir, 'newkeys/pipeline-key.pem'), 'utf8')).toContain('PRIVATE KEY');
  });
});

describe('concurrent appends', () => {
  it('two processes appending at once produce one unbroken chain (serialised by the lock file)', async () => {
    const f = fixture();
    const results = await Promise.all([
      run(['tests/audit/append-worker.ts', f.ledger, f.pub, f.priv, '15', 'a']),
      run(['tests/audit/append-worker.ts', f.ledger, f.pub, f.priv, '15', 'b']),
    ]);
    expect(results.map((r) => r.err)).toEqual(['', '']);
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const v = verifyLedger(readFileSync(f.ledger, 'utf8'), parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub), 'l');
    expect(v.ok).toBe(true);
    expect(v.entries.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(v.entries.map((e) => e.requester.slice(0, 1)))).toEqual(new Set(['a', 'b']));
    expect(existsSync(f.ledger + '.lock')).toBe(false);
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const f = fixture();
    buildLedger(f, 1);
    // pid 2^22+1 is above Linux's default pid_max of 4194304, so no live process holds it.
    writeFileSync(f.ledger + '.lock', '4194305\n');
    const r = await run(['tests/audit/append-worker.ts', f.ledger, f.pub, f.priv, '1', 'c']);
    expect(r.code).toBe(0);
    expect(lines(f.ledger)).toHaveLength(2);
  });
});

describe('govern audit append, requests', () => {
  it('records the requests behind the plan changes by default, not every request check.json decided on', async () => {
    const f = fixture();
    const input = sampleInput(5);
    writeFileSync(join(f.dir, 'check.json'), JSON.stringify({ requests: [{ id: 'REQ-2026-0001' }, { id: 'REQ-2026-0005' }, { id: 'REQ-2026-0009' }] }));
    writeFileSync(join(f.dir, 'plan.json'), JSON.stringify({ changes: [{ stack: 'a', requests: ['REQ-2026-0005'] }, { stack: 'b', requests: ['REQ-2026-0005', 'REQ-2026-0002'] }] }));
    writeFileSync(join(f.dir, 'apply.json'), JSON.stringify(input.applyResult));
    writeFileSync(join(f.dir, 'approvals.json'), JSON.stringify({ approvers: input.approvers }));
    const common = ['--pr', '5', '--pr-url', 'https://github.com/o/r/pull/5', '--requester', 'bob', '--commit', 'd'.repeat(40), '--check', 'check.json', '--plan', 'plan.json', '--approvals', 'approvals.json', '--apply-result', 'apply.json', '--private-key', f.priv, ...ledgerArgs(f)];
    expect((await cli(['audit', 'append', ...common], f.dir)).code).toBe(0);
    expect((await cli(['audit', 'append', ...common, '--requests', 'REQ-2026-0007,REQ-2026-0003'], f.dir)).code).toBe(0);
    expect(lines(f.ledger).map((l) => (JSON.parse(l) as EntryT).requests)).toEqual([
      ['REQ-2026-0002', 'REQ-2026-0005'],
      ['REQ-2026-0003', 'REQ-2026-0007'],
    ]);
  });
});

describe('keys that are not the pipeline key', () => {
  it('rejects a public key file holding an RSA key with exit 2', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const f = fixture();
    buildLedger(f, 1);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;
    writeFileSync(join(f.dir, 'rsa.pub'), rsa);
    const r = await cli(['audit', 'verify', '--ledger', f.ledger, '--public-key', join(f.dir, 'rsa.pub')], f.dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('只接受 Ed25519');
  });

  it('rejects an unparseable GOVERN_AUDIT_KEY without echoing it', async () => {
    const f = fixture();
    const secret = '-----BEGIN PRIVATE KEY-----\nnot-a-key-but-secret-material\n-----END PRIVATE KEY-----\n';
    writeFileSync(join(f.dir, 'entry.json'), JSON.stringify({ ...sampleInput(1), commit: 'c'.repeat(40) }));
    const r = await cli(['audit', 'append', '--entry-json', 'entry.json', ...ledgerArgs(f)], f.dir, { GOVERN_AUDIT_KEY: secret });
    expect(r.code).toBe(2);
    expect(r.err).toContain('AUDIT-KEY');
    expect(r.out + r.err).not.toContain('secret-material');
  });
});
