// Bytes -> one YAML document -> plain value, with the source position of every field. Hostile input
// (binary, bad encoding, huge, deeply nested, alias bombs, duplicate keys, several documents) ends in
// a positioned diagnostic, never in a hang or a stack trace.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Diagnostic } from '../i18n/index.ts';
import type { SourcePos } from '../model/index.ts';
import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_REQUEST_BYTES } from './limits.ts';
import { fastParse, LazyMap, readBlockSubset } from './fast-yaml.ts';
import { diagnostic } from './messages.ts';

export interface ParsedYaml {
  /** The document as plain data; undefined when any diagnostic was raised. */
  readonly value?: unknown;
  /**
   * Where each field is written, by path ('.'-joined keys and indexes, e.g. "ports.0.purpose"):
   * for a mapping entry the position of its key, for a sequence item the item; "" is the document.
   */
  readonly positions: ReadonlyMap<string, SourcePos>;
  /** Where each value starts (for an entry `port: abc`, the position of `abc`). */
  readonly valuePositions: ReadonlyMap<string, SourcePos>;
  readonly diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Size limit in bytes (default: the request limit). */
  readonly maxBytes?: number;
}

const START: SourcePos = { line: 1, column: 1 };

function posAt(text: string, offset: number): SourcePos {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    let min = 0;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

function bytePos(b: Uint8Array, offset: number): SourcePos {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  const col = new TextDecoder('utf-8').decode(b.subarray(lineStart, offset)).length + 1;
  return { line, column: col };
}

/**
 * Estimates nesting depth line by line without building anything, so that a 10,000-level document is
 * refused before the YAML parser spends time on it. Block depth: the stack of indentations plus
 * compact "- - -" items; flow depth: brackets opened where a value may start. Returns the offset
 * where the depth first exceeds `limit`, or -1. The AST walk checks the exact depth afterwards.
 */
export function findExcessiveNesting(text: string, limit: number): number {
  const indents: number[] = [];
  let flow = 0;
  let blockScalarIndent = -1; // inside a literal/folded scalar: lines indented more than this
  let offset = 0;
  while (offset <= text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    let i = offset;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const indent = i - offset;
    const blank = i >= end || text[i] === '#' || text[i] === '\r';
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      offset = end + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (!blank) {
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
        indents.push(indent);
      }
      let depth = indents.length + flow;
      let valueStart = true;
      let keySeen = false;
      let quote = '';
      for (let j = i; j < end; j++) {
        const ch = text[j]!;
        if (quote) {
          if (ch === quote) quote = '';
          continue;
        }
        if (ch === '#' && (j === offset || text[j - 1] === ' ')) break;
        if (valueStart && (ch === '"' || ch === "'")) {
          quote = ch;
          valueStart = false;
          continue;
        }
        if ((ch === '[' || ch === '{') && (valueStart || flow > 0)) {
          flow++;
          depth++;
          valueStart = true;
        } else if ((ch === ']' || ch === '}') && flow > 0) {
          flow--;
          depth--;
        } else if (ch === '-' && valueStart && flow === 0 && (text[j + 1] === ' ' || j + 1 === end)) {
          depth++;
        } else if (ch === ',' && flow > 0) {
          valueStart = true;
        } else if (ch === ':' && (text[j + 1] === ' ' || j + 1 === end)) {
          // a block key opens one level for a value on the same line; keys inside flow collections
          // are already counted by their bracket
          valueStart = true;
          if (flow === 0 && !keySeen) depth++;
          keySeen = true;
        } else if (ch === '|' || ch === '>') {
          if (valueStart && flow === 0) blockScalarIndent = indent;
        } else if (ch !== ' ' && ch !== '\t') {
          valueStart = false;
        }
        if (depth > limit) return j;
      }
    }
    offset = end + 1;
  }
  return -1;
}

/** Parses one YAML file. Never throws for any input. */
export function parseYamlFile(file: string, input: Uint8Array | string, opts: ParseOptions = {}): ParsedYaml {
  const positions = new Map<string, SourcePos>();
  const valuePositions = new Map<string, SourcePos>();
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic): ParsedYaml => ({ positions, valuePositions, diagnostics: [...diagnostics, d] });
  const maxBytes = opts.maxBytes ?? MAX_REQUEST_BYTES;

  let text: string;
  if (typeof input === 'string') {
    if (Buffer.byteLength(input, 'utf8') > maxBytes)
      return fail(diagnostic('E-FILE-TOO-LARGE', file, START, { size: Buffer.byteLength(input, 'utf8'), limit: maxBytes }));
    text = input;
    const nul = text.indexOf('\0');
    if (nul >= 0) return fail(diagnostic('E-BINARY', file, posAt(text, nul)));
  } else {
    if (input.length > maxBytes) return fail(diagnostic('E-FILE-TOO-LARGE', file, START, { size: input.length, limit: maxBytes }));
    const nul = input.indexOf(0);
    if (nul >= 0) return fail(diagnostic('E-BINARY', file, bytePos(input, nul)));
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      const at = Math.max(0, firstInvalidUtf8(input));
      return fail(diagnostic('E-ENCODING', file, bytePos(input, at), { offset: at + 1 }));
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  // The county's own files: read directly, and no nesting pre-scan is needed for what the block
  // reader takes (BLOCK_READER_MAX_DEPTH in fast-yaml.ts says why).
  const block = readBlockSubset(text);
  if (block !== undefined) return { value: block, ...lazyPositions(file, text), diagnostics };

  const deep = findExcessiveNesting(text, MAX_DEPTH);
  if (deep >= 0) return fail(diagnostic('E-NESTING', file, posAt(text, deep), { limit: MAX_DEPTH }));

  const fast = fastParse(text);
  if (fast !== undefined) return { value: fast, ...lazyPositions(file, text), diagnostics };
  return parseText(file, text);
}

/**
 * The positions of a document already known to be valid (read by the fast path, or taken from the
 * load cache), computed by the full parser only if something asks for one (fast-yaml.ts).
 */
export function lazyPositions(file: string, text: string): Pick<ParsedYaml, 'positions' | 'valuePositions'> {
  let full: ParsedYaml | undefined;
  const slow = (): ParsedYaml => (full ??= parseText(file, text));
  return { positions: new LazyMap(() => new Map(slow().positions)), valuePositions: new LazyMap(() => new Map(slow().valuePositions)) };
}

/** The full parser: every node with its position, every problem as a positioned diagnostic. */
function parseText(file: string, text: string): ParsedYaml {
  const positions = new Map<string, SourcePos>();
  const valuePositions = new Map<string, SourcePos>();
  const diagnostics: Diagnostic[] = [];
  const fail = (d: Diagnostic): ParsedYaml => ({ positions, valuePositions, diagnostics: [...diagnostics, d] });
  const lineCounter = new LineCounter();
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, {
      version: '1.2',
      schema: 'core',
      uniqueKeys: true,
      strict: true,
      prettyErrors: false,
      lineCounter,
    });
  } catch (e) {
    // the parser handled 500,000 levels in our tests, but a stack overflow must still not escape
    if (e instanceof RangeError) return fail(diagnostic('E-NESTING', file, START, { limit: MAX_DEPTH }));
    return fail(diagnostic('E-YAML-SYNTAX', file, START, { detail: (e as Error).message }));
  }
  const lp = (offset: number): SourcePos => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0 || list.every((d) => d.contents === null || (isScalar(d.contents) && d.contents.value === null))) {
    const errs = list.flatMap((d) => d.errors);
    if (errs.length === 0) return fail(diagnostic('E-EMPTY', file, START));
  }
  for (const doc of list) {
    for (const e of [...doc.errors, ...doc.warnings]) {
      const pos = lp(e.pos[0]);
      if (e.code === 'DUPLICATE_KEY') {
        const m = /"?([^"]*)"?/.exec(text.slice(e.pos[0], Math.min(e.pos[1], e.pos[0] + 80)));
        diagnostics.push(diagnostic('E-YAML-DUPLICATE-KEY', file, pos, { key: m?.[1] ?? '' }));
      } else {
        diagnostics.push(diagnostic('E-YAML-SYNTAX', file, pos, { detail: e.message.split('\n')[0] }));
      }
    }
  }
  if (list.length > 1) {
    const second = list[1]!;
    diagnostics.push(diagnostic('E-MULTI-DOC', file, lp(second.range?.[0] ?? 0), { n: 2 }));
  }
  if (diagnostics.length > 0) return { positions, valuePositions, diagnostics };
  const doc = list[0]!;

  // Positions, and the exact depth, by an explicit-stack walk (no recursion on untrusted depth).
  const root = doc.contents as Node | null;
  if (root) {
    const stack: { node: Node; path: string; depth: number }[] = [{ node: root, path: '', depth: 1 }];
    const rootPos = lp(root.range?.[0] ?? 0);
    positions.set('', rootPos);
    valuePositions.set('', rootPos);
    const join = (p: string, k: string | number): string => (p === '' ? String(k) : `${p}.${k}`);
    // Explicit tags (!!binary, !!set, custom !tags) turn text into other types; documents need none.
    const tagged = (n: Node | null | undefined): void => {
      if (!n || isAlias(n) || !n.tag) return;
      // the node's range starts after its tag: point at the tag itself when it is on the same line
      const start = n.range?.[0] ?? 0;
      const bang = text.lastIndexOf('!', start);
      let at = bang >= 0 && !text.slice(bang, start).includes('\n') ? bang : start;
      while (at > 0 && text[at - 1] === '!') at--;
      diagnostics.push(diagnostic('E-YAML-TAG', file, lp(at), { tag: n.tag.replace('tag:yaml.org,2002:', '!!') }));
    };
    tagged(root);
    while (stack.length > 0) {
      const { node, path, depth } = stack.pop()!;
      if (depth > MAX_DEPTH) return fail(diagnostic('E-NESTING', file, lp(node.range?.[0] ?? 0), { limit: MAX_DEPTH }));
      if (isMap(node)) {
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const key = pair.key as Node | null;
          if (!isScalar(key)) {
            diagnostics.push(diagnostic('E-YAML-KEY', file, lp((key as Node | null)?.range?.[0] ?? node.range?.[0] ?? 0)));
            continue;
          }
          const childPath = join(path, String(key.value));
          const keyPos = lp(key.range?.[0] ?? 0);
          positions.set(childPath, keyPos);
          const v = pair.value as Node | null;
          tagged(key);
          tagged(v);
          valuePositions.set(childPath, v?.range ? lp(v.range[0]) : keyPos);
          if (v && !isAlias(v) && (isMap(v) || isSeq(v))) stack.push({ node: v, path: childPath, depth: depth + 1 });
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => {
          const it = item as Node | null;
          const childPath = join(path, i);
          const p = it?.range ? lp(it.range[0]) : lp(node.range?.[0] ?? 0);
          positions.set(childPath, p);
          valuePositions.set(childPath, p);
          tagged(it);
          if (it && !isAlias(it) && (isMap(it) || isSeq(it))) stack.push({ node: it, path: childPath, depth: depth + 1 });
        });
      }
    }
  }
  if (diagnostics.length > 0) return { positions, valuePositions, diagnostics };

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const alias = /\*([^\s,\]}]+)/.exec(text);
    const at = alias ? posAt(text, alias.index) : START;
    if (e instanceof ReferenceError) return fail(diagnostic('E-ALIAS-LIMIT', file, at, { anchor: alias?.[1] ?? '' }));
    return fail(diagnostic('E-YAML-SYNTAX', file, START, { detail: (e as Error).message }));
  }
  return { value, positions, valuePositions, diagnostics };
}
