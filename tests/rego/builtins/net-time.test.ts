import { describe, expect, it } from 'vitest';
import { call, fails, n, set } from './helpers.ts';

describe('net.cidr built-ins', () => {
  it('tests containment of subnets and addresses, IPv4 and IPv6', () => {
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.1.0.0/24')).toBe('true');
    expect(call('net.cidr_contains', '172.17.0.0/24', '172.17.0.0/16')).toBe('false');
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.1.2.3')).toBe('true');
    expect(call('net.cidr_contains', '2001:4860:4860::8888/32', '2001:4860:4860:1234::8888/40')).toBe('true');
    expect(call('net.cidr_contains', '2001:4860::/32', 'fd1e:5bfe:8af3:9ddc::/64')).toBe('false');
    expect(fails('net.cidr_contains', 'not-a-cidr', '192.168.1.67')).toBe('eval_builtin_error: net.cidr_contains: invalid CIDR address: not-a-cidr');
  });

  it('tests intersection and validity', () => {
    expect(call('net.cidr_intersects', '192.168.1.0/25', '192.168.1.64/25')).toBe('true');
    expect(call('net.cidr_intersects', 'fd1e:5bfe:8af3:9ddc::/64', '2001:4860:4860::8888/32')).toBe('false');
    expect(call('net.cidr_is_valid', '2002::1234:abcd:ffff:c0a8:101/64')).toBe('true');
    expect(call('net.cidr_is_valid', '192.168.1.2')).toBe('false');
    expect(call('net.cidr_is_valid', '010.0.0.0/8')).toBe('false');
  });

  it('expands a CIDR into its addresses', () => {
    expect(call('net.cidr_expand', '192.168.1.1/30')).toBe('["192.168.1.0","192.168.1.1","192.168.1.2","192.168.1.3"]');
  });

  it('merges CIDRs into the fewest blocks, IPv4 before IPv6, bare IPv4 with its classful mask', () => {
    expect(call('net.cidr_merge', ['192.0.2.112/30', '192.0.2.116/31', '192.0.2.118/31'])).toBe('["192.0.2.112/29"]');
    expect(call('net.cidr_merge', ['192.0.2.112/31', '192.0.2.116/31', '192.0.2.118/31'])).toBe('["192.0.2.112/31","192.0.2.116/30"]');
    expect(call('net.cidr_merge', ['fe80::/120', '192.0.2.0/24', '192.0.3.0/24'])).toBe('["192.0.2.0/23","fe80::/120"]');
    expect(call('net.cidr_merge', ['192.0.128.0', '192.0.129.0'])).toBe('["192.0.128.0/23"]');
    expect(call('net.cidr_merge', ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64'])).toBe('["2601:600:8a80:207e::/64"]');
    expect(fails('net.cidr_merge', ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3'])).toBe(
      'eval_builtin_error: net.cidr_merge: IPv6 invalid: needs prefix length',
    );
  });

  it('pairs matching CIDRs and addresses by index, key or value', () => {
    expect(call('net.cidr_contains_matches', ['1.1.2.0/24', '1.1.1.0/24'], ['1.1.1.1', '1.1.2.1'])).toBe('[[0,1],[1,0]]');
    expect(call('net.cidr_contains_matches', set('1.1.1.0/24'), '1.1.1.1')).toBe('[["1.1.1.0/24","1.1.1.1"]]');
    expect(fails('net.cidr_contains_matches', ['1.1.1.0/24'], [1])).toBe(
      'eval_builtin_error: net.cidr_contains_matches: operand 2: element must be string or non-empty array',
    );
  });
});

describe('time built-ins', () => {
  it('parses Go layouts and named layouts to nanoseconds', () => {
    expect(call('time.parse_ns', '2006-01-02T15:04:05Z07:00', '2017-06-02T19:00:00-07:00')).toBe('1496455200000000000');
    expect(call('time.parse_ns', "01/02 03:04:05PM '06 -0700", "06/02 07:00:00PM '17 -0700")).toBe('1496455200000000000');
    expect(call('time.parse_ns', 'RFC822Z', '02 Jun 17 19:00 -0700')).toBe('1496455200000000000');
    expect(call('time.parse_ns', '2006-01-02T15:04:05Z07:00', '2262-04-11T23:47:16.854775807-00:00')).toBe('9223372036854775807');
    expect(call('time.parse_rfc3339_ns', '1677-09-21T00:12:43.145224192-00:00')).toBe('-9223372036854775808');
  });

  it('refuses times outside int64 nanoseconds and text that does not fit the layout', () => {
    expect(fails('time.parse_rfc3339_ns', '2262-04-11T23:47:16.854775808-00:00')).toBe(
      'eval_builtin_error: time.parse_rfc3339_ns: time outside of valid range',
    );
    expect(fails('time.parse_ns', '2006-01-02', 'x2020')).toBe(
      'eval_builtin_error: time.parse_ns: parsing time "x2020" as "2006-01-02": cannot parse "x2020" as "2006"',
    );
    expect(fails('time.parse_ns', '2006-01-02', '2020-02-30')).toBe('eval_builtin_error: time.parse_ns: parsing time "2020-02-30": day out of range');
  });

  it('parses Go durations exactly', () => {
    expect(call('time.parse_duration_ns', '100ms')).toBe('100000000');
    expect(call('time.parse_duration_ns', '1h30m1.5s')).toBe('5401500000000');
    expect(call('time.parse_duration_ns', '-1.5us')).toBe('-1500');
    expect(fails('time.parse_duration_ns', '1x')).toBe('eval_builtin_error: time.parse_duration_ns: time: unknown unit "x" in duration "1x"');
  });

  it('answers date, clock and weekday in UTC or a named zone', () => {
    expect(call('time.date', n('1517814000000000000'))).toBe('[2018,2,5]');
    expect(call('time.date', [n('1517814000000000000'), 'America/Los_Angeles'])).toBe('[2018,2,4]');
    expect(call('time.clock', [n('1517832000000000000'), 'America/New_York'])).toBe('[7,0,0]');
    expect(call('time.date', n('1582977600000000000'))).toBe('[2020,2,29]');
    expect(call('time.weekday', n('1517832000000000000'))).toBe('"Monday"');
    expect(fails('time.date', n('1582977600000000000000'))).toBe('eval_builtin_error: time.date: timestamp too big');
    expect(fails('time.date', [0, 'Mars/Olympus'])).toBe('eval_builtin_error: time.date: unknown time zone Mars/Olympus');
  });

  it('adds dates with Go normalisation and range checks', () => {
    expect(call('time.add_date', n('1585852421593912000'), 3, 9, 12)).toBe('1705257221593912000');
    expect(call('time.add_date', n('1585852421593912000'), -1, -1, -1)).toBe('1551465221593912000');
    expect(fails('time.add_date', 0, 2262, 1, 1)).toBe('eval_builtin_error: time.add_date: time outside of valid range');
  });

  it('formats with RFC3339Nano by default and with Go layouts in a zone', () => {
    expect(call('time.format', n('1517832000123000000'))).toBe('"2018-02-05T12:00:00.123Z"');
    expect(call('time.format', [n('1517832000123000000'), 'America/New_York', 'RFC1123'])).toBe('"Mon, 05 Feb 2018 07:00:00 EST"');
    expect(call('time.format', [n('1517832000000000000'), 'UTC', '2006-01-02 03:04PM .000 Z07:00'])).toBe('"2018-02-05 12:00PM .000 Z"');
  });

  it('prints zone abbreviations as Go tzdata does, CST for Asia/Shanghai and offsets where tzdata has no letters', () => {
    const t = n('1517832000123000000');
    expect(call('time.format', [t, 'Asia/Shanghai', '2006-01-02 15:04 MST -07:00'])).toBe('"2018-02-05 20:00 CST +08:00"');
    expect(call('time.format', [t, 'Europe/Berlin', '15:04 MST'])).toBe('"13:00 CET"');
    expect(call('time.format', [t, 'Asia/Singapore', '15:04 MST'])).toBe('"20:00 +08"');
    expect(call('time.format', [t, 'Asia/Kolkata', '15:04 MST'])).toBe('"17:30 IST"');
  });

  it('diffs two times in calendar units', () => {
    expect(call('time.diff', n('1517832000000000000'), n('1417832000000000000'))).toBe('[3,1,30,9,46,40]');
  });

  it('answers now_ns from the query context', () => {
    expect(call('time.now_ns')).toBe('1700000000123456789');
  });
});
