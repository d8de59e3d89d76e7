// Rego built-ins: regex.* and re_match over Go (RE2) patterns translated by re2.ts, with Go's
// match iteration rules (regexp.FindAll*, Split, ReplaceAllString, template expansion).
import type { Value } from '../value.ts';
import { arg, builtinErr, def, smallIntArg, strArg } from './args.ts';
import { RE2SyntaxError, translateRE2 } from './re2.ts';
import type { BuiltinContext, BuiltinDef } from './types.ts';

// compiled patterns are also kept across queries: translation is pure and policies reuse patterns
const shared = new Map<string, RegExp>();
const SHARED_MAX = 1000;

/** Compiles a Go pattern (cached), or throws eval_builtin_error with Go's parse error. */
export function compileRE2(fn: string, pattern: string, ctx?: BuiltinContext): RegExp {
  const ck = 're2:' + pattern;
  const hit = (ctx?.cache.get(ck) as RegExp | undefined) ?? shared.get(pattern);
  if (hit) return hit;
  let re: RegExp;
  try {
    const t = translateRE2(pattern);
    re = new RegExp(t.source, t.flags + 'g');
  } catch (e) {
    if (e instanceof RE2SyntaxError) throw builtinErr(fn, e.message);
    // our translation produced something V8 refuses: fail closed with the reason
    throw builtinErr(fn, `error parsing regexp: unsupported by this engine: ${(e as Error).message}`);
  }
  ctx?.cache.set(ck, re);
  if (shared.size >= SHARED_MAX) shared.clear();
  shared.set(pattern, re);
  return re;
}

/** Go's allMatches: non-overlapping, and an empty match right after a match is skipped. */
export function goMatches(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      const cp = s.codePointAt(end);
      pos = end + (cp === undefined ? 1 : cp > 0xffff ? 2 : 1);
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

function split(re: RegExp, s: string): string[] {
  if (s === '' && re.source !== '(?:)') return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of goMatches(re, s, -1)) {
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** Go's Regexp.Expand template: $1, ${1}, $name, ${name}, $$. */
function expand(template: string, m: RegExpExecArray, names: Map<string, number>): string {
  return template.replace(/\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g, (all, tok: string, braced?: string, bare?: string) => {
    if (tok === '$') return '$';
    const name = braced ?? bare ?? '';
    let idx: number | undefined;
    if (/^\d+$/.test(name)) idx = Number(name);
    else idx = names.get(name);
    if (idx === undefined || idx >= m.length) return '';
    return m[idx] ?? '';
  });
}

/** Group names in order of their opening parenthesis, for $name in regex.replace. */
function groupNames(pattern: string): Map<string, number> {
  const names = new Map<string, number>();
  let n = 0;
  const re = /\\.|\[(?:\\.|[^\]\\])*\]|\((\?P?<([A-Za-z0-9_]+)>|\?)?/g;
  for (let m = re.exec(pattern); m; m = re.exec(pattern)) {
    if (!m[0].startsWith('(')) continue;
    if (m[1] === '?') continue;
    n++;
    if (m[2]) names.set(m[2], n);
  }
  return names;
}

function replaceAll(re: RegExp, pattern: string, s: string, rep: string): string {
  const names = groupNames(pattern);
  let out = '';
  let last = 0;
  for (const m of goMatches(re, s, -1)) {
    out += s.slice(last, m.index) + expand(rep, m, names);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** regex.template_match: literal text with regex parts between delimiters, matched whole. */
function templateMatch(args: Value[], ctx: BuiltinContext): boolean {
  const fn = 'regex.template_match';
  const tpl = strArg(fn, args, 0);
  const s = strArg(fn, args, 1);
  const open = strArg(fn, args, 2);
  const close = strArg(fn, args, 3);
  let pattern = '^';
  let i = 0;
  while (i < tpl.length) {
    const at = tpl.indexOf(open, i);
    if (at < 0) {
      pattern += quoteMeta(tpl.slice(i));
      break;
    }
    pattern += quoteMeta(tpl.slice(i, at));
    // find the matching close delimiter, counting nested open delimiters
    let level = 1;
    let j = at + open.length;
    while (j < tpl.length && level > 0) {
      if (tpl.startsWith(open, j)) {
        level++;
        j += open.length;
      } else if (tpl.startsWith(close, j)) {
        level--;
        if (level === 0) break;
        j += close.length;
      } else j++;
    }
    if (level !== 0) throw builtinErr(fn, `unbalanced braces in ${JSON.stringify(tpl)}`);
    pattern += '(' + tpl.slice(at + open.length, j) + ')';
    i = j + close.length;
  }
  pattern += '$';
  const re = compileRE2(fn, pattern, ctx);
  re.lastIndex = 0;
  return re.test(s);
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

function isMatch(fn: string, args: Value[], ctx: BuiltinContext): boolean {
  const re = compileRE2(fn, strArg(fn, args, 0), ctx);
  re.lastIndex = 0;
  return re.test(strArg(fn, args, 1));
}

export const builtins: readonly BuiltinDef[] = [
  def('regex.match', 2, (args, ctx) => isMatch('regex.match', args, ctx)),
  def('re_match', 2, (args, ctx) => isMatch('re_match', args, ctx)),
  def('regex.is_valid', 1, (args, ctx) => {
    const p = arg(args, 0);
    if (typeof p !== 'string') return false;
    try {
      compileRE2('regex.is_valid', p, ctx);
      return true;
    } catch {
      return false;
    }
  }),
  def('regex.split', 2, (args, ctx) => split(compileRE2('regex.split', strArg('regex.split', args, 0), ctx), strArg('regex.split', args, 1))),
  def('regex.find_n', 3, (args, ctx) => {
    const fn = 'regex.find_n';
    const re = compileRE2(fn, strArg(fn, args, 0), ctx);
    return goMatches(re, strArg(fn, args, 1), smallIntArg(fn, args, 2)).map((m) => m[0]);
  }),
  def('regex.find_all_string_submatch_n', 3, (args, ctx) => {
    const fn = 'regex.find_all_string_submatch_n';
    const re = compileRE2(fn, strArg(fn, args, 0), ctx);
    return goMatches(re, strArg(fn, args, 1), smallIntArg(fn, args, 2)).map((m) => [...m].map((g) => g ?? ''));
  }),
  def('regex.replace', 3, (args, ctx) => {
    const fn = 'regex.replace';
    const s = strArg(fn, args, 0);
    const pattern = strArg(fn, args, 1);
    const rep = strArg(fn, args, 2);
    return replaceAll(compileRE2(fn, pattern, ctx), pattern, s, rep);
  }),
  def('regex.template_match', 4, templateMatch),
];
