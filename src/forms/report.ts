// The comment the filer reads (and the pull request body): what was generated, or every problem of
// the form with how to fix it. Chinese first, English below, as the county's users read Chinese.
import { formatDiagnostic } from '../i18n/index.ts';
import type { ConvertResult, FiledIssue } from './convert.ts';

export function renderFormReport(result: ConvertResult, issue: FiledIssue): string {
  const lines: string[] = [];
  if (result.ok) {
    lines.push(`### 已由议题 #${issue.number} 生成申请 ${result.id} / request generated from issue #${issue.number}`, '');
    lines.push(`填表人 filed by: @${issue.author}`, `申请文件 file: \`${result.file}\``, '');
    lines.push('策略检查与审批结果将在本拉取请求的评论中给出。The policy check and the approvals needed follow as a comment on this pull request.');
  } else {
    lines.push(`### 表单有误，未生成申请 / the form has problems, no request was generated`, '');
    lines.push('请编辑议题修正以下各项，保存后会自动重新转换。Edit the issue to fix each item; saving converts it again.', '');
    for (const p of result.problems) {
      const at = p.line > 0 ? `（议题正文第 ${p.line} 行 / issue body line ${p.line}）` : '';
      lines.push(`- \`${p.code}\` **${p.field}**${at}：${p.message.zh}；${p.hint.zh} — ${p.message.en}; ${p.hint.en}`);
    }
    for (const d of result.diagnostics) lines.push(`- ${formatDiagnostic(d, 'zh')} — ${formatDiagnostic(d, 'en')}`);
  }
  if (result.yaml) lines.push('', '<details><summary>生成的申请文件 generated file</summary>', '', '```yaml', result.yaml.trimEnd(), '```', '', '</details>');
  return lines.join('\n') + '\n';
}

/** First line: the commit and pull request title. */
export function commitMessage(result: ConvertResult, issue: FiledIssue, title: string): string {
  return `申请 ${result.id}：${title}（议题 #${issue.number}）\n\n由议题 #${issue.number} 的表单生成，填表人 @${issue.author}。\nGenerated from the form of issue #${issue.number}, filed by @${issue.author}.\n`;
}
