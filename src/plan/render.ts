// Plan renderers: markdown for a pull request (Chinese by default; a reviewer reads what opens to
// whom on which port and why, grouped by stack, with the request ids), plain text for a terminal,
// and JSON (the Plan itself, keys sorted) for tools such as `govern pr comment`.
import type { Lang, Localized } from '../i18n/index.ts';
import type { ChangeAction, FieldChange, Plan, ResourceChange } from './types.ts';
import { STACKS, TYPE_LABELS, type ResourceType } from './resources.ts';
import { stableJson } from './json.ts';

export const STACK_LABELS: Readonly<Record<string, Localized>> = {
  'extranet-edge': { zh: '互联网出口防火墙', en: 'Internet exit firewall' },
  'cloud-node': { zh: '政务节点云', en: 'Gov-cloud node' },
  access: { zh: '堡垒机与 VPN 账号', en: 'Bastion and VPN accounts' },
};

const ACTION_LABELS: Readonly<Record<ChangeAction, Localized>> = {
  add: { zh: '新增', en: 'Add' },
  change: { zh: '修改', en: 'Change' },
  remove: { zh: '删除', en: 'Remove' },
};
const ACTIONS: readonly ChangeAction[] = ['add', 'change', 'remove'];
const SIGN: Readonly<Record<ChangeAction, string>> = { add: '+', change: '~', remove: '-' };

function valueText(v: unknown): string {
  if (v === undefined) return '—';
  if (Array.isArray(v)) return v.length === 0 ? '[]' : v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(', ');
  if (typeof v === 'object' && v !== null) return JSON.stringify(v);
  return String(v);
}

/** Request text reaches a pull-request comment: neutralise markdown and HTML it may carry. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>|#~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));
}

const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';

function label(c: ResourceChange, lang: Lang): string {
  return TYPE_LABELS[c.type as ResourceType]?.[lang] ?? c.type;
}

function requestsText(c: ResourceChange, lang: Lang): string {
  if (c.requests.length === 0) return lang === 'zh' ? '〔台账〕' : '[inventory]';
  return lang === 'zh' ? `〔${c.requests.join('、')}〕` : `[${c.requests.join(', ')}]`;
}

function fieldLine(f: FieldChange): string {
  return `${f.path}: ${valueText(f.before)} → ${valueText(f.after)}`;
}

function heading(plan: Plan, lang: Lang): string[] {
  const { add, change, remove } = plan.summary;
  const asOf = plan.asOf ?? '—';
  const against =
    plan.againstAsOf === undefined
      ? { zh: '尚无已应用状态：全部为新增。', en: 'Nothing applied yet: everything is an add.' }
      : { zh: `对照 ${plan.againstAsOf} 应用的状态。`, en: `Against the state applied for ${plan.againstAsOf}.` };
  return lang === 'zh'
    ? [`按 ${asOf} 的期望状态计算。${against.zh}`, `新增 ${add} · 修改 ${change} · 删除 ${remove}`]
    : [`Desired state as of ${asOf}. ${against.en}`, `${add} to add · ${change} to change · ${remove} to remove`];
}

export function renderMarkdown(plan: Plan, lang: Lang = 'zh'): string {
  const [context, counts] = heading(plan, lang);
  const lines: string[] = [lang === 'zh' ? '## 变更计划' : '## Change plan', '', context!, '', `**${counts}**`];
  if (plan.changes.length === 0) {
    lines.push('', lang === 'zh' ? '期望状态与已应用状态一致，无需变更。' : 'The desired state matches the applied state: nothing to change.');
  }
  // What opens to (or closes from) the whole internet first: the changes a reviewer must not miss.
  const exposed = plan.changes.filter((c) => c.internetFacing && c.action !== 'remove');
  if (exposed.length > 0) {
    lines.push('', lang === 'zh' ? `> **需重点审查：对整个互联网开放（${exposed.length}）**` : `> **Review closely: open to the whole internet (${exposed.length})**`, '>');
    for (const c of exposed) lines.push(`> - ${ACTION_LABELS[c.action][lang]} ${label(c, lang)} ${code(c.name)} ${requestsText(c, lang)}`);
  }
  for (const stack of STACKS) {
    const inStack = plan.changes.filter((c) => c.stack === stack);
    if (inStack.length === 0) continue;
    lines.push('', `### ${STACK_LABELS[stack]![lang]} ${code(stack)}`);
    for (const action of ACTIONS) {
      const group = inStack.filter((c) => c.action === action);
      if (group.length === 0) continue;
      lines.push('', `**${ACTION_LABELS[action][lang]}（${group.length}）**`.replace('（', lang === 'zh' ? '（' : ' (').replace('）', lang === 'zh' ? '）' : ')'), '');
      for (const c of group) {
        const what = c.description ? ` — ${mdEscape(c.description[lang])}` : '';
        lines.push(`- ${label(c, lang)} ${code(c.name)}${what} ${requestsText(c, lang)}`);
        if (action === 'change') for (const f of c.fields) lines.push(`  - ${code(fieldLine(f))}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

export function renderText(plan: Plan, lang: Lang = 'zh'): string {
  const [context, counts] = heading(plan, lang);
  const lines: string[] = [context!, counts!];
  for (const stack of STACKS) {
    const inStack = plan.changes.filter((c) => c.stack === stack);
    if (inStack.length === 0) continue;
    lines.push('', `${stack} (${STACK_LABELS[stack]![lang]})`);
    for (const c of inStack) {
      lines.push(`  ${SIGN[c.action]} ${c.type} ${c.name} ${requestsText(c, lang)}`);
      if (c.description) lines.push(`      ${c.description[lang]}`);
      if (c.action === 'change') for (const f of c.fields) lines.push(`      ${fieldLine(f)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function renderJson(plan: Plan): string {
  return stableJson(plan);
}
