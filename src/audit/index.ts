// The tamper-evident audit ledger (architecture.md "src/audit"): an append-only JSON Lines file of
// applied changes, each entry hash-chained to the one before and signed with the pipeline's Ed25519
// key. This file is the module's only public face. Format: docs/audit.md.
export { canonicalJson, digestOf, sha256Hex, CanonicalJsonError } from './canonical.ts';
export { Entry, EntryBody, Approver, ApplyResult, GENESIS_PREV, LEDGER_FORMAT, entryHash, entryLine } from './entry.ts';
export type { EntryT, EntryBodyT, ApproverT, ApplyResultT } from './entry.ts';
export { AuditError, type AuditErrorCode } from './errors.ts';
export { generateKeyPair, keyIdOf, parsePrivateKey, parsePublicKeys, signHash, verifyHash } from './keys.ts';
export type { GeneratedKeys, PublicKeyInfo } from './keys.ts';
export { verifyLedger } from './verify.ts';
export type { Anchor, Tamper, TamperKind, VerifyResult } from './verify.ts';
export { appendEntry, readLedgerText, LedgerTamperedError } from './append.ts';
export type { AppendInput, AppendOptions } from './append.ts';
export { filterEntries, renderTable, type ShowFilter } from './show.ts';

/** Where the ledger and the pipeline's public key live, relative to the repository root. */
export const DEFAULT_LEDGER = 'audit/ledger.jsonl';
export const DEFAULT_PUBLIC_KEY = 'audit/pipeline-key.pub';
