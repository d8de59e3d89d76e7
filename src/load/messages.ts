// The loader's message catalogue: for each stable error code, what is wrong and how to fix it, in
// Chinese (default) and English. Placeholders `{name}` are filled by diagnostic().
import { fmt, type Diagnostic, type Localized } from '../i18n/index.ts';
import type { SourcePos } from '../model/index.ts';

interface Entry {
  readonly message: Localized;
  readonly hint: Localized;
}

export const LOAD_MESSAGES = {
  'E-READ': {
    message: { zh: '无法读取文件：{detail}', en: 'cannot read the file: {detail}' },
    hint: { zh: '检查文件是否存在且可读', en: 'check that the file exists and is readable' },
  },
  'E-FILE-TOO-LARGE': {
    message: { zh: '文件大小 {size} 字节，超过上限 {limit} 字节', en: 'the file has {size} bytes, more than the limit of {limit} bytes' },
    hint: {
      zh: '一个申请文件只写一项变更；清单过大时按单位拆分为多个文件（见 docs/request-files.md）',
      en: 'write one change per request file; split a large inventory into several files (see docs/request-files.md)',
    },
  },
  'E-BINARY': {
    message: { zh: '文件含有 NUL 字节，不是文本文件', en: 'the file contains a NUL byte: it is not a text file' },
    hint: { zh: '只提交 UTF-8 编码的 YAML 文本文件', en: 'commit only UTF-8 YAML text files' },
  },
  'E-ENCODING': {
    message: { zh: '文件不是有效的 UTF-8 编码（第 {offset} 字节起无效）', en: 'the file is not valid UTF-8 (invalid from byte {offset})' },
    hint: { zh: '用 UTF-8 编码重新保存（不要使用 GBK/GB2312）', en: 'save the file again as UTF-8 (not GBK/GB2312)' },
  },
  'E-EMPTY': {
    message: { zh: '文件没有内容', en: 'the file has no content' },
    hint: { zh: '写入一个包含 apiVersion 和 kind 的 YAML 文档，或删除该文件', en: 'write one YAML document with apiVersion and kind, or delete the file' },
  },
  'E-MULTI-DOC': {
    message: { zh: '一个文件只能包含一个 YAML 文档，此处开始了第 {n} 个文档', en: 'a file holds one YAML document only; document {n} starts here' },
    hint: { zh: '删除多余的 --- 分隔符，或把各文档拆分到单独的文件', en: 'remove the extra --- separator or move each document into its own file' },
  },
  'E-YAML-SYNTAX': {
    message: { zh: 'YAML 语法错误：{detail}', en: 'YAML syntax error: {detail}' },
    hint: { zh: '检查该处的缩进（只用空格）、冒号后的空格和引号是否成对', en: 'check the indentation (spaces only), the space after each colon and matching quotes here' },
  },
  'E-YAML-DUPLICATE-KEY': {
    message: { zh: '字段 {key} 在同一映射中重复出现', en: 'the key {key} appears twice in the same mapping' },
    hint: { zh: '删除或合并重复的字段，每个字段只写一次', en: 'delete or merge the duplicate: write each key once' },
  },
  'E-YAML-KEY': {
    message: { zh: '字段名必须是普通字符串', en: 'a key must be a plain string' },
    hint: { zh: '把字段名写成普通文字，例如 purpose:', en: 'write the key as plain text, e.g. purpose:' },
  },
  'E-YAML-TAG': {
    message: { zh: '不允许使用 YAML 标签 {tag}', en: 'the YAML tag {tag} is not allowed' },
    hint: { zh: '删除标签，直接写值（日期、端口等由模式解释）', en: 'remove the tag and write the plain value (the schema interprets dates, ports...)' },
  },
  'E-ALIAS-LIMIT': {
    message: { zh: '别名（*{anchor}）展开次数过多，疑似资源耗尽攻击', en: 'aliases (*{anchor}) expand too often: this looks like a resource exhaustion attack' },
    hint: { zh: '不要使用锚点和别名（& 与 *），直接写出每个值', en: 'do not use anchors and aliases (& and *): write each value out' },
  },
  'E-NESTING': {
    message: { zh: '嵌套层数超过上限 {limit}', en: 'nesting is deeper than the limit of {limit}' },
    hint: { zh: '申请与清单的结构不超过十层；检查是否误加了缩进或括号', en: 'requests and inventory need fewer than ten levels; check for stray indentation or brackets' },
  },
  'E-NOT-MAPPING': {
    message: { zh: '文档顶层必须是映射（字段: 值），实际为 {actual}', en: 'the document must be a mapping (key: value), found {actual}' },
    hint: { zh: '以 apiVersion: 和 kind: 开头书写文档', en: 'start the document with apiVersion: and kind:' },
  },
  'E-API-VERSION': {
    message: { zh: 'apiVersion 应为 {expected}，实际为 {actual}', en: 'apiVersion must be {expected}, found {actual}' },
    hint: { zh: '写 apiVersion: {expected}', en: 'write apiVersion: {expected}' },
  },
  'E-KIND': {
    message: { zh: 'kind {actual} 不是{where}允许的文档类型', en: 'kind {actual} is not a document kind allowed {where_en}' },
    hint: { zh: '{suggestion}可用类型：{allowed}', en: '{suggestion_en}allowed kinds: {allowed}' },
  },
  'E-UNKNOWN-FIELD': {
    message: { zh: '未知字段 {field}', en: 'unknown field {field}' },
    hint: { zh: '{suggestion}此处可用的字段：{known}', en: '{suggestion_en}fields allowed here: {known}' },
  },
  'E-REQUIRED': {
    message: { zh: '缺少必填字段 {field}', en: 'the required field {field} is missing' },
    hint: { zh: '在此处添加 {key}:（{expected}）', en: 'add {key}: ({expected}) here' },
  },
  'E-TYPE': {
    message: { zh: '{field} 应为{expected}，实际为{actual}', en: '{field} must be {expected_en}, found {actual_en}' },
    hint: { zh: '改为{expected}', en: 'write {expected_en} instead' },
  },
  'E-ENUM': {
    message: { zh: '{field} 的值 {actual} 不在允许范围内', en: 'the value {actual} of {field} is not allowed' },
    hint: { zh: '{suggestion}可选值：{allowed}', en: '{suggestion_en}allowed values: {allowed}' },
  },
  'E-DATE': {
    message: { zh: '{field} 的值 {actual} 不是有效的日期', en: 'the value {actual} of {field} is not a valid date' },
    hint: { zh: '按 YYYY-MM-DD 写一个真实存在的日期，例如 2026-03-02', en: 'write a real calendar date as YYYY-MM-DD, e.g. 2026-03-02' },
  },
  'E-CIDR': {
    message: { zh: '{field} 的值 {actual} 不是有效的地址段（CIDR）', en: 'the value {actual} of {field} is not a valid prefix (CIDR)' },
    hint: { zh: '写成 地址/前缀长度，例如 10.72.3.0/24；单个地址写 10.72.3.15/32', en: 'write address/length, e.g. 10.72.3.0/24; a single host is 10.72.3.15/32' },
  },
  'E-CIDR-HOST-BITS': {
    message: { zh: '{field} 的地址段 {actual} 主机位不为 0', en: 'the prefix {actual} of {field} has host bits set' },
    hint: { zh: '改为网络地址 {network}，或用 /32 表示单个地址', en: 'write the network address {network}, or /32 for a single host' },
  },
  'E-ADDRESS': {
    message: { zh: '{field} 的值 {actual} 不是有效的 IP 地址', en: 'the value {actual} of {field} is not a valid IP address' },
    hint: { zh: '写一个 IPv4 或 IPv6 地址，例如 10.72.3.15（不带前缀长度）', en: 'write one IPv4 or IPv6 address, e.g. 10.72.3.15 (no prefix length)' },
  },
  'E-PORT-RANGE': {
    message: { zh: '{field} 的值 {actual} 不是有效的端口', en: 'the value {actual} of {field} is not a valid port' },
    hint: {
      zh: '写 1–65535 之间的端口号，或 "起始-结束" 范围（起始不大于结束），例如 443 或 "8000-8010"',
      en: 'write a port number 1–65535 or a range "from-to" (from not above to), e.g. 443 or "8000-8010"',
    },
  },
  'E-ID': {
    message: { zh: '{field} 的标识 {actual} 格式不正确', en: 'the identifier {actual} of {field} is malformed' },
    hint: { zh: '只用小写英文字母、数字和单个连字符，例如 health-appointment', en: 'use lowercase letters, digits and single hyphens, e.g. health-appointment' },
  },
  'E-REQUEST-ID': {
    message: { zh: '申请编号 {actual} 格式不正确', en: 'the request id {actual} is malformed' },
    hint: { zh: '写成 REQ-年份-序号，例如 REQ-2026-0012', en: 'write REQ-<year>-<serial>, e.g. REQ-2026-0012' },
  },
  'E-DATE-ORDER': {
    message: { zh: '{field} 的日期先后顺序不正确', en: 'the dates of {field} are in the wrong order' },
    hint: { zh: '开始日期不能晚于结束日期', en: 'the start date cannot be after the end date' },
  },
  'E-FORMAT': {
    message: { zh: '{field} 的值 {actual} 格式不正确（{format}）', en: 'the value {actual} of {field} has the wrong format ({format})' },
    hint: { zh: '按字段说明的格式书写（编辑器会根据 schemas/ 提示）', en: 'follow the format the field describes (editors show it from schemas/)' },
  },
  'E-TOO-SHORT': {
    message: { zh: '{field} 太短或为空（至少 {minimum}）', en: '{field} is too short or empty (at least {minimum})' },
    hint: { zh: '补充内容', en: 'fill it in' },
  },
  'E-TOO-LONG': {
    message: { zh: '{field} 太长（至多 {maximum}）', en: '{field} is too long (at most {maximum})' },
    hint: { zh: '精简内容', en: 'shorten it' },
  },
  'E-RANGE': {
    message: { zh: '{field} 的值 {actual} 超出范围（{range}）', en: 'the value {actual} of {field} is out of range ({range})' },
    hint: { zh: '改为范围内的整数', en: 'write an integer within the range' },
  },
  'E-INVALID': {
    message: { zh: '{field} 的值不符合要求：{detail}', en: 'the value of {field} is invalid: {detail}' },
    hint: { zh: '按字段说明修改', en: 'correct it as the field describes' },
  },
  'E-VSWITCH-VPC': {
    message: {
      zh: '{field} 的交换机 {id} 属于专有网络 {owner}，不属于本申请的 {vpc}',
      en: 'the vSwitch {id} of {field} belongs to the VPC {owner}, not to this request\'s {vpc}',
    },
    hint: { zh: '改用 {vpc} 中的交换机：{choices}', en: 'use a vSwitch of {vpc}: {choices}' },
  },
  'E-UNIT-FOLDER': {
    message: { zh: '申请单位 unit: {unit} 与所在目录 requests/{folder}/ 不一致', en: 'unit: {unit} differs from the folder requests/{folder}/' },
    hint: { zh: '把文件移到 requests/{unit}/，或把 unit 改为 {folder}', en: 'move the file to requests/{unit}/ or set unit to {folder}' },
  },
  'E-FILE-LOCATION': {
    message: { zh: '{kind} 文档不应放在此处', en: 'a {kind} document does not belong here' },
    hint: { zh: '清单放在 inventory/，申请放在 requests/<单位>/', en: 'inventory goes in inventory/, requests in requests/<unit>/' },
  },
  'E-DUPLICATE-ID': {
    message: { zh: '{what}标识 {id} 重复，已在 {first} 定义', en: 'the {what_en} id {id} is defined twice; first at {first}' },
    hint: { zh: '每个标识只能定义一次：改用新的标识或删除重复项', en: 'define each id once: choose a new id or delete the duplicate' },
  },
  'E-DUPLICATE-DOC': {
    message: { zh: '{kind} 只能有一个文档，已在 {first} 定义', en: 'there must be one {kind} document only; first at {first}' },
    hint: { zh: '把内容合并到一个文件', en: 'merge the contents into one file' },
  },
  'E-MISSING-DOC': {
    message: { zh: '清单缺少 {kind} 文档', en: 'the inventory has no {kind} document' },
    hint: { zh: '在 inventory/ 中添加 kind: {kind} 的文件', en: 'add a file with kind: {kind} to inventory/' },
  },
  'E-INVENTORY-INVALID': {
    message: { zh: '清单（inventory/）有错误，无法核对本文件的引用', en: 'the inventory (inventory/) has errors, so the references of this file cannot be checked' },
    hint: { zh: '先修正清单中的错误（govern validate inventory/）', en: 'fix the inventory first (govern validate inventory/)' },
  },
} as const satisfies Record<string, Entry>;

/** What a reference points to, for E-REF-<KIND> messages. */
export const REF_TARGETS = {
  UNIT: { zh: '单位', en: 'unit', where: { zh: 'inventory/units.yaml', en: 'inventory/units.yaml' } },
  PERSON: { zh: '人员', en: 'person', where: { zh: 'inventory/people.yaml', en: 'inventory/people.yaml' } },
  SYSTEM: { zh: '信息系统', en: 'system', where: { zh: 'inventory/systems.yaml', en: 'inventory/systems.yaml' } },
  ZONE: { zh: '网络区域', en: 'zone', where: { zh: 'inventory/zones.yaml', en: 'inventory/zones.yaml' } },
  ACCOUNT: { zh: '账号', en: 'account', where: { zh: 'inventory/accounts.yaml', en: 'inventory/accounts.yaml' } },
  IMAGE: { zh: '认可镜像', en: 'approved image', where: { zh: 'inventory/cloud.yaml 的 images', en: 'the images of inventory/cloud.yaml' } },
  SOFTWARE: { zh: '认可软件', en: 'approved software', where: { zh: 'inventory/cloud.yaml 的 software', en: 'the software of inventory/cloud.yaml' } },
  VPC: { zh: '专有网络', en: 'VPC', where: { zh: 'inventory/cloud.yaml 的 vpcs', en: 'the vpcs of inventory/cloud.yaml' } },
  VSWITCH: { zh: '交换机', en: 'vSwitch', where: { zh: 'inventory/cloud.yaml 中该专有网络的 vswitches', en: 'the vswitches of the VPC in inventory/cloud.yaml' } },
  DEVICE: { zh: '设备', en: 'device', where: { zh: 'inventory/devices.yaml', en: 'inventory/devices.yaml' } },
  TERMINAL: { zh: '终端组', en: 'terminal group', where: { zh: 'inventory/terminals.yaml', en: 'inventory/terminals.yaml' } },
  INSTANCE: { zh: '云服务器', en: 'instance', where: { zh: '本申请的 instances', en: 'the instances of this request' } },
  REQUEST: { zh: '变更申请', en: 'change request', where: { zh: 'requests/', en: 'requests/' } },
} as const;
export type RefTarget = keyof typeof REF_TARGETS;

export type LoadCode = keyof typeof LOAD_MESSAGES | `E-REF-${RefTarget}`;

export type Params = Record<string, string | number | undefined>;

/** Builds a positioned diagnostic from the catalogue. */
export function diagnostic(
  code: LoadCode,
  file: string,
  pos: SourcePos | undefined,
  params: Params = {},
  /** A more specific catalogue entry for the message, keeping the stable code. */
  template?: keyof typeof LOAD_MESSAGES,
): Diagnostic {
  const line = pos?.line ?? 0;
  const column = pos?.column ?? 0;
  if (code.startsWith('E-REF-') && !template) {
    const t = REF_TARGETS[code.slice('E-REF-'.length) as RefTarget];
    const p: Params = { suggestion: '', suggestion_en: '', ...params, what: t.zh, what_en: t.en, where: t.where.zh, where_en: t.where.en };
    return {
      code,
      severity: 'error',
      file,
      line,
      column,
      message: {
        zh: fmt('{field} 引用的{what} {id} 不存在', p),
        en: fmt('{field} refers to the {what_en} {id}, which does not exist', p),
      },
      hint: {
        zh: fmt('{suggestion}改为已有的标识，或先在 {where} 中添加', p),
        en: fmt('{suggestion_en}use an existing id, or add it to {where_en} first', p),
      },
    };
  }
  const e: Entry = LOAD_MESSAGES[template ?? (code as keyof typeof LOAD_MESSAGES)];
  const p: Params = { suggestion: '', suggestion_en: '', where_en: params.where_en ?? '', ...params };
  return {
    code,
    severity: 'error',
    file,
    line,
    column,
    message: { zh: fmt(e.message.zh, p), en: fmt(e.message.en, p) },
    hint: { zh: fmt(e.hint.zh, p), en: fmt(e.hint.en, p) },
  };
}

/** "是否应为 xxx？" / "did you mean xxx? " — empty when there is no close name. */
export function suggestionParams(best: string | undefined): Params {
  return best ? { suggestion: `是否应为 ${best}？`, suggestion_en: `did you mean ${best}? ` } : {};
}

/** Levenshtein distance, for "did you mean" suggestions on typos. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a distance that still reads as a typo (a third of the length, at least 2). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
