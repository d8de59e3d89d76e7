// Runs OPA's YAML conformance cases with the semantics of OPA's own runner (TestRego in
// v1/topdown/exported_test.go): result sets compared unordered, want_error_code exact,
// want_error as a substring, strict built-in errors on request. Numbers in the YAML keep their
// source text (the yaml package would round big integers and long decimals to doubles).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node as YNode } from 'yaml';
import { RegoError } from './errors.ts';
import { compile, type Bindings } from './index.ts';
import { constValue, parseTerm } from './parser.ts';
import { compare, key, numberFromText, parseJSON, RObject, RSet, toJSON, type Value } from './value.ts';

export interface ConformanceCase {
  id: string;
  folder: string;
  file: string;
  note: string;
  raw: Record<string, unknown>;
  modules: string[];
  query: string;
  data?: Value;
  input?: Value;
  inputTerm?: string;
  wantResult?: Value[];
  wantErrorCode?: string;
  wantError?: string;
  sortBindings: boolean;
  strict: boolean;
  experimental: boolean;
  ignoreGenerated: boolean;
}

export interface CaseResult {
  id: string;
  folder: string;
  file: string;
  note: string;
  status: 'passed' | 'failed' | 'skipped';
  reason?: string;
}

export interface ConformanceReport {
  passed: number;
  failed: number;
  skipped: number;
  folders: Record<string, { passed: number; failed: number; skipped: number }>;
  results: CaseResult[];
}

/** Converts a YAML node to a Rego value, building numbers from their source text. */
function yamlValue(n: YNode | null | undefined): Value {
  if (n === null || n === undefined) return null;
  if (isScalar(n)) {
    const v = n.value;
    if (typeof v === 'number' || typeof v === 'bigint') {
      const src = (n as { source?: string }).source;
      if (typeof src === 'string' && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(src)) return numberFromText(src.replace(/^\+/, ''));
      return typeof v === 'bigint' ? numberFromText(v.toString()) : v;
    }
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    return String(v);
  }
  if (isSeq(n)) return n.items.map((x) => yamlValue(x as YNode));
  if (isMap(n)) {
    const o = new RObject();
    for (const p of n.items) {
      const k = yamlValue(p.key as YNode);
      o.set(typeof k === 'string' ? k : String(k === null ? 'null' : (k as number)), yamlValue(p.value as YNode));
    }
    return o;
  }
  return null;
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listYaml(p));
    else if (name.endsWith('.yaml') || name.endsWith('.yml')) out.push(p);
  }
  return out;
}

export function loadCases(dir: string): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const path of listYaml(dir)) {
    const rel = relative(dir, path).split('\\').join('/');
    const folder = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '.';
    const doc = parseDocument(readFileSync(path, 'utf8'), { intAsBigInt: true });
    const plain = doc.toJS() as { cases?: Record<string, unknown>[] };
    const casesNode = doc.get('cases', true);
    if (!isSeq(casesNode)) continue;
    casesNode.items.forEach((cn, idx) => {
      const raw = plain.cases?.[idx] ?? {};
      const node = cn as YNode;
      const get = (k: string): YNode | undefined => (isMap(node) ? (node.get(k, true) as YNode | undefined) : undefined);
      const note = String(raw.note ?? '');
      const wr = get('want_result');
      cases.push({
        id: `${note} @ ${rel}`,
        folder,
        file: rel,
        note,
        raw,
        modules: (raw.modules as string[] | undefined) ?? [],
        query: String(raw.query ?? ''),
        data: raw.data === undefined ? undefined : yamlValue(get('data')),
        input: raw.input === undefined ? undefined : yamlValue(get('input')),
        inputTerm: raw.input_term === undefined ? undefined : String(raw.input_term),
        wantResult: wr === undefined || raw.want_result === undefined ? undefined : (yamlValue(wr) as Value[]),
        wantErrorCode: raw.want_error_code as string | undefined,
        wantError: raw.want_error as string | undefined,
        sortBindings: raw.sort_bindings === true,
        strict: raw.strict_error === true,
        experimental: raw.experimental_keywords === true,
        ignoreGenerated: raw.ignore_generated_vars === true,
      });
    });
  }
  return cases;
}

const NETWORK = /\b(http\.send|net\.lookup_ip_addr)\s*\(/;

function bindingsValue(b: Bindings, c: ConformanceCase): Value {
  const o = new RObject();
  for (const [k, v0] of b) {
    if (c.ignoreGenerated && (k.startsWith('$') || k.startsWith('__'))) continue;
    // OPA's runner compares JSON: sets become arrays, non-string keys become strings
    const v = parseJSON(toJSON(v0));
    o.set(k, c.sortBindings && Array.isArray(v) ? [...v].sort(compare) : v);
  }
  return o;
}

function wantValue(w: Value, c: ConformanceCase): Value {
  if (!(w instanceof RObject)) return w;
  const o = new RObject();
  for (const [k, v] of w) o.set(k, c.sortBindings && Array.isArray(v) ? [...v].sort(compare) : v);
  return o;
}

export function runCase(c: ConformanceCase): CaseResult {
  const base = { id: c.id, folder: c.folder, file: c.file, note: c.note };
  // a case that calls the network is skipped; one that replaces the call with `with` runs
  const mocked = (t: string): boolean => /with\s+(http\.send|net\.lookup_ip_addr)\s+as/.test(t);
  if ((c.modules.some((m) => NETWORK.test(m)) || NETWORK.test(c.query)) && !c.modules.some(mocked) && !mocked(c.query)) return { ...base, status: 'skipped', reason: 'needs the network' };
  const fail = (reason: string): CaseResult => ({ ...base, status: 'failed', reason });
  let results: Bindings[];
  try {
    const compiled = compile(
      c.modules.map((text, i) => ({ name: `test-${i}.rego`, text })),
      { data: c.data, strictBuiltinErrors: c.strict },
    );
    let input = c.input;
    if (c.inputTerm !== undefined) {
      const t = parseTerm(c.inputTerm, 'input_term');
      const v = constValue(t);
      if (v === undefined) {
        const r = compiled.query(`__input__ = ${c.inputTerm}`);
        input = r[0]?.get('__input__');
      } else input = v;
    }
    results = compiled.query(c.query, { input, strict: c.strict, timeNs: BigInt(Date.now()) * 1000000n });
  } catch (e) {
    if (!(e instanceof RegoError)) return fail(`internal error: ${(e as Error).stack?.split('\n').slice(0, 3).join(' | ')}`);
    if (c.wantErrorCode === undefined && c.wantError === undefined) return fail(`unexpected error: ${e.message}`);
    if (c.wantErrorCode !== undefined && !e.errors.some((x) => x.code === c.wantErrorCode)) return fail(`want error code ${c.wantErrorCode}, got ${e.code}: ${e.rawMessage}`);
    if (c.wantError !== undefined && !e.errors.some((x) => x.message.includes(c.wantError!)) && !e.message.includes(c.wantError)) return fail(`want error containing "${c.wantError}", got "${e.rawMessage}"`);
    return { ...base, status: 'passed' };
  }
  if (c.wantErrorCode !== undefined || c.wantError !== undefined) return fail(`want error ${c.wantErrorCode ?? ''} ${c.wantError ?? ''}, got ${results.length} result(s)`);
  if (c.wantResult === undefined) return { ...base, status: 'passed' };
  const got = new Map<string, Value>();
  for (const b of results) {
    const v = bindingsValue(b, c);
    got.set(key(v), v);
  }
  const want = new Map<string, Value>();
  for (const w of c.wantResult) {
    const v = wantValue(w, c);
    want.set(key(v), v);
  }
  const same = got.size === want.size && [...want.keys()].every((k) => got.has(k));
  if (!same) return fail(`want ${show([...want.values()])}, got ${show([...got.values()])}`);
  return { ...base, status: 'passed' };
}

function show(vs: Value[]): string {
  const s = JSON.stringify(vs.map((v) => toPlain(v)));
  return s.length > 300 ? s.slice(0, 300) + '…' : s;
}

function toPlain(v: Value): unknown {
  if (v instanceof RSet) return { $set: v.sorted().map(toPlain) };
  if (v instanceof RObject) return Object.fromEntries(v.sorted().map(([k, x]) => [typeof k === 'string' ? k : JSON.stringify(toPlain(k)), toPlain(x)]));
  if (Array.isArray(v)) return v.map(toPlain);
  if (typeof v === 'object' && v !== null) return v.text;
  return v;
}

export function runConformance(dir: string, filter?: (c: ConformanceCase) => boolean): ConformanceReport {
  const report: ConformanceReport = { passed: 0, failed: 0, skipped: 0, folders: {}, results: [] };
  for (const c of loadCases(dir)) {
    if (filter && !filter(c)) continue;
    const r = runCase(c);
    report.results.push(r);
    report[r.status]++;
    const f = (report.folders[c.folder] ??= { passed: 0, failed: 0, skipped: 0 });
    f[r.status]++;
  }
  return report;
}
