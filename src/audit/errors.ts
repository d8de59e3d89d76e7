// Typed errors of the audit ledger. An AuditError is a condition the operator acts on (a missing or
// bad key, bad input, a held lock): the CLI prints its bilingual message and exits 2. Tampering is not
// an error but a verification result (exit 1), see verify.ts.
import type { Localized } from '../i18n/index.ts';
import { OperationalError } from '../cli/types.ts';

export type AuditErrorCode = 'AUDIT-KEY' | 'AUDIT-INPUT' | 'AUDIT-LOCK' | 'AUDIT-IO';

export class AuditError extends OperationalError {
  constructor(
    readonly code: AuditErrorCode,
    message: Localized,
  ) {
    super({ zh: `${code} ${message.zh}`, en: `${code} ${message.en}` });
    this.name = 'AuditError';
  }
}
