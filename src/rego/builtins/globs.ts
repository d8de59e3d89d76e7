// Rego built-in regex.globs_match: do two patterns match at least one common string? The
// pattern language is that of github.com/yashtewari/glob-intersection, which OPA uses: `.` any
// character, `[a-z0-9]` / `[^...]` sets, `\` escapes, and `*` / `+` after an element. We decide
// it by searching the product of the two patterns' automata.
import { builtinErr, def, strArg } from './args.ts';
import type { BuiltinDef } from './types.ts';

type Range = [number, number];

interface Token {
  ranges: Range[];
  star: boolean;
}

const ANY: Range[] = [[0, 0x10ffff]];

function invalid(input: string, pos: number, what: string): never {
  throw builtinErr('regex.globs_match', `input:${input}, pos:${pos}, ${what}: the input provided is invalid`);
}

function complement(rs: Range[]): Range[] {
  const sorted = [...rs].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

/** Parses a pattern into single-character tokens; `x+` becomes `x x*`. */
function tokens(input: string): Token[] {
  const cs = Array.from(input);
  const out: Token[] = [];
  let i = 0;
  while (i < cs.length) {
    const c = cs[i]!;
    const pos = i + 1;
    i++;
    let ranges: Range[];
    switch (c) {
      case '.':
        ranges = ANY;
        break;
      case '\\': {
        const e = cs[i++];
        if (e === undefined) invalid(input, pos, "escape '\\' at end of input");
        ranges = [[e!.codePointAt(0)!, e!.codePointAt(0)!]];
        break;
      }
      case '[': {
        let negate = false;
        if (cs[i] === '^') {
          negate = true;
          i++;
        }
        const set: Range[] = [];
        let closed = false;
        while (i < cs.length) {
          let d = cs[i++]!;
          if (d === ']') {
            closed = true;
            break;
          }
          if (d === '\\') {
            const e = cs[i++];
            if (e === undefined) break;
            d = e;
          }
          const lo = d.codePointAt(0)!;
          if (cs[i] === '-' && cs[i + 1] !== undefined && cs[i + 1] !== ']') {
            let hiC = cs[i + 1]!;
            i += 2;
            if (hiC === '\\' && cs[i] !== undefined) hiC = cs[i++]!;
            const hi = hiC.codePointAt(0)!;
            if (hi < lo) invalid(input, i, 'range with start greater than end');
            set.push([lo, hi]);
          } else set.push([lo, lo]);
        }
        if (!closed) invalid(input, pos, "set-open '[' with no following ']'");
        ranges = negate ? complement(set) : set;
        break;
      }
      case ']':
        return invalid(input, pos, "set-close ']' with no preceding '['");
      case '*':
      case '+':
        return invalid(input, pos, `modifier '${c}' with no preceding element`);
      default:
        ranges = [[c.codePointAt(0)!, c.codePointAt(0)!]];
    }
    const mod = cs[i];
    if (mod === '*') {
      i++;
      out.push({ ranges, star: true });
    } else if (mod === '+') {
      i++;
      out.push({ ranges, star: false }, { ranges, star: true });
    } else out.push({ ranges, star: false });
  }
  return out;
}

const overlaps = (a: Range[], b: Range[]): boolean => a.some(([l1, h1]) => b.some(([l2, h2]) => l1 <= h2 && l2 <= h1));

/** Is there a string both token lists match? Breadth-first over (position in a, position in b). */
export function globsIntersect(a: Token[], b: Token[]): boolean {
  const seen = new Set<number>();
  const stride = b.length + 1;
  const queue: [number, number][] = [[0, 0]];
  while (queue.length > 0) {
    const [i, j] = queue.pop()!;
    const id = i * stride + j;
    if (seen.has(id)) continue;
    seen.add(id);
    if (i === a.length && j === b.length) return true;
    const ta = a[i];
    const tb = b[j];
    if (ta?.star) queue.push([i + 1, j]);
    if (tb?.star) queue.push([i, j + 1]);
    if (ta && tb && overlaps(ta.ranges, tb.ranges)) queue.push([ta.star ? i : i + 1, tb.star ? j : j + 1]);
  }
  return false;
}

export const builtins: readonly BuiltinDef[] = [
  def('regex.globs_match', 2, (args) => {
    const fn = 'regex.globs_match';
    return globsIntersect(tokens(strArg(fn, args, 0)), tokens(strArg(fn, args, 1)));
  }),
];
