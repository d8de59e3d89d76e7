// Entry of the `govern` CLI: finds the command, parses its options, runs it, maps errors to exit codes.
// 0 ok · 1 input rejected (invalid, denied, tampered) · 2 usage or internal error. Never a stack trace
// for a user's mistake; an unexpected crash prints one line plus a hint to report it (stack with GOVERN_DEBUG=1).
import { parseArgs } from 'node:util';
import { localize, parseLang, type Lang } from '../i18n/index.ts';
import { COMMANDS, type CommandEntry } from './registry.ts';
import { EXIT, OperationalError, UsageError, type CommandContext, type CommandSpec, type Io, type OptionSpec, type ParsedArgs } from './types.ts';

const GLOBAL_HELP = {
  zh: '嵊泗县电子政务网络变更治理工具。用法：govern <命令> [选项]，govern <命令> --help 查看命令说明。',
  en: 'Governance tool for the Shengsi County e-government network. Usage: govern <command> [options]; govern <command> --help for details.',
};

export interface MainOptions {
  io?: Io;
  /** The commands (default: the registry); tests pass their own. */
  commands?: readonly CommandEntry[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
};

/** Finds the command whose words are the longest prefix of argv. */
function findCommand(argv: string[], commands: readonly CommandEntry[]): { entry: CommandEntry; rest: string[] } | undefined {
  let best: { entry: CommandEntry; rest: string[] } | undefined;
  for (const entry of commands) {
    const words = entry.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.entry.name.split(' ').length)) {
      best = { entry, rest: argv.slice(words.length) };
    }
  }
  return best;
}

function langOf(argv: string[], env: Record<string, string | undefined>): Lang {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const raw = i < 0 ? env.GOVERN_LANG : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  return parseLang(raw) ?? 'zh';
}

export function helpText(spec: CommandSpec, lang: Lang): string {
  const lines = [`govern ${spec.name} ${spec.usage}`.trim(), '', spec.summary[lang], ''];
  const opts: Record<string, OptionSpec> = { ...spec.options, lang: LANG_OPTION, help: HELP_OPTION };
  for (const [name, o] of Object.entries(opts)) {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.arg ?? 'VALUE'}` : ''}`;
    lines.push(`  ${flag.padEnd(30)} ${o.description[lang]}`);
  }
  return lines.join('\n');
}

const LANG_OPTION: OptionSpec = {
  type: 'string',
  arg: 'zh|en',
  description: { zh: '消息语言（默认 zh）', en: 'message language (default zh)' },
};
const HELP_OPTION: OptionSpec = {
  type: 'boolean',
  short: 'h',
  description: { zh: '显示本说明', en: 'show this help' },
};

async function globalHelp(lang: Lang, commands: readonly CommandEntry[]): Promise<string> {
  const lines = [GLOBAL_HELP[lang], ''];
  for (const entry of commands) {
    const { command } = await entry.load();
    lines.push(`  ${entry.name.padEnd(22)} ${command.summary[lang]}`);
  }
  return lines.join('\n');
}

export async function main(argv: string[], opts: MainOptions = {}): Promise<number> {
  const io = opts.io ?? defaultIo;
  const env = opts.env ?? process.env;
  const lang = langOf(argv, env);
  const commands = opts.commands ?? COMMANDS;
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(await globalHelp(lang, commands));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.err(
      localize(
        { zh: '未知命令：{cmd}。运行 govern --help 查看全部命令。', en: 'unknown command: {cmd}. Run govern --help to list the commands.' },
        lang,
        { cmd: argv[0] },
      ),
    );
    return EXIT.usage;
  }
  let spec: CommandSpec | undefined;
  try {
    spec = (await found.entry.load()).command;
    let parsed;
    try {
      parsed = parseArgs({
        args: found.rest,
        options: { ...spec.options, lang: LANG_OPTION, help: HELP_OPTION },
        allowPositionals: true,
        strict: true,
      });
    } catch (e) {
      throw new UsageError({ zh: `参数错误：${(e as Error).message}`, en: `bad arguments: ${(e as Error).message}` });
    }
    if (parsed.values.help) {
      io.out(helpText(spec, lang));
      return EXIT.ok;
    }
    if (parsed.values.lang !== undefined && parseLang(String(parsed.values.lang)) === undefined) {
      throw new UsageError({ zh: '--lang 只能是 zh 或 en', en: '--lang must be zh or en' });
    }
    const ctx: CommandContext = { cwd: opts.cwd ?? process.cwd(), lang, io, env, now: opts.now ?? (() => new Date()) };
    return await spec.run(parsed as ParsedArgs, ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(e.localized[lang]);
      if (spec) io.err(`govern ${spec.name} ${spec.usage}`);
      return EXIT.usage;
    }
    if (e instanceof OperationalError) {
      io.err(e.localized[lang]);
      return EXIT.usage;
    }
    const err = e as Error;
    io.err(
      lang === 'zh'
        ? `内部错误：${err?.message ?? String(e)}（这是工具的缺陷，请附上命令行向县大数据局报告；设置 GOVERN_DEBUG=1 可看到调用栈）`
        : `internal error: ${err?.message ?? String(e)} (a defect of the tool: please report it with the command line; set GOVERN_DEBUG=1 for the stack)`,
    );
    if (env.GOVERN_DEBUG) io.err(String(err?.stack));
    return EXIT.usage;
  }
}
