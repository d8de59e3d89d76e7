// Rego built-ins: crypto digests and HMACs over the UTF-8 bytes of a string (node:crypto).
// The x509/JWT/key parsing built-ins are not provided (OPA tier "hard/never" here).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { def, strArg } from './args.ts';
import type { BuiltinDef } from './types.ts';

const digest = (fn: string, alg: string): BuiltinDef =>
  def(fn, 1, (args) => createHash(alg).update(strArg(fn, args, 0), 'utf8').digest('hex'));

const hmac = (fn: string, alg: string): BuiltinDef =>
  def(fn, 2, (args) => createHmac(alg, Buffer.from(strArg(fn, args, 1), 'utf8')).update(strArg(fn, args, 0), 'utf8').digest('hex'));

export const builtins: readonly BuiltinDef[] = [
  digest('crypto.md5', 'md5'),
  digest('crypto.sha1', 'sha1'),
  digest('crypto.sha256', 'sha256'),
  hmac('crypto.hmac.md5', 'md5'),
  hmac('crypto.hmac.sha1', 'sha1'),
  hmac('crypto.hmac.sha256', 'sha256'),
  hmac('crypto.hmac.sha512', 'sha512'),
  def('crypto.hmac.equal', 2, (args) => {
    const a = Buffer.from(strArg('crypto.hmac.equal', args, 0), 'utf8');
    const b = Buffer.from(strArg('crypto.hmac.equal', args, 1), 'utf8');
    // constant time like Go's hmac.Equal; lengths differing is not secret
    return a.length === b.length && timingSafeEqual(a, b);
  }),
];
