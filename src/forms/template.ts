// Reading an issue form (.github/ISSUE_TEMPLATE/*.yml) to learn which label carries which field: the
// form's `id` is the request field, its `label` the heading in the issue body. The committed form is
// the one source, so renaming a label cannot silently break the conversion.
import { parse } from 'yaml';

export interface FormField {
  readonly id: string;
  readonly label: string;
  readonly type: 'input' | 'textarea' | 'dropdown' | 'checkboxes';
  readonly required: boolean;
  /** Dropdown options and checkbox labels. */
  readonly options: readonly string[];
}

export interface IssueFormTemplate {
  readonly name: string;
  readonly labels: readonly string[];
  readonly fields: ReadonlyMap<string, FormField>;
}

interface RawElement {
  type?: string;
  id?: string;
  attributes?: { label?: string; options?: (string | { label?: string })[] };
  validations?: { required?: boolean };
}

export function readIssueForm(yamlText: string): IssueFormTemplate {
  const raw = parse(yamlText) as { name?: string; labels?: string[] | string; body?: RawElement[] };
  const fields = new Map<string, FormField>();
  for (const e of raw.body ?? []) {
    if (e.type === 'markdown' || !e.id || !e.attributes?.label) continue;
    fields.set(e.id, {
      id: e.id,
      label: e.attributes.label,
      type: e.type as FormField['type'],
      required: e.validations?.required === true,
      options: (e.attributes.options ?? []).map((o) => (typeof o === 'string' ? o : (o.label ?? ''))),
    });
  }
  const labels = typeof raw.labels === 'string' ? raw.labels.split(',').map((l) => l.trim()) : (raw.labels ?? []);
  return { name: raw.name ?? '', labels, fields };
}
