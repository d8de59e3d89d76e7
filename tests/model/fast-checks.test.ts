// The date and address checks the schemas run on every field of a county are written digit by digit
// for speed; they must decide exactly as the plain definitions do (the oracles below).
import { describe, expect, it } from 'vitest';
import { ipv4Number, isIPv4PrefixFast, isRealDate, parseIPv4, parsePrefix } from '../../src/model/index.ts';

/** The plain definition: what Date.UTC makes of the three numbers is the same day. */
function oracleDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

describe('the fast schema checks', () => {
  it('accept exactly the calendar dates Date.UTC accepts, leap years and years before 100 included', () => {
    const years = [0, 1, 4, 99, 100, 101, 400, 1600, 1899, 1900, 1999, 2000, 2001, 2024, 2025, 2026, 2100, 2400, 9996, 9999];
    let checked = 0;
    for (const y of years) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          expect(isRealDate(s), s).toBe(oracleDate(s));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(9000);
    for (const s of ['', '2026-3-02', '2026-03-2', '2026/03/02', '2026-03-02 ', ' 2026-03-02', '2026-03-02\n', '２０２６-03-02', '2026-0a-02', '20260-3-02', '+026-03-02', '2026-03-0٣']) {
      expect(isRealDate(s), JSON.stringify(s)).toBe(oracleDate(s));
    }
  });

  it('read an IPv4 address exactly as parseIPv4 does', () => {
    const cases = [
      '0.0.0.0', '255.255.255.255', '10.72.3.15', '1.2.3.4', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', '1.2.3.0',
      '1..2.3', '1.2.3.', '.1.2.3', '1.2.3.4 ', ' 1.2.3.4', '1.2.3.4/24', '1234.1.1.1', '1.2.3.-4', '１.2.3.4', '', 'a.b.c.d', '::1',
      '192.168.001.1', '99.99.99.99', '249.250.251.252', '200.199.100.9',
    ];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648);
    for (let i = 0; i < 3000; i++) {
      const parts = Array.from({ length: 3 + (next() % 3) }, () => (next() % 8 === 0 ? pad(next() % 300, 1 + (next() % 3)) : String(next() % 300)));
      cases.push(parts.join(next() % 20 === 0 ? ',' : '.'));
    }
    for (const s of cases) {
      const big = parseIPv4(s);
      expect(ipv4Number(s), s).toBe(big === undefined ? -1 : Number(big));
    }
  });

  it('call an IPv4 prefix valid only when parsePrefix does, and every valid one of them', () => {
    const cases = ['10.0.0.0/8', '10.0.0.1/8', '10.72.3.15', '10.72.3.15/32', '0.0.0.0/0', '1.0.0.0/0', '10.72.3.0/024', '10.72.3.0/0024',
      '10.72.3.0/33', '10.72.3.0/', '10.72.3.0/2a', '10.72.3.128/25', '10.72.3.64/25', '255.255.255.255/32', '255.255.255.254/31', '::/0', '1.2.3/8'];
    for (let len = 0; len <= 33; len++) {
      for (const a of ['0.0.0.0', '128.0.0.0', '10.72.154.192', '10.72.155.0', '255.255.255.255', '192.168.0.1', '172.16.0.0']) cases.push(`${a}/${len}`);
    }
    for (const s of cases) {
      const slow = parsePrefix(s);
      const isV4 = slow.ok && slow.prefix.family === 4;
      expect(isIPv4PrefixFast(s), s).toBe(isV4);
    }
  });
});
