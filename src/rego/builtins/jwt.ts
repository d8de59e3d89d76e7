// Rego built-ins: io.jwt.* — decoding, signature verification (HS, RS, PS, ES, EdDSA) with keys
// given as a secret, a PEM certificate or public key, or a JWK / JWK set, decode_verify with OPA's
// claim checks (iss, aud, exp, nbf, alg), and encode_sign / encode_sign_raw. Crypto is node:crypto.
import { X509Certificate, createHmac, createPrivateKey, createPublicKey, constants, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { BigNum, RObject, compare, parseJSON, toNumber, type Value } from '../value.ts';
import { arg, builtinErr, def, objArg, strArg } from './args.ts';
import { goJSON } from './json.ts';
import type { BuiltinContext, BuiltinDef } from './types.ts';

type Alg = 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const isAlg = (a: unknown): a is Alg => typeof a === 'string' && /^(?:[HRPE]S(?:256|384|512)|EdDSA)$/.test(a);

/** Go's base64.RawURLEncoding, tolerating trailing padding as OPA strips it. */
function b64urlDecode(fn: string, what: string, s: string): Buffer {
  const t = s.replace(/=+$/, '');
  for (let i = 0; i < t.length; i++) {
    if (!/[A-Za-z0-9\-_]/.test(t[i]!)) throw builtinErr(fn, `${what} had invalid encoding: illegal base64 data at input byte ${i}`);
  }
  if (t.length % 4 === 1) throw builtinErr(fn, `${what} had invalid encoding: illegal base64 data at input byte ${t.length - 1}`);
  return Buffer.from(t, 'base64url');
}

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

interface Parts {
  header: string;
  payload: string;
  signature: string;
}

function split(fn: string, token: string): Parts {
  if (!token.includes('.')) throw builtinErr(fn, 'encoded JWT had no period separators');
  const p = token.split('.');
  if (p.length !== 3) throw builtinErr(fn, `encoded JWT must have 3 sections, found ${p.length}`);
  return { header: p[0]!, payload: p[1]!, signature: p[2]! };
}

function jsonObject(text: string): RObject | undefined {
  try {
    const v = parseJSON(text);
    return v instanceof RObject ? v : undefined;
  } catch {
    return undefined;
  }
}

function decodeHeader(fn: string, parts: Parts): RObject {
  const h = jsonObject(b64urlDecode(fn, 'JWT header', parts.header).toString('utf8'));
  if (!h) throw builtinErr(fn, 'JWT header had invalid encoding: not a JSON object');
  if (h.getStr('enc') !== undefined) throw builtinErr(fn, 'JWT is a JWE object, which is not supported');
  return h;
}

/** io.jwt.decode: header, payload and hex signature; a "cty": "JWT" payload is a nested token. */
function decode(fn: string, token: string): Value[] {
  for (;;) {
    const parts = split(fn, token);
    const header = decodeHeader(fn, parts);
    const payloadText = b64urlDecode(fn, 'JWT payload', parts.payload).toString('utf8');
    const sig = b64urlDecode(fn, 'JWT signature', parts.signature).toString('hex');
    if (header.getStr('cty') === 'JWT') {
      // the nested token is the payload, possibly as a JSON string
      const inner = payloadText.startsWith('"') ? (JSON.parse(payloadText) as string) : payloadText;
      token = inner;
      continue;
    }
    const payload = jsonObject(payloadText);
    if (!payload) throw builtinErr(fn, 'type is JWT but payload is not JSON');
    return [header, payload, sig];
  }
}

// ---- keys -----------------------------------------------------------------------------------------

interface VKey {
  key: KeyObject;
  kid?: string;
}

function parsePEM(fn: string, text: string): VKey[] | undefined {
  const m = /-----BEGIN ([^-\n]+)-----\r?\n([\s\S]*?)-----END \1-----[^\n]*\n?/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length);
  if (rest.length > 0) throw builtinErr(fn, 'extra data after a PEM certificate block');
  const body = m[2]!.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return undefined;
  const der = Buffer.from(body, 'base64');
  if (m[1] === 'CERTIFICATE') {
    try {
      return [{ key: new X509Certificate(der).publicKey }];
    } catch {
      throw builtinErr(fn, 'failed to parse a PEM certificate');
    }
  }
  if (m[1] === 'PUBLIC KEY') {
    try {
      return [{ key: createPublicKey({ key: der, format: 'der', type: 'spki' }) }];
    } catch {
      throw builtinErr(fn, 'failed to parse a PEM public key');
    }
  }
  throw builtinErr(fn, 'failed to extract a Key from the PEM certificate');
}

function jwkKeys(fn: string, text: string): VKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw builtinErr(fn, 'failed to parse a JWK key (set)');
  }
  const list = (parsed as { keys?: unknown }).keys;
  const jwks = Array.isArray(list) ? list : [parsed];
  const out: VKey[] = [];
  for (const j of jwks as Record<string, unknown>[]) {
    try {
      const pub = { ...j };
      for (const k of ['d', 'p', 'q', 'dp', 'dq', 'qi']) delete pub[k];
      out.push({ key: createPublicKey({ key: pub as never, format: 'jwk' }), kid: typeof j.kid === 'string' ? j.kid : undefined });
    } catch {
      throw builtinErr(fn, 'failed to parse a JWK key (set)');
    }
  }
  return out;
}

function publicKeys(fn: string, certificate: string): VKey[] {
  return parsePEM(fn, certificate) ?? jwkKeys(fn, certificate);
}

function verifySig(alg: Alg, key: KeyObject | Buffer, data: string, sig: Buffer): boolean {
  try {
    if (alg.startsWith('HS')) {
      const mac = createHmac(HASH[alg.slice(2)]!, key as Buffer).update(data).digest();
      return mac.length === sig.length && timingSafeEqual(mac, sig);
    }
    const k = key as KeyObject;
    if (alg === 'EdDSA') return verify(null, Buffer.from(data), k, sig);
    const hash = HASH[alg.slice(2)]!;
    if (alg.startsWith('RS')) return k.asymmetricKeyType === 'rsa' && verify(hash, Buffer.from(data), k, sig);
    if (alg.startsWith('PS')) {
      return verify(hash, Buffer.from(data), { key: k, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig);
    }
    return k.asymmetricKeyType === 'ec' && verify(hash, Buffer.from(data), { key: k, dsaEncoding: 'ieee-p1363' }, sig);
  } catch {
    // a key of the wrong type for the algorithm does not verify
    return false;
  }
}

function verifyWith(fn: string, alg: Alg, args: Value[]): boolean {
  const parts = split(fn, strArg(fn, args, 0));
  const sig = b64urlDecode(fn, 'JWT signature', parts.signature);
  const data = `${parts.header}.${parts.payload}`;
  const material = strArg(fn, args, 1);
  if (alg.startsWith('HS')) return verifySig(alg, Buffer.from(material, 'utf8'), data, sig);
  return publicKeys(fn, material).some((k) => verifySig(alg, k.key, data, sig));
}

// ---- decode_verify --------------------------------------------------------------------------------

const CONSTRAINTS = new Set(['cert', 'secret', 'alg', 'iss', 'aud', 'time']);

function decodeVerify(args: Value[], ctx: BuiltinContext): Value {
  const fn = 'io.jwt.decode_verify';
  let token = strArg(fn, args, 0);
  const c = objArg(fn, args, 1);
  const unverified: Value = [false, new RObject(), new RObject()];
  for (const k of c.keys()) {
    if (typeof k !== 'string' || !CONSTRAINTS.has(k)) throw builtinErr(fn, `unknown token validation constraint: ${goJSON(k)}`);
  }
  const str = (k: string): string | undefined => {
    const v = c.getStr(k);
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw builtinErr(fn, `${k} constraint: must be a string`);
    return v;
  };
  const cert = str('cert');
  const secret = str('secret');
  const wantAlg = str('alg');
  const iss = str('iss');
  const aud = str('aud') ?? '';
  const t = c.getStr('time');
  let timeSec: number;
  if (t === undefined) timeSec = Number(ctx.timeNs) / 1e9;
  else if (typeof t === 'number' || t instanceof BigNum) timeSec = toNumber(t) / 1e9;
  else throw builtinErr(fn, 'time constraint: must be a number');
  if ((cert === undefined) === (secret === undefined)) throw builtinErr(fn, 'exactly one of cert or secret must be provided');
  const keys = cert !== undefined ? publicKeys(fn, cert) : undefined;

  let header: RObject;
  let payloadText: string;
  for (;;) {
    const parts = split(fn, token);
    header = decodeHeader(fn, parts);
    const alg = header.getStr('alg');
    if (!isAlg(alg)) return unverified;
    if (wantAlg !== undefined && wantAlg !== alg) return unverified;
    // RFC 7515 4.1.11: critical extensions we do not understand make the token invalid
    if (header.getStr('crit') !== undefined) return unverified;
    const sig = b64urlDecode(fn, 'JWT signature', parts.signature);
    const data = `${parts.header}.${parts.payload}`;
    const kid = header.getStr('kid');
    let ok: boolean;
    if (secret !== undefined) ok = alg.startsWith('HS') && verifySig(alg, Buffer.from(secret, 'utf8'), data, sig);
    else ok = keys!.filter((k) => typeof kid !== 'string' || k.kid === undefined || k.kid === kid).some((k) => verifySig(alg, k.key, data, sig));
    if (!ok) return unverified;
    payloadText = b64urlDecode(fn, 'JWT payload', parts.payload).toString('utf8');
    if (header.getStr('cty') !== 'JWT') break;
    token = payloadText.startsWith('"') ? (JSON.parse(payloadText) as string) : payloadText;
  }
  const payload = jsonObject(payloadText);
  if (!payload) throw builtinErr(fn, 'type is JWT but payload is not JSON');
  if (iss !== undefined && payload.getStr('iss') !== iss) return unverified;
  const tokAud = payload.getStr('aud');
  if (tokAud !== undefined) {
    const auds = Array.isArray(tokAud) ? tokAud : [tokAud];
    if (!auds.some((a) => typeof a === 'string' && a === aud && aud !== '')) return unverified;
  } else if (aud !== '') return unverified;
  const now = timeSec;
  const exp = payload.getStr('exp');
  if (exp !== undefined) {
    if (typeof exp !== 'number' && !(exp instanceof BigNum)) throw builtinErr(fn, 'exp value must be a number');
    if (compare(now, exp) !== -1) return unverified;
  }
  const nbf = payload.getStr('nbf');
  if (nbf !== undefined) {
    if (typeof nbf !== 'number' && !(nbf instanceof BigNum)) throw builtinErr(fn, 'nbf value must be a number');
    if (compare(now, nbf) === -1) return unverified;
  }
  return [true, header, payload];
}

// ---- signing ----------------------------------------------------------------------------------------

function signToken(fn: string, headerText: string, payloadText: string, keyText: string): string {
  if (headerText === '') throw builtinErr(fn, "missing or invalid 'alg' header: cannot parse JSON: cannot parse empty string");
  const header = jsonObject(headerText);
  // what looks like an object but is not JSON cannot be parsed; anything else simply has no "alg"
  if (!header && headerText.trimStart().startsWith('{')) throw builtinErr(fn, "missing or invalid 'alg' header: cannot parse JSON");
  const alg = header?.getStr('alg');
  if (!isAlg(alg)) throw builtinErr(fn, `missing or invalid 'alg' header: jwsbb: header "alg" not found`);
  if (header!.getStr('typ') === 'JWT' && !jsonObject(payloadText)) throw builtinErr(fn, 'type is JWT but payload is not JSON');
  let jwk: Record<string, unknown>;
  try {
    jwk = JSON.parse(keyText) as Record<string, unknown>;
  } catch {
    throw builtinErr(fn, 'failed to parse a JWK key (set)');
  }
  const data = `${b64url(headerText)}.${b64url(payloadText)}`;
  let sig: Buffer;
  try {
    if (alg.startsWith('HS')) {
      if (typeof jwk.k !== 'string') throw new Error('not a symmetric key');
      sig = createHmac(HASH[alg.slice(2)]!, Buffer.from(jwk.k, 'base64url')).update(data).digest();
    } else {
      const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
      if (alg === 'EdDSA') sig = sign(null, Buffer.from(data), key);
      else if (alg.startsWith('RS')) sig = sign(HASH[alg.slice(2)]!, Buffer.from(data), key);
      else if (alg.startsWith('PS')) {
        sig = sign(HASH[alg.slice(2)]!, Buffer.from(data), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST });
      } else sig = sign(HASH[alg.slice(2)]!, Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' });
    }
  } catch (e) {
    throw builtinErr(fn, `failed to sign: ${(e as Error).message}`);
  }
  return `${data}.${b64url(sig)}`;
}

const verifier = (alg: Alg): BuiltinDef => {
  const fn = `io.jwt.verify_${alg.toLowerCase()}`;
  return def(fn, 2, (args) => verifyWith(fn, alg, args));
};

export const builtins: readonly BuiltinDef[] = [
  def('io.jwt.decode', 1, (args) => decode('io.jwt.decode', strArg('io.jwt.decode', args, 0))),
  def('io.jwt.decode_verify', 2, decodeVerify),
  ...(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const).map(verifier),
  def('io.jwt.encode_sign_raw', 3, (args) => {
    const fn = 'io.jwt.encode_sign_raw';
    return signToken(fn, strArg(fn, args, 0), strArg(fn, args, 1), strArg(fn, args, 2));
  }),
  def('io.jwt.encode_sign', 3, (args) => {
    const fn = 'io.jwt.encode_sign';
    const h = objArg(fn, args, 0);
    const p = arg(args, 1);
    const k = objArg(fn, args, 2);
    return signToken(fn, goJSON(h), goJSON(p), goJSON(k));
  }),
];

