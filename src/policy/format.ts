// Renderings of a CheckResult: the stable JSON of `govern check --format json` (README), text for
// the people of a unit (Chinese first, grouped by file, each finding with its line, article and
// fix, and the approvals each request needs), Markdown for a pull-request comment, and SARIF 2.1.0
// for code-scanning tools.
import type { Lang } from '../i18n/index.ts';
import type { ApprovalRole, RequiredApproval } from '../model/approvals.ts';
import type { RuleMeta } from './catalog.ts';
import type { CheckResult, RequestDecision, Violation } from './types.ts';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 14 -> 十四, 20 -> 二十, 27 -> 二十七 (articles of the Measures run 1..27). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  return String(n);
}

export function articleName(n: number, lang: Lang): string {
  return lang === 'zh' ? `第${chineseNumber(n)}条` : `art. ${n}`;
}

const ROLE_NAMES: Record<ApprovalRole, { zh: string; en: string }> = {
  'bureau-reviewer': { zh: '县大数据局审核人', en: 'bureau reviewer' },
  'unit-security-officer': { zh: '单位网络信息安全管理岗', en: 'unit security officer' },
  'bureau-security-lead': { zh: '县大数据局安全负责人', en: 'bureau security lead' },
  'leading-group-office-director': { zh: '领导小组办公室主任', en: 'leading group office director' },
  'bureau-security-team': { zh: '县大数据局安全组', en: 'bureau security team' },
};

export function approvalText(a: RequiredApproval, lang: Lang): string {
  const who = ROLE_NAMES[a.role][lang] + (a.unit ? `（${a.unit}）` : '');
  return lang === 'zh' ? `${who} ${a.count} 人` : `${who} x${a.count}`;
}

// ---- JSON --------------------------------------------------------------------------------------

function jsonViolation(v: Violation, lang: Lang) {
  return { rule: v.rule, article: v.article, severity: v.severity, message: v.message[lang], file: v.file, line: v.line };
}

/** The JSON contract of `govern check --format json`: messages in the chosen language. */
export function toCheckJson(r: CheckResult, lang: Lang) {
  return {
    requests: r.requests.map((q) => ({
      id: q.id,
      file: q.file,
      kind: q.kind,
      unit: q.unit,
      decision: q.decision,
      violations: q.violations.map((v) => jsonViolation(v, lang)),
      approvals: q.approvals.map((a) => ({ role: a.role, count: a.count })),
    })),
    state: { violations: r.state.violations.map((v) => jsonViolation(v, lang)) },
    summary: { ...r.summary },
  };
}

export function renderJson(r: CheckResult, lang: Lang): string {
  return JSON.stringify(toCheckJson(r, lang), null, 2);
}

// ---- text --------------------------------------------------------------------------------------

const T = {
  allow: { zh: '通过', en: 'allowed' },
  deny: { zh: '拒绝', en: 'denied' },
  warnTag: { zh: '警告', en: 'warning' },
  denyTag: { zh: '拒绝', en: 'deny' },
  line: { zh: (n: number) => `第 ${n} 行`, en: (n: number) => `line ${n}` },
  fix: { zh: '修改：', en: 'fix: ' },
  approvals: { zh: '需要的审批：', en: 'approvals needed: ' },
  state: { zh: '全局状态检查', en: 'state checks' },
  clean: { zh: '无问题', en: 'no findings' },
  summary: {
    zh: (s: CheckResult['summary']) => `共 ${s.requests} 个申请：通过 ${s.allowed}，拒绝 ${s.denied}；警告 ${s.warnings} 条`,
    en: (s: CheckResult['summary']) => `${s.requests} requests: ${s.allowed} allowed, ${s.denied} denied; ${s.warnings} warnings`,
  },
} as const;

function violationLines(v: Violation, lang: Lang, indent: string): string[] {
  const where = v.line > 0 ? T.line[lang](v.line) : v.file;
  const tag = v.severity === 'deny' ? T.denyTag[lang] : T.warnTag[lang];
  const sep = lang === 'zh' ? '，' : ', ';
  const colon = lang === 'zh' ? '：' : ': ';
  const out = [`${indent}${where} [${tag}] ${v.rule}${sep}${articleName(v.article, lang)}${colon}${v.message[lang]}`];
  if (v.hint) out.push(`${indent}  ${T.fix[lang]}${v.hint[lang]}`);
  return out;
}

function requestBlock(q: RequestDecision, lang: Lang): string[] {
  const head = `${q.file}  ${q.id}（${q.kind}）— ${q.decision === 'allow' ? T.allow[lang] : T.deny[lang]}`;
  const out = [head];
  if (q.violations.length === 0) out.push(`  ${T.clean[lang]}`);
  for (const v of q.violations) out.push(...violationLines(v, lang, '  '));
  const sep = lang === 'zh' ? '；' : '; ';
  out.push(`  ${T.approvals[lang]}${q.approvals.map((a) => approvalText(a, lang)).join(sep)}`);
  return out;
}

export function renderText(r: CheckResult, lang: Lang): string {
  const out: string[] = [];
  for (const q of [...r.requests].sort((a, b) => a.file.localeCompare(b.file))) out.push(...requestBlock(q, lang), '');
  out.push(`${T.state[lang]}${lang === 'zh' ? '：' : ':'}`);
  if (r.state.violations.length === 0) out.push(`  ${T.clean[lang]}`);
  let file = '';
  for (const v of r.state.violations) {
    if (v.file !== file) {
      file = v.file;
      out.push(`  ${file}`);
    }
    out.push(...violationLines(v, lang, '    '));
  }
  out.push('', T.summary[lang](r.summary));
  return out.join('\n');
}

// ---- Markdown ----------------------------------------------------------------------------------

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function mdViolation(v: Violation, lang: Lang): string {
  const icon = v.severity === 'deny' ? '❌' : '⚠️';
  const where = v.line > 0 ? `${v.file}:${v.line}` : v.file;
  const hint = v.hint ? `<br>${T.fix[lang]}${mdEscape(v.hint[lang])}` : '';
  return `| ${icon} | \`${v.rule}\` | ${articleName(v.article, lang)} | \`${where}\` | ${mdEscape(v.message[lang])}${hint} |`;
}

const MD = {
  title: { zh: '## 策略检查（《嵊泗县电子政务网络与信息系统安全管理暂行办法》）', en: '## Policy check (Shengsi County Interim Measures)' },
  cols: { zh: '| | 规则 | 条款 | 位置 | 问题与修改 |', en: '| | rule | article | where | finding and fix |' },
  reqCols: { zh: '| 申请 | 类型 | 单位 | 结论 | 需要的审批 |', en: '| request | kind | unit | decision | approvals needed |' },
} as const;

export function renderMarkdown(r: CheckResult, lang: Lang): string {
  const out: string[] = [MD.title[lang], '', T.summary[lang](r.summary), '', MD.reqCols[lang], '|---|---|---|---|---|'];
  const sep = lang === 'zh' ? '；' : '; ';
  for (const q of r.requests) {
    const d = q.decision === 'allow' ? `✅ ${T.allow[lang]}` : `❌ ${T.deny[lang]}`;
    out.push(`| \`${q.id}\` (\`${q.file}\`) | ${q.kind} | ${q.unit} | ${d} | ${q.approvals.map((a) => approvalText(a, lang)).join(sep)} |`);
  }
  const all = [...r.requests.flatMap((q) => q.violations), ...r.state.violations];
  if (all.length > 0) {
    out.push('', MD.cols[lang], '|---|---|---|---|---|');
    for (const v of all) out.push(mdViolation(v, lang));
  }
  return out.join('\n');
}

// ---- SARIF 2.1.0 -------------------------------------------------------------------------------

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF 2.1.0: one rule per id (with its help text), one result per finding with its file and line. */
export function toSarif(r: CheckResult, catalog: ReadonlyMap<string, RuleMeta>, lang: Lang) {
  const byId = new Map<string, RuleMeta>();
  for (const m of catalog.values()) if (!byId.has(m.id) || m.severity === 'deny') byId.set(m.id, m);
  const ids = [...byId.keys()].sort();
  const rules = ids.map((id) => {
    const m = byId.get(id)!;
    const articles = m.articles.map((a) => articleName(a, lang)).join(lang === 'zh' ? '、' : ', ');
    return {
      id,
      name: id,
      shortDescription: { text: m.title },
      fullDescription: { text: `${articles}: ${m.title}` },
      help: { text: m.hint[lang], markdown: `**${m.title}** (${articles})\n\n${m.hint[lang]}` },
      defaultConfiguration: { level: m.severity === 'deny' ? 'error' : 'warning' },
      properties: { articles: m.articles, tags: ['security', 'governance'] },
    };
  });
  const index = new Map(ids.map((id, i) => [id, i]));
  const all = [...r.requests.flatMap((q) => q.violations), ...r.state.violations];
  const results = all.map((v) => {
    const region = v.line > 0 ? { region: { startLine: v.line, ...(v.column ? { startColumn: v.column } : {}) } } : {};
    return {
      ruleId: v.rule,
      ...(index.has(v.rule) ? { ruleIndex: index.get(v.rule)! } : {}),
      level: v.severity === 'deny' ? 'error' : 'warning',
      message: { text: v.hint ? `${v.message[lang]}${lang === 'zh' ? '；' : '; '}${v.hint[lang]}` : v.message[lang] },
      locations: [{ physicalLocation: { artifactLocation: { uri: v.file }, ...region } }],
      properties: { article: v.article },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'govern', semanticVersion: '0.1.0', rules } },
        results,
      },
    ],
  };
}

export function renderSarif(r: CheckResult, catalog: ReadonlyMap<string, RuleMeta>, lang: Lang): string {
  return JSON.stringify(toSarif(r, catalog, lang), null, 2);
}
