// Canonical JSON: the exact bytes an entry's hash is taken over (docs/audit.md "Canonical JSON").
// Object keys sorted by UTF-16 code units, no whitespace, strings and numbers as ECMAScript's
// JSON.stringify writes them. For the values a ledger entry holds (strings, integers, booleans, null,
// arrays, objects) this is the JSON Canonicalization Scheme of RFC 8785, so any language can
// recompute a hash without this library.
import { createHash } from 'node:crypto';

export class CanonicalJsonError extends Error {
  constructor(readonly path: string, what: string) {
    super(`${path || '(root)'}: ${what}`);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  return write(value, '');
}

function write(v: unknown, path: string): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      // NaN and Infinity have no JSON form; a hash over a lossy rendering would not be reproducible.
      if (!Number.isFinite(v)) throw new CanonicalJsonError(path, 'a non-finite number has no JSON form');
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return '[' + v.map((x, i) => write(x, `${path}[${i}]`)).join(',') + ']';
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return '{' + keys.map((k) => JSON.stringify(k) + ':' + write(obj[k], path ? `${path}.${k}` : k)).join(',') + '}';
    }
    default:
      throw new CanonicalJsonError(path, `a ${typeof v} has no JSON form`);
  }
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of a string. */
export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The digest of a JSON document as the ledger records it: SHA-256 of its canonical JSON. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
