// Rego built-ins: base64, base64url, hex and urlquery encodings, with Go's decoders' exact rules and
// error messages (encoding/base64 CorruptInputError, encoding/hex, net/url).
import { RObject, RSet, type Value } from '../value.ts';
import { arg, builtinErr, def, objArg, strArg, typeErr } from './args.ts';
import type { BuiltinDef } from './types.ts';

const STD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Bytes as a Go string seen from JavaScript: valid UTF-8 decodes normally and each byte of an
 * invalid sequence becomes U+FFFD, as Go's range loop and utf8.RuneCount see it.
 */
export function goString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let need = 0;
    let cp = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) [need, cp, min] = [1, b & 0x1f, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, cp, min] = [2, b & 0x0f, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, cp, min] = [3, b & 0x07, 0x10000];
    let ok = need > 0 && i + need < bytes.length + 1;
    if (ok) {
      for (let k = 1; k <= need; k++) {
        const c = bytes[i + k];
        if (c === undefined || (c & 0xc0) !== 0x80) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3f);
      }
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      out += String.fromCodePoint(cp);
      i += need + 1;
    } else {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}

class CorruptInput extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

/** Go's base64 Encoding.DecodeString (non-strict), padded or raw. */
function base64Decode(s: string, alphabet: string, padded: boolean): Uint8Array {
  const src = Buffer.from(s, 'utf8');
  const map = new Map<number, number>();
  for (let k = 0; k < alphabet.length; k++) map.set(alphabet.charCodeAt(k), k);
  const out: number[] = [];
  let si = 0;
  const isNL = (c: number | undefined): boolean => c === 0x0a || c === 0x0d;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    for (j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Uint8Array.from(out);
        if (j === 1 || padded) throw new CorruptInput(si - j);
        dlen = j;
        break;
      }
      const c = src[si]!;
      si++;
      const d = map.get(c);
      if (d !== undefined) {
        dbuf[j] = d;
        continue;
      }
      if (isNL(c)) {
        j--;
        continue;
      }
      if (!padded || c !== 0x3d) throw new CorruptInput(si - 1);
      // padding: only after two or three symbols
      if (j === 0 || j === 1) throw new CorruptInput(si - 1);
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) throw new CorruptInput(src.length);
        if (src[si] !== 0x3d) throw new CorruptInput(si - 1);
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) throw new CorruptInput(si);
      dlen = j;
      break;
    }
    const val = (dbuf[0]! << 18) | (dbuf[1]! << 12) | (dbuf[2]! << 6) | dbuf[3]!;
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    out.push(...bytes.slice(0, dlen - 1));
    if (dlen < 4) return Uint8Array.from(out);
  }
  return Uint8Array.from(out);
}

function b64(fn: string, s: string, alphabet: string, padded: boolean): string {
  try {
    return goString(base64Decode(s, alphabet, padded));
  } catch (e) {
    if (e instanceof CorruptInput) throw builtinErr(fn, e.message);
    throw e;
  }
}

function hexDecode(s: string): string {
  const bytes: number[] = [];
  const val = (c: string): number => {
    const v = parseInt(c, 16);
    if (!/^[0-9a-fA-F]$/.test(c)) {
      const cp = c.codePointAt(0)!;
      throw builtinErr('hex.decode', `encoding/hex: invalid byte: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
    }
    return v;
  };
  const chars = Array.from(s);
  let i = 0;
  for (; i + 1 < chars.length; i += 2) bytes.push(val(chars[i]!) * 16 + val(chars[i + 1]!));
  if (i < chars.length) {
    val(chars[i]!);
    throw builtinErr('hex.decode', 'encoding/hex: odd length hex string');
  }
  return goString(Uint8Array.from(bytes));
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Go's url.QueryUnescape. */
export function queryUnescape(fn: string, s: string): string {
  const src = Buffer.from(s, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 0x25) {
      const h = src.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        const bad = src.subarray(i, Math.min(i + 3, src.length)).toString('utf8');
        throw builtinErr(fn, `invalid URL escape ${JSON.stringify(bad)}`);
      }
      out.push(parseInt(h, 16));
      i += 2;
    } else if (b === 0x2b) out.push(0x20);
    else out.push(b);
  }
  return goString(Uint8Array.from(out));
}

function encodeObject(args: Value[]): string {
  const fn = 'urlquery.encode_object';
  const obj = objArg(fn, args, 0);
  const parts: string[] = [];
  for (const [k, v] of obj.sorted()) {
    if (typeof k !== 'string') throw typeErr(fn, 1, k, 'string');
    let vals: Value[];
    if (typeof v === 'string') vals = [v];
    else if (Array.isArray(v)) vals = v;
    else if (v instanceof RSet) vals = v.sorted();
    else throw typeErr(fn, 1, v, 'string', 'array', 'set');
    for (const x of vals) {
      if (typeof x !== 'string') throw typeErr(fn, 1, x, 'string');
      parts.push(queryEscape(k) + '=' + queryEscape(x));
    }
  }
  return parts.join('&');
}

function decodeObject(args: Value[]): RObject {
  const fn = 'urlquery.decode_object';
  const s = strArg(fn, args, 0);
  const acc = new Map<string, string[]>();
  for (const part of s.split('&')) {
    if (part === '') continue;
    if (part.includes(';')) throw builtinErr(fn, 'invalid semicolon separator in query');
    const eq = part.indexOf('=');
    const k = queryUnescape(fn, eq < 0 ? part : part.slice(0, eq));
    const v = queryUnescape(fn, eq < 0 ? '' : part.slice(eq + 1));
    const list = acc.get(k) ?? [];
    list.push(v);
    acc.set(k, list);
  }
  return new RObject([...acc].map(([k, v]) => [k, v] as [Value, Value]));
}

const enc = (s: string, alphabet: 'base64' | 'base64url'): string => Buffer.from(s, 'utf8').toString(alphabet);

export const builtins: readonly BuiltinDef[] = [
  def('base64.encode', 1, (args) => enc(strArg('base64.encode', args, 0), 'base64')),
  def('base64.decode', 1, (args) => b64('base64.decode', strArg('base64.decode', args, 0), STD, true)),
  def('base64.is_valid', 1, (args) => {
    const v = arg(args, 0);
    if (typeof v !== 'string') return false;
    try {
      base64Decode(v, STD, true);
      return true;
    } catch {
      return false;
    }
  }),
  def('base64url.encode', 1, (args) => {
    const raw = enc(strArg('base64url.encode', args, 0), 'base64url');
    return raw + '='.repeat((4 - (raw.length % 4)) % 4);
  }),
  def('base64url.encode_no_pad', 1, (args) => enc(strArg('base64url.encode_no_pad', args, 0), 'base64url')),
  def('base64url.decode', 1, (args) => {
    const fn = 'base64url.decode';
    let s = strArg(fn, args, 0);
    // RFC 7515 appendix C: encoders often drop the padding, so OPA restores it first
    if (!s.endsWith('=')) {
      const r = Buffer.byteLength(s, 'utf8') % 4;
      if (r === 2) s += '==';
      else if (r === 3) s += '=';
      else if (r === 1) throw builtinErr(fn, `illegal base64url string: ${s}`);
    }
    return b64(fn, s, URL, true);
  }),
  def('hex.encode', 1, (args) => Buffer.from(strArg('hex.encode', args, 0), 'utf8').toString('hex')),
  def('hex.decode', 1, (args) => hexDecode(strArg('hex.decode', args, 0))),
  def('urlquery.encode', 1, (args) => queryEscape(strArg('urlquery.encode', args, 0))),
  def('urlquery.decode', 1, (args) => queryUnescape('urlquery.decode', strArg('urlquery.decode', args, 0))),
  def('urlquery.encode_object', 1, encodeObject),
  def('urlquery.decode_object', 1, decodeObject),
];
