import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LedgerTamperedError,
  appendEntry,
  canonicalJson,
  entryHash,
  generateKeyPair,
  parsePrivateKey,
  parsePublicKeys,
  signHash,
  verifyLedger,
  type EntryT,
} from '../../src/audit/index.ts';
import { buildLedger, fixture, lines, sampleInput, writeLines, type Fixture } from './helpers.ts';

function verify(f: Fixture, pubFile = f.pub, anchors: { seq: number; hash: string }[] = []) {
  return verifyLedger(readFileSync(f.ledger, 'utf8'), parsePublicKeys(readFileSync(pubFile, 'utf8'), pubFile), 'audit/ledger.jsonl', anchors);
}

function tamperOf(f: Fixture, pubFile?: string) {
  const r = verify(f, pubFile);
  if (r.ok) throw new Error('expected the ledger to fail verification');
  return r.tamper;
}

/** Rewrites an entry's fields, recomputes its hash and signs it with `signer` (an attacker's or the pipeline's key). */
function resign(entry: EntryT, change: Partial<EntryT>, signerPem: string): string {
  const key = parsePrivateKey(signerPem, 'test');
  const body = { ...entry, ...change };
  const hash = entryHash(body);
  return canonicalJson({ ...body, hash, sig: signHash(hash, key) });
}

describe('canonical JSON', () => {
  it('sorts keys by code unit, drops whitespace and writes strings and integers as JSON does', () => {
    expect(canonicalJson({ b: [1, 'x', null, true], a: { d: '中文', c: -0 }, B: 'é' })).toBe('{"B":"é","a":{"c":0,"d":"中文"},"b":[1,"x",null,true]}');
  });

  it('refuses values JSON cannot represent instead of hashing a lossy form', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/a: a non-finite number/);
  });
});

describe('append and verify', () => {
  it('verifies a ledger written by append, chained from 64 zeros', () => {
    const f = fixture();
    const written = buildLedger(f, 3);
    const r = verify(f);
    expect(r.ok).toBe(true);
    expect(r.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(r.entries[0]!.prev).toBe('0'.repeat(64));
    expect(r.entries[1]!.prev).toBe(written[0]!.hash);
    expect(r.entries[2]!.prev).toBe(written[1]!.hash);
  });

  it('writes one canonical JSON line per entry whose hash covers everything but hash and sig', () => {
    const f = fixture();
    const [e] = buildLedger(f, 1);
    const [line] = lines(f.ledger);
    expect(line).toBe(canonicalJson(e));
    const { hash, sig: _sig, ...body } = JSON.parse(line!) as EntryT;
    expect(hash).toBe(entryHash(body as EntryT));
    expect(hash).toBe(e!.hash);
  });

  it('records the digests of check.json and plan.json as SHA-256 of their canonical JSON', async () => {
    const { digestOf } = await import('../../src/audit/index.ts');
    const f = fixture();
    const [e] = buildLedger(f, 1);
    expect(e!.decisionDigest).toBe(digestOf(sampleInput(1).decision));
    expect(e!.planDigest).toBe(digestOf(sampleInput(1).plan));
    expect(e!.decisionDigest).not.toBe(e!.planDigest);
  });

  it('appends without rewriting an existing line (earlier bytes stay identical)', () => {
    const f = fixture();
    buildLedger(f, 2);
    const before = readFileSync(f.ledger, 'utf8');
    const publicKeys = parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub);
    appendEntry(sampleInput(3), { ledgerFile: f.ledger, publicKeys, privateKey: parsePrivateKey(readFileSync(f.priv, 'utf8'), 'k'), now: new Date() });
    const after = readFileSync(f.ledger, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.length).toBeGreaterThan(before.length);
  });
});

describe('tampering: verify names the first entry and the kind', () => {
  it('detects an EDITED entry', () => {
    const f = fixture();
    buildLedger(f, 5);
    const ls = lines(f.ledger);
    ls[2] = ls[2]!.replace('"requester":"unit-user-3"', '"requester":"someone-else"');
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['edited', 3, 3]);
    expect(t.message.zh).toContain('第 3 条记录（第 3 行）被修改');
    expect(t.message.en).toContain('entry 3 (line 3) was edited');
  });

  it('detects an entry edited and re-hashed without the pipeline key (bad signature)', () => {
    const f = fixture();
    const entries = buildLedger(f, 4);
    const attacker = generateKeyPair(join(f.dir, 'attacker'));
    const ls = lines(f.ledger);
    // Same keyId as the pipeline so that only the signature can tell.
    ls[1] = resign(entries[1]!, { requester: 'forger' }, readFileSync(attacker.privateKeyFile, 'utf8'));
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['forged', 2, 2]);
  });

  it('detects a bad signature copied from another entry', () => {
    const f = fixture();
    const entries = buildLedger(f, 3);
    const ls = lines(f.ledger);
    ls[1] = canonicalJson({ ...entries[1]!, sig: entries[0]!.sig });
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['forged', 2, 2]);
  });

  it('detects an edit of the sequence number itself as an edit, not an insertion', () => {
    const f = fixture();
    buildLedger(f, 4);
    const ls = lines(f.ledger);
    ls[2] = ls[2]!.replace('"seq":3', '"seq":9');
    writeLines(f.ledger, ls);
    expect(tamperOf(f)).toMatchObject({ kind: 'edited', seq: 3, line: 3 });
  });

  it('detects a DELETED entry in the middle', () => {
    const f = fixture();
    buildLedger(f, 5);
    const ls = lines(f.ledger);
    ls.splice(2, 1);
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['removed', 3, 3]);
    expect(t.message.zh).toContain('第 3 条记录被删除');
  });

  it('detects the first entry deleted', () => {
    const f = fixture();
    buildLedger(f, 3);
    writeLines(f.ledger, lines(f.ledger).slice(1));
    expect(tamperOf(f)).toMatchObject({ kind: 'removed', seq: 1, line: 1 });
  });

  it('detects several consecutive entries deleted and names the range', () => {
    const f = fixture();
    buildLedger(f, 6);
    const ls = lines(f.ledger);
    ls.splice(1, 3);
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['removed', 2, 2]);
    expect(t.message.en).toContain('entries 2 to 4 were removed');
  });

  it('detects a deleted tail only against an anchor, and says so', () => {
    const f = fixture();
    const entries = buildLedger(f, 4);
    writeLines(f.ledger, lines(f.ledger).slice(0, 3));
    expect(verify(f).ok).toBe(true);
    const r = verify(f, f.pub, [{ seq: 4, hash: entries[3]!.hash }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.tamper.kind, r.tamper.seq]).toEqual(['removed', 4]);
  });

  it('detects an INSERTED copy of an earlier entry', () => {
    const f = fixture();
    buildLedger(f, 4);
    const ls = lines(f.ledger);
    ls.splice(3, 0, ls[1]!);
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['inserted', 4, 4]);
    expect(t.message.zh).toContain('第 4 行插入了第 2 条记录的副本');
  });

  it('detects an INSERTED forged entry that claims the right place in the chain', () => {
    const f = fixture();
    const entries = buildLedger(f, 4);
    const attacker = generateKeyPair(join(f.dir, 'attacker'));
    const ls = lines(f.ledger);
    const fake = resign(entries[2]!, { seq: 3, prev: entries[1]!.hash, requester: 'intruder' }, readFileSync(attacker.privateKeyFile, 'utf8'));
    ls.splice(2, 0, fake);
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['inserted', 3, 3]);
  });

  it('detects SWAPPED entries as reordered and says where the expected entry is', () => {
    const f = fixture();
    buildLedger(f, 5);
    const ls = lines(f.ledger);
    [ls[1], ls[2]] = [ls[2]!, ls[1]!];
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['reordered', 2, 2]);
    expect(t.message.en).toContain('entry 2 is on line 3');
  });

  it('detects history rewritten and re-signed with the pipeline key at the next entry, naming the replaced one', () => {
    const f = fixture();
    const entries = buildLedger(f, 4);
    const ls = lines(f.ledger);
    ls[1] = resign(entries[1]!, { requester: 'insider' }, readFileSync(f.priv, 'utf8'));
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq, t.line]).toEqual(['chain', 2, 2]);
  });

  it('detects a whole history rewritten with the key against an anchor', () => {
    const f = fixture();
    const entries = buildLedger(f, 2);
    const key = readFileSync(f.priv, 'utf8');
    const e1 = JSON.parse(resign(entries[0]!, { requester: 'insider' }, key)) as EntryT;
    const e2 = JSON.parse(resign(entries[1]!, { prev: e1.hash }, key)) as EntryT;
    writeLines(f.ledger, [canonicalJson(e1), canonicalJson(e2)]);
    expect(verify(f).ok).toBe(true);
    const r = verify(f, f.pub, [{ seq: 1, hash: entries[0]!.hash }]);
    expect(r.ok ? undefined : [r.tamper.kind, r.tamper.seq]).toEqual(['chain', 1]);
  });

  it('reports a wrong public key as a key mismatch on the first entry', () => {
    const f = fixture();
    buildLedger(f, 2);
    const other = generateKeyPair(join(f.dir, 'other'));
    const t = tamperOf(f, other.publicKeyFile);
    expect([t.kind, t.seq, t.line]).toEqual(['unknown-key', 1, 1]);
    expect(t.message.zh).toContain('公钥不对');
  });

  it('still verifies old entries after a key rotation appends the new public key', () => {
    const f = fixture();
    buildLedger(f, 2);
    const next = generateKeyPair(join(f.dir, 'next'));
    writeFileSync(f.pub, readFileSync(f.pub, 'utf8') + readFileSync(next.publicKeyFile, 'utf8'));
    const publicKeys = parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub);
    appendEntry(sampleInput(3), { ledgerFile: f.ledger, publicKeys, privateKey: parsePrivateKey(readFileSync(next.privateKeyFile, 'utf8'), 'k'), now: new Date() });
    const r = verify(f);
    expect(r.ok).toBe(true);
    expect(new Set(r.entries.map((e) => e.keyId)).size).toBe(2);
  });

  it('reports a truncated last line', () => {
    const f = fixture();
    buildLedger(f, 3);
    const text = readFileSync(f.ledger, 'utf8');
    writeFileSync(f.ledger, text.slice(0, text.length - 40));
    expect(tamperOf(f)).toMatchObject({ kind: 'truncated', seq: 3, line: 3 });
  });

  it('reports a last line without its newline', () => {
    const f = fixture();
    buildLedger(f, 2);
    writeFileSync(f.ledger, readFileSync(f.ledger, 'utf8').slice(0, -1));
    const t = tamperOf(f);
    expect([t.kind, t.line]).toEqual(['truncated', 2]);
    expect(t.message.en).toContain('does not end with a newline');
  });

  it('reports a blank line', () => {
    const f = fixture();
    buildLedger(f, 3);
    const ls = lines(f.ledger);
    ls.splice(1, 0, '');
    writeLines(f.ledger, ls);
    expect(tamperOf(f)).toMatchObject({ kind: 'blank', seq: 2, line: 2 });
  });

  it('reports a line that is not JSON', () => {
    const f = fixture();
    buildLedger(f, 3);
    const ls = lines(f.ledger);
    ls[1] = '{"seq": 2, oops';
    writeLines(f.ledger, ls);
    expect(tamperOf(f)).toMatchObject({ kind: 'malformed', seq: 2, line: 2 });
  });

  it('reports a JSON line that is not an entry, with the field', () => {
    const f = fixture();
    buildLedger(f, 2);
    const ls = lines(f.ledger);
    const e = JSON.parse(ls[1]!) as Record<string, unknown>;
    delete e.planDigest;
    ls[1] = JSON.stringify(e);
    writeLines(f.ledger, ls);
    const t = tamperOf(f);
    expect([t.kind, t.seq]).toEqual(['malformed', 2]);
    expect(t.message.en).toContain('planDigest');
  });
});

describe('append fails closed', () => {
  it('refuses to append to a tampered ledger and leaves it byte for byte', () => {
    const f = fixture();
    buildLedger(f, 3);
    const ls = lines(f.ledger);
    ls[0] = ls[0]!.replace('"changed":1', '"changed":7');
    writeLines(f.ledger, ls);
    const before = readFileSync(f.ledger);
    const publicKeys = parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub);
    let caught: unknown;
    try {
      appendEntry(sampleInput(4), { ledgerFile: f.ledger, publicKeys, privateKey: parsePrivateKey(readFileSync(f.priv, 'utf8'), 'k'), now: new Date() });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(LedgerTamperedError);
    expect((caught as LedgerTamperedError).tamper).toMatchObject({ kind: 'edited', seq: 1 });
    expect(readFileSync(f.ledger).equals(before)).toBe(true);
  });

  it('refuses a private key that does not belong to the public key file', () => {
    const f = fixture();
    const other = generateKeyPair(join(f.dir, 'other'));
    const publicKeys = parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub);
    expect(() =>
      appendEntry(sampleInput(1), { ledgerFile: f.ledger, publicKeys, privateKey: parsePrivateKey(readFileSync(other.privateKeyFile, 'utf8'), 'k'), now: new Date() }),
    ).toThrow(/AUDIT-KEY/);
  });

  it('refuses an approver without a review id', () => {
    const f = fixture();
    const publicKeys = parsePublicKeys(readFileSync(f.pub, 'utf8'), f.pub);
    const input = { ...sampleInput(1), approvers: [{ login: 'x', commit: 'a'.repeat(40) } as never] };
    expect(() => appendEntry(input, { ledgerFile: f.ledger, publicKeys, privateKey: parsePrivateKey(readFileSync(f.priv, 'utf8'), 'k'), now: new Date() })).toThrow(
      /AUDIT-INPUT approvers\.reviewId/,
    );
  });

  it('writes the private key with mode 0600 and refuses to overwrite it', () => {
    const f = fixture();
    expect(statSync(f.priv).mode & 0o777).toBe(0o600);
    expect(() => generateKeyPair(join(f.dir, 'keys'))).toThrow(/AUDIT-KEY/);
  });
});

describe("the repository's own ledger files", () => {
  const root = join(import.meta.dirname, '../..');

  it('audit/pipeline-key.pub holds Ed25519 public keys and audit/ledger.jsonl verifies against them', () => {
    const keys = parsePublicKeys(readFileSync(join(root, 'audit/pipeline-key.pub'), 'utf8'), 'audit/pipeline-key.pub');
    expect(keys.length).toBeGreaterThan(0);
    expect(verifyLedger(readFileSync(join(root, 'audit/ledger.jsonl'), 'utf8'), keys, 'audit/ledger.jsonl').ok).toBe(true);
  });

  it('the canonical JSON example in docs/audit.md holds', () => {
    expect(readFileSync(join(root, 'docs/audit.md'), 'utf8')).toContain('`{"b":[1,"x"],"a":{"d":"中文","c":0}}` → `{"a":{"c":0,"d":"中文"},"b":[1,"x"]}`');
    expect(canonicalJson({ b: [1, 'x'], a: { d: '中文', c: 0 } })).toBe('{"a":{"c":0,"d":"中文"},"b":[1,"x"]}');
  });
});
