// Rego built-ins over private keys and key pairs, with node:crypto: crypto.x509.parse_rsa_private_key
// and crypto.parse_private_keys (keys as JWK objects, as OPA returns them) and
// crypto.x509.parse_keypair (the certificate chain as base64 DER, the part policies read).
// Certificate parsing into Go's x509.Certificate JSON is not provided.
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { fromJS, type Value } from '../value.ts';
import { builtinErr, def, strArg } from './args.ts';
import type { BuiltinDef } from './types.ts';

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

export const builtins: readonly BuiltinDef[] = [
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
