// One parsed YAML value -> one typed document: apiVersion and kind first, then the zod schema of the
// kind, each zod issue turned into a positioned, bilingual diagnostic with a stable code.
import { z } from 'zod';
import type { Diagnostic } from '../i18n/index.ts';
import {
  API_VERSION,
  DOCUMENT_SCHEMAS,
  INVENTORY_SCHEMAS,
  PortSpec,
  REQUEST_SCHEMAS,
  type AnyDocument,
  type DocumentKind,
  type SourcePos,
} from '../model/index.ts';
import { closest, diagnostic, suggestionParams, type LoadCode, type Params } from './messages.ts';
import type { ParsedYaml } from './yaml.ts';

/** Which kinds a file may hold, from where it sits. */
export type Placement = 'inventory' | 'request' | 'any';

export interface CheckedDocument {
  readonly kind?: DocumentKind;
  readonly doc?: AnyDocument;
  readonly diagnostics: Diagnostic[];
}

type Seg = string | number;

const CODE_RE = /^E-[A-Z0-9-]+$/;

/** zod 4 internals we walk to find the schema at a path (for known field names and the port union). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  items?: z.ZodType[];
  valueType?: z.ZodType;
}
function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if ((d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') && d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}
export function schemaAt(root: z.ZodType, path: readonly Seg[]): z.ZodType | undefined {
  let cur: z.ZodType | undefined = unwrap(root);
  for (const seg of path) {
    if (!cur) return undefined;
    const d = defOf(cur);
    if (d.type === 'object') cur = d.shape?.[String(seg)];
    else if (d.type === 'array') cur = d.element;
    else if (d.type === 'tuple') cur = d.items?.[Number(seg)];
    else if (d.type === 'record') cur = d.valueType;
    else return undefined;
    if (cur) cur = unwrap(cur);
  }
  return cur;
}
function knownKeys(root: z.ZodType, path: readonly Seg[]): string[] {
  const s = schemaAt(root, path);
  if (!s) return [];
  const d = defOf(s);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

function valueAt(v: unknown, path: readonly Seg[]): { found: boolean; value: unknown } {
  let cur: unknown = v;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, seg)) return { found: false, value: undefined };
    cur = (cur as Record<string, unknown>)[String(seg)];
  }
  return { found: true, value: cur };
}

const TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  string: { zh: '文字', en: 'text' },
  number: { zh: '数字', en: 'a number' },
  int: { zh: '整数', en: 'an integer' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  array: { zh: '列表', en: 'a list' },
  object: { zh: '映射（字段: 值）', en: 'a mapping (key: value)' },
  null: { zh: '空值', en: 'null' },
  undefined: { zh: '空', en: 'nothing' },
};
export function typeName(v: unknown): { zh: string; en: string } {
  if (v === null) return TYPE_NAMES.null!;
  if (Array.isArray(v)) return TYPE_NAMES.array!;
  if (typeof v === 'number' && Number.isInteger(v)) return { zh: `数字 ${v}`, en: `the number ${v}` };
  if (typeof v === 'string') return { zh: `文字 "${v.slice(0, 60)}"`, en: `the text "${v.slice(0, 60)}"` };
  return TYPE_NAMES[typeof v] ?? { zh: typeof v, en: typeof v };
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v);
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 80 ? s.slice(0, 80) + '…' : s;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  params?: Record<string, unknown>;
}

/** Maps zod issues of one document to diagnostics positioned on the YAML. */
export function issuesToDiagnostics(file: string, schema: z.ZodType, value: unknown, parsed: ParsedYaml, issues: readonly Issue[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const join = (p: readonly Seg[]): string => p.join('.');
  /** The nearest position at or above the path. */
  const near = (p: readonly Seg[], map: ReadonlyMap<string, SourcePos>): SourcePos | undefined => {
    for (let n = p.length; n >= 0; n--) {
      const hit = map.get(join(p.slice(0, n)));
      if (hit) return hit;
    }
    return undefined;
  };
  for (const issue of issues) {
    const path = issue.path.filter((s): s is Seg => typeof s === 'string' || typeof s === 'number');
    const field = path.length ? join(path) : '(文档)';
    const at = valueAt(value, path);
    const vpos = near(path, parsed.valuePositions);
    const base: Params = { field, actual: show(at.value) };
    const push = (code: LoadCode, pos: SourcePos | undefined, params: Params = {}): void => {
      out.push(diagnostic(code, file, pos, { ...base, ...params }));
    };
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeys(schema, path);
      for (const k of issue.keys ?? []) {
        const kp = [...path, k];
        push('E-UNKNOWN-FIELD', near(kp, parsed.positions), {
          field: join(kp),
          known: known.join(', '),
          ...suggestionParams(closest(k, known)),
        });
      }
      continue;
    }
    if (CODE_RE.test(issue.message)) {
      const code = issue.message as LoadCode;
      const network = issue.params?.network;
      push(code, vpos, typeof network === 'string' ? { network } : {});
      continue;
    }
    switch (issue.code) {
      case 'invalid_type': {
        if (!at.found) {
          const key = String(path[path.length - 1] ?? '');
          const exp = TYPE_NAMES[issue.expected ?? ''] ?? { zh: issue.expected ?? '', en: issue.expected ?? '' };
          push('E-REQUIRED', near(path.slice(0, -1), parsed.valuePositions), { key, expected: exp.zh });
        } else {
          const exp = TYPE_NAMES[issue.expected ?? ''] ?? { zh: issue.expected ?? '', en: issue.expected ?? '' };
          const act = typeName(at.value);
          push('E-TYPE', vpos, { expected: exp.zh, expected_en: exp.en, actual: act.zh, actual_en: act.en });
        }
        break;
      }
      case 'invalid_value': {
        const allowed = (issue.values ?? []).map((v) => String(v));
        const last = path[path.length - 1];
        if (last === 'apiVersion' && path.length === 1) push('E-API-VERSION', vpos, { expected: API_VERSION });
        else if (last === 'kind' && path.length === 1) push('E-KIND', vpos, { allowed: allowed.join(', ') });
        else if (!at.found) push('E-REQUIRED', near(path.slice(0, -1), parsed.valuePositions), { key: String(last ?? ''), expected: allowed.join(' | ') });
        else push('E-ENUM', vpos, { allowed: allowed.join(', '), ...suggestionParams(typeof at.value === 'string' ? closest(at.value, allowed) : undefined) });
        break;
      }
      case 'invalid_union': {
        const s = schemaAt(schema, path);
        if (s === unwrap(PortSpec)) push('E-PORT-RANGE', vpos);
        else push('E-TYPE', vpos, { expected: '允许的形式之一', expected_en: 'one of the allowed forms', actual: typeName(at.value).zh, actual_en: typeName(at.value).en });
        break;
      }
      case 'too_small':
      case 'too_big': {
        if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
          const key = String(path[path.length - 1] ?? '');
          const range = `${issue.code === 'too_small' ? '≥ ' + String(issue.minimum) : '≤ ' + String(issue.maximum)}`;
          push(key === 'port' ? 'E-PORT-RANGE' : 'E-RANGE', vpos, { range });
        } else if (issue.code === 'too_small') push('E-TOO-SHORT', vpos, { minimum: String(issue.minimum) });
        else push('E-TOO-LONG', vpos, { maximum: String(issue.maximum) });
        break;
      }
      case 'invalid_format':
        push('E-FORMAT', vpos, { format: issue.format === 'regex' ? String((issue as { pattern?: unknown }).pattern ?? 'regex') : (issue.format ?? '') });
        break;
      case 'invalid_key':
        push('E-FORMAT', vpos, { format: 'key' });
        break;
      default:
        push('E-INVALID', vpos, { detail: issue.message });
    }
  }
  return out;
}

const KIND_PLACES: Record<Placement, { kinds: readonly string[]; zh: string; en: string }> = {
  inventory: { kinds: Object.keys(INVENTORY_SCHEMAS), zh: ' inventory/ 中', en: 'in inventory/' },
  request: { kinds: Object.keys(REQUEST_SCHEMAS), zh: '变更申请', en: 'for a change request' },
  any: { kinds: Object.keys(DOCUMENT_SCHEMAS), zh: '', en: '' },
};

/**
 * The schema of each kind compiled by zod (z.compile): a generated parser for valid documents, about
 * three times faster than zod's interpreter, which it calls for anything the generated code rejects,
 * so that issues are zod's own. Compiling takes 1-7 ms a kind, more than checking one small document:
 * a kind is compiled from its second document on, or at once for a catalogue of 100 entries or more
 * (3,000 systems: 100 ms cold compiled, 160 ms not), so that `govern validate FILE` on a small county
 * does not pay it and a county of 3,000 requests does. Issues are mapped against the plain
 * schema (schemaAt, known keys). tests/load/compiled-schema.test.ts compares both on mutated documents.
 */
const COMPILED = new Map<DocumentKind, z.ZodType>();
const USES = new Map<DocumentKind, number>();
export function compiledSchema(kind: DocumentKind): z.ZodType {
  let c = COMPILED.get(kind);
  if (!c) {
    c = z.compile(DOCUMENT_SCHEMAS[kind] as unknown as z.ZodType);
    COMPILED.set(kind, c);
  }
  return c;
}
function schemaFor(kind: DocumentKind, doc: Record<string, unknown>): z.ZodType {
  const uses = (USES.get(kind) ?? 0) + 1;
  USES.set(kind, uses);
  if (uses >= 2) return compiledSchema(kind);
  let entries = 0;
  for (const v of Object.values(doc)) if (Array.isArray(v)) entries += v.length;
  return entries >= 100 ? compiledSchema(kind) : (DOCUMENT_SCHEMAS[kind] as unknown as z.ZodType);
}

/** Checks apiVersion and kind, then the schema of the kind. */
export function checkDocument(file: string, parsed: ParsedYaml, placement: Placement): CheckedDocument {
  const v = parsed.value;
  // a getter: positions of a fast-parsed file are computed only when an error needs one
  const root = (): { line: number; column: number } => parsed.positions.get('') ?? { line: 1, column: 1 };
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { diagnostics: [diagnostic('E-NOT-MAPPING', file, root(), { actual: typeName(v).zh })] };
  }
  const obj = v as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  if (!('apiVersion' in obj)) diagnostics.push(diagnostic('E-REQUIRED', file, root(), { field: 'apiVersion', key: 'apiVersion', expected: API_VERSION }));
  else if (obj.apiVersion !== API_VERSION)
    diagnostics.push(diagnostic('E-API-VERSION', file, parsed.valuePositions.get('apiVersion'), { expected: API_VERSION, actual: show(obj.apiVersion) }));
  const place = KIND_PLACES[placement];
  const kind = obj.kind;
  if (kind === undefined) {
    diagnostics.push(diagnostic('E-REQUIRED', file, root(), { field: 'kind', key: 'kind', expected: place.kinds.join(' | ') }));
    return { diagnostics };
  }
  if (typeof kind !== 'string' || !place.kinds.includes(kind)) {
    const isOther = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(DOCUMENT_SCHEMAS, kind);
    diagnostics.push(
      diagnostic(isOther ? 'E-FILE-LOCATION' : 'E-KIND', file, parsed.valuePositions.get('kind'), {
        kind: String(kind),
        actual: show(kind),
        where: place.zh,
        where_en: place.en,
        allowed: place.kinds.join(', '),
        ...suggestionParams(typeof kind === 'string' ? closest(kind, place.kinds) : undefined),
      }),
    );
    return { diagnostics };
  }
  const k = kind as DocumentKind;
  const schema = DOCUMENT_SCHEMAS[k] as unknown as z.ZodType;
  const r = schemaFor(k, obj).safeParse(v);
  if (!r.success) {
    // apiVersion was reported above; do not report it twice
    const issues = (r.error.issues as unknown as Issue[]).filter((i) => !(i.path.length === 1 && i.path[0] === 'apiVersion'));
    diagnostics.push(...issuesToDiagnostics(file, schema, v, parsed, issues));
  }
  if (diagnostics.length > 0) return { kind: k, diagnostics };
  return { kind: k, doc: (r as { data: AnyDocument }).data, diagnostics };
}
