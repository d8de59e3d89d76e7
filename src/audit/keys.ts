// The pipeline's Ed25519 signing key: loading (private key from GOVERN_AUDIT_KEY or a file, public
// keys from audit/pipeline-key.pub), key ids, signing and checking, and generating a pair.
// The private key is never printed, never written into an error message and never committed.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from './canonical.ts';
import { AuditError } from './errors.ts';

export interface PublicKeyInfo {
  readonly key: KeyObject;
  /** First 16 hex digits of SHA-256 over the key's SubjectPublicKeyInfo DER: names the key in entries. */
  readonly keyId: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
}

const PEM_BLOCK = /-----BEGIN PUBLIC KEY-----[\s\S]*?-----END PUBLIC KEY-----/g;

/**
 * Every public key in a PEM file. Several blocks are allowed so that a rotated key keeps verifying
 * the entries it signed: rotation appends the new key, never removes the old one (docs/audit.md).
 */
export function parsePublicKeys(pem: string, file: string): PublicKeyInfo[] {
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) {
    throw new AuditError('AUDIT-KEY', {
      zh: `${file}：找不到 PEM 格式的公钥（-----BEGIN PUBLIC KEY-----）；用 govern audit keygen 生成密钥对，并提交其中的公钥`,
      en: `${file}: no PEM public key (-----BEGIN PUBLIC KEY-----) found; create a pair with govern audit keygen and commit its public key`,
    });
  }
  return blocks.map((b, i) => {
    let key: KeyObject;
    try {
      key = createPublicKey(b);
    } catch (e) {
      throw new AuditError('AUDIT-KEY', {
        zh: `${file}：第 ${i + 1} 个公钥无法解析（${(e as Error).message}）；请从密钥对重新导出公钥`,
        en: `${file}: public key #${i + 1} cannot be parsed (${(e as Error).message}); export it again from the key pair`,
      });
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new AuditError('AUDIT-KEY', {
        zh: `${file}：第 ${i + 1} 个公钥是 ${key.asymmetricKeyType ?? '未知'} 类型，台账只接受 Ed25519`,
        en: `${file}: public key #${i + 1} is ${key.asymmetricKeyType ?? 'unknown'}, the ledger accepts Ed25519 only`,
      });
    }
    return { key, keyId: keyIdOf(key) };
  });
}

/** The private key from PEM text. The text itself never appears in an error. */
export function parsePrivateKey(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new AuditError('AUDIT-KEY', {
      zh: `${source} 中的私钥无法解析（须为 PKCS#8 PEM 格式的 Ed25519 私钥）；用 govern audit keygen 生成`,
      en: `the private key in ${source} cannot be parsed (expected an Ed25519 private key in PKCS#8 PEM); create one with govern audit keygen`,
    });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AuditError('AUDIT-KEY', {
      zh: `${source} 中的私钥不是 Ed25519 类型`,
      en: `the private key in ${source} is not an Ed25519 key`,
    });
  }
  return key;
}

/** Ed25519 signature (base64) over the ASCII bytes of the entry's hex hash. */
export function signHash(hash: string, privateKey: KeyObject): string {
  return sign(null, Buffer.from(hash, 'ascii'), privateKey).toString('base64');
}

export function verifyHash(hash: string, sigBase64: string, publicKey: KeyObject): boolean {
  const sig = Buffer.from(sigBase64, 'base64');
  // Ed25519 signatures are 64 bytes; anything else is not a signature (and verify would throw on some inputs).
  if (sig.length !== 64) return false;
  return verify(null, Buffer.from(hash, 'ascii'), publicKey, sig);
}

export interface GeneratedKeys {
  readonly privateKeyFile: string;
  readonly publicKeyFile: string;
  readonly keyId: string;
}

/** Writes pipeline-key.pem (mode 0600) and pipeline-key.pub into `dir`; refuses to overwrite a private key. */
export function generateKeyPair(dir: string): GeneratedKeys {
  const privateKeyFile = join(dir, 'pipeline-key.pem');
  const publicKeyFile = join(dir, 'pipeline-key.pub');
  if (existsSync(privateKeyFile)) {
    throw new AuditError('AUDIT-KEY', {
      zh: `${privateKeyFile} 已存在，不会覆盖私钥；换一个目录，或先妥善处置旧私钥`,
      en: `${privateKeyFile} exists and a private key is never overwritten; pick another directory or retire the old key first`,
    });
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  mkdirSync(dir, { recursive: true });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
  // mode applies on creation only; chmod again in case a umask widened nothing or the FS ignored it.
  writeFileSync(privateKeyFile, pem, { mode: 0o600, flag: 'wx' });
  chmodSync(privateKeyFile, 0o600);
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }) as string);
  return { privateKeyFile, publicKeyFile, keyId: keyIdOf(publicKey) };
}
