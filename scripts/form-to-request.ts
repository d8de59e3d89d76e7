// Edge for the form-to-pr workflow: reads the issue from the event file, converts its form with
// src/forms, writes requests/<unit>/<id>.yaml, the report (comment / pull request body) and the commit
// message, and hands the file and branch to the next step through GITHUB_OUTPUT.
// `node bin/run.mjs scripts/form-to-request.ts --event FILE [--out-dir DIR] [--report FILE]`
// Exit 0 converted · 1 the form has problems (report written) · 2 usage or unreadable input.
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { FORMS, commitMessage, convertIssue, readIssueForm, renderFormReport, type FiledIssue } from '../src/forms/index.ts';

interface IssueEvent {
  issue?: { number?: number; body?: string | null; created_at?: string; title?: string; labels?: { name?: string }[]; user?: { login?: string } };
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { event: { type: 'string' }, 'out-dir': { type: 'string' }, report: { type: 'string' } } });
  if (!values.event) {
    process.stderr.write('用法 usage: form-to-request --event FILE [--out-dir DIR] [--report FILE]\n');
    return 2;
  }
  const out = values['out-dir'] ?? '.';
  const reportFile = values.report ?? join(out, 'form-report.md');
  let event: IssueEvent;
  try {
    event = JSON.parse(readFileSync(values.event, 'utf8')) as IssueEvent;
  } catch (e) {
    process.stderr.write(`FORM-EVENT 无法读取事件文件 cannot read the event file ${values.event}: ${(e as Error).message}\n`);
    return 2;
  }
  const i = event.issue;
  const labels = (i?.labels ?? []).map((l) => l.name ?? '');
  const form = FORMS.find((f) => labels.includes(f.label));
  if (!i || typeof i.number !== 'number' || !form) {
    const msg = `FORM-KIND 议题没有可转换的表单标签（${FORMS.map((f) => f.label).join('、')}）/ the issue carries no form label (${FORMS.map((f) => f.label).join(', ')})\n`;
    writeFileSync(reportFile, msg);
    process.stderr.write(msg);
    return 1;
  }
  const issue: FiledIssue = { number: i.number, body: i.body ?? '', createdAt: i.created_at ?? new Date().toISOString(), author: i.user?.login ?? 'unknown' };
  const template = readIssueForm(readFileSync(join(out, '.github/ISSUE_TEMPLATE', form.template), 'utf8'));
  const result = convertIssue(form.kind, template, issue);
  writeFileSync(reportFile, renderFormReport(result, issue));
  if (!result.ok || !result.file) {
    process.stderr.write(`表单有误，详见 ${reportFile} / the form has problems, see ${reportFile}\n`);
    return 1;
  }
  const target = join(out, result.file);
  mkdirSync(dirname(target), { recursive: true });
  // An edit of the issue regenerates the same file; a different file of the same name was not ours.
  if (existsSync(target) && !readFileSync(target, 'utf8').includes(`议题 #${issue.number} `)) {
    process.stderr.write(`FORM-EXISTS ${result.file} 已存在且不是本议题生成的 / exists and was not generated from this issue\n`);
    return 1;
  }
  writeFileSync(target, result.yaml!);
  const title = /^title: (.*)$/m.exec(result.yaml!)?.[1] ?? result.id;
  writeFileSync(join(out, 'form-commit.txt'), commitMessage(result, issue, title));
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(process.env.GITHUB_OUTPUT, `file=${result.file}\nbranch=form/issue-${issue.number}\nissue=${issue.number}\n`);
  }
  process.stdout.write(`已生成 ${result.file} / generated ${result.file}\n`);
  return 0;
}
