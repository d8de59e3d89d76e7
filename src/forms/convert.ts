// A filed issue form -> a change request document -> requests/<unit>/<id>.yaml, validated by the same
// loader checks as a file written by hand (src/load checkDocument over the model's schema). Every
// problem of the form is collected, each naming the field (and the row of a table) and how to fix it,
// so the filer gets one comment listing everything. Pure: text in, result out.
import { stringify } from 'yaml';
import type { Diagnostic, Localized } from '../i18n/index.ts';
import { checkDocument, parseYamlFile } from '../load/index.ts';
import { API_VERSION, schemaFileName, type RequestKind } from '../model/index.ts';
import { checkedBoxes, parseSections, tableRows, type Section } from './sections.ts';
import type { FormField, IssueFormTemplate } from './template.ts';

/** The forms a unit can file, the label that marks each, and the request kind it becomes. */
export const FORMS = [
  { label: '端口开放', template: 'port-opening.yml', kind: 'PortOpeningRequest' },
  { label: '云资源', template: 'cloud-resource.yml', kind: 'CloudResourceRequest' },
] as const satisfies readonly { label: string; template: string; kind: RequestKind }[];

export type FormKind = (typeof FORMS)[number]['kind'];

export interface FiledIssue {
  readonly number: number;
  readonly body: string;
  /** created_at of the issue (RFC 3339, UTC). */
  readonly createdAt: string;
  readonly author: string;
}

export interface FormProblem {
  readonly code: string;
  /** The form field's label. */
  readonly field: string;
  /** 1-based line of the issue body (0 when the field is missing). */
  readonly line: number;
  readonly message: Localized;
  readonly hint: Localized;
}

export interface ConvertResult {
  readonly ok: boolean;
  readonly id: string;
  /** requests/<unit>/<id>.yaml, or undefined when the unit is not a valid id (nothing may be written). */
  readonly file?: string;
  readonly yaml?: string;
  readonly problems: readonly FormProblem[];
  /** The loader's findings on the generated file (lines of `yaml`). */
  readonly diagnostics: readonly Diagnostic[];
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The calendar date in China (UTC+8) of an instant: an issue filed at 07:00 on 3 March in Shengsi is dated 3 March. */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

class Reader {
  readonly problems: FormProblem[] = [];
  private readonly sections: Map<string, Section>;

  constructor(
    private readonly form: IssueFormTemplate,
    body: string,
  ) {
    this.sections = parseSections(body);
  }

  field(id: string): FormField {
    const f = this.form.fields.get(id);
    // The converter and the committed form disagree: a defect of the repository, not of the filer.
    if (!f) throw new Error(`the issue form ${this.form.name} has no field with id ${id}`);
    return f;
  }

  section(id: string): Section | undefined {
    const f = this.field(id);
    const s = this.sections.get(f.label);
    if (!s || s.text === '') {
      if (f.required) {
        this.problem('FORM-MISSING', f.label, s?.line ?? 0, { zh: '未填写', en: 'is empty' }, { zh: '编辑议题，填写该项', en: 'edit the issue and fill it in' });
      }
      return undefined;
    }
    return s;
  }

  text(id: string): string | undefined {
    return this.section(id)?.text;
  }

  /** The first word of a dropdown option ("internal 内部" -> "internal"). */
  choice(id: string): string | undefined {
    return this.text(id)?.split(/\s+/)[0];
  }

  problem(code: string, field: string, line: number, message: Localized, hint: Localized): void {
    this.problems.push({ code, field, line, message, hint });
  }
}

const COLUMNS_HINT: Localized = { zh: '按表单说明的列顺序填写，各列用 | 分隔', en: 'write the columns in the order the form describes, separated by |' };

function rowProblem(r: Reader, field: string, line: number, what: Localized, hint: Localized = COLUMNS_HINT): void {
  r.problem('FORM-ROW', field, line, what, hint);
}

function port(r: Reader, field: string, line: number, s: string): number | string | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  if (/^\d+-\d+$/.test(s) || s === 'any') return s;
  rowProblem(r, field, line, { zh: `端口“${s}”无效`, en: `the port "${s}" is not valid` }, { zh: '写端口号（如 443）或范围（如 8000-8010）', en: 'write a port number (443) or a range (8000-8010)' });
  return undefined;
}

function int(r: Reader, field: string, line: number, what: string, s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  rowProblem(r, field, line, { zh: `${what}“${s}”不是整数`, en: `${what} "${s}" is not a whole number` }, { zh: '只写数字，例如 4', en: 'write digits only, e.g. 4' });
  return undefined;
}

const list = (s: string): string[] => s.split(/[,，、\s]+/).filter((x) => x !== '');

/** "长期" / "permanent" -> permanent; otherwise the last day. */
function validity(s: string): { validUntil?: string; permanent?: boolean } {
  return s === '长期' || s.toLowerCase() === 'permanent' ? { permanent: true } : { validUntil: s };
}

function optional(s: string | undefined): string | undefined {
  return s === undefined || s === '' || s === '-' || s === '无' ? undefined : s;
}

function portRows(r: Reader): Record<string, unknown>[] {
  const s = r.section('ports');
  if (!s) return [];
  const label = r.field('ports').label;
  const rows = tableRows(s);
  if (rows.length === 0) r.problem('FORM-MISSING', label, s.line, { zh: '没有端口行', en: 'has no port rows' }, COLUMNS_HINT);
  return rows.flatMap(({ cells: c, line }) => {
    if (c.length < 8 || c.length > 10) {
      rowProblem(r, label, line, { zh: `第 ${line} 行有 ${c.length} 列，应为 8 至 10 列`, en: `line ${line} has ${c.length} columns, 8 to 10 expected` });
      return [];
    }
    return [
      {
        port: port(r, label, line, c[0]!),
        protocol: c[1]!.toLowerCase(),
        purpose: c[7],
        source: { zone: c[2], cidrs: list(c[3]!) },
        destination: { system: c[4], address: c[5] },
        ...(optional(c[8]) ? { publicAddress: c[8] } : {}),
        ...(optional(c[9]) ? { hardeningNote: c[9] } : {}),
        ...validity(c[6]!),
      },
    ];
  });
}

function instanceRows(r: Reader): Record<string, unknown>[] {
  const s = r.section('instances');
  if (!s) return [];
  const label = r.field('instances').label;
  return tableRows(s).flatMap(({ cells: c, line }) => {
    if (c.length !== 8) {
      rowProblem(r, label, line, { zh: `第 ${line} 行有 ${c.length} 列，应为 8 列`, en: `line ${line} has ${c.length} columns, 8 expected` });
      return [];
    }
    const software = optional(c[7])
      ? list(c[7]!).map((x) => {
          const [id, version] = x.split('@');
          if (!version) rowProblem(r, label, line, { zh: `软件“${x}”没有写版本`, en: `the software "${x}" has no version` }, { zh: '写成 软件@版本，如 nginx@1.24.0', en: 'write software@version, e.g. nginx@1.24.0' });
          return { id, version: version ?? '' };
        })
      : [];
    return [
      {
        name: c[0],
        image: c[1],
        software,
        vcpu: int(r, label, line, 'vCPU', c[2]!),
        memoryGiB: int(r, label, line, '内存 GiB', c[3]!),
        diskGiB: int(r, label, line, '系统盘 GiB', c[4]!),
        vswitch: c[5],
        privateAddress: c[6],
      },
    ];
  });
}

function securityGroupRows(r: Reader): Record<string, unknown>[] {
  const s = r.section('securityGroupRules');
  if (!s) return [];
  const label = r.field('securityGroupRules').label;
  return tableRows(s).flatMap(({ cells: c, line }) => {
    if (c.length !== 7) {
      rowProblem(r, label, line, { zh: `第 ${line} 行有 ${c.length} 列，应为 7 列`, en: `line ${line} has ${c.length} columns, 7 expected` });
      return [];
    }
    return [
      {
        port: port(r, label, line, c[0]!),
        protocol: c[1]!.toLowerCase(),
        purpose: c[6],
        source: { zone: c[2], cidrs: list(c[3]!) },
        instances: list(c[4]!),
        ...validity(c[5]!),
      },
    ];
  });
}

export function convertIssue(kind: FormKind, form: IssueFormTemplate, issue: FiledIssue): ConvertResult {
  const r = new Reader(form, issue.body);
  const submitted = chinaDate(issue.createdAt);
  // Ids from forms are REQ-<year>-<issue number>: unique as long as hand-written files do not use an
  // issue's number (a duplicate is caught by the policies' uniqueness rule, SS-14-101).
  const id = `REQ-${submitted.slice(0, 4)}-${String(issue.number).padStart(4, '0')}`;
  const unit = r.text('unit');
  const officer = r.text('securityOfficer');
  const signoffDate = r.text('signoffDate');
  if ((officer === undefined) !== (signoffDate === undefined)) {
    const missing = r.field(officer === undefined ? 'securityOfficer' : 'signoffDate');
    r.problem('FORM-MISSING', missing.label, 0, { zh: '安全管理岗与确认日期须同时填写', en: 'the security officer and the sign-off date go together' }, { zh: '两项都填，或都不填', en: 'fill in both or neither' });
  }
  const confirm = r.field('confirm');
  if (checkedBoxes(r.section('confirm')).length < confirm.options.length) {
    r.problem('FORM-CONFIRM', confirm.label, 0, { zh: '未勾选确认项', en: 'the confirmation is not ticked' }, { zh: '编辑议题，勾选确认项', en: 'edit the issue and tick the confirmation' });
  }
  const common = {
    apiVersion: API_VERSION,
    kind,
    id,
    unit,
    title: r.text('title'),
    requester: r.text('requester'),
    submitted,
    ...(officer && signoffDate ? { securityOfficerSignoff: { officer, date: signoffDate } } : {}),
    justification: r.text('justification'),
    dataClassification: r.choice('dataClassification'),
    emergencyMeasures: r.text('emergencyMeasures'),
    rollbackPlan: r.text('rollbackPlan'),
  };
  const doc =
    kind === 'PortOpeningRequest'
      ? { ...common, ports: portRows(r) }
      : {
          ...common,
          system: r.text('system'),
          scope: r.text('scope'),
          vpc: r.text('vpc'),
          instances: instanceRows(r),
          securityGroupRules: securityGroupRows(r),
        };
  // The unit names a folder: anything but a plain id (say ../../.github) must never become a path.
  const unitOk = unit !== undefined && ID.test(unit);
  if (unit !== undefined && !unitOk) {
    r.problem('FORM-UNIT', r.field('unit').label, r.section('unit')?.line ?? 0, { zh: `“${unit}”不是单位标识`, en: `"${unit}" is not a unit id` }, {
      zh: '填写 inventory/units.yaml 中的单位标识，只含小写英文字母、数字和连字符',
      en: 'write the unit id from inventory/units.yaml: lowercase letters, digits and hyphens only',
    });
  }
  const file = unitOk ? `requests/${unit}/${id.toLowerCase()}.yaml` : undefined;
  const yaml =
    `# yaml-language-server: $schema=../../schemas/${schemaFileName(kind)}\n` +
    `# 由议题 #${issue.number} 的表单生成（form-to-pr 工作流），填表人 @${issue.author}\n` +
    stringify(JSON.parse(JSON.stringify(doc)), { lineWidth: 0 });
  const checked = checkDocument(file ?? 'requests/(unit)/request.yaml', parseYamlFile(file ?? 'request.yaml', yaml), 'request');
  const ok = r.problems.length === 0 && checked.diagnostics.length === 0 && file !== undefined;
  return { ok, id, file, yaml, problems: r.problems, diagnostics: checked.diagnostics };
}
