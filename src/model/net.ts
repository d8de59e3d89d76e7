// Addresses and prefixes as the model accepts them: IPv4 and IPv6, strict (no host bits in a prefix),
// so that a request says exactly what it opens. Pure parsing, no I/O.

export interface Prefix {
  readonly family: 4 | 6;
  /** The network address as an unsigned integer (128-bit for IPv6). */
  readonly network: bigint;
  readonly length: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseIPv4(s: string): bigint | undefined {
  if (!IPV4.test(s)) return undefined;
  return s.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

/**
 * The value of a dotted IPv4 address as a plain number, or -1: the same text IPV4 accepts (0-255, no
 * leading zeros), without a regular expression or BigInt. For the schema checks, which run on every
 * address and prefix of a county (tests/model/net.test.ts compares it with parseIPv4).
 */
export function ipv4Number(s: string, end = s.length): number {
  let value = 0;
  let i = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== 46) return -1; // '.'
      i++;
    }
    const start = i;
    let octet = 0;
    while (i < end && i - start < 3) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      octet = octet * 10 + c;
      i++;
    }
    const len = i - start;
    if (len === 0 || octet > 255 || (len > 1 && s.charCodeAt(start) === 48)) return -1;
    value = value * 256 + octet;
  }
  return i === end ? value : -1;
}

/**
 * True when parsePrefix(s) is ok for an IPv4 prefix, computed without BigInt; false means "not
 * known": the caller asks parsePrefix, which alone words the error.
 */
export function isIPv4PrefixFast(s: string): boolean {
  const slash = s.indexOf('/');
  const value = ipv4Number(s, slash < 0 ? s.length : slash);
  if (value < 0) return false;
  if (slash < 0) return true;
  const lenLength = s.length - slash - 1;
  if (lenLength < 1 || lenLength > 3) return false;
  let length = 0;
  for (let i = slash + 1; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    length = length * 10 + c;
  }
  if (length > 32) return false;
  return value % 2 ** (32 - length) === 0;
}

export function parseIPv6(s: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.length > 45) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const groups = part.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const head = parseGroups(halves[0]!);
  const tail = halves.length === 2 ? parseGroups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseAddress(s: string): { family: 4 | 6; value: bigint } | undefined {
  const v4 = parseIPv4(s);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = s.includes(':') ? parseIPv6(s) : undefined;
  if (v6 !== undefined) return { family: 6, value: v6 };
  return undefined;
}

export type PrefixError = 'syntax' | 'length' | 'host-bits';

/** Parses `a.b.c.d/n` or `x::/n`; a bare address is a host prefix (/32, /128). */
export function parsePrefix(s: string): { ok: true; prefix: Prefix } | { ok: false; error: PrefixError; network?: string } {
  const slash = s.indexOf('/');
  const addrText = slash < 0 ? s : s.slice(0, slash);
  const addr = parseAddress(addrText);
  if (!addr) return { ok: false, error: 'syntax' };
  const bits = addr.family === 4 ? 32 : 128;
  let length = bits;
  if (slash >= 0) {
    const lenText = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText)) return { ok: false, error: 'length' };
    length = Number(lenText);
    if (length > bits) return { ok: false, error: 'length' };
  }
  const hostMask = (1n << BigInt(bits - length)) - 1n;
  if ((addr.value & hostMask) !== 0n) {
    const network = addr.value & ~hostMask;
    return { ok: false, error: 'host-bits', network: `${formatAddress(addr.family, network)}/${length}` };
  }
  return { ok: true, prefix: { family: addr.family, network: addr.value, length } };
}

export function formatAddress(family: 4 | 6, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((sh) => String((value >> sh) & 0xffn)).join('.');
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16));
  // compress the longest run of zero groups (RFC 5952)
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen && j - i > 1) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/** True when `outer` contains every address of `inner`. */
export function prefixContains(outer: Prefix, inner: Prefix): boolean {
  if (outer.family !== inner.family || outer.length > inner.length) return false;
  const bits = outer.family === 4 ? 32 : 128;
  const shift = BigInt(bits - outer.length);
  return inner.network >> shift === outer.network >> shift;
}

export function prefixOverlaps(a: Prefix, b: Prefix): boolean {
  return prefixContains(a, b) || prefixContains(b, a);
}
