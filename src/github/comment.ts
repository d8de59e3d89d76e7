// The pull-request comment as a pure function: check result (+ plan, + review gate) -> Chinese markdown.
// One hidden marker lets `govern pr comment` find and update its own comment. The body never exceeds
// GitHub's limit of 65,536 characters: it shortens deliberately, least useful first (details of allowed
// requests, then plan lines, then details of denied requests, then table rows), and says what it left
// out and where the full report is.
import type { Plan, ResourceChange } from '../plan/types.ts';
import type { CheckResult, RequestDecision, Violation } from '../policy/types.ts';
import { mergeApprovals, type RequiredApproval } from '../model/approvals.ts';
import { roleName } from './gate.ts';
import type { GateResult } from './types.ts';

export const COMMENT_MARKER = '<!-- govern:pr-comment -->';

/** GitHub refuses issue comment bodies longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;

export interface CommentInput {
  readonly check: CheckResult;
  readonly plan?: Plan;
  readonly gate?: GateResult;
  /** Where the full report lives (the workflow run or an artefact). */
  readonly reportUrl?: string;
}

interface Detail {
  /** Show violations and approvals of allowed requests. */
  allowedDetails: boolean;
  /** How many denied requests get their details. */
  deniedDetails: number;
  planLines: number;
  stateLines: number;
  tableRows: number;
}

const ALL = Number.MAX_SAFE_INTEGER;

export function renderComment(input: CommentInput, limit = GITHUB_COMMENT_LIMIT): string {
  const parts = prepare(input);
  const d: Detail = { allowedDetails: true, deniedDetails: ALL, planLines: ALL, stateLines: ALL, tableRows: ALL };
  const fits = (): boolean => assemble(parts, input, d).length <= limit;
  if (fits()) return assemble(parts, input, d);
  d.allowedDetails = false;
  if (fits()) return assemble(parts, input, d);
  // Then shrink each part in turn (table rows list denied requests first), keeping as much of it as
  // fits with the others at their current size.
  const sizes = { planLines: parts.plan.length, tableRows: parts.table.length, deniedDetails: parts.denied.length, stateLines: parts.state.length };
  for (const k of ['planLines', 'tableRows', 'deniedDetails', 'stateLines'] as const) {
    let lo = 0;
    let hi = sizes[k];
    d[k] = hi;
    if (fits()) break;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      d[k] = mid;
      if (fits()) lo = mid;
      else hi = mid - 1;
    }
    d[k] = lo;
    if (fits()) break;
  }
  const text = assemble(parts, input, d);
  if (text.length <= limit) return text;
  // Only a part that is always kept (summary, approvals) can get here; cut at a character boundary and say so.
  const tail = `\n\n…（评论已在 ${limit} 字符处截断${input.reportUrl ? `，完整报告：${input.reportUrl}` : ''}）\n`;
  return text.slice(0, limit - tail.length).replace(/[\uD800-\uDBFF]$/, '') + tail;
}

/** Every piece rendered once; shortening only chooses how many of each to keep. */
interface Parts {
  head: string[];
  table: string[];
  denied: string[][];
  allowed: string[][];
  state: string[];
  planHead: string[];
  plan: string[];
  approvals: string[];
}

function prepare(input: CommentInput): Parts {
  const { check, plan, gate } = input;
  const requests = [...check.requests].sort((a, b) => (a.decision === b.decision ? a.file.localeCompare(b.file) : a.decision === 'deny' ? -1 : 1));
  const denied = requests.filter((r) => r.decision === 'deny');
  const allowed = requests.filter((r) => r.decision === 'allow' && (r.violations.length || r.approvals.length));
  const stateDeny = check.state.violations.filter((v) => v.severity === 'deny').length;
  const ok = denied.length === 0 && stateDeny === 0;
  const s = check.summary;
  const head = [COMMENT_MARKER, '## 嵊泗县电子政务网络变更检查', ''];
  head.push(
    ok ? '✅ **检查通过**：所有申请均符合《管理办法》与策略。' : `❌ **检查未通过**：${denied.length} 个申请被拒绝${stateDeny ? `，${stateDeny} 条全局规则未满足` : ''}。`,
    `共 ${s.requests} 个申请：${s.allowed} 个通过，${s.denied} 个拒绝；警告 ${s.warnings} 条。`,
  );
  if (gate) head.push(gate.pass ? '✅ **审批齐全**（govern/review-gate）。' : `⏳ **尚缺审批**：${gate.findings.length} 项，见下方“审批”。`);

  const approvals: string[] = [];
  if (gate) {
    for (const a of gate.satisfied) approvals.push(`- ✅ ${esc(roleName(a.role, a.unit).zh)}：${a.by.map((b) => '@' + b).join('、')}`);
    for (const f of gate.findings) approvals.push(`- ⏳ ${esc(f.message.zh)}${f.article ? `（第${f.article}条）` : ''}`);
    for (const i of gate.ignored) approvals.push(`- ✗ @${i.login} 的批准不计：${esc(i.reason.zh)}`);
    if (!gate.satisfied.length && !gate.findings.length) approvals.push('- 本次变更无需额外审批。');
  } else {
    const needed = mergeApprovals(check.requests.map((r) => r.approvals));
    if (!needed.length) approvals.push('- 检查结果未要求审批。');
    for (const a of needed) approvals.push(`- ${approvalText(a)}`);
    approvals.push('', '审批门禁（govern/review-gate）将核验：批准须针对最新提交，且来自对应团队的成员，作者与最新提交者的批准不计。');
  }
  return {
    head,
    table: requests.map((r) => `| ${r.decision === 'deny' ? '❌ 拒绝' : '✅ 通过'} | ${cell(r.id)} | ${cell(r.unit)} | ${cell(r.kind)} | ${code(r.file)} |`),
    denied: denied.map(requestDetail),
    allowed: allowed.map(requestDetail),
    state: sortViolations(check.state.violations).map(violationLine),
    planHead: plan ? ['', '### 变更计划', '', `新增 ${plan.summary.add}，修改 ${plan.summary.change}，删除 ${plan.summary.remove}。`, ...(plan.changes.length ? [''] : [])] : [],
    plan: plan ? plan.changes.map(planLine) : [],
    approvals,
  };
}

function assemble(p: Parts, input: CommentInput, d: Detail): string {
  const out = [...p.head];
  const omitted: string[] = [];
  if (p.table.length) {
    out.push('', '### 申请', '', '| 结论 | 申请 | 单位 | 类型 | 文件 |', '|---|---|---|---|---|', ...p.table.slice(0, d.tableRows));
    if (p.table.length > d.tableRows) omitted.push(`申请表中 ${p.table.length - d.tableRows} 行`);
  }
  if (p.denied.length > d.deniedDetails) omitted.push(`${p.denied.length - d.deniedDetails} 个被拒绝申请的明细`);
  if (!d.allowedDetails && p.allowed.length) omitted.push(`${p.allowed.length} 个通过申请的明细`);
  for (const block of [...p.denied.slice(0, d.deniedDetails), ...(d.allowedDetails ? p.allowed : [])]) out.push('', ...block);
  if (p.state.length) {
    out.push('', '### 全局规则', '', ...p.state.slice(0, d.stateLines));
    if (p.state.length > d.stateLines) omitted.push(`${p.state.length - d.stateLines} 条全局规则结果`);
  }
  out.push(...p.planHead, ...p.plan.slice(0, d.planLines));
  if (p.plan.length > d.planLines) omitted.push(`${p.plan.length - d.planLines} 行变更计划`);
  out.push('', '### 审批', '', ...p.approvals);
  if (omitted.length) {
    const where = input.reportUrl ? `完整内容见[完整报告](${input.reportUrl})` : '完整内容见工作流运行日志';
    out.splice(p.head.length, 0, '', `> ⚠️ 评论长度受 GitHub 限制（${GITHUB_COMMENT_LIMIT} 字符），省略了：${omitted.join('、')}。${where}。`);
  }
  out.push('', '---', input.reportUrl ? `[完整报告](${input.reportUrl}) · 由 govern 生成，每次推送后原地更新` : '由 govern 生成，每次推送后原地更新');
  return out.join('\n') + '\n';
}

function requestDetail(r: RequestDecision): string[] {
  const lines: string[] = [`#### ${r.decision === 'deny' ? '❌' : '✅'} ${esc(r.id)} · ${esc(r.kind)} · ${esc(r.unit)}`, ''];
  for (const v of sortViolations(r.violations)) lines.push(violationLine(v));
  if (r.approvals.length) lines.push(`- 所需审批：${r.approvals.map(approvalText).join('；')}`);
  return lines;
}

function approvalText(a: RequiredApproval): string {
  const why = a.why ? `（${esc(a.why.zh)}）` : '';
  return `${esc(roleName(a.role, a.unit).zh)} ×${a.count}${why}`;
}

function sortViolations(vs: readonly Violation[]): Violation[] {
  return [...vs].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'deny' ? -1 : 1) || a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
}

/** `RULE-ID file:line:col: what; how` (style.md), with the article. */
function violationLine(v: Violation): string {
  const where = v.line > 0 ? `${v.file}:${v.line}${v.column ? `:${v.column}` : ''}` : v.file;
  const hint = v.hint ? `；${esc(v.hint.zh)}` : '';
  return `- ${v.severity === 'deny' ? '❌' : '⚠️'} **${esc(v.rule)}**（第${v.article}条）${code(where)}：${esc(v.message.zh)}${hint}`;
}

const ACTIONS = { add: '➕ 新增', change: '✏️ 修改', remove: '➖ 删除' } as const;

function planLine(c: ResourceChange): string {
  const fields = c.fields.map((f) => `${f.path}: ${value(f.before)} → ${value(f.after)}`).join('；');
  const from = c.requests.length ? `（${c.requests.map(esc).join('、')}）` : '';
  return `- ${ACTIONS[c.action]} ${code(`${c.stack}/${c.type}/${c.name}`)}${from}${fields ? `：${esc(fields)}` : ''}`;
}

function value(v: unknown): string {
  if (v === undefined) return '∅';
  const s = JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 79) + '…' : s;
}

/** Text from files and policies is data: no HTML (so no fake marker), no table breaks. */
function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

function cell(s: string): string {
  return esc(s).replace(/\|/g, '\\|');
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'").replace(/\r?\n/g, ' ').replace(/\|/g, '\\|') + '`';
}
