// Translation of Go regular expressions (RE2 syntax, package regexp/syntax) into JavaScript
// RegExp source with the `u` flag, so that OPA's regex.* built-ins match what Go matches.
//
// The parser follows RE2's grammar and rejects what Go rejects, with Go's error text
// ("error parsing regexp: invalid escape sequence: `\1`"); what both accept is rewritten where the
// two engines differ: `.` never matches \n unless (?s), `^`/`$` only see \n as a line end, `\s` is
// ASCII, \A \z \Q..\E and POSIX classes exist, flags may change mid-pattern, braces that are not a
// repeat are literals. docs/rego-regex.md lists every difference and what we do about it.

export class RE2SyntaxError extends Error {}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
  U: boolean;
}

type Range = [number, number];

const MAX_CP = 0x10ffff;
const MAX_REPEAT = 1000;

// Go's \s is [\t\n\f\r ] (no \v, no Unicode spaces)
const PERL: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [
    [0x09, 0x0a],
    [0x0c, 0x0d],
    [0x20, 0x20],
  ],
  w: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x5f, 0x5f],
    [0x61, 0x7a],
  ],
};

const POSIX: Record<string, Range[]> = {
  alnum: [
    [0x30, 0x39],
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  alpha: [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ],
  ascii: [[0x00, 0x7f]],
  blank: [
    [0x09, 0x09],
    [0x20, 0x20],
  ],
  cntrl: [
    [0x00, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [
    [0x21, 0x2f],
    [0x3a, 0x40],
    [0x5b, 0x60],
    [0x7b, 0x7e],
  ],
  space: [
    [0x09, 0x0d],
    [0x20, 0x20],
  ],
  upper: [[0x41, 0x5a]],
  word: PERL.w!,
  xdigit: [
    [0x30, 0x39],
    [0x41, 0x46],
    [0x61, 0x66],
  ],
};

// Unicode general categories (JS accepts these bare); any other \p name is a script
const CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

function normalise(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function complement(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalise(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

/** Adds the simple case variants of every letter in the ranges (for (?i) scoped to part of a pattern). */
function foldRanges(ranges: Range[]): Range[] {
  const out: Range[] = [...ranges];
  for (const [lo, hi] of ranges) {
    // ASCII letters by range arithmetic; other code points one by one when the range is small
    const a = Math.max(lo, 0x41);
    const b = Math.min(hi, 0x5a);
    if (a <= b) out.push([a + 32, b + 32]);
    const c = Math.max(lo, 0x61);
    const d = Math.min(hi, 0x7a);
    if (c <= d) out.push([c - 32, d - 32]);
    if (hi - lo < 2000) {
      for (let cp = Math.max(lo, 0x80); cp <= hi; cp++) {
        for (const v of caseVariants(cp)) out.push([v, v]);
      }
    }
  }
  return normalise(out);
}

function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const out = new Set<number>();
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    if (Array.from(v).length === 1) out.add(v.codePointAt(0)!);
  }
  out.delete(cp);
  return [...out];
}

const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;
const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);

function emitLiteral(cp: number): string {
  const c = String.fromCodePoint(cp);
  return isAlnum(c) || (cp > 0x7f && !/\p{White_Space}/u.test(c) && !(cp >= 0xd800 && cp <= 0xdfff)) ? c : hex(cp);
}

function emitRanges(ranges: Range[], negate: boolean, extra: string[] = []): string {
  const body =
    normalise(ranges)
      .map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`))
      .join('') + extra.join('');
  if (body === '') return negate ? '[\\s\\S]' : '[]';
  return `[${negate ? '^' : ''}${body}]`;
}

export interface Translated {
  source: string;
  flags: string;
  groups: number;
}

class Parser {
  private pos = 0;
  private readonly chars: string[];
  private groups = 0;
  private readonly names = new Set<string>();
  private readonly globalI: boolean;

  constructor(private readonly expr: string) {
    this.chars = Array.from(expr);
    // a pattern that turns on (?i) at its very start and never turns it off can use JS's own
    // Unicode case folding; otherwise letters are folded by hand where (?i) is in force
    this.globalI = /^\(\?[a-zA-Z]*i[a-zA-Z]*\)/.test(expr) && !/\(\?[a-zA-Z]*-[a-zA-Z]*i/.test(expr);
  }

  private err(code: string, arg: string): never {
    throw new RE2SyntaxError(`error parsing regexp: ${code}: \`${arg}\``);
  }

  private peek(o = 0): string | undefined {
    return this.chars[this.pos + o];
  }

  translate(): Translated {
    const flags: Flags = { i: false, s: false, m: false, U: false };
    const source = this.alternation(flags, 0);
    if (this.pos < this.chars.length) this.err('unexpected )', this.expr);
    return { source, flags: this.globalI ? 'ui' : 'u', groups: this.groups };
  }

  private alternation(flags: Flags, depth: number): string {
    const branches: string[] = [this.sequence(flags, depth)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.sequence(flags, depth));
    }
    return branches.join('|');
  }

  private sequence(flags: Flags, depth: number): string {
    let out = '';
    let lastAtom: string | undefined;
    let lastAtomIsAssertion = false;
    let lastRepeat = '';
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|') break;
      if (c === ')') {
        if (depth === 0) this.err('unexpected )', this.expr);
        break;
      }
      const rep = this.repeatOp();
      if (rep) {
        if (lastRepeat !== '') this.err('invalid nested repetition operator', lastRepeat + rep.text);
        if (lastAtom === undefined) this.err('missing argument to repetition operator', rep.text);
        const greedy = rep.lazy === flags.U;
        const atom = lastAtomIsAssertion ? `(?:${lastAtom})` : lastAtom!;
        out = out.slice(0, out.length - lastAtom!.length) + atom + rep.js + (greedy ? '' : '?');
        lastRepeat = rep.text;
        lastAtom = atom + rep.js + (greedy ? '' : '?');
        continue;
      }
      lastRepeat = '';
      const start = out.length;
      const before = this.pos;
      const res = this.atom(flags, depth);
      if (res === null) {
        // a flag group such as (?i): changes flags, emits nothing, cannot be repeated
        lastAtom = undefined;
        continue;
      }
      out += res.js;
      lastAtom = out.slice(start);
      lastAtomIsAssertion = res.assertion;
      if (this.pos === before) break;
    }
    return out;
  }

  /** A repetition operator at the cursor, or undefined (a `{` that is not a repeat is a literal). */
  private repeatOp(): { text: string; js: string; lazy: boolean } | undefined {
    const c = this.peek();
    let text: string;
    let js: string;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      text = c;
      js = c;
    } else if (c === '{') {
      const rest = this.chars.slice(this.pos).join('');
      const m = /^\{(\d+)(,(\d*))?\}/.exec(rest);
      if (!m) return undefined;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) this.err('invalid repeat count', m[0]);
      this.pos += Array.from(m[0]).length;
      text = m[0];
      js = m[0];
    } else return undefined;
    let lazy = false;
    if (this.peek() === '?') {
      this.pos++;
      lazy = true;
      text += '?';
    }
    return { text, js, lazy };
  }

  private atom(flags: Flags, depth: number): { js: string; assertion: boolean } | null {
    const c = this.chars[this.pos++]!;
    switch (c) {
      case '(':
        return this.group(flags, depth);
      case '[':
        return { js: this.charClass(flags), assertion: false };
      case '.':
        return { js: flags.s ? '[\\s\\S]' : '[^\\n]', assertion: false };
      case '^':
        return { js: flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])', assertion: true };
      case '$':
        return { js: flags.m ? '(?![^\\n])' : '(?![\\s\\S])', assertion: true };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        return this.err('missing argument to repetition operator', c);
      default:
        return { js: this.literal(c.codePointAt(0)!, flags), assertion: false };
    }
  }

  private literal(cp: number, flags: Flags): string {
    if (flags.i && !this.globalI) {
      const vs = caseVariants(cp);
      if (vs.length > 0) return emitRanges([[cp, cp], ...vs.map((v): Range => [v, v])], false);
    }
    return emitLiteral(cp);
  }

  private group(flags: Flags, depth: number): { js: string; assertion: boolean } | null {
    if (this.peek() !== '?') {
      this.groups++;
      return { js: '(' + this.groupBody({ ...flags }, depth) + ')', assertion: false };
    }
    // (?P<name>re), (?<name>re), (?flags), (?flags:re)
    const rest = this.chars.slice(this.pos).join('');
    if (rest.startsWith('?P<') || rest.startsWith('?<')) {
      // named capture; lookbehind (?<= (?<! has no closing '>' and fails here, as in Go
      const close = rest.indexOf('>');
      if (close < 0) this.err('invalid named capture', '(' + rest);
      const name = rest.slice(rest.indexOf('<') + 1, close);
      if (name === '' || !/^[A-Za-z0-9_]+$/.test(name)) this.err('invalid named capture', '(' + rest.slice(0, close + 1));
      if (this.names.has(name)) this.err('duplicate capture group name', name);
      this.names.add(name);
      this.pos += Array.from(rest.slice(0, close + 1)).length;
      this.groups++;
      // emitted unnamed: JS names must be identifiers, and only group numbers are used
      return { js: '(' + this.groupBody({ ...flags }, depth) + ')', assertion: false };
    }
    const fm = /^\?([a-zA-Z]*(?:-[a-zA-Z]*)?)([:)])/.exec(rest);
    if (!fm || !/^[imsU]*(?:-[imsU]*)?$/.test(fm[1]!) || fm[1] === '-' || (fm[1]!.endsWith('-') && fm[2] === ')')) {
      // lookahead, lookbehind, atomic groups, backreference calls...: RE2 has none of them
      this.err('invalid or unsupported Perl syntax', '(?' + (this.chars[this.pos + 1] ?? ''));
    }
    const m = fm!;
    const [on = '', off = ''] = m[1]!.split('-');
    const nf: Flags = { ...flags };
    for (const f of on) nf[f as keyof Flags] = true;
    for (const f of off) nf[f as keyof Flags] = false;
    this.pos += Array.from(m[0]).length;
    if (m[2] === ')') {
      Object.assign(flags, nf);
      return null;
    }
    return { js: '(?:' + this.groupBody(nf, depth) + ')', assertion: false };
  }

  private groupBody(flags: Flags, depth: number): string {
    const body = this.alternation(flags, depth + 1);
    if (this.peek() !== ')') this.err('missing closing )', this.expr);
    this.pos++;
    return body;
  }

  /** \p{Greek}, \pL, \P{..}, \p{^..}: JS source for the class, usable inside or outside brackets. */
  private unicodeClass(negated: boolean): string {
    let name: string;
    const start = this.pos - 2;
    if (this.peek() === '{') {
      const close = this.chars.indexOf('}', this.pos);
      if (close < 0) this.err('invalid character class range', this.chars.slice(start).join(''));
      name = this.chars.slice(this.pos + 1, close).join('');
      this.pos = close + 1;
    } else {
      const n = this.chars[this.pos++];
      if (n === undefined) this.err('invalid character class range', this.chars.slice(start).join(''));
      name = n!;
    }
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const p = negated ? 'P' : 'p';
    if (name === 'Any') return negated ? '[]' : '[\\s\\S]';
    if (CATEGORIES.has(name)) return `\\${p}{${name}}`;
    try {
      new RegExp(`\\p{Script=${name}}`, 'u');
    } catch {
      this.err('invalid character class range', this.chars.slice(start, this.pos).join(''));
    }
    return `\\${p}{Script=${name}}`;
  }

  /** A single escaped code point (\n, \x41, \x{263a}, \012, \.), or undefined if not one. */
  private escapedCodePoint(c: string): number | undefined {
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (c in simple) return simple[c];
    if (c === 'x') {
      if (this.peek() === '{') {
        const close = this.chars.indexOf('}', this.pos);
        const h = close < 0 ? '' : this.chars.slice(this.pos + 1, close).join('');
        if (!/^[0-9a-fA-F]+$/.test(h) || parseInt(h, 16) > MAX_CP) {
          this.err('invalid escape sequence', '\\x' + this.chars.slice(this.pos, close < 0 ? undefined : close + 1).join(''));
        }
        this.pos = close + 1;
        return parseInt(h, 16);
      }
      const h = this.chars.slice(this.pos, this.pos + 2).join('');
      if (!/^[0-9a-fA-F]{2}$/.test(h)) this.err('invalid escape sequence', '\\x' + h);
      this.pos += 2;
      return parseInt(h, 16);
    }
    if (/[0-7]/.test(c)) {
      // \1-\9 alone would be a backreference, which RE2 does not support
      if (c !== '0' && !/[0-7]/.test(this.peek() ?? '')) this.err('invalid escape sequence', '\\' + c);
      let digits = c;
      while (digits.length < 3 && /[0-7]/.test(this.peek() ?? '')) digits += this.chars[this.pos++];
      return parseInt(digits, 8);
    }
    if (c.length === 1 && c.charCodeAt(0) < 0x80 && !isAlnum(c)) return c.charCodeAt(0);
    return undefined;
  }

  private escape(flags: Flags): { js: string; assertion: boolean } {
    const c = this.chars[this.pos++];
    if (c === undefined) return this.err('trailing backslash at end of expression', '');
    switch (c) {
      case 'A':
        return { js: '(?<![\\s\\S])', assertion: true };
      case 'z':
        return { js: '(?![\\s\\S])', assertion: true };
      case 'b':
        return { js: '\\b', assertion: true };
      case 'B':
        return { js: '\\B', assertion: true };
      case 'd':
      case 's':
      case 'w':
        return { js: emitRanges(this.fold(PERL[c]!, flags), false), assertion: false };
      case 'D':
      case 'S':
      case 'W':
        return { js: emitRanges(this.fold(PERL[c.toLowerCase()]!, flags), true), assertion: false };
      case 'p':
      case 'P':
        return { js: this.unicodeClass(c === 'P'), assertion: false };
      case 'Q': {
        let js = '';
        while (this.pos < this.chars.length) {
          if (this.peek() === '\\' && this.peek(1) === 'E') {
            this.pos += 2;
            break;
          }
          js += this.literal(this.chars[this.pos++]!.codePointAt(0)!, flags);
        }
        return { js: js === '' ? '(?:)' : `(?:${js})`, assertion: false };
      }
    }
    const cp = this.escapedCodePoint(c);
    if (cp === undefined) this.err('invalid escape sequence', '\\' + c);
    return { js: this.literal(cp!, flags), assertion: false };
  }

  private fold(ranges: Range[], flags: Flags): Range[] {
    return flags.i && !this.globalI ? foldRanges(ranges) : ranges;
  }

  private charClass(flags: Flags): string {
    const start = this.pos - 1;
    const missing = (): never => this.err('missing closing ]', this.chars.slice(start).join(''));
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    const extra: string[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) missing();
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      // [:alpha:] and [:^alpha:]
      if (c === '[' && this.peek(1) === ':') {
        const rest = this.chars.slice(this.pos).join('');
        const m = /^\[:(\^?)([a-z]+):\]/.exec(rest);
        if (m) {
          const cls = POSIX[m[2]!];
          if (!cls) this.err('invalid character class range', m[0]);
          ranges.push(...(m[1] ? complement(cls!) : cls!));
          this.pos += m[0].length;
          continue;
        }
      }
      const lo = this.classAtom(ranges, extra, start);
      if (lo === undefined) continue;
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        const save = this.pos;
        this.pos++;
        const hiStart = this.pos;
        const hi = this.classAtom(ranges, extra, start);
        if (hi === undefined) this.err('invalid character class range', this.chars.slice(save - 1, this.pos).join(''));
        if (hi! < lo) this.err('invalid character class range', this.chars.slice(hiStart - 2, this.pos).join(''));
        ranges.push([lo, hi!]);
      } else ranges.push([lo, lo]);
    }
    const folded = this.fold(ranges, flags);
    return emitRanges(folded, negate, extra);
  }

  /** One class member: a code point (returned) or a class escape (added to ranges/extra). */
  private classAtom(ranges: Range[], extra: string[], start: number): number | undefined {
    const c = this.chars[this.pos++];
    if (c === undefined) return this.err('missing closing ]', this.chars.slice(start).join(''));
    if (c !== '\\') return c.codePointAt(0)!;
    const e = this.chars[this.pos++];
    if (e === undefined) return this.err('missing closing ]', this.chars.slice(start).join(''));
    if ('dsw'.includes(e)) {
      ranges.push(...PERL[e]!);
      return undefined;
    }
    if ('DSW'.includes(e)) {
      ranges.push(...complement(PERL[e.toLowerCase()]!));
      return undefined;
    }
    if (e === 'p' || e === 'P') {
      const js = this.unicodeClass(e === 'P');
      if (js === '[\\s\\S]') ranges.push([0, MAX_CP]);
      else if (js !== '[]') extra.push(js);
      return undefined;
    }
    const cp = this.escapedCodePoint(e);
    if (cp === undefined) this.err('invalid escape sequence', '\\' + e);
    return cp;
  }
}

/** Translates a Go (RE2) pattern; throws RE2SyntaxError with Go's message when Go rejects it. */
export function translateRE2(expr: string): Translated {
  return new Parser(expr).translate();
}
