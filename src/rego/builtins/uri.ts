// Rego built-ins: uri.parse and uri.is_valid, following Go's net/url.Parse (and ParseRequestURI
// for is_valid): the same accepted forms, the same errors ("invalid port", "invalid userinfo",
// "invalid URL escape"), and OPA's result fields (empty fields left out).
import { RObject, type Value } from '../value.ts';
import { arg, builtinErr, def, strArg } from './args.ts';
import { goString } from './encoding.ts';
import { goQuote } from './sprintf.ts';
import type { BuiltinDef } from './types.ts';

class URLError extends Error {}

type Mode = 'path' | 'host' | 'userinfo' | 'fragment';

/** Go's url.unescape for a component. */
function unescape(s: string, mode: Mode): string {
  const bytes = Buffer.from(s, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b !== 0x25) {
      if (mode === 'host' && b < 0x80 && shouldEscapeHost(b)) {
        throw new URLError(`invalid character ${goQuote(String.fromCharCode(b))} in host name`);
      }
      out.push(b);
      continue;
    }
    const h = bytes.subarray(i + 1, i + 3).toString('latin1');
    if (!/^[0-9a-fA-F]{2}$/.test(h)) {
      throw new URLError(`invalid URL escape ${goQuote(bytes.subarray(i, Math.min(i + 3, bytes.length)).toString('utf8'))}`);
    }
    // in a host only non-ASCII bytes (and %25) may be percent-encoded (RFC 6874 / Go)
    if (mode === 'host' && parseInt(h[0]!, 16) < 8 && h !== '25') throw new URLError(`invalid URL escape ${goQuote('%' + h)}`);
    out.push(parseInt(h, 16));
    i += 2;
  }
  return goString(Uint8Array.from(out));
}

function shouldEscapeHost(b: number): boolean {
  const c = String.fromCharCode(b);
  if (/[A-Za-z0-9\-_.~]/.test(c)) return false;
  return !"!$&'()*+,;=:[]<>\"".includes(c);
}

const validPort = (p: string): boolean => p === '' || /^:[0-9]*$/.test(p);

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

interface ParsedURL {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  fragment: string;
}

/** Go's escape(s, encodePath), to decide whether the raw path must be kept. */
function escapePath(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c)) out += c;
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
    return unescape(host, 'host');
  }
  const i = host.lastIndexOf(':');
  if (i >= 0) {
    const colonPort = host.slice(i);
    if (!validPort(colonPort)) throw new URLError(`invalid port ${goQuote(colonPort)} after host`);
  }
  return unescape(host, 'host');
}

export function parseURL(raw: string, viaRequest: boolean): ParsedURL {
  const u: ParsedURL = { scheme: '', opaque: '', host: '', path: '', rawPath: '', rawQuery: '', fragment: '' };
  let rest = raw;
  if (!viaRequest) {
    const h = rest.indexOf('#');
    if (h >= 0) {
      u.fragment = unescape(rest.slice(h + 1), 'fragment');
      rest = rest.slice(0, h);
    }
  }
  if ([...rest].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new URLError('net/url: invalid control character in URL');
  if (rest === '') {
    if (viaRequest) throw new URLError('empty url');
    return u;
  }
  if (rest === '*') {
    u.path = '*';
    return u;
  }
  const sm = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (sm) {
    u.scheme = sm[1]!.toLowerCase();
    rest = rest.slice(sm[0].length);
  } else if (rest.startsWith(':')) throw new URLError('missing protocol scheme');
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    if (viaRequest) throw new URLError('invalid URI for request');
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((u.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    const slash = authority.indexOf('/');
    rest = slash >= 0 ? authority.slice(slash) : '';
    authority = slash >= 0 ? authority.slice(0, slash) : authority;
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!validUserinfo(userinfo)) throw new URLError('net/url: invalid userinfo');
      unescape(userinfo, 'userinfo');
      u.host = parseHost(authority.slice(at + 1));
    } else u.host = parseHost(authority);
  }
  u.path = unescape(rest, 'path');
  u.rawPath = escapePath(u.path) === rest ? '' : rest;
  return u;
}

function hostParts(host: string): [string, string] {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    return [host.slice(1, i), host.slice(i + 2)];
  }
  const i = host.lastIndexOf(':');
  return i < 0 ? [host, ''] : [host.slice(0, i), host.slice(i + 1)];
}

function uriParse(args: Value[]): RObject {
  const fn = 'uri.parse';
  const raw = strArg(fn, args, 0);
  let u: ParsedURL;
  try {
    u = parseURL(raw, false);
  } catch (e) {
    if (e instanceof URLError) throw builtinErr(fn, `parse ${goQuote(raw)}: ${e.message}`);
    throw e;
  }
  const [hostname, port] = hostParts(u.host);
  const out = new RObject();
  const put = (k: string, v: string): void => {
    if (v !== '') out.set(k, v);
  };
  put('scheme', u.scheme);
  put('hostname', hostname);
  put('port', port);
  put('path', u.path);
  put('raw_path', u.rawPath !== '' ? u.rawPath : u.path);
  put('raw_query', u.rawQuery);
  put('fragment', u.fragment);
  return out;
}

export const builtins: readonly BuiltinDef[] = [
  def('uri.parse', 1, uriParse),
  def('uri.is_valid', 1, (args) => {
    const v = arg(args, 0);
    if (typeof v !== 'string') return false;
    try {
      parseURL(v, true);
      return true;
    } catch (e) {
      if (e instanceof URLError) return false;
      throw e;
    }
  }),
];
