// Messages for people: Chinese first, English on request (--lang en), and the positioned
// diagnostic shape every layer reports in: `<CODE> <file:line:col>: <what is wrong>; <how to fix>`.

export type Lang = 'zh' | 'en';

export interface Localized {
  readonly zh: string;
  readonly en: string;
}

export const LANGS: readonly Lang[] = ['zh', 'en'];

export function parseLang(s: string | undefined): Lang | undefined {
  if (s === undefined) return 'zh';
  const v = s.toLowerCase();
  if (v === 'zh' || v === 'zh-cn' || v === 'cn') return 'zh';
  if (v === 'en' || v === 'en-us') return 'en';
  return undefined;
}

/** Fills `{name}` placeholders. A missing parameter stays visible as `{name}` rather than vanishing. */
export function fmt(template: string, params: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    return v === undefined ? m : String(v);
  });
}

export function localize(l: Localized, lang: Lang, params?: Record<string, string | number | undefined>): string {
  return fmt(l[lang], params);
}

export type Severity = 'error' | 'warning';

/** One finding about one place in one file. Line and column are 1-based; 0 when unknown. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** What is wrong. */
  readonly message: Localized;
  /** How to fix it. */
  readonly hint?: Localized;
}

/** `CODE file:line:col: message; hint` in the chosen language. */
export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const sep = lang === 'zh' ? '；' : '; ';
  const hint = d.hint ? sep + d.hint[lang] : '';
  return `${d.code} ${where}: ${d.message[lang]}${hint}`;
}
