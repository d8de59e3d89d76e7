// The contract of one `govern` command: a plain async function over parsed options.
// Commands never read process.argv nor call process.exit; src/cli/main.ts alone maps errors to exit codes.
import type { Lang, Localized } from '../i18n/index.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandContext {
  /** The repository root the command works on (--repo, default the current directory). */
  readonly cwd: string;
  readonly lang: Lang;
  readonly io: Io;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => Date;
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  readonly description: Localized;
  /** Value name shown in help, e.g. FILE. */
  readonly arg?: string;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

export interface CommandSpec {
  /** Space-separated words: "validate", "rego conformance", "pr gate". */
  readonly name: string;
  readonly summary: Localized;
  /** Usage line after `govern <name>`, e.g. "[--format text|json] [PATH...]". */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}

/** Exit codes of every command (architecture.md). */
export const EXIT = { ok: 0, rejected: 1, usage: 2 } as const;

/** Wrong arguments: exit 2 with this message and the command's usage. */
export class UsageError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = 'UsageError';
  }
}

/** A failure the user can act on (missing tool, unreachable API): exit 2, message without a stack. */
export class OperationalError extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en);
    this.name = 'OperationalError';
  }
}
