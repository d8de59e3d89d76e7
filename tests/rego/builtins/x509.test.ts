import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, fails } from './helpers.ts';

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
