// The rule catalogue as the policies declare it: each deny/warn rule's METADATA (id, articles,
// severity, title, message and hint templates). The texts live once, in policies/; this module
// reads them from the compiled modules and renders a finding's message with its parameters.
import type { Lang, Localized } from '../i18n/index.ts';
import { fmt } from '../i18n/index.ts';
import type { RuleSeverity } from './types.ts';

export interface RuleMeta {
  readonly id: string;
  readonly articles: readonly number[];
  readonly severity: RuleSeverity;
  readonly title: string;
  readonly message: Localized;
  readonly hint: Localized;
  /** Policy file and line of the rule, for SARIF and for people reading the catalogue. */
  readonly file: string;
  readonly line: number;
}

/** A rule result as the policies yield it (lib.finding): the rule id, the field path, the parameters. */
export interface Finding {
  readonly rule: string;
  readonly path: readonly (string | number)[];
  readonly params: Readonly<Record<string, unknown>>;
  /** State findings name the request they are about (null for inventory objects). */
  readonly request?: string | null;
}

/** A policy that breaks the catalogue contract: a defect of policies/, reported as an internal error. */
export class PolicyDefect extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyDefect';
  }
}

interface AnnotatedRule {
  readonly path: readonly string[];
  readonly location: { readonly file: string; readonly row: number };
  readonly annotations: readonly { readonly title?: string; readonly custom?: Record<string, unknown> }[];
}

function localized(v: unknown, what: string): Localized {
  const o = v as Record<string, unknown> | undefined;
  if (!o || typeof o.zh !== 'string' || typeof o.en !== 'string') throw new PolicyDefect(`${what}: expected zh and en texts`);
  return { zh: o.zh, en: o.en };
}

/** Key of a rule in the catalogue: one id may have a deny and a warn body. */
export function ruleKey(id: string, severity: RuleSeverity): string {
  return `${id}|${severity}`;
}

/**
 * Builds the catalogue from the annotated deny/warn rules. A rule with several bodies is annotated
 * once, above its first body (OPA attaches METADATA to the body that follows it); a finding whose
 * id has no entry is a PolicyDefect when it is rendered.
 */
export function buildCatalog(rules: readonly AnnotatedRule[]): Map<string, RuleMeta> {
  const out = new Map<string, RuleMeta>();
  for (const r of rules) {
    const set = r.path[r.path.length - 1];
    if (set !== 'deny' && set !== 'warn') continue;
    const where = `${r.location.file}:${r.location.row}`;
    const ann = r.annotations.find((a) => a.custom?.id !== undefined);
    if (!ann?.custom) continue;
    const c = ann.custom;
    const id = String(c.id);
    if (!/^SS-\d{2}-\d{3}$/.test(id)) throw new PolicyDefect(`${where}: rule id ${id} is not SS-<article>-<nnn>`);
    if (c.severity !== set) throw new PolicyDefect(`${where}: ${id} declares severity ${String(c.severity)} but is a ${set} rule`);
    const articles = c.articles;
    if (!Array.isArray(articles) || articles.length === 0 || !articles.every((a) => Number.isInteger(a))) {
      throw new PolicyDefect(`${where}: ${id} needs articles, a list of integers`);
    }
    const meta: RuleMeta = {
      id,
      articles: articles as number[],
      severity: set,
      title: ann.title ?? id,
      message: localized(c.message, `${where}: ${id} message`),
      hint: localized(c.hint, `${where}: ${id} hint`),
      file: r.location.file,
      line: r.location.row,
    };
    // Several bodies of one rule share its texts; keep the first as the catalogue entry.
    if (!out.has(ruleKey(id, set))) out.set(ruleKey(id, set), meta);
  }
  return out;
}

function paramText(v: unknown, lang: Lang): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && typeof (v as Localized).zh === 'string' && typeof (v as Localized).en === 'string') {
    return (v as Localized)[lang];
  }
  return JSON.stringify(v);
}

/** Fills a template in both languages; a parameter may itself be a {zh, en} text. */
export function renderTemplate(template: Localized, params: Readonly<Record<string, unknown>>): Localized {
  const for_ = (lang: Lang): Record<string, string> => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, paramText(v, lang)]));
  return { zh: fmt(template.zh, for_('zh')), en: fmt(template.en, for_('en')) };
}
