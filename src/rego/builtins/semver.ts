// Rego built-ins: semver.is_valid and semver.compare (Semantic Versioning 2.0.0, no "v" prefix).
import { arg, builtinErr, def, strArg } from './args.ts';
import type { BuiltinDef } from './types.ts';

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

interface Version {
  core: [bigint, bigint, bigint];
  pre: string[];
}

function parse(s: string): Version | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  return { core: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] ? m[4].split('.') : [] };
}

const cmp = (a: bigint | string, b: bigint | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** SemVer precedence: core numbers, then a pre-release sorts before the release, field by field. */
export function compareSemver(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const c = cmp(a.core[i]!, b.core[i]!);
    if (c !== 0) return c;
  }
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length === 0 ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < a.pre.length && i < b.pre.length; i++) {
    const x = a.pre[i]!;
    const y = b.pre[i]!;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    let c: number;
    if (xn && yn) c = cmp(BigInt(x), BigInt(y));
    else if (xn !== yn) c = xn ? -1 : 1;
    else c = cmp(x, y);
    if (c !== 0) return c;
  }
  return Math.sign(a.pre.length - b.pre.length);
}

function operand(fn: string, s: string, pos: number): Version {
  const v = parse(s);
  if (!v) throw builtinErr(fn, `operand ${pos}: string ${JSON.stringify(s)} is not a valid SemVer`);
  return v;
}

export const builtins: readonly BuiltinDef[] = [
  def('semver.is_valid', 1, (args) => {
    const v = arg(args, 0);
    return typeof v === 'string' && parse(v) !== undefined;
  }),
  def('semver.compare', 2, (args) => {
    const fn = 'semver.compare';
    const a = operand(fn, strArg(fn, args, 0), 1);
    const b = operand(fn, strArg(fn, args, 1), 2);
    return compareSemver(a, b);
  }),
];
