// Verification of a ledger: the hash chain, every signature, and optional anchors. Names the FIRST
// entry that was changed, removed, inserted or reordered, by sequence number and line, and what kind
// of tampering it is. Pure: text and keys in, a result out (the CLI reads files and picks the exit code).
//
// How each kind shows (docs/audit.md "What verify detects"):
//  edited     the entry's fields no longer hash to its `hash`;
//  forged     the hash matches but the signature does not: rewritten and re-hashed without the key;
//  unknown-key the entry names a key that is not in the public key file (wrong key file, or re-signed);
//  chain      the entry is genuine but its `prev` is not the hash of the entry before: that one was
//             replaced by another signed entry (history rewritten with the key, or ledgers spliced);
//  removed    a sequence number is skipped (or the ledger is shorter than an anchor);
//  inserted   a line that does not belong before an entry that does, or a copy of an earlier entry;
//  reordered  the expected entry exists, further down;
//  truncated  the last line is incomplete (an interrupted write) or lacks its newline;
//  blank      an empty line (the pipeline never writes one);
//  malformed  a line that is not JSON or not an entry.
import type { KeyObject } from 'node:crypto';
import type { Localized } from '../i18n/index.ts';
import { Entry, GENESIS_PREV, entryHash, type EntryT } from './entry.ts';
import { verifyHash, type PublicKeyInfo } from './keys.ts';

export type TamperKind =
  | 'edited'
  | 'forged'
  | 'unknown-key'
  | 'chain'
  | 'removed'
  | 'inserted'
  | 'reordered'
  | 'truncated'
  | 'blank'
  | 'malformed';

export interface Tamper {
  readonly kind: TamperKind;
  /** The entry named: its sequence number (the one expected at this place when it is missing). */
  readonly seq: number;
  /** 1-based line of the ledger file where the problem shows. */
  readonly line: number;
  readonly message: Localized;
}

export interface Anchor {
  readonly seq: number;
  readonly hash: string;
}

export type VerifyResult =
  | { readonly ok: true; readonly entries: readonly EntryT[] }
  | { readonly ok: false; readonly tamper: Tamper; readonly entries: readonly EntryT[] };

interface ParsedLine {
  readonly line: number;
  readonly raw: string;
  readonly state: 'blank' | 'bad-json' | 'bad-shape' | 'ok';
  readonly detail?: string;
  readonly entry?: EntryT;
  readonly hashOk?: boolean;
  readonly keyKnown?: boolean;
  readonly sigOk?: boolean;
}

function parseLine(raw: string, line: number, keys: ReadonlyMap<string, KeyObject>): ParsedLine {
  if (raw.trim() === '') return { line, raw, state: 'blank' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { line, raw, state: 'bad-json', detail: (e as Error).message };
  }
  const parsed = Entry.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { line, raw, state: 'bad-shape', detail: `${issue.path.join('.') || '(entry)'}: ${issue.message}` };
  }
  const entry = parsed.data;
  const hashOk = entryHash(entry) === entry.hash;
  const key = keys.get(entry.keyId);
  const sigOk = hashOk && key !== undefined && verifyHash(entry.hash, entry.sig, key);
  return { line, raw, state: 'ok', entry, hashOk, keyKnown: key !== undefined, sigOk };
}

function fits(l: ParsedLine | undefined, seq: number, prev: string): boolean {
  return !!l && l.state === 'ok' && l.entry!.seq === seq && l.entry!.prev === prev && l.sigOk === true;
}

export function verifyLedger(text: string, publicKeys: readonly PublicKeyInfo[], file: string, anchors: readonly Anchor[] = []): VerifyResult {
  const keys = new Map(publicKeys.map((k) => [k.keyId, k.key]));
  const terminated = text === '' || text.endsWith('\n');
  const raws = text === '' ? [] : (terminated ? text.slice(0, -1) : text).split('\n');
  const lines = raws.map((r, i) => parseLine(r, i + 1, keys));
  const entries: EntryT[] = [];
  let prev = GENESIS_PREV;
  const fail = (t: Tamper): VerifyResult => ({ ok: false, tamper: t, entries });

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const seq = entries.length + 1;
    const isLast = i === lines.length - 1;
    if (fits(l, seq, prev) && (!isLast || terminated)) {
      entries.push(l.entry!);
      prev = l.entry!.hash;
      continue;
    }
    if (isLast && !terminated && (l.state === 'bad-json' || fits(l, seq, prev))) {
      return fail(tamper('truncated', seq, l.line, file, { detail: l.state === 'ok' ? 'no-newline' : 'partial' }));
    }
    if (l.state === 'blank') return fail(tamper('blank', seq, l.line, file));
    // A genuine entry from further on: the expected one was moved down (reordered) or is gone (removed).
    if (l.state === 'ok' && l.sigOk && l.entry!.seq > seq) {
      const later = lines.slice(i + 1).find((x) => x.state === 'ok' && x.entry!.seq === seq && x.sigOk);
      if (later) return fail(tamper('reordered', seq, l.line, file, { foundAt: later.line, found: l.entry!.seq }));
      return fail(tamper('removed', seq, l.line, file, { last: l.entry!.seq - 1 }));
    }
    // A line that does not belong, directly before the entry that does: inserted.
    if (fits(lines[i + 1], seq, prev)) return fail(tamper('inserted', seq, l.line, file, { copyOf: copyOf(l, entries) }));
    if (l.state !== 'ok') return fail(tamper('malformed', seq, l.line, file, { detail: l.detail }));
    const e = l.entry!;
    // In its place in the chain but its fields (its seq, say) changed: edited.
    if (!l.hashOk && e.prev === prev) return fail(tamper('edited', seq, l.line, file));
    if (e.seq > seq) return fail(tamper('inserted', seq, l.line, file, { claimed: e.seq }));
    if (e.seq < seq) return fail(tamper('inserted', seq, l.line, file, { copyOf: copyOf(l, entries), claimed: e.seq }));
    if (!l.hashOk) return fail(tamper('edited', seq, l.line, file));
    if (!l.keyKnown) return fail(tamper('unknown-key', seq, l.line, file, { keyId: e.keyId, known: [...keys.keys()].join(', ') }));
    if (!l.sigOk) return fail(tamper('forged', seq, l.line, file));
    // Genuine and in place, but chained to something else. The first entry: it comes from another ledger.
    if (seq === 1) return fail(tamper('inserted', seq, l.line, file));
    // Otherwise the entry before it was replaced.
    return fail(tamper('chain', seq - 1, l.line - 1, file, { next: seq }));
  }

  for (const a of [...anchors].sort((x, y) => x.seq - y.seq)) {
    const e = entries[a.seq - 1];
    if (!e) return fail(tamper('removed', entries.length + 1, lines.length + 1, file, { last: a.seq, anchor: true }));
    if (e.hash !== a.hash) return fail(tamper('chain', a.seq, a.seq, file, { anchor: true }));
  }
  return { ok: true, entries };
}

function copyOf(l: ParsedLine, entries: readonly EntryT[]): number | undefined {
  if (l.state !== 'ok') return undefined;
  return entries.find((x) => x.hash === l.entry!.hash)?.seq;
}

interface Facts {
  detail?: string;
  copyOf?: number;
  claimed?: number;
  foundAt?: number;
  found?: number;
  last?: number;
  keyId?: string;
  known?: string;
  next?: number;
  anchor?: boolean;
}

const ACTION: Localized = {
  zh: '不要再向该台账追加；从受保护分支 audit-ledger 的历史（git log -p -- audit/ledger.jsonl）或外部锚点找回原始内容，报告县大数据局安全组，查明是谁、何时改动了文件',
  en: 'do not append to this ledger; recover the original from the protected audit-ledger branch history (git log -p -- audit/ledger.jsonl) or the external anchor, report to the bureau security team, and find out who changed the file and when',
};

function tamper(kind: TamperKind, seq: number, line: number, file: string, f: Facts = {}): Tamper {
  const at = `${file}:${line}`;
  const what = describe(kind, seq, line, f);
  const hint = kind === 'truncated' ? TRUNCATED_ACTION : kind === 'unknown-key' ? KEY_ACTION : ACTION;
  return {
    kind,
    seq,
    line,
    message: {
      zh: `AUDIT-${kind.toUpperCase()} ${at}: ${what.zh}；处理：${hint.zh}`,
      en: `AUDIT-${kind.toUpperCase()} ${at}: ${what.en}; what to do: ${hint.en}`,
    },
  };
}

const TRUNCATED_ACTION: Localized = {
  zh: '多半是追加时中断（断电、进程被终止）；对照受保护分支 audit-ledger 上的最新版本恢复该行，或删除不完整的行后由应用流水线重新追加，并报告县大数据局安全组',
  en: 'most likely an append was interrupted (power loss, killed process); restore the line from the latest version on the protected audit-ledger branch, or remove the incomplete line and let the apply workflow append again, and report to the bureau security team',
};

const KEY_ACTION: Localized = {
  zh: '确认 audit/pipeline-key.pub 是否被替换（git log -p -- audit/pipeline-key.pub）；若公钥正确，则该记录由其他密钥签名，按篡改处理并报告县大数据局安全组',
  en: 'check whether audit/pipeline-key.pub was replaced (git log -p -- audit/pipeline-key.pub); if the public key is right, the entry was signed by another key: treat it as tampering and report to the bureau security team',
};

function describe(kind: TamperKind, seq: number, line: number, f: Facts): Localized {
  switch (kind) {
    case 'edited':
      return {
        zh: `第 ${seq} 条记录（第 ${line} 行）被修改：其内容与记录中的哈希不符`,
        en: `entry ${seq} (line ${line}) was edited: its fields no longer match its hash`,
      };
    case 'forged':
      return {
        zh: `第 ${seq} 条记录（第 ${line} 行）被改写并重算了哈希，但签名不符：不是流水线密钥签的`,
        en: `entry ${seq} (line ${line}) was rewritten and its hash recomputed, but the signature does not match: the pipeline key did not sign it`,
      };
    case 'unknown-key':
      return {
        zh: `第 ${seq} 条记录（第 ${line} 行）由密钥 ${f.keyId} 签名，而公钥文件中只有 ${f.known || '（无）'}：公钥不对，或记录被其他密钥重新签名`,
        en: `entry ${seq} (line ${line}) is signed by key ${f.keyId}, but the public key file holds only ${f.known || '(none)'}: wrong public key, or the entry was re-signed by another key`,
      };
    case 'chain':
      return f.anchor
        ? {
            zh: `第 ${seq} 条记录与外部锚点记录的哈希不符：该记录及其后的历史被整体改写并重新签名`,
            en: `entry ${seq} does not match the hash of the external anchor: it and the history after it were rewritten and re-signed`,
          }
        : {
            zh: `第 ${seq} 条记录（第 ${line} 行）被替换：第 ${f.next} 条记录的 prev 不是它的哈希（历史被改写并重新签名，或拼接了别的台账）`,
            en: `entry ${seq} (line ${line}) was replaced: the prev of entry ${f.next} is not its hash (history rewritten and re-signed, or another ledger spliced in)`,
          };
    case 'removed':
      if (f.anchor) {
        return {
          zh: `台账只有 ${seq - 1} 条记录，但外部锚点记录到第 ${f.last} 条：第 ${seq} 条至第 ${f.last} 条被删除`,
          en: `the ledger holds ${seq - 1} entries but the external anchor records entry ${f.last}: entries ${seq} to ${f.last} were removed`,
        };
      }
      return f.last !== undefined && f.last > seq
        ? {
            zh: `第 ${seq} 条至第 ${f.last} 条记录被删除（第 ${line} 行是第 ${f.last + 1} 条）`,
            en: `entries ${seq} to ${f.last} were removed (line ${line} holds entry ${f.last + 1})`,
          }
        : {
            zh: `第 ${seq} 条记录被删除（第 ${line} 行已是第 ${seq + 1} 条）`,
            en: `entry ${seq} was removed (line ${line} already holds entry ${seq + 1})`,
          };
    case 'inserted':
      return f.copyOf !== undefined
        ? {
            zh: `第 ${line} 行插入了第 ${f.copyOf} 条记录的副本（应为第 ${seq} 条）`,
            en: `line ${line} is an inserted copy of entry ${f.copyOf} (entry ${seq} belongs there)`,
          }
        : {
            zh: `第 ${line} 行插入了一条不属于台账的记录${f.claimed ? `（自称第 ${f.claimed} 条）` : ''}，应为第 ${seq} 条`,
            en: `line ${line} is an inserted entry that does not belong to the ledger${f.claimed ? ` (claims to be entry ${f.claimed})` : ''}; entry ${seq} belongs there`,
          };
    case 'reordered':
      return {
        zh: `记录顺序被调换：第 ${line} 行应为第 ${seq} 条，却是第 ${f.found} 条；第 ${seq} 条在第 ${f.foundAt} 行`,
        en: `entries were reordered: line ${line} should hold entry ${seq} but holds entry ${f.found}; entry ${seq} is on line ${f.foundAt}`,
      };
    case 'truncated':
      return f.detail === 'no-newline'
        ? {
            zh: `最后一行（第 ${line} 行）没有换行符结尾，追加会把两条记录写进同一行`,
            en: `the last line (line ${line}) does not end with a newline, so an append would join two entries on one line`,
          }
        : {
            zh: `最后一行（第 ${line} 行，应为第 ${seq} 条记录）不完整`,
            en: `the last line (line ${line}, where entry ${seq} belongs) is incomplete`,
          };
    case 'blank':
      return {
        zh: `第 ${line} 行是空行（应为第 ${seq} 条记录）；流水线从不写空行`,
        en: `line ${line} is blank (entry ${seq} belongs there); the pipeline never writes blank lines`,
      };
    case 'malformed':
      return {
        zh: `第 ${line} 行（应为第 ${seq} 条记录）不是有效的台账记录：${f.detail}`,
        en: `line ${line} (where entry ${seq} belongs) is not a valid ledger entry: ${f.detail}`,
      };
  }
}
