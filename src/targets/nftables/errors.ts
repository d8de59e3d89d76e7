// Typed errors of the firewall targets (renderers and the nftables driver), shared by the nftables and
// Huawei USG modules. Each carries a stable code and a Chinese-first message in the project's shape
// `<CODE> <resource>: <what is wrong>; <how to fix>`; the CLI prints it without a stack.
import type { Localized } from '../../i18n/index.ts';

export class FirewallTargetError extends Error {
  constructor(
    readonly code: string,
    readonly localized: Localized,
  ) {
    super(`${code} ${localized.en}`);
    this.name = 'FirewallTargetError';
  }

  /** The message in one language, prefixed by the code. */
  text(lang: 'zh' | 'en'): string {
    return `${this.code} ${this.localized[lang]}`;
  }
}

export function targetError(code: string, resource: string, what: Localized, fix: Localized): FirewallTargetError {
  return new FirewallTargetError(code, {
    zh: `${resource}：${what.zh}；${fix.zh}`,
    en: `${resource}: ${what.en}; ${fix.en}`,
  });
}
