// Reading the ledger for people: filter entries by pull request or request id, render a text table
// (Chinese headings first, English with --lang en) or the entries as JSON.
import type { Lang } from '../i18n/index.ts';
import type { EntryT } from './entry.ts';

export interface ShowFilter {
  readonly pr?: number;
  readonly request?: string;
}

export function filterEntries(entries: readonly EntryT[], f: ShowFilter): EntryT[] {
  return entries.filter((e) => (f.pr === undefined || e.pullRequest.number === f.pr) && (f.request === undefined || e.requests.includes(f.request)));
}

const HEAD: Record<Lang, readonly string[]> = {
  zh: ['序号', '时间（UTC）', '拉取请求', '提交', '申请', '申请人', '审批人', '应用结果', '哈希'],
  en: ['seq', 'time (UTC)', 'pull request', 'commit', 'requests', 'requester', 'approvers', 'applied', 'hash'],
};

/** Display width: CJK and full-width characters take two columns in a terminal. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

export function renderTable(entries: readonly EntryT[], lang: Lang): string {
  if (entries.length === 0) return lang === 'zh' ? '（没有符合条件的台账记录）' : '(no ledger entries match)';
  const rows = entries.map((e) => [
    String(e.seq),
    e.time.slice(0, 19).replace('T', ' '),
    `#${e.pullRequest.number}`,
    e.commit.slice(0, 7),
    // A merge can carry many requests; the table shows three, --format json shows all.
    e.requests.length > 3 ? `${e.requests.slice(0, 3).join(',')},…(+${e.requests.length - 3})` : e.requests.join(',') || '-',
    e.requester,
    e.approvers.map((a) => a.login).join(',') || '-',
    e.applyResult.map((r) => `${r.stack}/${r.target}:${r.changed}`).join(',') || '-',
    e.hash.slice(0, 12),
  ]);
  const all = [HEAD[lang], ...rows];
  const widths = HEAD[lang].map((_, c) => Math.max(...all.map((r) => width(r[c]!))));
  const line = (r: readonly string[]): string => r.map((cell, c) => pad(cell, widths[c]!)).join('  ').trimEnd();
  return [line(HEAD[lang]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
