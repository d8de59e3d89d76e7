// Rego built-ins: uuid.parse (the formats and fields of github.com/google/uuid as OPA reports them)
// and uuid.rfc4122 (a random version 4 UUID, the same for the same key within one query).
import { randomUUID } from 'node:crypto';
import { RObject, num, type Value } from '../value.ts';
import { def, strArg } from './args.ts';
import type { BuiltinDef } from './types.ts';

// 100-nanosecond intervals between 1582-10-15 and 1970-01-01
const GREGORIAN_OFFSET = 122192928000000000n;

function uuidBytes(s: string): number[] | undefined {
  let body: string;
  switch (s.length) {
    case 36:
      body = s;
      break;
    case 38:
      // google/uuid strips one character each side without checking they are braces
      body = s.slice(1, 37);
      break;
    case 45:
      if (s.slice(0, 9).toLowerCase() !== 'urn:uuid:') return undefined;
      body = s.slice(9);
      break;
    case 32:
      return /^[0-9a-fA-F]{32}$/.test(s) ? [...Buffer.from(s, 'hex')] : undefined;
    default:
      return undefined;
  }
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(body)) return undefined;
  return [...Buffer.from(body.replace(/-/g, ''), 'hex')];
}

function variant(b8: number): string {
  if ((b8 & 0xc0) === 0x80) return 'RFC4122';
  if ((b8 & 0xe0) === 0xc0) return 'Microsoft';
  if ((b8 & 0xe0) === 0xe0) return 'Future';
  return 'Reserved';
}

function parseUUID(s: string): Value | undefined {
  const b = uuidBytes(s);
  if (!b) return undefined;
  const version = b[6]! >> 4;
  const out = new RObject([
    ['version', version],
    ['variant', variant(b[8]!)],
  ]);
  if (version === 1 || version === 2) {
    const hex = (from: number, to: number): bigint => BigInt('0x' + Buffer.from(b.slice(from, to)).toString('hex'));
    const t = ((hex(6, 8) & 0x0fffn) << 48n) | (hex(4, 6) << 32n) | hex(0, 4);
    out.set('time', num((t - GREGORIAN_OFFSET) * 100n));
    out.set('clocksequence', ((b[8]! & 0x3f) << 8) | b[9]!);
    out.set('nodeid', b.slice(10).map((x) => x.toString(16).padStart(2, '0')).join('-'));
    const n0 = b[10]!;
    out.set('macvariables', `${n0 & 2 ? 'local' : 'global'}:${n0 & 1 ? 'multicast' : 'unicast'}`);
    if (version === 2) {
      const domains = ['Person', 'Group', 'Org'];
      out.set('domain', domains[b[9]!] ?? `Domain${b[9]!}`);
      out.set('id', num(hex(0, 4)));
    }
  }
  return out;
}

export const builtins: readonly BuiltinDef[] = [
  def('uuid.parse', 1, (args) => parseUUID(strArg('uuid.parse', args, 0))),
  def(
    'uuid.rfc4122',
    1,
    (args, ctx) => {
      const k = 'uuid.rfc4122\u0000' + strArg('uuid.rfc4122', args, 0);
      const hit = ctx.cache.get(k);
      if (typeof hit === 'string') return hit;
      const u = randomUUID();
      ctx.cache.set(k, u);
      return u;
    },
    true,
  ),
];
