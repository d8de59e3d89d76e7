import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call, fails, j } from './helpers.ts';

const HS = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIn0.XmVoLoHI3pxMtMO_WRONMSJzGUDP9pDjy8Jp0_tdRXY';
const OCT = { kty: 'oct', k: Buffer.from('secret').toString('base64url') };

describe('io.jwt built-ins', () => {
  it('decodes header, payload and the signature as hex', () => {
    expect(call('io.jwt.decode', HS)).toBe(
      '[{"alg":"HS256","typ":"JWT"},{"iss":"opa","sub":"0"},"5e65682e81c8de9c4cb4c3bf59138d3122731940cff690e3cbc269d3fb5d4576"]',
    );
  });

  it('reports malformed tokens with OPA messages', () => {
    expect(fails('io.jwt.decode', 'abc')).toBe('eval_builtin_error: io.jwt.decode: encoded JWT had no period separators');
    expect(fails('io.jwt.decode', 'a.b')).toBe('eval_builtin_error: io.jwt.decode: encoded JWT must have 3 sections, found 2');
    expect(fails('io.jwt.decode', 'eyJhbGciOiJIU^%zI1NiI+sInR5cCI6IkpXVCJ9.e30.')).toBe(
      'eval_builtin_error: io.jwt.decode: JWT header had invalid encoding: illegal base64 data at input byte 13',
    );
  });

  it('signs with a JWK and verifies HMAC tokens, refusing the wrong secret', () => {
    const token = JSON.parse(call('io.jwt.encode_sign', j('{"alg":"HS256","typ":"JWT"}'), j('{"iss":"joe"}'), OCT)) as string;
    expect(call('io.jwt.verify_hs256', token, 'secret')).toBe('true');
    expect(call('io.jwt.verify_hs256', token, 'wrong')).toBe('false');
  });

  it('verifies RS256, PS256 and ES256 tokens against PEM public keys and JWKs', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (const [alg, pair] of [
      ['RS256', rsa],
      ['PS256', rsa],
      ['ES256', ec],
    ] as const) {
      const priv = pair.privateKey.export({ format: 'jwk' });
      const token = JSON.parse(call('io.jwt.encode_sign', j(`{"alg":"${alg}"}`), j('{"iss":"joe"}'), priv)) as string;
      const pem = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
      const jwk = JSON.stringify(pair.publicKey.export({ format: 'jwk' }));
      expect(call(`io.jwt.verify_${alg.toLowerCase()}`, token, pem)).toBe('true');
      expect(call(`io.jwt.verify_${alg.toLowerCase()}`, token, jwk)).toBe('true');
      expect(call('io.jwt.verify_hs256', token, 'x')).toBe('false');
    }
  });

  it('checks signature, issuer, audience and time in decode_verify', () => {
    const token = JSON.parse(call('io.jwt.encode_sign', j('{"alg":"HS256"}'), j('{"iss":"joe","aud":"fred","nbf":1000,"exp":3000}'), OCT)) as string;
    const at = (s: number): unknown => s * 1e9;
    expect(call('io.jwt.decode_verify', token, { secret: 'secret', aud: 'fred', time: at(2000) })).toBe(
      '[true,{"alg":"HS256"},{"aud":"fred","exp":3000,"iss":"joe","nbf":1000}]',
    );
    expect(call('io.jwt.decode_verify', token, { secret: 'secret', aud: 'fred', time: at(3000) })).toBe('[false,{},{}]');
    expect(call('io.jwt.decode_verify', token, { secret: 'secret', aud: 'fred', time: at(999) })).toBe('[false,{},{}]');
    expect(call('io.jwt.decode_verify', token, { secret: 'secret', time: at(2000) })).toBe('[false,{},{}]');
    expect(call('io.jwt.decode_verify', token, { secret: 'secret', aud: 'fred', iss: 'bob', time: at(2000) })).toBe('[false,{},{}]');
    expect(call('io.jwt.decode_verify', token, { secret: 'nope', aud: 'fred', time: at(2000) })).toBe('[false,{},{}]');
    expect(call('io.jwt.decode_verify', token, { secret: 'secret', aud: 'fred', alg: 'RS256', time: at(2000) })).toBe('[false,{},{}]');
  });

  it('refuses claims of the wrong type and bad key material', () => {
    const token = JSON.parse(call('io.jwt.encode_sign', j('{"alg":"HS256"}'), j('{"exp":null}'), OCT)) as string;
    expect(fails('io.jwt.decode_verify', token, { secret: 'secret' })).toBe('eval_builtin_error: io.jwt.decode_verify: exp value must be a number');
    expect(fails('io.jwt.verify_rs256', HS, '{"kty":"bogus"}')).toBe('eval_builtin_error: io.jwt.verify_rs256: failed to parse a JWK key (set)');
    expect(fails('io.jwt.verify_rs256', HS, '-----BEGIN CERT-----\nAAAA\n-----END CERT-----\n')).toBe(
      'eval_builtin_error: io.jwt.verify_rs256: failed to extract a Key from the PEM certificate',
    );
  });
});
