// The one error desiredState() raises: the repository describes something the desired state cannot
// represent (an unknown reference, a name used twice, NAT on a protocol without ports). Validation
// and the policies normally catch these first; desiredState refuses rather than guess (fail closed).
import type { Localized } from '../i18n/index.ts';

export class DesiredStateError extends Error {
  constructor(
    /** Stable code, e.g. E-DESIRED-UNKNOWN-SYSTEM. */
    readonly code: string,
    /** The request file (or inventory document) the problem is in. */
    readonly file: string,
    readonly localized: Localized,
    readonly hint: Localized,
  ) {
    super(`${code} ${file}: ${localized.en}; ${hint.en}`);
    this.name = 'DesiredStateError';
  }
}
