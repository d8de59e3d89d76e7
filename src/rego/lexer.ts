// Tokeniser for Rego source text. Tracks whether whitespace or a newline precedes each token
// because Rego is newline-sensitive (expressions end at a newline; `a [1]` is not a reference).
import { RegoError } from './errors.ts';

export type TokKind = 'ident' | 'number' | 'string' | 'punct' | 'template' | 'eof';

export interface Token {
  kind: TokKind;
  text: string;
  /** Decoded string value for strings; for templates, the raw inside text. */
  str?: string;
  raw?: boolean;
  offset: number;
  end: number;
  row: number;
  col: number;
  nl: boolean;
  ws: boolean;
}

export interface Comment {
  text: string;
  row: number;
  col: number;
}

const PUNCT3 = new Set<string>();
const PUNCT2 = new Set([':=', '==', '!=', '<=', '>=']);
const PUNCT1 = new Set('{}[]().,;:=<>+-*/%|&'.split(''));

const interned = new Map<string, string>();

/** Identifiers and string literals become internalised strings: Map lookups compare them by pointer. */
function intern(s: string): string {
  let v = interned.get(s);
  if (v === undefined) {
    v = (Object.keys({ [s]: 0 })[0] ?? s) as string;
    if (interned.size < 100000) interned.set(v, v);
  }
  return v;
}

export function lex(text: string, file: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  const n = text.length;
  const err = (msg: string, at: number): never => {
    throw new RegoError('rego_parse_error', msg, { file, row, col: at - lineStart + 1 });
  };
  while (true) {
    let nl = false;
    let ws = false;
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        nl = true;
        ws = true;
        i++;
        row++;
        lineStart = i;
      } else if (c === ' ' || c === '\t' || c === '\r') {
        ws = true;
        i++;
      } else if (c === '#') {
        const s = i;
        while (i < n && text[i] !== '\n') i++;
        comments.push({ text: text.slice(s + 1, i).replace(/\r$/, ''), row, col: s - lineStart + 1 });
        ws = true;
      } else break;
    }
    const start = i;
    const col = i - lineStart + 1;
    const mk = (kind: TokKind, t: string, extra?: Partial<Token>): void => {
      tokens.push({ kind, text: t, offset: start, end: i, row, col, nl, ws, ...extra });
    };
    if (i >= n) {
      mk('eof', '');
      break;
    }
    const c = text[i]!;
    if (/[A-Za-z_]/.test(c)) {
      while (i < n && /[A-Za-z0-9_]/.test(text[i]!)) i++;
      mk('ident', intern(text.slice(start, i)));
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < n && /[0-9]/.test(text[i]!)) i++;
      if (text[i] === '.' && /[0-9]/.test(text[i + 1] ?? '')) {
        i++;
        while (i < n && /[0-9]/.test(text[i]!)) i++;
      }
      if (text[i] === 'e' || text[i] === 'E') {
        let j = i + 1;
        if (text[j] === '+' || text[j] === '-') j++;
        if (/[0-9]/.test(text[j] ?? '')) {
          i = j;
          while (i < n && /[0-9]/.test(text[i]!)) i++;
        }
      }
      mk('number', text.slice(start, i));
      continue;
    }
    if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\\') i++;
        if (text[i] === '\n') err('non-terminated string', start);
        i++;
      }
      if (i >= n) err('non-terminated string', start);
      i++;
      const lit = text.slice(start, i);
      let str: string;
      try {
        str = JSON.parse(lit) as string;
      } catch {
        return err('illegal string escape', start);
      }
      mk('string', lit, { str: str.length <= 64 ? intern(str) : str });
      continue;
    }
    if (c === '`') {
      i++;
      while (i < n && text[i] !== '`') {
        if (text[i] === '\n') {
          row++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= n) err('non-terminated raw string', start);
      i++;
      tokens.push({ kind: 'string', text: text.slice(start, i), str: text.slice(start + 1, i - 1), raw: true, offset: start, end: i, row: tokensRow(text, start), col, nl, ws });
      continue;
    }
    if (c === '$' && (text[i + 1] === '"' || text[i + 1] === '`')) {
      const q = text[i + 1]!;
      i += 2;
      let depth = 0;
      while (i < n) {
        const d = text[i]!;
        if (q === '"' && d === '\\') {
          i += 2;
          continue;
        }
        if (d === '{') depth++;
        else if (d === '}') depth = Math.max(0, depth - 1);
        else if (d === q && depth === 0) break;
        else if (d === '"' && depth > 0) {
          // a string inside an interpolated expression
          i++;
          while (i < n && text[i] !== '"') {
            if (text[i] === '\\') i++;
            i++;
          }
        }
        if (d === '\n') {
          row++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= n) err('non-terminated template string', start);
      i++;
      tokens.push({ kind: 'template', text: text.slice(start, i), str: text.slice(start + 2, i - 1), raw: q === '`', offset: start, end: i, row: tokensRow(text, start), col, nl, ws });
      continue;
    }
    const three = text.slice(i, i + 3);
    if (PUNCT3.has(three)) {
      i += 3;
      mk('punct', three);
      continue;
    }
    const two = text.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      i += 2;
      mk('punct', two);
      continue;
    }
    if (PUNCT1.has(c)) {
      i++;
      mk('punct', c);
      continue;
    }
    err(`illegal token '${c}'`, start);
  }
  return { tokens, comments };
}

function tokensRow(text: string, offset: number): number {
  let r = 1;
  for (let k = 0; k < offset; k++) if (text.charCodeAt(k) === 10) r++;
  return r;
}
