// One ledger entry: what was applied, on whose request, approved by whom, decided and planned how.
// The format is documented field by field in docs/audit.md; `hash` covers every other field except
// `sig`, and `sig` signs `hash`.
import { z } from 'zod';
import { canonicalJson, sha256Hex } from './canonical.ts';

/** The `prev` of the first entry. */
export const GENESIS_PREV = '0'.repeat(64);

/** Version of the entry format; a change to the fields or to canonical JSON bumps it. */
export const LEDGER_FORMAT = 1;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const Approver = z.strictObject({
  login: z.string().min(1),
  reviewId: z.number().int().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
});

export const ApplyResult = z.strictObject({
  target: z.string().min(1),
  stack: z.string().min(1),
  changed: z.number().int().min(0),
  summary: z.string(),
});

/** The fields the hash is computed over. */
export const EntryBody = z.strictObject({
  format: z.literal(LEDGER_FORMAT),
  seq: z.number().int().min(1),
  time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
  prev: Hex64,
  pullRequest: z.strictObject({ number: z.number().int().min(1), url: z.string().url() }),
  /** The merged commit that was applied. */
  commit: z.string().regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/),
  requests: z.array(z.string().min(1)),
  requester: z.string().min(1),
  approvers: z.array(Approver),
  decisionDigest: Hex64,
  planDigest: Hex64,
  /** One result per stack applied (the apply workflow runs `govern apply` once per affected stack). */
  applyResult: z.array(ApplyResult),
  /** Which public key verifies `sig` (keys.ts keyIdOf). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
});

export const Entry = EntryBody.extend({ hash: Hex64, sig: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/) });

export type ApproverT = z.infer<typeof Approver>;
export type ApplyResultT = z.infer<typeof ApplyResult>;
export type EntryBodyT = z.infer<typeof EntryBody>;
export type EntryT = z.infer<typeof Entry>;

/** SHA-256 over the canonical JSON of the entry without `hash` and `sig`. */
export function entryHash(entry: EntryBodyT | EntryT): string {
  const { hash: _hash, sig: _sig, ...body } = entry as EntryT;
  return sha256Hex(canonicalJson(body));
}

/** The line written to the ledger: the entry's canonical JSON (hash and sig included) and a newline. */
export function entryLine(entry: EntryT): string {
  return canonicalJson(entry) + '\n';
}
