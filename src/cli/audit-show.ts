// `govern audit show`: the ledger's entries for people (a table, Chinese headings by default) or as
// JSON, filtered by pull request or request id. It verifies first and refuses to show a ledger that
// does not verify: an unverified record must not be read as the truth.
import { filterEntries, renderTable, verifyLedger } from '../audit/index.ts';
import { LEDGER_OPTIONS, format, ledgerPaths, positiveInt, readLedger, readPublicKeys, str } from './audit-common.ts';
import { EXIT, type CommandSpec } from './types.ts';

export const command: CommandSpec = {
  name: 'audit show',
  summary: { zh: '列出审计台账记录（可按拉取请求或申请编号筛选）', en: 'list audit ledger entries (filter by pull request or request id)' },
  usage: '[--pr N] [--request ID] [--format text|json] [--ledger FILE] [--public-key FILE]',
  options: {
    ...LEDGER_OPTIONS,
    pr: { type: 'string', arg: 'N', description: { zh: '只显示该拉取请求的记录', en: 'only entries of this pull request' } },
    request: { type: 'string', arg: 'ID', description: { zh: '只显示涉及该申请编号的记录', en: 'only entries that include this request id' } },
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
  },
  async run(args, ctx) {
    const fmt = format(args, ['text', 'json']);
    const pr = positiveInt(args, 'pr');
    const request = str(args, 'request');
    const paths = ledgerPaths(args, ctx);
    const result = verifyLedger(readLedger(paths), readPublicKeys(paths), paths.ledgerName);
    if (!result.ok) {
      ctx.io.err(result.tamper.message[ctx.lang]);
      return EXIT.rejected;
    }
    const entries = filterEntries(result.entries, { pr, request });
    ctx.io.out(fmt === 'json' ? JSON.stringify(entries, null, 2) : renderTable(entries, ctx.lang));
    return EXIT.ok;
  },
};
