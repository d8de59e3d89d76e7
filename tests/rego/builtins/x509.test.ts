import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call, callAt, fails } from './helpers.ts';

describe('private key built-ins', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pkcs1 = rsa.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();

  it('parses an RSA private key, as PEM or base64 of PEM, into its JWK', () => {
    const jwk = JSON.parse(call('crypto.x509.parse_rsa_private_key', pkcs1)) as Record<string, string>;
    expect(jwk.kty).toBe('RSA');
    expect(jwk.n).toBe(rsa.publicKey.export({ format: 'jwk' }).n);
    expect(call('crypto.x509.parse_rsa_private_key', Buffer.from(pkcs1).toString('base64'))).toBe(call('crypto.x509.parse_rsa_private_key', pkcs1));
    expect(fails('crypto.x509.parse_rsa_private_key', 'invalid')).toBe(
      'eval_builtin_error: crypto.x509.parse_rsa_private_key: illegal base64 data at input byte 4',
    );
  });

  it('lists the private keys in a PEM bundle, [] when none and null for empty input', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect((JSON.parse(call('crypto.parse_private_keys', pkcs1 + ec)) as unknown[]).length).toBe(2);
    expect(call('crypto.parse_private_keys', 'nope')).toBe('[]');
    expect(call('crypto.parse_private_keys', '')).toBe('null');
  });
});

describe('certificate built-ins', () => {
  const chain = readFileSync(new URL('./spiffe-chain.pem', import.meta.url), 'utf8');

  it('parses certificates into the Go x509 fields policies read', () => {
    const certs = JSON.parse(call('crypto.x509.parse_certificates', chain)) as Record<string, unknown>[];
    expect(certs.map((c) => c.URIStrings)).toEqual([['spiffe://example.com'], ['spiffe://example.com/opa']]);
    expect(certs.map((c) => c.IsCA)).toEqual([true, false]);
    expect((certs[0]!.Subject as Record<string, unknown>).Country).toEqual(['GB']);
    expect(certs[1]!.DNSNames).toBeNull();
    expect(call('crypto.x509.parse_certificates', Buffer.from(chain).toString('base64'))).toBe(call('crypto.x509.parse_certificates', chain));
  });

  // the chain is valid from 2023-11-29 to 2122
  const in2025 = 1_750_000_000_000_000_000n;

  it('verifies a chain given root first and answers it leaf first', () => {
    const [valid, certs] = JSON.parse(callAt(in2025, 'crypto.x509.parse_and_verify_certificates', chain)) as [boolean, Record<string, unknown>[]];
    expect(valid).toBe(true);
    expect(certs.map((c) => c.URIStrings)).toEqual([['spiffe://example.com/opa'], ['spiffe://example.com']]);
    const leafOnly = chain.slice(chain.lastIndexOf('-----BEGIN CERTIFICATE-----'));
    expect(callAt(in2025, 'crypto.x509.parse_and_verify_certificates', leafOnly)).toBe('[false,[]]');
  });

  it('refuses a chain outside its validity period', () => {
    expect(callAt(1_700_000_000_000_000_000n, 'crypto.x509.parse_and_verify_certificates', chain)).toBe('[false,[]]');
  });
});
