// The bad-input corpus: more than fifty broken files (syntax, types, unknown fields, CIDRs, ports,
// dates, references, alias bombs, deep nesting, a 20 MB file, binary junk, non-UTF-8), each with the
// error code it must get and, where the place is certain by construction, its line and column.
// Built at run time (the 20 MB file is never committed); used by corpus.test.ts and scripts/bench/load.ts.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface CorpusCase {
  readonly name: string;
  /** Path relative to the corpus repository root. */
  readonly file: string;
  readonly content: string | Uint8Array;
  readonly code: string;
  readonly line?: number;
  readonly column?: number;
}

/** A valid port-opening request of the sample county (county-hospital); line numbers matter below. */
const PORT = [
  '# corpus base: a valid request, mutated one way per case', //                           1
  'apiVersion: govern.shengsi.gov.cn/v1', //                                                 2
  'kind: PortOpeningRequest', //                                                             3
  'id: REQ-2026-9000', //                                                                    4
  'unit: county-hospital', //                                                                5
  'title: 预约挂号平台对互联网开放', //                                                      6
  'requester: tang-wenjie', //                                                               7
  'submitted: 2026-11-16', //                                                                8
  'securityOfficerSignoff: { officer: ye-jianhua, date: 2026-11-17 }', //                    9
  'dataClassification: sensitive', //                                                        10
  'emergencyMeasures: 发现异常访问时立即在出口防火墙封禁来源地址', //                          11
  'rollbackPlan: 回退本申请的合并提交，删除放行规则', //                                      12
  'ports:', //                                                                               13
  '  - port: 443', //                                                                        14
  '    protocol: tcp', //                                                                    15
  '    purpose: 群众通过互联网预约挂号、查询检查报告', //                                      16
  '    source: { zone: internet, cidrs: [0.0.0.0/0] }', //                                   17
  '    destination: { system: hospital-appointment, address: 10.80.1.20 }', //               18
  '    validFrom: 2026-12-01', //                                                            19
  '    validUntil: 2027-11-30', //                                                           20
];

const CLOUD = [
  '# corpus base: a valid cloud resource request', //                                        1
  'apiVersion: govern.shengsi.gov.cn/v1', //                                                 2
  'kind: CloudResourceRequest', //                                                           3
  'id: REQ-2026-9000', //                                                                    4
  'unit: county-hospital', //                                                                5
  'title: 预约挂号平台扩容', //                                                              6
  'requester: tang-wenjie', //                                                               7
  'submitted: 2026-11-16', //                                                                8
  'dataClassification: sensitive', //                                                        9
  'system: hospital-appointment', //                                                         10
  'scope: 仅用于预约挂号平台前端', //                                                        11
  'vpc: vpc-internet', //                                                                    12
  'instances:', //                                                                           13
  '  - name: appt-web-09', //                                                                14
  '    image: img-anolis-8-9', //                                                            15
  '    software: [{ id: nginx, version: 1.26.2 }]', //                                       16
  '    vcpu: 4', //                                                                          17
  '    memoryGiB: 16', //                                                                    18
  '    diskGiB: 100', //                                                                     19
  '    vswitch: vsw-internet-a', //                                                          20
  '    privateAddress: 10.80.1.29', //                                                       21
  'securityGroupRules:', //                                                                  22
  '  - port: 443', //                                                                        23
  '    protocol: tcp', //                                                                    24
  '    purpose: 接收统一出口转发的 HTTPS 访问', //                                            25
  '    source: { zone: internet, cidrs: [0.0.0.0/0] }', //                                   26
  '    instances: [appt-web-09]', //                                                         27
];

let serial = 100;
/** The base with its id made unique and some lines replaced (1-based line -> text; null deletes). */
function mutate(base: readonly string[], changes: Record<number, string | null> = {}, append: string[] = []): string {
  const id = `id: REQ-2026-9${String(serial++).padStart(3, '0')}`;
  const lines = base.map((l, i) => (i === 3 ? id : l));
  const out: string[] = [];
  lines.forEach((l, i) => {
    const c = changes[i + 1];
    if (c === null) return;
    out.push(c ?? l);
  });
  return [...out, ...append].join('\n') + '\n';
}

function deepFlow(n: number): string {
  return `x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
}

export function corpusCases(): CorpusCase[] {
  serial = 100;
  const cases: CorpusCase[] = [];
  const req = (name: string, content: string | Uint8Array, code: string, line?: number, column?: number, file?: string): void => {
    cases.push({ name, file: file ?? `requests/county-hospital/${name}.yaml`, content, code, line, column });
  };
  const port = (name: string, changes: Record<number, string | null>, code: string, line?: number, column?: number, append: string[] = []): void =>
    req(name, mutate(PORT, changes, append), code, line, column);
  const cloud = (name: string, changes: Record<number, string | null>, code: string, line?: number, column?: number): void =>
    req(name, mutate(CLOUD, changes), code, line, column);

  // ---- malformed YAML
  port('syntax-unclosed-quote', { 6: 'title: "预约挂号' }, 'E-YAML-SYNTAX');
  port('syntax-tab-indent', { 15: '\tprotocol: tcp' }, 'E-YAML-SYNTAX', 15, 1);
  port('syntax-unclosed-flow', { 17: '    source: { zone: internet, cidrs: [0.0.0.0/0 }' }, 'E-YAML-SYNTAX');
  port('syntax-compact-mapping', { 6: 'title: a: b' }, 'E-YAML-SYNTAX', 6, 8);
  port('syntax-bad-indent', { 16: '      purpose: 缩进错误' }, 'E-YAML-SYNTAX');
  port('duplicate-key', { 7: 'requester: tang-wenjie\nrequester: ye-jianhua' }, 'E-YAML-DUPLICATE-KEY', 8, 1);
  port('duplicate-nested-key', { 15: '    protocol: tcp\n    protocol: udp' }, 'E-YAML-DUPLICATE-KEY', 16, 5);
  req('multi-document', mutate(PORT) + '---\napiVersion: govern.shengsi.gov.cn/v1\n', 'E-MULTI-DOC', 21, 1);
  req('empty-file', '', 'E-EMPTY', 1, 1);
  req('only-comments', '# nothing here\n# still nothing\n', 'E-EMPTY', 1, 1);
  req('top-level-list', '- apiVersion: govern.shengsi.gov.cn/v1\n- kind: PortOpeningRequest\n', 'E-NOT-MAPPING', 1, 1);
  req('top-level-scalar', 'just a sentence\n', 'E-NOT-MAPPING', 1, 1);
  port('tagged-binary', { 6: 'title: !!binary 5Lit5paH' }, 'E-YAML-TAG', 6, 8);
  port('custom-tag', { 6: 'title: !shell rm -rf /' }, 'E-YAML-SYNTAX', 6, 8);
  port('complex-key', {}, 'E-YAML-KEY', 21, 3, ['? [a, b]', ': c']);
  // ---- document identity
  port('missing-api-version', { 2: null }, 'E-REQUIRED', 2, 1);
  port('wrong-api-version', { 2: 'apiVersion: v1' }, 'E-API-VERSION', 2, 13);
  port('missing-kind', { 3: null }, 'E-REQUIRED', 2, 1);
  port('unknown-kind', { 3: 'kind: PortOpenRequest' }, 'E-KIND', 3, 7);
  req('inventory-kind-in-requests', 'apiVersion: govern.shengsi.gov.cn/v1\nkind: UnitCatalog\nunits: []\n', 'E-FILE-LOCATION', 2, 7);
  req('request-outside-unit-folder', mutate(PORT), 'E-FILE-LOCATION', 1, 1, 'requests/stray.yaml');
  // ---- fields
  port('unknown-top-field', {}, 'E-UNKNOWN-FIELD', 21, 1, ['approvedBy: chen-xiaofeng']);
  port('typo-nested-field', { 16: '    purpos: 群众通过互联网预约挂号' }, 'E-UNKNOWN-FIELD', 16, 5);
  port('merge-key', {}, 'E-UNKNOWN-FIELD', 21, 1, ['<<: { title: x }']);
  port('proto-key', {}, 'E-UNKNOWN-FIELD', 21, 1, ['__proto__: { polluted: true }']);
  port('missing-title', { 6: null }, 'E-REQUIRED', 2, 1);
  port('missing-destination', { 18: null }, 'E-REQUIRED', 14, 5);
  port('title-number', { 6: 'title: 12345' }, 'E-TYPE', 6, 8);
  port('title-null', { 6: 'title:' }, 'E-TYPE');
  port('ports-mapping', { 14: '  port: 443', 15: null, 16: null, 17: null, 18: null, 19: null, 20: null }, 'E-TYPE', 14, 3);
  port('ports-empty', { 13: 'ports: []', 14: null, 15: null, 16: null, 17: null, 18: null, 19: null, 20: null }, 'E-TOO-SHORT', 13, 8);
  port('permanent-yes', {}, 'E-TYPE', 21, 16, ['    permanent: yes']);
  port('title-too-long', { 6: `title: ${'长'.repeat(200)}` }, 'E-TOO-LONG', 6, 8);
  port('title-blank', { 6: 'title: "   "' }, 'E-TOO-SHORT', 6, 8);
  port('protocol-typo', { 15: '    protocol: tcpp' }, 'E-ENUM', 15, 15);
  port('classification-unknown', { 10: 'dataClassification: secret' }, 'E-ENUM', 10, 21);
  port('request-id-malformed', { 4: 'id: REQ-26-1' }, 'E-REQUEST-ID', 4, 5);
  port('unit-uppercase', { 5: 'unit: County-Hospital' }, 'E-ID', 5, 7);
  // ---- ports
  port('port-zero', { 14: '  - port: 0' }, 'E-PORT-RANGE', 14, 11);
  port('port-too-big', { 14: '  - port: 70000' }, 'E-PORT-RANGE', 14, 11);
  port('port-text', { 14: '  - port: https' }, 'E-PORT-RANGE', 14, 11);
  port('port-range-reversed', { 14: '  - port: "9000-8000"' }, 'E-PORT-RANGE', 14, 11);
  port('port-fraction', { 14: '  - port: 443.5' }, 'E-PORT-RANGE', 14, 11);
  port('port-negative', { 14: '  - port: -1' }, 'E-PORT-RANGE', 14, 11);
  // ---- dates
  port('date-month-13', { 8: 'submitted: 2026-13-01' }, 'E-DATE', 8, 12);
  port('date-feb-30', { 8: 'submitted: 2026-02-30' }, 'E-DATE', 8, 12);
  port('date-short', { 8: 'submitted: 26-1-1' }, 'E-DATE', 8, 12);
  port('date-with-time', { 8: 'submitted: 2026-11-16T10:00:00Z' }, 'E-DATE', 8, 12);
  port('date-word', { 20: '    validUntil: tomorrow' }, 'E-DATE', 20, 17);
  // ---- addresses
  port('cidr-host-bits', { 17: '    source: { zone: internet, cidrs: [10.72.3.1/24] }' }, 'E-CIDR-HOST-BITS', 17, 39);
  port('cidr-length-33', { 17: '    source: { zone: internet, cidrs: [10.72.3.0/33] }' }, 'E-CIDR', 17, 39);
  port('cidr-octet-999', { 17: '    source: { zone: internet, cidrs: [999.1.1.0/24] }' }, 'E-CIDR', 17, 39);
  port('cidr-word', { 17: '    source: { zone: internet, cidrs: [everyone] }' }, 'E-CIDR', 17, 39);
  port('address-short', { 18: '    destination: { system: hospital-appointment, address: 10.80.1 }' }, 'E-ADDRESS', 18, 59);
  port('address-with-prefix', { 18: '    destination: { system: hospital-appointment, address: 10.80.1.20/32 }' }, 'E-ADDRESS', 18, 59);
  // ---- references and placement
  port('unit-folder-mismatch', { 5: 'unit: health-bureau' }, 'E-UNIT-FOLDER', 5, 7);
  port('unknown-requester', { 7: 'requester: tang-wenjei' }, 'E-REF-PERSON', 7, 12);
  port('unknown-officer', { 9: 'securityOfficerSignoff: { officer: nobody, date: 2026-11-17 }' }, 'E-REF-PERSON', 9, 36);
  port('unknown-system', { 18: '    destination: { system: hospital-apointment, address: 10.80.1.20 }' }, 'E-REF-SYSTEM', 18, 28);
  port('unknown-zone', { 17: '    source: { zone: internett, cidrs: [0.0.0.0/0] }' }, 'E-REF-ZONE', 17, 21);
  // sorts after req-2026-0101.yaml: the second definition is the one reported
  port('same-id-as-sample', { 4: 'id: REQ-2026-0101' }, 'E-DUPLICATE-ID', 4, 5);
  cloud('unknown-image', { 15: '    image: img-windows-2008' }, 'E-REF-IMAGE', 15, 12);
  cloud('unknown-software', { 16: '    software: [{ id: phpstudy, version: 8.1.1 }]' }, 'E-REF-SOFTWARE', 16, 22);
  cloud('unknown-vpc', { 12: 'vpc: vpc-public' }, 'E-REF-VPC', 12, 6);
  cloud('vswitch-of-other-vpc', { 20: '    vswitch: vsw-extranet-a' }, 'E-REF-VSWITCH', 20, 14);
  cloud('unknown-instance', { 27: '    instances: [appt-web-99]' }, 'E-REF-INSTANCE', 27, 17);
  cloud('disk-too-small', { 19: '    diskGiB: 5' }, 'E-RANGE', 19, 14);
  // ---- hostile
  const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  req('alias-bomb', bomb.join('\n') + '\n', 'E-ALIAS-LIMIT');
  req('nesting-flow-10000', deepFlow(10000), 'E-NESTING', 1);
  // 10,000 block levels need 50 MB of indentation (refused by size); 1,000 levels fit in 500 KB
  req('nesting-block-1000', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' end\n', 'E-NESTING');
  req('nesting-dashes-10000', '- '.repeat(10000) + 'x\n', 'E-NESTING', 1);
  req('nesting-flow-maps-10000', `x: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}\n`, 'E-NESTING', 1);
  req('huge-20mb', new Uint8Array(20 * 1024 * 1024).fill(0x23), 'E-FILE-TOO-LARGE', 1, 1);
  const junk = new Uint8Array(4096);
  let seed = 7;
  for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  junk[10] = 0;
  req('binary-junk', junk, 'E-BINARY');
  // 嵊泗县 in GBK (e1 d3 e3 f4 cf d8): e1 must be followed by two continuation bytes in UTF-8
  const gbk = Uint8Array.from([...Buffer.from('apiVersion: govern.shengsi.gov.cn/v1\ntitle: '), 0xe1, 0xd3, 0xe3, 0xf4, 0xcf, 0xd8, 0x0a]);
  req('non-utf8-gbk', gbk, 'E-ENCODING', 2, 8);
  const overlong = Uint8Array.from([...Buffer.from('title: '), 0xc0, 0xaf, 0x0a]);
  req('non-utf8-overlong', overlong, 'E-ENCODING', 1, 8);
  const surrogate = Uint8Array.from([...Buffer.from('title: x'), 0xed, 0xa0, 0x80, 0x0a]);
  req('non-utf8-surrogate', surrogate, 'E-ENCODING', 1, 9);
  return cases;
}

/**
 * Writes a corpus repository under `dir`: the sample county's inventory (so references resolve),
 * one sample request (so a duplicate id has something to collide with) and every case.
 */
export async function writeCorpus(repoRoot: string, dir: string): Promise<CorpusCase[]> {
  await cp(join(repoRoot, 'inventory'), join(dir, 'inventory'), { recursive: true });
  await mkdir(join(dir, 'requests/county-hospital'), { recursive: true });
  await cp(join(repoRoot, 'requests/county-hospital/req-2026-0101.yaml'), join(dir, 'requests/county-hospital/req-2026-0101.yaml'));
  const cases = corpusCases();
  for (const c of cases) {
    await mkdir(dirname(join(dir, c.file)), { recursive: true });
    await writeFile(join(dir, c.file), c.content);
  }
  return cases;
}
