// Rego built-ins: glob.match and glob.quote_meta, with the syntax of github.com/gobwas/glob that OPA
// uses: `*` any run without separators, `**` any run, `?` one non-separator character, `[abc]`,
// `[a-z]`, `[!...]`, `{alt1,alt2}` alternatives and `\` escapes. Patterns compile to JS regexes.
import type { Value } from '../value.ts';
import { arg, builtinErr, def, elementErr, strArg, typeErr } from './args.ts';
import type { BuiltinContext, BuiltinDef } from './types.ts';

const hex = (s: string): string => `\\u{${s.codePointAt(0)!.toString(16)}}`;

function compileGlob(fn: string, pattern: string, seps: string[]): RegExp {
  const chars = Array.from(pattern);
  const notSep = seps.length === 0 ? '[\\s\\S]' : `[^${seps.map(hex).join('')}]`;
  let i = 0;
  const fail = (msg: string): never => {
    throw builtinErr(fn, `${msg} in glob ${JSON.stringify(pattern)}`);
  };
  const parse = (inAlt: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i]!;
      if (inAlt && (c === ',' || c === '}')) return out;
      i++;
      switch (c) {
        case '*':
          if (chars[i] === '*') {
            i++;
            out += '[\\s\\S]*';
          } else out += notSep + '*';
          break;
        case '?':
          out += notSep;
          break;
        case '\\':
          if (i >= chars.length) fail('unexpected end of pattern after escape');
          out += hex(chars[i++]!);
          break;
        case '[': {
          let negate = false;
          if (chars[i] === '!') {
            negate = true;
            i++;
          }
          let body = '';
          let closed = false;
          while (i < chars.length) {
            const d = chars[i++]!;
            if (d === ']') {
              closed = true;
              break;
            }
            if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
              const hi = chars[i + 1]!;
              if (hi.codePointAt(0)! < d.codePointAt(0)!) fail('invalid range');
              body += `${hex(d)}-${hex(hi)}`;
              i += 2;
            } else body += hex(d);
          }
          if (!closed) fail('unclosed character class');
          out += body === '' ? (negate ? '[\\s\\S]' : '[]') : `[${negate ? '^' : ''}${body}]`;
          break;
        }
        case '{': {
          const alts: string[] = [];
          for (;;) {
            alts.push(parse(true));
            const d = chars[i++];
            if (d === '}') break;
            if (d !== ',') fail('unclosed alternatives');
          }
          out += `(?:${alts.join('|')})`;
          break;
        }
        default:
          out += hex(c);
      }
    }
    if (inAlt) fail('unclosed alternatives');
    return out;
  };
  const src = parse(false);
  return new RegExp(`^(?:${src})$`, 'u');
}

function delimiters(fn: string, v: Value): string[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw typeErr(fn, 2, v, 'array', 'null');
  if (v.length === 0) return ['.'];
  return v.map((d) => {
    if (typeof d !== 'string') throw elementErr(fn, 2, v, d, 'string');
    // OPA takes the first rune of each delimiter string
    return Array.from(d)[0] ?? '';
  }).filter((d) => d !== '');
}

function globMatch(args: Value[], ctx: BuiltinContext): boolean {
  const fn = 'glob.match';
  const pattern = strArg(fn, args, 0);
  const seps = delimiters(fn, arg(args, 1));
  const s = strArg(fn, args, 2);
  const ck = `glob:${seps.join('\u0000')}\u0001${pattern}`;
  let re = ctx.cache.get(ck) as RegExp | undefined;
  if (!re) {
    re = compileGlob(fn, pattern, seps);
    ctx.cache.set(ck, re);
  }
  return re.test(s);
}

export const builtins: readonly BuiltinDef[] = [
  def('glob.match', 3, globMatch),
  def('glob.quote_meta', 1, (args) => strArg('glob.quote_meta', args, 0).replace(/[*?\\[\]{}]/g, '\\$&')),
];
