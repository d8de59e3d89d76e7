// Rego built-ins over certificates and keys, with node:crypto: crypto.x509.parse_certificates and
// parse_and_verify_certificates (the fields of Go's x509.Certificate that policies read: Subject,
// Issuer, DNSNames, URIStrings, EmailAddresses, IPAddresses, NotBefore, NotAfter, SerialNumber,
// IsCA, Raw), crypto.x509.parse_rsa_private_key and crypto.parse_private_keys (keys as JWK objects,
// as OPA returns them) and crypto.x509.parse_keypair (the chain as base64 DER).
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { RObject, fromJS, num, type Value } from '../value.ts';
import { builtinErr, def, strArg } from './args.ts';
import type { BuiltinContext, BuiltinDef } from './types.ts';

interface PemBlock {
  type: string;
  der: Buffer;
}

function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([^-\n]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ type: m[1]!, der: Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64') });
  return out;
}

/** PEM text, or base64 of PEM text, as OPA accepts both; base64 errors read like Go's. */
function pemText(fn: string, input: string): string {
  if (input.includes('-----BEGIN')) return input;
  const clean = input.replace(/\s+/g, '');
  const bad = /[^A-Za-z0-9+/=]/.exec(clean);
  if (bad) throw builtinErr(fn, `illegal base64 data at input byte ${bad.index}`);
  if (clean.length % 4 !== 0) throw builtinErr(fn, `illegal base64 data at input byte ${clean.length - (clean.length % 4)}`);
  return Buffer.from(clean, 'base64').toString('utf8');
}

const jwkOf = (k: KeyObject): Value => fromJS(k.export({ format: 'jwk' }));

function privateKey(block: PemBlock): KeyObject | undefined {
  try {
    if (block.type === 'RSA PRIVATE KEY') return createPrivateKey({ key: block.der, format: 'der', type: 'pkcs1' });
    if (block.type === 'EC PRIVATE KEY') return createPrivateKey({ key: block.der, format: 'der', type: 'sec1' });
    if (block.type === 'PRIVATE KEY') return createPrivateKey({ key: block.der, format: 'der', type: 'pkcs8' });
  } catch {
    return undefined;
  }
  return undefined;
}

/** The DER certificates in a concatenation of ASN.1 SEQUENCEs (a DER chain). */
function splitDER(fn: string, der: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  while (i < der.length) {
    if (der[i] !== 0x30 || i + 1 >= der.length) throw builtinErr(fn, 'x509: malformed certificate');
    let len = der[i + 1]!;
    let head = 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + der[i + 2 + k]!;
      head += n;
    }
    out.push(der.subarray(i, i + head + len));
    i += head + len;
  }
  return out;
}

/** Certificates given as PEM, base64 of PEM, or base64 of DER (one or a chain). */
function certificates(fn: string, input: string): X509Certificate[] {
  let ders: Buffer[];
  if (input.includes('-----BEGIN')) ders = pemBlocks(input).filter((b) => b.type === 'CERTIFICATE').map((b) => b.der);
  else {
    const raw = Buffer.from(pemText(fn, input), 'utf8');
    const text = raw.toString('utf8');
    ders = text.includes('-----BEGIN')
      ? pemBlocks(text).filter((b) => b.type === 'CERTIFICATE').map((b) => b.der)
      : splitDER(fn, Buffer.from(input.replace(/\s+/g, ''), 'base64'));
  }
  return ders.map((d) => {
    try {
      return new X509Certificate(d);
    } catch {
      throw builtinErr(fn, 'x509: malformed certificate');
    }
  });
}

const NAME_FIELDS: Record<string, string> = {
  C: 'Country',
  O: 'Organization',
  OU: 'OrganizationalUnit',
  L: 'Locality',
  ST: 'Province',
  street: 'StreetAddress',
  postalCode: 'PostalCode',
};

/** Go's pkix.Name from Node's "CN=..\nO=.." text. */
function pkixName(text: string): RObject {
  const lists = new Map<string, string[]>();
  let cn = '';
  let serial = '';
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const k = line.slice(0, eq);
    const v = line.slice(eq + 1);
    if (k === 'CN') cn = v;
    else if (k === 'serialNumber') serial = v;
    else if (NAME_FIELDS[k]) lists.set(NAME_FIELDS[k]!, [...(lists.get(NAME_FIELDS[k]!) ?? []), v]);
  }
  const out = new RObject();
  for (const f of Object.values(NAME_FIELDS)) out.set(f, lists.has(f) ? lists.get(f)! : null);
  out.set('SerialNumber', serial);
  out.set('CommonName', cn);
  return out;
}

function altNames(cert: X509Certificate, prefix: string): Value {
  const names = (cert.subjectAltName ?? '')
    .split(', ')
    .filter((x) => x.startsWith(prefix))
    .map((x) => x.slice(prefix.length));
  return names.length > 0 ? names : null;
}

const rfc3339 = (d: string): string => new Date(d).toISOString().replace('.000Z', 'Z');

function certValue(cert: X509Certificate): Value {
  return new RObject([
    ['Raw', cert.raw.toString('base64')],
    ['Version', 3],
    ['SerialNumber', num(BigInt('0x' + cert.serialNumber))],
    ['Subject', pkixName(cert.subject)],
    ['Issuer', pkixName(cert.issuer)],
    ['NotBefore', rfc3339(cert.validFrom)],
    ['NotAfter', rfc3339(cert.validTo)],
    ['IsCA', cert.ca],
    ['DNSNames', altNames(cert, 'DNS:')],
    ['EmailAddresses', altNames(cert, 'email:')],
    ['IPAddresses', altNames(cert, 'IP Address:')],
    ['URIStrings', altNames(cert, 'URI:')],
  ]);
}

/** Leaf first, root last: each certificate is signed by the next, the root by itself, all valid now. */
function verifyChain(certs: X509Certificate[], ctx: BuiltinContext): boolean {
  if (certs.length < 2) return false;
  const now = Number(ctx.timeNs / 1_000_000n);
  for (const [i, c] of certs.entries()) {
    const issuer = certs[i + 1] ?? c;
    if (!c.checkIssued(issuer) || !c.verify(issuer.publicKey)) return false;
    if (now < Date.parse(c.validFrom) || now > Date.parse(c.validTo)) return false;
    if (i > 0 && !c.ca) return false;
  }
  return true;
}

export const builtins: readonly BuiltinDef[] = [
  def('crypto.x509.parse_certificates', 1, (args) => {
    const fn = 'crypto.x509.parse_certificates';
    return certificates(fn, strArg(fn, args, 0)).map(certValue);
  }),
  def('crypto.x509.parse_and_verify_certificates', 1, (args, ctx) => {
    const fn = 'crypto.x509.parse_and_verify_certificates';
    // OPA's input runs root first, leaf last; the verified chain comes back leaf first
    const certs = certificates(fn, strArg(fn, args, 0)).reverse();
    return verifyChain(certs, ctx) ? [true, certs.map(certValue)] : [false, []];
  }),
  def('crypto.x509.parse_rsa_private_key', 1, (args) => {
    const fn = 'crypto.x509.parse_rsa_private_key';
    const blocks = pemBlocks(pemText(fn, strArg(fn, args, 0)));
    const b = blocks[0];
    if (!b) throw builtinErr(fn, 'failed to parse PEM block containing the key');
    const k = privateKey(b);
    if (!k || k.asymmetricKeyType !== 'rsa') throw builtinErr(fn, 'failed to parse RSA private key');
    return jwkOf(k);
  }),
  def('crypto.parse_private_keys', 1, (args) => {
    const fn = 'crypto.parse_private_keys';
    const s = strArg(fn, args, 0);
    // OPA answers null for empty input and [] when no key can be read
    if (s === '') return null;
    let text: string;
    try {
      text = pemText(fn, s);
    } catch {
      return [];
    }
    return pemBlocks(text)
      .map(privateKey)
      .filter((k): k is KeyObject => k !== undefined)
      .map(jwkOf);
  }),
  def('crypto.x509.parse_keypair', 2, (args) => {
    const fn = 'crypto.x509.parse_keypair';
    const certs = pemBlocks(pemText(fn, strArg(fn, args, 0))).filter((b) => b.type === 'CERTIFICATE');
    const keys = pemBlocks(pemText(fn, strArg(fn, args, 1)))
      .map(privateKey)
      .filter((k): k is KeyObject => k !== undefined);
    if (certs.length === 0) throw builtinErr(fn, 'tls: failed to find any PEM data in certificate input');
    const key = keys[0];
    if (!key) throw builtinErr(fn, 'tls: failed to find any PEM data in key input');
    let leaf: X509Certificate;
    try {
      leaf = new X509Certificate(certs[0]!.der);
    } catch {
      throw builtinErr(fn, 'tls: failed to parse certificate');
    }
    if (!leaf.checkPrivateKey(key)) throw builtinErr(fn, 'tls: private key does not match public key');
    return fromJS({ Certificate: certs.map((c) => c.der.toString('base64')) });
  }),
];
