// Building blocks shared by every document: the API version, identifiers, dates, addresses, ports.
// Each carries a Chinese title and description (shown by editors through the generated JSON Schemas)
// and a stable error code in its message, which src/load turns into a positioned, bilingual error.
import { z } from 'zod';
import { ipv4Number, isIPv4PrefixFast, parseAddress, parsePrefix } from './net.ts';

export const API_VERSION = 'govern.shengsi.gov.cn/v1';

/** Error codes the schemas raise through custom checks; src/load maps each to a bilingual message. */
export const SCHEMA_CODES = {
  date: 'E-DATE',
  cidr: 'E-CIDR',
  cidrHostBits: 'E-CIDR-HOST-BITS',
  address: 'E-ADDRESS',
  portRange: 'E-PORT-RANGE',
  id: 'E-ID',
  requestId: 'E-REQUEST-ID',
  dateOrder: 'E-DATE-ORDER',
} as const;

export const apiVersion = z.literal(API_VERSION).meta({
  title: '模式版本',
  description: `文档所用的模式版本，目前为 ${API_VERSION}`,
});

/** kebab-case ids: lowercase ASCII letters, digits and single hyphens. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: SCHEMA_CODES.id })
  .max(64)
  .meta({ title: '标识', description: '小写英文字母、数字和连字符，例如 health-appointment' });

/** Request ids: REQ-<year>-<serial>. */
export const RequestId = z
  .string()
  .regex(/^REQ-\d{4}-\d{4,6}$/, { message: SCHEMA_CODES.requestId })
  .meta({ title: '申请编号', description: '格式 REQ-年份-序号，例如 REQ-2026-0012' });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * YYYY-MM-DD naming a day of the Gregorian calendar, read digit by digit: it runs on every date of a
 * county. Years before 100 are refused, as Date.UTC (which maps them to 19xx) refused them before.
 */
export function isRealDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  let m = 0;
  let d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) m = m * 10 + c;
    else d = d * 10 + c;
  }
  if (y < 100 || m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

/** Calendar dates as YAML writes them plainly: 2026-03-02 (YAML 1.2 core schema keeps them strings). */
export const DateStr = z
  .string()
  .refine(isRealDate, { message: SCHEMA_CODES.date })
  .meta({ title: '日期', description: '公历日期，格式 YYYY-MM-DD，例如 2026-03-02', format: 'date' });

export const Cidr = z
  .string()
  .superRefine((s, ctx) => {
    if (isIPv4PrefixFast(s)) return;
    const r = parsePrefix(s);
    if (r.ok) return;
    ctx.addIssue({
      code: 'custom',
      message: r.error === 'host-bits' ? SCHEMA_CODES.cidrHostBits : SCHEMA_CODES.cidr,
      params: r.network ? { network: r.network } : {},
    });
  })
  .meta({ title: '地址段', description: 'IPv4 或 IPv6 地址段（CIDR），主机位须为 0，例如 10.72.3.0/24；单个地址写 10.72.3.15/32' });

export const Address = z
  .string()
  .refine((s) => ipv4Number(s) >= 0 || parseAddress(s) !== undefined, { message: SCHEMA_CODES.address })
  .meta({ title: 'IP 地址', description: '单个 IPv4 或 IPv6 地址，例如 10.72.3.15' });

export const Text = z.string().trim().min(1).max(2000);

/**
 * A port: a number 1–65535, a range "8000-8010", or "any". "any" and wide ranges are expressible so
 * that the policies (art. 14, SS-14-002), not the schema, deny them with the article cited.
 */
export const PortSpec = z
  .union([
    z.number().int().min(1).max(65535),
    z.literal('any'),
    z.string().superRefine((s, ctx) => {
      const m = /^(\d{1,5})-(\d{1,5})$/.exec(s);
      const from = m ? Number(m[1]) : NaN;
      const to = m ? Number(m[2]) : NaN;
      if (!m || from < 1 || to > 65535 || from > to) ctx.addIssue({ code: 'custom', message: SCHEMA_CODES.portRange });
    }),
  ])
  .meta({ title: '端口', description: '端口号（1–65535）、端口范围（如 "8000-8010"）或 any（将被策略拒绝）' });

export const Protocol = z.enum(['tcp', 'udp', 'icmp', 'any']).meta({
  title: '协议',
  description: 'tcp、udp、icmp；any 表示任意协议（将被策略拒绝，第十四条）',
});

/** Data classification (art. 6): secrets must never be on the extranet. */
export const DataClassification = z.enum(['public', 'internal', 'sensitive', 'work-secret', 'state-secret']).meta({
  title: '数据分级',
  description: 'public 公开、internal 内部、sensitive 敏感、work-secret 工作秘密、state-secret 国家秘密（后两者不得上政务外网，第六条）',
});

export const Reference = z.strictObject({
  reference: Text.max(200).meta({ title: '文号或编号' }),
  date: DateStr,
});

export type PortSpecT = z.infer<typeof PortSpec>;

/** Normalises a port spec to an inclusive range; "any" is 1–65535. */
export function portRange(p: PortSpecT): { from: number; to: number; any: boolean } {
  if (p === 'any') return { from: 1, to: 65535, any: true };
  if (typeof p === 'number') return { from: p, to: p, any: false };
  const [a, b] = p.split('-').map(Number);
  return { from: a!, to: b!, any: false };
}
