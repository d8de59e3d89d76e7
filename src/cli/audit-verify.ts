// `govern audit verify`: checks the ledger's hash chain and every signature against the pipeline's
// public key; exit 1 naming the first tampered entry. Optional anchors (a seq and hash recorded
// outside the repository) also catch a removed tail or a history rewritten with the key.
import { verifyLedger, type Anchor } from '../audit/index.ts';
import { localize } from '../i18n/index.ts';
import { LEDGER_OPTIONS, format, ledgerPaths, list, readLedger, readPublicKeys } from './audit-common.ts';
import { EXIT, UsageError, type CommandSpec } from './types.ts';

function parseAnchor(s: string): Anchor {
  const m = /^([1-9]\d*):([0-9a-f]{64})$/.exec(s);
  if (!m) throw new UsageError({ zh: `--anchor 格式为 序号:哈希（64 位小写十六进制），收到 ${s}`, en: `--anchor takes SEQ:HASH (64 lowercase hex digits), got ${s}` });
  return { seq: Number(m[1]), hash: m[2]! };
}

export const command: CommandSpec = {
  name: 'audit verify',
  summary: { zh: '验证审计台账的哈希链与签名，指出第一条被篡改的记录', en: 'verify the audit ledger hash chain and signatures; name the first tampered entry' },
  usage: '[--ledger FILE] [--public-key FILE] [--anchor SEQ:HASH]... [--format text|json]',
  options: {
    ...LEDGER_OPTIONS,
    anchor: {
      type: 'string',
      multiple: true,
      arg: 'SEQ:HASH',
      description: { zh: '外部锚点：第 SEQ 条记录的哈希须为 HASH（发现尾部删除与整体改写）', en: 'external anchor: entry SEQ must have hash HASH (catches a removed tail and a rewritten history)' },
    },
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
  },
  async run(args, ctx) {
    const fmt = format(args, ['text', 'json']);
    const anchors = list(args, 'anchor').map(parseAnchor);
    const paths = ledgerPaths(args, ctx);
    const result = verifyLedger(readLedger(paths), readPublicKeys(paths), paths.ledgerName, anchors);
    const head = result.entries.at(-1);
    if (fmt === 'json') {
      ctx.io.out(
        JSON.stringify(
          {
            ok: result.ok,
            entries: result.entries.length,
            head: head ? { seq: head.seq, hash: head.hash } : null,
            tamper: result.ok ? null : { kind: result.tamper.kind, seq: result.tamper.seq, line: result.tamper.line, message: result.tamper.message[ctx.lang] },
          },
          null,
          2,
        ),
      );
    } else if (result.ok) {
      ctx.io.out(
        localize(
          head
            ? { zh: '台账完好：{file} 共 {n} 条记录，哈希链与签名均通过验证；最新记录第 {seq} 条，哈希 {hash}', en: 'ledger intact: {file} holds {n} entries, hash chain and signatures verified; latest entry {seq}, hash {hash}' }
            : { zh: '台账为空：{file} 还没有记录', en: 'the ledger {file} is empty' },
          ctx.lang,
          { file: paths.ledgerName, n: result.entries.length, seq: head?.seq, hash: head?.hash },
        ),
      );
    } else {
      ctx.io.err(result.tamper.message[ctx.lang]);
    }
    return result.ok ? EXIT.ok : EXIT.rejected;
  },
};
