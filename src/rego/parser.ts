// Parser for Rego v1 modules and queries: builds the AST of ast.ts from tokens, including
// METADATA annotation blocks (YAML in `# METADATA` comments).
import jsyaml from 'js-yaml';
import { parse as parseYAML } from 'yaml';
import type { Annotation, ElseClause, Expr, ExprBody, Import, Loc, Module, Rule, Term, With } from './ast.ts';
import { RegoError } from './errors.ts';
import { lex, type Comment, type Token } from './lexer.ts';
import { numberFromText, RObject, RSet, type Value } from './value.ts';

const KEYWORDS = new Set(['if', 'contains', 'in', 'some', 'every', 'not', 'with', 'as', 'default', 'else', 'import', 'package']);

const REL: Record<string, string> = { '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' };
const ARITH: Record<string, string> = { '+': 'plus', '-': 'minus' };
const FACTOR: Record<string, string> = { '*': 'mul', '/': 'div', '%': 'rem' };

let wildCounter = 0;

export interface ParseOptions {
  /** Enables the experimental `and` / `or` keywords (not supported: reported as a parse error). */
  experimentalKeywords?: boolean;
}

class Parser {
  private i = 0;
  private nest = 0;
  /** `and` / `or` are keywords (after `import future.keywords.and|or`). */
  logic = false;
  constructor(
    private readonly toks: Token[],
    private readonly file: string,
  ) {}

  get tok(): Token {
    return this.toks[this.i]!;
  }
  atEof(): boolean {
    return this.tok.kind === 'eof';
  }
  peek(k = 1): Token {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)]!;
  }
  loc(t: Token = this.tok): Loc {
    return { file: this.file, row: t.row, col: t.col };
  }
  fail(msg: string, t: Token = this.tok): never {
    throw new RegoError('rego_parse_error', msg, this.loc(t));
  }
  unexpected(): never {
    const t = this.tok;
    if (t.kind === 'eof') this.fail('unexpected eof token');
    this.fail(`unexpected ${t.text} token`);
  }
  is(text: string): boolean {
    const t = this.tok;
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }
  isKw(text: string): boolean {
    return this.tok.kind === 'ident' && this.tok.text === text && !this.kwAsName();
  }
  /** A keyword used as a name: directly followed by `.`, `[` or `(` (e.g. `with.foo`, `contains(s, x)`). */
  kwAsName(): boolean {
    const nx = this.peek();
    if (nx.ws || nx.kind !== 'punct') return false;
    if (nx.text === '.' || nx.text === '[') return true;
    return nx.text === '(' && this.tok.text !== 'not';
  }
  accept(text: string): boolean {
    if (this.is(text)) {
      this.i++;
      return true;
    }
    return false;
  }
  expect(text: string): Token {
    if (!this.is(text)) {
      const t = this.tok;
      this.fail(t.kind === 'eof' ? `unexpected eof token: expected ${text}` : `unexpected ${t.text} token: expected ${text}`);
    }
    return this.toks[this.i++]!;
  }
  /** A token that continues the current expression: same line, or inside brackets. */
  cont(): boolean {
    return this.nest > 0 || !this.tok.nl;
  }

  // ---- module ------------------------------------------------------------------------------

  parseModule(text: string, comments: Comment[]): Module {
    if (!this.isKw('package')) this.fail('package expected');
    const pkgTok = this.tok;
    this.i++;
    const pkgRef = this.parseRefTerm();
    const pkg = refToPath(pkgRef, (m) => this.fail(m, pkgTok));
    if (pkg[0] === 'data') pkg.shift();
    const mod: Module = { file: this.file, pkg, pkgLoc: this.loc(pkgTok), imports: [], rules: [], annotations: [], text };
    const blocks = metadataBlocks(comments, this.file);
    while (this.isKw('import')) {
      const imp = this.parseImport();
      mod.imports.push(imp);
      const path = refToPath(imp.path, (m) => this.fail(m));
      if (path[0] === 'future' && path[1] === 'keywords' && (path[2] === 'and' || path[2] === 'or' || path[2] === 'not')) this.logic = true;
    }
    while (!this.atEof()) {
      const r = this.parseRule(mod);
      mod.rules.push(r);
    }
    attachAnnotations(mod, blocks, pkgTok.row);
    return mod;
  }

  parseImport(): Import {
    const t = this.expect('import');
    const path = this.parseRefTerm();
    const p = refToPath(path, (m) => this.fail(m, t));
    if (!['data', 'input', 'future', 'rego'].includes(p[0]!)) this.fail(`invalid import path ${p.join('.')}: path must begin with input or data`, t);
    let alias: string | undefined;
    if (this.isKw('as')) {
      this.i++;
      if (this.tok.kind !== 'ident') this.unexpected();
      alias = this.tok.text;
      this.i++;
    }
    return { path, alias, loc: this.loc(t) };
  }

  parseRule(mod: Module): Rule {
    const start = this.tok;
    const isDefault = this.isKw('default');
    if (isDefault) this.i++;
    if (this.tok.kind !== 'ident' || (KEYWORDS.has(this.tok.text) && !this.kwAsName())) this.unexpected();
    const ref: Term[] = [{ type: 'var', name: this.tok.text, loc: this.loc() }];
    this.i++;
    for (;;) {
      if (this.is('.') && !this.tok.ws) {
        this.i++;
        if (this.tok.kind !== 'ident') this.unexpected();
        ref.push({ type: 'scalar', value: this.tok.text, loc: this.loc() });
        this.i++;
      } else if (this.is('[') && !this.tok.ws) {
        this.i++;
        this.nest++;
        ref.push(this.parseInfix());
        this.nest--;
        this.expect(']');
      } else break;
    }
    const rule: Rule = { ref, kind: 'complete', isDefault, assign: false, body: [], elses: [], annotations: [], loc: this.loc(start), module: mod, hasBody: false };
    if (this.is('(') && !this.tok.ws) {
      this.i++;
      this.nest++;
      rule.args = [];
      if (!this.is(')')) {
        do rule.args.push(this.parseInfix());
        while (this.accept(','));
      }
      this.nest--;
      this.expect(')');
      rule.kind = 'func';
    }
    if (this.isKw('contains') && rule.kind !== 'func') {
      this.i++;
      rule.kind = 'set';
      rule.value = this.parseInfix();
    } else if (this.is(':=') || this.is('=')) {
      rule.assign = this.tok.text === ':=';
      this.i++;
      rule.value = this.parseInfix();
    }
    if (isDefault) {
      if (!rule.value) this.fail('default rules must have a value', start);
      if (this.isKw('if') || this.is('{')) this.fail('default rules cannot have a body', start);
      return rule;
    }
    if (this.isKw('if')) {
      this.i++;
      rule.body = this.parseIfBody();
      rule.hasBody = true;
    } else if (this.is('{') && !this.tok.nl) {
      this.fail('`if` keyword is required before rule body');
    } else {
      if (!this.atEof() && !this.tok.nl && !this.isKw('else')) this.unexpected();
      rule.body = [trueExpr(rule.loc)];
    }
    while (this.isKw('else')) {
      const et = this.tok;
      this.i++;
      const ec: ElseClause = { body: [], loc: this.loc(et) };
      if (this.is(':=') || this.is('=')) {
        this.i++;
        ec.value = this.parseInfix();
      }
      if (this.isKw('if')) {
        this.i++;
        ec.body = this.parseIfBody();
      } else if (this.is('{')) {
        this.fail('`if` keyword is required before rule body');
      } else ec.body = [trueExpr(ec.loc)];
      rule.elses.push(ec);
    }
    if (!this.atEof() && !this.tok.nl) this.unexpected();
    return rule;
  }

  parseIfBody(): Expr[] {
    if (this.is('{')) {
      // `if {` is a body, unless it only parses as a term (e.g. an object comprehension)
      const at = this.i;
      const n = this.nest;
      try {
        return this.parseBraceBody();
      } catch (e) {
        this.i = at;
        this.nest = n;
        try {
          const saved = this.nest;
          this.nest = 0;
          const ex = this.parseExpr();
          this.nest = saved;
          return [ex];
        } catch {
          throw e;
        }
      }
    }
    const saved = this.nest;
    this.nest = 0;
    const e = this.parseExpr();
    this.nest = saved;
    return [e];
  }

  parseBraceBody(): Expr[] {
    this.expect('{');
    const body = this.parseBodyUntil('}');
    this.expect('}');
    return body;
  }

  /** Expressions separated by newlines or semicolons, up to (not including) `end`. */
  parseBodyUntil(end: string): Expr[] {
    const saved = this.nest;
    this.nest = 0;
    const body: Expr[] = [];
    while (!this.is(end)) {
      if (this.atEof()) {
        if (end === '<eof>') break;
        this.unexpected();
      }
      body.push(this.parseExpr());
      if (this.accept(';')) continue;
      if (this.is(end) || (end === '<eof>' && this.atEof())) break;
      if (!this.tok.nl) this.unexpected();
    }
    this.nest = saved;
    if (body.length === 0) this.fail('found empty body');
    return body;
  }

  // ---- expressions -------------------------------------------------------------------------

  parseExpr(): Expr {
    if (!this.logic) return this.parsePlainExpr(true);
    const loc = this.loc();
    const e = this.parseLogicOr();
    const withs = this.parseWiths();
    if (withs.length === 0) return e;
    if (e.with.length > 0) return { type: 'logic', op: 'and', operands: [[e]], negated: false, with: withs, loc };
    return { ...e, with: withs };
  }

  private isLogicKw(w: string): boolean {
    return this.logic && this.isKw(w) && !this.tok.nl;
  }

  private parseLogicOr(): Expr {
    const loc = this.loc();
    const first = this.parseLogicAnd();
    if (!this.isLogicKw('or')) return first;
    const operands = [[first]];
    while (this.isLogicKw('or')) {
      this.i++;
      operands.push([this.parseLogicAnd()]);
    }
    return { type: 'logic', op: 'or', operands, negated: false, with: [], loc };
  }

  private parseLogicAnd(): Expr {
    const loc = this.loc();
    const first = this.parseLogicUnary();
    if (!this.isLogicKw('and')) return first;
    const operands = [[first]];
    while (this.isLogicKw('and')) {
      this.i++;
      operands.push([this.parseLogicUnary()]);
    }
    return { type: 'logic', op: 'and', operands, negated: false, with: [], loc };
  }

  private parseLogicUnary(): Expr {
    const loc = this.loc();
    if (this.isKw('not')) {
      this.i++;
      const inner = this.parseLogicUnary();
      if (inner.type !== 'logic' && !inner.negated && inner.with.length === 0) return { ...inner, negated: true, loc };
      return { type: 'logic', op: 'and', operands: [[inner]], negated: true, with: [], loc };
    }
    if (this.is('{')) {
      // an explicit expression body: true when the body has a solution; its variables stay inside
      const body = this.parseBraceBody();
      return { type: 'logic', op: 'and', operands: [body], negated: false, with: [], loc };
    }
    return this.parsePlainExpr(false);
  }

  private parseWiths(): With[] {
    const withs: With[] = [];
    while (this.isKw('with')) {
      const wt = this.tok;
      this.i++;
      const target = this.parsePrimary();
      if (!this.isKw('as')) this.unexpected();
      this.i++;
      const value = this.parseInfix();
      withs.push({ target, value, loc: this.loc(wt) });
    }
    return withs;
  }

  parsePlainExpr(allowNotAndWith: boolean): Expr {
    const start = this.tok;
    const loc = this.loc();
    let negated = false;
    if (allowNotAndWith && this.isKw('not')) {
      this.i++;
      negated = true;
    }
    let body: ExprBody;
    if (this.isKw('some')) {
      body = this.parseSome();
    } else if (this.isKw('every')) {
      body = this.parseEvery();
    } else {
      const lhs = this.parseInfix();
      if (this.is(',') && this.cont() && this.nest === 0) {
        // `k, v in xs`
        this.i++;
        const rhs = this.parseInfix();
        if (rhs.type !== 'call' || rhs.name !== 'internal.member_2') this.unexpected();
        body = { type: 'term', term: { type: 'call', name: 'internal.member_3', args: [lhs, rhs.args[0]!, rhs.args[1]!], loc: lhs.loc, op: true } };
      } else if (this.is(':=') && this.cont()) {
        this.i++;
        body = { type: 'assign', lhs, rhs: this.parseInfix() };
      } else if (this.is('=') && this.cont()) {
        this.i++;
        body = { type: 'unify', lhs, rhs: this.parseInfix() };
      } else body = { type: 'term', term: lhs };
    }
    const withs: With[] = allowNotAndWith ? this.parseWiths() : [];
    const e = { ...body, negated, with: withs, loc } as Expr;
    e.text = undefined;
    void start;
    return e;
  }

  parseSome(): ExprBody {
    const t = this.tok;
    this.i++;
    const terms: Term[] = [this.parseOr()];
    while (this.is(',')) {
      this.i++;
      terms.push(this.parseOr());
    }
    if (this.isKw('in')) {
      this.i++;
      if (terms.length > 2) this.fail('unexpected , token', t);
      const domain = this.parseOr();
      if (terms.length === 2) return { type: 'somein', key: terms[0], value: terms[1]!, domain };
      return { type: 'somein', value: terms[0]!, domain };
    }
    for (const v of terms) if (v.type !== 'var') this.fail('expected var', t);
    return { type: 'some', vars: terms };
  }

  parseEvery(): ExprBody {
    this.i++;
    const a = this.parseOr();
    let key: Term | undefined;
    let value = a;
    if (this.accept(',')) {
      key = a;
      value = this.parseOr();
    }
    if (!this.isKw('in')) this.unexpected();
    this.i++;
    const domain = this.parseOr();
    const body = this.parseBraceBody();
    return { type: 'every', key, value, domain, body };
  }

  parseInfix(noOr = false): Term {
    let left = this.parseOr(noOr);
    while (this.isKw('in') && this.cont()) {
      this.i++;
      const right = this.parseOr(noOr);
      left = { type: 'call', name: 'internal.member_2', args: [left, right], loc: left.loc, op: true };
    }
    return left;
  }

  parseOr(noOr = false): Term {
    let left = this.parseAnd();
    while (!noOr && this.is('|') && this.cont()) {
      this.i++;
      const right = this.parseAnd();
      left = { type: 'call', name: 'or', args: [left, right], loc: left.loc, op: true };
    }
    return left;
  }

  parseAnd(): Term {
    let left = this.parseRel();
    while (this.is('&') && this.cont()) {
      this.i++;
      const right = this.parseRel();
      left = { type: 'call', name: 'and', args: [left, right], loc: left.loc, op: true };
    }
    return left;
  }

  parseRel(): Term {
    let left = this.parseArith();
    while (this.tok.kind === 'punct' && REL[this.tok.text] && this.cont()) {
      const op = REL[this.tok.text]!;
      this.i++;
      const right = this.parseArith();
      left = { type: 'call', name: op, args: [left, right], loc: left.loc, op: true };
    }
    return left;
  }

  parseArith(): Term {
    let left = this.parseFactor();
    while (this.tok.kind === 'punct' && ARITH[this.tok.text] && this.cont()) {
      const op = ARITH[this.tok.text]!;
      this.i++;
      const right = this.parseFactor();
      left = { type: 'call', name: op, args: [left, right], loc: left.loc, op: true };
    }
    return left;
  }

  parseFactor(): Term {
    let left = this.parseUnary();
    while (this.tok.kind === 'punct' && FACTOR[this.tok.text] && this.cont()) {
      const op = FACTOR[this.tok.text]!;
      this.i++;
      const right = this.parseUnary();
      left = { type: 'call', name: op, args: [left, right], loc: left.loc, op: true };
    }
    return left;
  }

  parseUnary(): Term {
    if (this.is('-')) {
      const t = this.tok;
      this.i++;
      if (this.tok.kind === 'number' && !this.tok.ws) {
        const v = numberFromText('-' + this.tok.text);
        this.i++;
        return this.parseSuffix({ type: 'scalar', value: v, loc: this.loc(t) });
      }
      const operand = this.parseUnary();
      if (operand.type === 'scalar' && typeof operand.value === 'number') return { type: 'scalar', value: -operand.value, loc: this.loc(t) };
      return { type: 'call', name: 'minus', args: [{ type: 'scalar', value: 0, loc: this.loc(t) }, operand], loc: this.loc(t), op: true };
    }
    return this.parsePrimary();
  }

  parsePrimary(): Term {
    const t = this.tok;
    const loc = this.loc(t);
    let term: Term;
    switch (t.kind) {
      case 'number':
        this.i++;
        term = { type: 'scalar', value: numberFromText(t.text), loc };
        break;
      case 'string':
        this.i++;
        term = { type: 'scalar', value: t.str!, loc };
        break;
      case 'template':
        this.i++;
        term = this.parseTemplate(t);
        break;
      case 'ident': {
        this.i++;
        const asName = !this.tok.ws && (this.is('.') || this.is('(')); // `null.foo`: a rule named null
        if ((t.text === 'true' || t.text === 'false') && !asName) term = { type: 'scalar', value: t.text === 'true', loc };
        else if (t.text === 'null' && !asName) term = { type: 'scalar', value: null, loc };
        else if (t.text === 'set' && this.is('(') && !this.tok.ws && this.peek().text === ')') {
          this.i += 2;
          term = { type: 'set', items: [], loc };
        } else {
          if ((KEYWORDS.has(t.text) || (this.logic && (t.text === 'and' || t.text === 'or'))) && (this.tok.ws || !(this.is('(') || this.is('.') || this.is('[')))) {
            this.i--;
            this.unexpected();
          }
          term = { type: 'var', name: t.text, loc };
          if (t.text === '_') {
            (term as { name: string }).name = `$_${wildCounter++}`;
            (term as { wild?: boolean }).wild = true;
          }
        }
        break;
      }
      case 'punct':
        if (t.text === '(') {
          this.i++;
          this.nest++;
          term = this.parseInfix();
          if (this.accept(',')) {
            const rhs = this.parseInfix();
            if (rhs.type !== 'call' || rhs.name !== 'internal.member_2') this.unexpected();
            term = { type: 'call', name: 'internal.member_3', args: [term, rhs.args[0]!, rhs.args[1]!], loc, op: true };
          }
          this.nest--;
          this.expect(')');
          break;
        }
        if (t.text === '[') {
          term = this.parseArrayLike();
          break;
        }
        if (t.text === '{') {
          term = this.parseBraceLike();
          break;
        }
        this.unexpected();
        break;
      default:
        this.unexpected();
    }
    return this.parseSuffix(term);
  }

  parseSuffix(term: Term): Term {
    for (;;) {
      if (this.tok.ws) return term;
      if (this.is('.')) {
        const nt = this.peek();
        if (nt.kind !== 'ident' || nt.ws) return term;
        this.i += 2;
        const key: Term = { type: 'scalar', value: nt.text, loc: this.loc(nt) };
        term = appendRef(term, key);
      } else if (this.is('[')) {
        this.i++;
        this.nest++;
        const k = this.parseInfix();
        this.nest--;
        this.expect(']');
        term = appendRef(term, k);
      } else if (this.is('(')) {
        const name = callName(term);
        if (name === undefined) return term;
        this.i++;
        this.nest++;
        const args: Term[] = [];
        while (!this.is(')')) {
          args.push(this.parseInfix());
          if (!this.accept(',')) break;
        }
        this.nest--;
        this.expect(')');
        term = { type: 'call', name, args, loc: term.loc };
      } else return term;
    }
  }

  parseArrayLike(): Term {
    const loc = this.loc();
    this.i++;
    this.nest++;
    if (this.accept(']')) {
      this.nest--;
      return { type: 'array', items: [], loc };
    }
    const first = this.parseInfix(true);
    if (this.is('|')) {
      this.i++;
      const body = this.parseBodyUntil(']');
      this.nest--;
      this.expect(']');
      return { type: 'arraycomp', head: first, body, loc };
    }
    const items = [first];
    while (this.accept(',')) {
      if (this.is(']')) break;
      items.push(this.parseInfix());
    }
    this.nest--;
    this.expect(']');
    return { type: 'array', items, loc };
  }

  parseBraceLike(): Term {
    const loc = this.loc();
    this.i++;
    this.nest++;
    if (this.accept('}')) {
      this.nest--;
      return { type: 'object', items: [], loc };
    }
    const first = this.parseInfix(true);
    if (this.accept(':')) {
      const v = this.parseInfix(true);
      if (this.is('|')) {
        this.i++;
        const body = this.parseBodyUntil('}');
        this.nest--;
        this.expect('}');
        return { type: 'objcomp', key: first, value: v, body, loc };
      }
      const items: [Term, Term][] = [[first, v]];
      while (this.accept(',')) {
        if (this.is('}')) break;
        const k = this.parseInfix();
        this.expect(':');
        items.push([k, this.parseInfix()]);
      }
      this.nest--;
      this.expect('}');
      return { type: 'object', items, loc };
    }
    if (this.is('|')) {
      this.i++;
      const body = this.parseBodyUntil('}');
      this.nest--;
      this.expect('}');
      return { type: 'setcomp', head: first, body, loc };
    }
    const items = [first];
    while (this.accept(',')) {
      if (this.is('}')) break;
      items.push(this.parseInfix());
    }
    this.nest--;
    this.expect('}');
    return { type: 'set', items, loc };
  }

  parseTemplate(t: Token): Term {
    const src = t.str!;
    const parts: (string | Term)[] = [];
    let lit = '';
    let k = 0;
    while (k < src.length) {
      const c = src[k]!;
      if (!t.raw && c === '\\') {
        const nx = src[k + 1];
        if (nx === '{' || nx === '}') {
          lit += nx;
          k += 2;
          continue;
        }
        let j = k + 2;
        if (nx === 'u') j = k + 6;
        try {
          lit += JSON.parse('"' + src.slice(k, j) + '"') as string;
        } catch {
          this.fail('illegal escape in template string', t);
        }
        k = j;
        continue;
      }
      if (c === '{') {
        let depth = 1;
        let j = k + 1;
        while (j < src.length && depth > 0) {
          if (src[j] === '{') depth++;
          else if (src[j] === '}') depth--;
          else if (src[j] === '"') {
            j++;
            while (j < src.length && src[j] !== '"') {
              if (src[j] === '\\') j++;
              j++;
            }
          }
          if (depth > 0) j++;
        }
        const inner = src.slice(k + 1, j);
        if (lit) parts.push(lit);
        lit = '';
        const { tokens } = lex(inner, this.file);
        const p = new Parser(tokens, this.file);
        p.nest = 1;
        const term = p.parseInfix();
        if (!p.atEof()) p.unexpected();
        parts.push(term);
        k = j + 1;
        continue;
      }
      lit += c;
      k++;
    }
    if (lit) parts.push(lit);
    return { type: 'template', parts, loc: this.loc(t) };
  }

  parseRefTerm(): Term {
    const t = this.parsePrimary();
    if (t.type !== 'var' && t.type !== 'ref') this.fail('expected reference', this.tok);
    return t;
  }
}

function trueExpr(loc: Loc): Expr {
  return { type: 'term', term: { type: 'scalar', value: true, loc }, negated: false, with: [], loc };
}

function appendRef(term: Term, key: Term): Term {
  if (term.type === 'ref') return { type: 'ref', head: term.head, path: [...term.path, key], loc: term.loc };
  return { type: 'ref', head: term, path: [key], loc: term.loc };
}

/** The dotted name of a call target (`f`, `a.b.c`), or undefined when the term cannot be called. */
function callName(term: Term): string | undefined {
  if (term.type === 'var') return term.name;
  if (term.type === 'ref' && term.head.type === 'var') {
    const parts = [term.head.name];
    for (const p of term.path) {
      if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
      parts.push(p.value);
    }
    return parts.join('.');
  }
  return undefined;
}

export function refToPath(t: Term, fail: (m: string) => never): string[] {
  if (t.type === 'var') return [t.name];
  if (t.type !== 'ref' || t.head.type !== 'var') return fail('expected a reference');
  const out = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return fail('expected a reference of strings');
    out.push(p.value);
  }
  return out;
}

// ---- METADATA ----------------------------------------------------------------------------------

interface MetaBlock {
  row: number;
  endRow: number;
  ann: Annotation;
}

/**
 * Text js-yaml reads as the YAML 1.2 core schema does: no anchors, aliases, tags, explicit keys or
 * document markers, and none of the scalars js-yaml resolves otherwise (0b101, -.5, -0).
 */
const JSYAML_DIFFERS = /[&*!]|^\s*\? |^(?:---|\.\.\.)|(?:^|[\s[{,])(?:[-+]?(?:0b|\.\d)|-0(?=[\s,\]}]|$))/m;

/**
 * A METADATA block's YAML. js-yaml reads plain blocks 5-10x faster than the `yaml` package (every
 * `govern check` parses about a hundred blocks); anything else, and every error with its message,
 * is the `yaml` package's (YAML 1.2 core, as before). tests/rego/metadata.test.ts compares the two.
 */
export function metadataYaml(text: string): unknown {
  if (!JSYAML_DIFFERS.test(text)) {
    try {
      return jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA, json: false });
    } catch {
      // the yaml package reports it
    }
  }
  return parseYAML(text);
}

function metadataBlocks(comments: Comment[], file: string): MetaBlock[] {
  const out: MetaBlock[] = [];
  for (let k = 0; k < comments.length; k++) {
    const c = comments[k]!;
    if (c.text.trim() !== 'METADATA') continue;
    const lines: string[] = [];
    let last = c.row;
    let j = k + 1;
    while (j < comments.length && comments[j]!.row === last + 1 && comments[j]!.col === c.col) {
      lines.push(comments[j]!.text.replace(/^ /, ''));
      last = comments[j]!.row;
      j++;
    }
    k = j - 1;
    const loc = { file, row: c.row, col: c.col };
    let raw: unknown;
    try {
      raw = metadataYaml(lines.join('\n')) ?? {};
    } catch (e) {
      throw new RegoError('rego_parse_error', `yaml: ${(e as Error).message.split('\n')[0]}`, loc);
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new RegoError('rego_parse_error', 'invalid METADATA block: expected a YAML mapping', loc);
    const r = raw as Record<string, unknown>;
    const ann: Annotation = { scope: typeof r.scope === 'string' ? r.scope : '', raw: r, loc };
    if (typeof r.title === 'string') ann.title = r.title;
    if (typeof r.description === 'string') ann.description = r.description;
    if (r.entrypoint === true) ann.entrypoint = true;
    if (r.custom && typeof r.custom === 'object') ann.custom = r.custom as Record<string, unknown>;
    out.push({ row: c.row, endRow: last, ann });
  }
  return out;
}

function attachAnnotations(mod: Module, blocks: MetaBlock[], pkgRow: number): void {
  for (const b of blocks) {
    if (b.endRow < pkgRow) {
      if (!b.ann.scope) b.ann.scope = 'package';
      if (b.ann.scope !== 'package' && b.ann.scope !== 'subpackages') throw new RegoError('rego_parse_error', `invalid annotation scope '${b.ann.scope}': must be package or subpackages`, b.ann.loc);
      mod.annotations.push(b.ann);
      continue;
    }
    const rule = mod.rules.find((r) => r.loc.row > b.endRow);
    if (!b.ann.scope) b.ann.scope = 'rule';
    if (b.ann.scope === 'package' || b.ann.scope === 'subpackages') {
      mod.annotations.push(b.ann);
      continue;
    }
    if (!rule) throw new RegoError('rego_parse_error', 'METADATA block not followed by a rule', b.ann.loc);
    rule.annotations.push(b.ann);
  }
}

// ---- entry points --------------------------------------------------------------------------------

export function parseModule(file: string, text: string): Module {
  const { tokens, comments } = lex(text, file);
  return new Parser(tokens, file).parseModule(text, comments);
}

/** Parses a query (a body: expressions separated by newlines or semicolons). */
export function parseQuery(text: string, file = 'query'): Expr[] {
  const { tokens } = lex(text, file);
  const p = new Parser(tokens, file);
  const body = p.parseBodyUntil('<eof>');
  if (!p.atEof()) p.unexpected();
  return body;
}

/** Parses a single term (e.g. an `input_term`) and evaluates it to a value when it is ground. */
export function parseTerm(text: string, file = 'term'): Term {
  const { tokens } = lex(text, file);
  const p = new Parser(tokens, file);
  const t = p.parseInfix();
  if (!p.atEof()) p.unexpected();
  return t;
}

/** The value of a constant term (scalars and composites of constants), or undefined. */
export function constValue(t: Term): Value | undefined {
  switch (t.type) {
    case 'scalar':
      return t.value;
    case 'array': {
      const out: Value[] = [];
      for (const x of t.items) {
        const v = constValue(x);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return out;
    }
    case 'set': {
      const out: Value[] = [];
      for (const x of t.items) {
        const v = constValue(x);
        if (v === undefined) return undefined;
        out.push(v);
      }
      return new RSet(out);
    }
    case 'object': {
      const entries: [Value, Value][] = [];
      for (const [k, x] of t.items) {
        const kv = constValue(k);
        const vv = constValue(x);
        if (kv === undefined || vv === undefined) return undefined;
        entries.push([kv, vv]);
      }
      return new RObject(entries);
    }
    default:
      return undefined;
  }
}

