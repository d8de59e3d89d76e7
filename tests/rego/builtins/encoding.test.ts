import { describe, expect, it } from 'vitest';
import { call, fails, j, set } from './helpers.ts';

describe('encodings', () => {
  it('encodes and decodes base64 and base64url, restoring missing url padding', () => {
    expect(call('base64.encode', 'subjects?_d')).toBe('"c3ViamVjdHM/X2Q="');
    expect(call('base64.decode', 'c3ViamVjdHM/X2Q=')).toBe('"subjects?_d"');
    expect(call('base64url.encode', 'hello')).toBe('"aGVsbG8="');
    expect(call('base64url.encode_no_pad', 'hello')).toBe('"aGVsbG8"');
    expect(call('base64url.decode', 'aGVsbG8')).toBe('"hello"');
    expect(call('base64.is_valid', "{'not':'base64'}")).toBe('false');
  });

  it('reports Go base64 errors with the input offset', () => {
    expect(fails('base64.decode', 'aGVsbG8')).toBe('eval_builtin_error: base64.decode: illegal base64 data at input byte 4');
    expect(fails('base64.decode', 'a$==')).toBe('eval_builtin_error: base64.decode: illegal base64 data at input byte 1');
  });

  it('turns invalid UTF-8 from decoding into one U+FFFD per bad byte, as Go counts runes', () => {
    expect(call('count', JSON.parse(call('base64.decode', '2E84ZuPUd7zfvCZSNEchVpDEIj6PL7JfLpIqyxVG16k=')))).toBe('30');
  });

  it('encodes and decodes hex with Go errors', () => {
    expect(call('hex.encode', 'lorem ipsum')).toBe('"6c6f72656d20697073756d"');
    expect(call('hex.decode', '6c6f72656d20697073756d')).toBe('"lorem ipsum"');
    expect(fails('hex.decode', 'fghijkl')).toBe("eval_builtin_error: hex.decode: encoding/hex: invalid byte: U+0067 'g'");
    expect(fails('hex.decode', 'abc')).toBe('eval_builtin_error: hex.decode: encoding/hex: odd length hex string');
  });

  it('escapes and parses URL queries like Go net/url', () => {
    expect(call('urlquery.encode', 'a=b+1 c')).toBe('"a%3Db%2B1+c"');
    expect(call('urlquery.decode', 'a%3Db%2B1+c')).toBe('"a=b+1 c"');
    expect(call('urlquery.encode_object', j('{"a":"c=b+1","b":["x","y"]}'))).toBe('"a=c%3Db%2B1&b=x&b=y"');
    expect(call('urlquery.encode_object', j('{}'))).toBe('""');
    expect(call('urlquery.encode_object', { a: set('b+1') })).toBe('"a=b%2B1"');
    expect(call('urlquery.decode_object', 'a=value_a1&b&a=value_a2')).toBe('{"a":["value_a1","value_a2"],"b":[""]}');
    expect(fails('urlquery.decode', '%zz')).toBe('eval_builtin_error: urlquery.decode: invalid URL escape "%zz"');
  });
});

describe('crypto', () => {
  it('hashes UTF-8 bytes with md5, sha1 and sha256', () => {
    expect(call('crypto.md5', 'lorem ipsum')).toBe('"80a751fde577028640c419000e33eba6"');
    expect(call('crypto.sha1', 'lorem ipsum')).toBe('"bfb7759a67daeb65410490b4d98bb9da7d1ea2ce"');
    expect(call('crypto.sha256', '')).toBe('"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"');
  });

  it('computes HMACs with the key as second operand and compares them', () => {
    expect(call('crypto.hmac.sha256', 'foo', 'bar')).toBe('"147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851"');
    expect(call('crypto.hmac.sha1', 'åäöçß🥲♙Ω', '秘密の')).toBe('"81759c39013935fcf0de833d44c8018d7c1455dd"');
    expect(call('crypto.hmac.equal', 'abc', 'abc')).toBe('true');
    expect(call('crypto.hmac.equal', 'abc', 'ab')).toBe('false');
  });
});

describe('uri', () => {
  it('parses URLs into OPA fields, leaving empty ones out', () => {
    expect(call('uri.parse', 'https://example.com:8080/api?q=1#top')).toBe(
      '{"fragment":"top","hostname":"example.com","path":"/api","port":"8080","raw_path":"/api","raw_query":"q=1","scheme":"https"}',
    );
    expect(call('uri.parse', 'http://[::1]:8080/path')).toBe('{"hostname":"::1","path":"/path","port":"8080","raw_path":"/path","scheme":"http"}');
    expect(call('uri.parse', 'mailto:user@example.com')).toBe('{"scheme":"mailto"}');
    expect(call('uri.parse', '')).toBe('{}');
  });

  it('keeps the raw path only when decoding changed its meaning', () => {
    expect(call('uri.parse', 'https://example.com/path%2Fwith%2Fslashes')).toContain('"raw_path":"/path%2Fwith%2Fslashes"');
    expect(call('uri.parse', 'https://example.com/a%21b')).toContain('"raw_path":"/a!b"');
  });

  it('rejects what Go net/url rejects, with its messages', () => {
    expect(fails('uri.parse', 'http://exa%6dple.com/')).toBe('eval_builtin_error: uri.parse: parse "http://exa%6dple.com/": invalid URL escape "%6d"');
    expect(fails('uri.parse', 'http://a<b@example.com/')).toBe('eval_builtin_error: uri.parse: parse "http://a<b@example.com/": net/url: invalid userinfo');
    expect(fails('uri.parse', 'http://example.com:٣٤/')).toBe('eval_builtin_error: uri.parse: parse "http://example.com:٣٤/": invalid port ":٣٤" after host');
    expect(call('uri.is_valid', '')).toBe('false');
    expect(call('uri.is_valid', 'http://[invalid')).toBe('false');
    expect(call('uri.is_valid', 'http://foo]bar/')).toBe('true');
  });
});
