// Rego built-ins: time.* with nanosecond precision (bigint) and Go's layout language
// (time.Parse / Time.Format: "2006-01-02T15:04:05Z07:00"), time zones through Intl (IANA names).
import { BigNum, num, toBigInt, type Value } from '../value.ts';
import { arg, builtinErr, def, numArg, strArg, typeErr } from './args.ts';
import { goQuote } from './sprintf.ts';
import type { BuiltinDef } from './types.ts';

const NS_PER_S = 1_000_000_000n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// named layouts OPA accepts in place of a layout string (Go's time package constants)
const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
  Kitchen: '3:04PM',
  Stamp: 'Jan _2 15:04:05',
  StampMilli: 'Jan _2 15:04:05.000',
  StampMicro: 'Jan _2 15:04:05.000000',
  StampNano: 'Jan _2 15:04:05.000000000',
  DateTime: '2006-01-02 15:04:05',
  DateOnly: '2006-01-02',
  TimeOnly: '15:04:05',
};

// ---- civil calendar (proleptic Gregorian, days since 1970-01-01) ------------------------------

export function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [y + (m <= 2 ? 1 : 0), m, d];
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  weekday: number;
  yday: number;
  offset: number;
  abbrev: string;
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

// ---- time zones ---------------------------------------------------------------------------------

interface Zone {
  name: string;
  /** offset in seconds east of UTC at the given UTC second */
  offsetAt(sec: bigint): number;
  abbrevAt(sec: bigint): string;
}

// zones whose tzdata abbreviation no CLDR locale reproduces (China Standard Time first: the county's zone)
const TZ_ABBREV: Record<string, string> = {
  'Asia/Shanghai': 'CST',
  'Asia/Chongqing': 'CST',
  'Asia/Chungking': 'CST',
  'Asia/Harbin': 'CST',
  PRC: 'CST',
  'Asia/Macau': 'CST',
  'Asia/Taipei': 'CST',
  ROC: 'CST',
  'Asia/Hong_Kong': 'HKT',
  Hongkong: 'HKT',
  'Asia/Seoul': 'KST',
  'Asia/Manila': 'PST',
  'Asia/Jakarta': 'WIB',
  'Asia/Karachi': 'PKT',
  'Africa/Johannesburg': 'SAST',
};

const UTC: Zone = { name: 'UTC', offsetAt: () => 0, abbrevAt: () => 'UTC' };
const zones = new Map<string, Zone>();

function loadZone(fn: string, name: string): Zone {
  if (name === '' || name === 'UTC') return UTC;
  const ianaName = name === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : name;
  const hit = zones.get(ianaName);
  if (hit) return hit;
  let fmt: Intl.DateTimeFormat;
  let abbrs: Intl.DateTimeFormat[];
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: ianaName,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    // tzdata abbreviations (what Go prints for MST) are spread over CLDR locales: CET in en-GB,
    // AEST in en-AU, IST in en-IN, JST in ja-JP; en-US alone says "GMT+1" for most of the world
    abbrs = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'ja-JP'].map((loc) => new Intl.DateTimeFormat(loc, { timeZone: ianaName, timeZoneName: 'short' }));
  } catch {
    throw builtinErr(fn, `unknown time zone ${name}`);
  }
  // Intl works on milliseconds within ±8.64e15; offsets are looked up at a clamped instant
  const clampMs = (sec: bigint): number => Number(sec < -8_000_000_000_000n ? -8_000_000_000_000n : sec > 8_000_000_000_000n ? 8_000_000_000_000n : sec) * 1000;
  const zone: Zone = {
    name,
    offsetAt(sec) {
      const ms = clampMs(sec);
      const parts: Record<string, string> = {};
      for (const p of fmt.formatToParts(new Date(ms))) parts[p.type] = p.value;
      let y = Number(parts.year);
      if (parts.era === 'BC') y = 1 - y;
      const local = daysFromCivil(y, Number(parts.month), Number(parts.day)) * 86400 + Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
      return local - Math.floor(ms / 1000);
    },
    abbrevAt(sec) {
      const fixed = TZ_ABBREV[ianaName];
      if (fixed) return fixed;
      const at = new Date(clampMs(sec));
      for (const f of abbrs) {
        const a = f.formatToParts(at).find((x) => x.type === 'timeZoneName')?.value ?? '';
        if (a !== '' && !/^GMT[+-]/.test(a)) return a;
      }
      // tzdata names zones without a letter abbreviation by their offset: "+08", "+0530", "-03"
      const off = zone.offsetAt(sec);
      const a = Math.abs(off);
      const hh = String(Math.floor(a / 3600)).padStart(2, '0');
      const mm = Math.floor((a % 3600) / 60);
      return (off < 0 ? '-' : '+') + hh + (mm ? String(mm).padStart(2, '0') : '');
    },
  };
  zones.set(ianaName, zone);
  return zone;
}

function fieldsOf(ns: bigint, zone: Zone): Fields {
  const sec = floorDiv(ns, NS_PER_S);
  const nanos = Number(ns - sec * NS_PER_S);
  const offset = zone.offsetAt(sec);
  const local = sec + BigInt(offset);
  const days = Number(floorDiv(local, 86400n));
  const rem = Number(local - BigInt(days) * 86400n);
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3600),
    minute: Math.floor((rem % 3600) / 60),
    second: rem % 60,
    nanos,
    weekday: (((days + 4) % 7) + 7) % 7,
    yday: days - daysFromCivil(year, 1, 1) + 1,
    offset,
    abbrev: zone === UTC ? 'UTC' : zone.abbrevAt(sec),
  };
}

function checkRange(fn: string, ns: bigint): Value {
  if (ns < INT64_MIN || ns > INT64_MAX) throw builtinErr(fn, 'time outside of valid range');
  return num(ns);
}

// ---- layouts --------------------------------------------------------------------------------------

type Std =
  | 'Jan' | 'January' | 'Mon' | 'Monday' | 'MST' | '01' | '1' | '02' | '2' | '_2' | '002' | '__2'
  | '03' | '3' | '04' | '4' | '05' | '5' | '06' | '2006' | '15' | 'PM' | 'pm'
  | '-070000' | '-07:00:00' | '-0700' | '-07:00' | '-07'
  | 'Z070000' | 'Z07:00:00' | 'Z0700' | 'Z07:00' | 'Z07'
  | 'frac0' | 'frac9';

interface Chunk {
  prefix: string;
  std?: Std;
  /** fractional second: number of digits and separator */
  digits?: number;
  sep?: string;
  suffix: string;
}

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Go's nextStdChunk: the literal prefix, the first standard token, and the rest. */
function nextChunk(layout: string): Chunk {
  for (let i = 0; i < layout.length; i++) {
    const c = layout[i]!;
    const rest = layout.slice(i);
    const hit = (std: Std, len: number): Chunk => ({ prefix: layout.slice(0, i), std, suffix: layout.slice(i + len) });
    switch (c) {
      case 'J':
        if (rest.startsWith('Jan')) return rest.startsWith('January') ? hit('January', 7) : hit('Jan', 3);
        break;
      case 'M':
        if (rest.startsWith('Mon')) return rest.startsWith('Monday') ? hit('Monday', 6) : hit('Mon', 3);
        if (rest.startsWith('MST')) return hit('MST', 3);
        break;
      case '0':
        if (rest.length >= 2 && rest[1]! >= '1' && rest[1]! <= '6') return hit(('0' + rest[1]) as Std, 2);
        if (rest.startsWith('002')) return hit('002', 3);
        break;
      case '1':
        if (rest.startsWith('15')) return hit('15', 2);
        return hit('1', 1);
      case '2':
        if (rest.startsWith('2006')) return hit('2006', 4);
        return hit('2', 1);
      case '_':
        if (rest.startsWith('_2')) {
          if (rest.startsWith('_2006')) return { prefix: layout.slice(0, i + 1), std: '2006', suffix: layout.slice(i + 5) };
          return hit('_2', 2);
        }
        if (rest.startsWith('__2')) return hit('__2', 3);
        break;
      case '3':
      case '4':
      case '5':
        return hit(c as Std, 1);
      case 'P':
        if (rest.startsWith('PM')) return hit('PM', 2);
        break;
      case 'p':
        if (rest.startsWith('pm')) return hit('pm', 2);
        break;
      case '-':
        for (const z of ['-070000', '-07:00:00', '-0700', '-07:00', '-07'] as const) if (rest.startsWith(z)) return hit(z, z.length);
        break;
      case 'Z':
        for (const z of ['Z070000', 'Z07:00:00', 'Z0700', 'Z07:00', 'Z07'] as const) if (rest.startsWith(z)) return hit(z, z.length);
        break;
      case '.':
      case ',':
        if (rest[1] === '0' || rest[1] === '9') {
          const ch = rest[1];
          let j = 1;
          while (j < rest.length && rest[j] === ch) j++;
          if (!isDigitAt(rest, j)) {
            return { prefix: layout.slice(0, i), std: ch === '0' ? 'frac0' : 'frac9', digits: j - 1, sep: c, suffix: layout.slice(i + j) };
          }
        }
        break;
    }
  }
  return { prefix: layout, suffix: '' };
}

const pad = (n: number, w: number): string => (n < 0 ? '-' + String(-n).padStart(w, '0') : String(n).padStart(w, '0'));

function formatTime(ns: bigint, zone: Zone, layout: string): string {
  const f = fieldsOf(ns, zone);
  let out = '';
  let rest = layout;
  while (rest !== '') {
    const ch = nextChunk(rest);
    out += ch.prefix;
    rest = ch.suffix;
    if (!ch.std) break;
    switch (ch.std) {
      case '2006':
        out += pad(f.year, 4);
        break;
      case '06':
        out += pad(((f.year % 100) + 100) % 100, 2);
        break;
      case 'Jan':
        out += MONTHS[f.month - 1]!.slice(0, 3);
        break;
      case 'January':
        out += MONTHS[f.month - 1]!;
        break;
      case '1':
        out += String(f.month);
        break;
      case '01':
        out += pad(f.month, 2);
        break;
      case 'Mon':
        out += DAYS[f.weekday]!.slice(0, 3);
        break;
      case 'Monday':
        out += DAYS[f.weekday]!;
        break;
      case '2':
        out += String(f.day);
        break;
      case '_2':
        out += String(f.day).padStart(2, ' ');
        break;
      case '02':
        out += pad(f.day, 2);
        break;
      case '__2':
        out += String(f.yday).padStart(3, ' ');
        break;
      case '002':
        out += pad(f.yday, 3);
        break;
      case '15':
        out += pad(f.hour, 2);
        break;
      case '3':
        out += String(f.hour % 12 === 0 ? 12 : f.hour % 12);
        break;
      case '03':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, 2);
        break;
      case '4':
        out += String(f.minute);
        break;
      case '04':
        out += pad(f.minute, 2);
        break;
      case '5':
        out += String(f.second);
        break;
      case '05':
        out += pad(f.second, 2);
        break;
      case 'PM':
        out += f.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += f.hour >= 12 ? 'pm' : 'am';
        break;
      case 'MST':
        if (f.abbrev !== '') out += f.abbrev;
        else out += zoneText(f.offset, false, false, false);
        break;
      case 'frac0':
        out += ch.sep! + String(f.nanos).padStart(9, '0').slice(0, ch.digits);
        break;
      case 'frac9': {
        const digits = String(f.nanos).padStart(9, '0').slice(0, ch.digits).replace(/0+$/, '');
        if (digits !== '') out += ch.sep! + digits;
        break;
      }
      default: {
        const std = ch.std;
        if (std.startsWith('Z') && f.offset === 0) {
          out += 'Z';
          break;
        }
        const colon = std.includes(':');
        const secs = std.endsWith('0000') || std.endsWith(':00:00');
        const hoursOnly = std === '-07' || std === 'Z07';
        out += zoneText(f.offset, colon, secs, hoursOnly);
      }
    }
  }
  return out;
}

function zoneText(offset: number, colon: boolean, secs: boolean, hoursOnly: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = pad(Math.floor(a / 3600), 2);
  const mm = pad(Math.floor((a % 3600) / 60), 2);
  const ss = pad(a % 60, 2);
  const sep = colon ? ':' : '';
  if (hoursOnly) return sign + hh;
  return sign + hh + sep + mm + (secs ? sep + ss : '');
}

class ParseFail extends Error {}

function parseTime(fn: string, layoutIn: string, value: string): bigint {
  const layout = NAMED_LAYOUTS[layoutIn] ?? layoutIn;
  const origValue = value;
  const fail = (valueElem: string, layoutElem: string, msg?: string): never => {
    const m = msg ?? ` as ${goQuote(layout)}: cannot parse ${goQuote(valueElem)} as ${goQuote(layoutElem)}`;
    throw builtinErr(fn, `parsing time ${goQuote(origValue)}${m}`);
  };
  let year = 1;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanos = 0;
  let pm = false;
  let am = false;
  let offset: number | undefined;
  let zoneName = '';
  let rest = layout;
  const getnum = (fixed: boolean, digitsMax = 2): number => {
    if (!isDigitAt(value, 0)) throw new ParseFail();
    let n = 1;
    while (n < digitsMax && isDigitAt(value, n)) n++;
    if (fixed && n < digitsMax) throw new ParseFail();
    const v = Number(value.slice(0, n));
    value = value.slice(n);
    return v;
  };
  const lookup = (names: string[]): number => {
    for (let k = 0; k < names.length; k++) {
      const nm = names[k]!;
      if (value.length >= nm.length && value.slice(0, nm.length).toLowerCase() === nm.toLowerCase()) {
        value = value.slice(nm.length);
        return k;
      }
    }
    throw new ParseFail();
  };
  const fracNanos = (n: number): number => {
    // value[0] is the separator; n counts it
    const digits = value.slice(1, n);
    if (!/^\d+$/.test(digits)) throw new ParseFail();
    value = value.slice(n);
    return Number(digits.slice(0, 9).padEnd(9, '0'));
  };
  while (rest !== '') {
    const ch = nextChunk(rest);
    const stdText = rest.slice(ch.prefix.length, rest.length - ch.suffix.length);
    // literal text; a space in the layout matches any run of spaces
    let pre = ch.prefix;
    while (pre !== '') {
      if (pre[0] === ' ') {
        if (value !== '' && value[0] !== ' ') fail(value, ch.prefix);
        pre = pre.replace(/^ +/, '');
        value = value.replace(/^ +/, '');
        continue;
      }
      if (value === '' || value[0] !== pre[0]) fail(value, ch.prefix);
      pre = pre.slice(1);
      value = value.slice(1);
    }
    rest = ch.suffix;
    if (!ch.std) break;
    const hold = value;
    try {
      switch (ch.std) {
        case '2006':
          if (value.length < 4 || !/^\d{4}/.test(value)) throw new ParseFail();
          year = Number(value.slice(0, 4));
          value = value.slice(4);
          break;
        case '06': {
          const y = getnum(true);
          year = y >= 69 ? 1900 + y : 2000 + y;
          break;
        }
        case 'Jan':
          month = lookup(MONTHS.map((m) => m.slice(0, 3))) + 1;
          break;
        case 'January':
          month = lookup(MONTHS) + 1;
          break;
        case '1':
        case '01':
          month = getnum(ch.std === '01');
          if (month < 1 || month > 12) fail(hold, stdText, ': month out of range');
          break;
        case 'Mon':
          lookup(DAYS.map((d) => d.slice(0, 3)));
          break;
        case 'Monday':
          lookup(DAYS);
          break;
        case '2':
        case '_2':
        case '02':
          if (ch.std === '_2' && value[0] === ' ') value = value.slice(1);
          day = getnum(ch.std === '02');
          break;
        case '__2':
        case '002':
          if (ch.std === '__2') value = value.replace(/^ {1,2}/, '');
          yday = getnum(ch.std === '002', 3);
          if (yday < 1 || yday > 366) fail(hold, stdText, ': day-of-year out of range');
          break;
        case '15':
          hour = getnum(false);
          if (hour > 23) fail(hold, stdText, ': hour out of range');
          break;
        case '3':
        case '03':
          hour = getnum(ch.std === '03');
          if (hour > 12) fail(hold, stdText, ': hour out of range');
          break;
        case '4':
        case '04':
          minute = getnum(ch.std === '04');
          if (minute > 59) fail(hold, stdText, ': minute out of range');
          break;
        case '5':
        case '05': {
          second = getnum(ch.std === '05');
          if (second > 59) fail(hold, stdText, ': second out of range');
          // Go accepts a fractional second after the seconds even when the layout has none
          if (value.length >= 2 && (value[0] === '.' || value[0] === ',') && isDigitAt(value, 1)) {
            const next = nextChunk(rest);
            if (next.std === 'frac0' || next.std === 'frac9') break;
            let n = 2;
            while (isDigitAt(value, n)) n++;
            nanos = fracNanos(n);
          }
          break;
        }
        case 'PM':
        case 'pm': {
          const p = value.slice(0, 2);
          value = value.slice(2);
          if (p === (ch.std === 'PM' ? 'PM' : 'pm')) pm = true;
          else if (p === (ch.std === 'PM' ? 'AM' : 'am')) am = true;
          else throw new ParseFail();
          break;
        }
        case 'MST': {
          if (value.startsWith('UTC')) {
            value = value.slice(3);
            offset = 0;
            break;
          }
          const m = /^(?:GMT[+-]\d{1,2}|[A-Z][A-Za-z]{2,4})/.exec(value);
          if (!m) throw new ParseFail();
          zoneName = m[0];
          value = value.slice(m[0].length);
          break;
        }
        case 'frac0': {
          const n = 1 + ch.digits!;
          if (value.length < n || value[0] !== ch.sep) throw new ParseFail();
          nanos = fracNanos(n);
          break;
        }
        case 'frac9': {
          if (value.length < 2 || (value[0] !== '.' && value[0] !== ',') || !isDigitAt(value, 1)) break;
          let n = 1;
          while (isDigitAt(value, n)) n++;
          nanos = fracNanos(n);
          break;
        }
        default: {
          const std = ch.std;
          if (std.startsWith('Z') && value[0] === 'Z') {
            value = value.slice(1);
            offset = 0;
            break;
          }
          const shape = std.slice(1).replace(/\d/g, 'd');
          const re = new RegExp('^[+-]' + shape.replace(/d/g, '\\d'));
          const m = re.exec(value);
          if (!m) throw new ParseFail();
          const digits = m[0].slice(1).replace(/:/g, '');
          const hh = Number(digits.slice(0, 2));
          const mm = Number(digits.slice(2, 4) || '0');
          const ss = Number(digits.slice(4, 6) || '0');
          if (hh > 24 || mm > 60 || ss > 60) fail(hold, stdText, ': time zone offset out of range');
          offset = (hh * 3600 + mm * 60 + ss) * (m[0][0] === '-' ? -1 : 1);
          value = value.slice(m[0].length);
        }
      }
    } catch (e) {
      if (e instanceof ParseFail) fail(hold, stdText);
      throw e;
    }
  }
  if (value !== '') throw builtinErr(fn, `parsing time ${goQuote(origValue)}: extra text: ${goQuote(value)}`);
  if (pm && hour < 12) hour += 12;
  else if (am && hour === 12) hour = 0;
  if (yday >= 0) {
    const days = daysFromCivil(year, 1, 1) + yday - 1;
    const [, m2, d2] = civilFromDays(days);
    if (month >= 0 && month !== m2) fail(origValue, layout, ': day-of-year does not match month');
    if (day >= 0 && day !== d2) fail(origValue, layout, ': day-of-year does not match day');
    month = m2;
    day = d2;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(year, month)) fail(origValue, layout, ': day out of range');
  const days = BigInt(daysFromCivil(year, month, day));
  let sec = days * 86400n + BigInt(hour * 3600 + minute * 60 + second);
  if (offset !== undefined) sec -= BigInt(offset);
  else if (zoneName.startsWith('GMT') && zoneName.length > 3) sec -= BigInt(Number(zoneName.slice(3)) * 3600);
  return sec * NS_PER_S + BigInt(nanos);
}

// ---- durations ----------------------------------------------------------------------------------

const UNITS: Record<string, bigint> = { ns: 1n, us: 1000n, µs: 1000n, μs: 1000n, ms: 1_000_000n, s: NS_PER_S, m: 60n * NS_PER_S, h: 3600n * NS_PER_S };

/** Go's time.ParseDuration, exact in nanoseconds. */
export function parseDuration(fn: string, s: string): bigint {
  const bad = (): never => {
    throw builtinErr(fn, `time: invalid duration ${goQuote(s)}`);
  };
  let rest = s;
  let neg = false;
  if (rest[0] === '-' || rest[0] === '+') {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') bad();
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return bad();
    const unit = UNITS[m[3]!];
    if (unit === undefined) throw builtinErr(fn, `time: unknown unit ${goQuote(m[3]!)} in duration ${goQuote(s)}`);
    const whole = BigInt(m[1] || '0') * unit;
    let frac = 0n;
    if (m[2]) frac = (BigInt(m[2]) * unit) / 10n ** BigInt(m[2].length);
    total += whole + frac;
    if (total > 2n ** 63n) bad();
    rest = rest.slice(m[0].length);
  }
  if (neg) total = -total;
  if (total > INT64_MAX) bad();
  return total;
}

// ---- operands -----------------------------------------------------------------------------------

/** The timestamp operand: ns, [ns, tz] or [ns, tz, layout] (OPA's tzTime). */
function tzTime(fn: string, v: Value): { ns: bigint; zone: Zone; layout: string } {
  let nv: Value;
  let tz = '';
  let layout = NAMED_LAYOUTS.RFC3339Nano!;
  if (Array.isArray(v)) {
    if (v.length < 1 || v.length > 3) throw builtinErr(fn, 'array must have 1 to 3 elements');
    nv = v[0]!;
    if (v.length > 1) {
      const z = v[1]!;
      if (typeof z !== 'string') throw typeErr(fn, 1, z, 'string');
      tz = z;
    }
    if (v.length > 2) {
      const l = v[2]!;
      if (typeof l !== 'string') throw typeErr(fn, 1, l, 'string');
      layout = NAMED_LAYOUTS[l] ?? l;
    }
  } else if (typeof v === 'number' || v instanceof BigNum) nv = v;
  else throw typeErr(fn, 1, v, 'number', 'array');
  if (typeof nv !== 'number' && !(nv instanceof BigNum)) throw typeErr(fn, 1, nv, 'number');
  const ns = toBigInt(nv);
  if (ns === undefined || ns < INT64_MIN || ns > INT64_MAX) throw builtinErr(fn, 'timestamp too big');
  return { ns, zone: loadZone(fn, tz), layout };
}

function nsArg(fn: string, args: Value[], i: number): bigint {
  const n = toBigInt(numArg(fn, args, i));
  if (n === undefined) throw builtinErr(fn, 'timestamp too big');
  return n;
}

function addDate(args: Value[]): Value {
  const fn = 'time.add_date';
  const ns = nsArg(fn, args, 0);
  const dy = Number(nsArg(fn, args, 1));
  const dm = Number(nsArg(fn, args, 2));
  const dd = Number(nsArg(fn, args, 3));
  const f = fieldsOf(ns, UTC);
  // Go's AddDate normalises overflowing months and days (Oct 31 + 1 month = Dec 1)
  const m0 = f.month - 1 + dm;
  const y = f.year + dy + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  const days = BigInt(daysFromCivil(y, m, 1) + f.day - 1 + dd);
  const sec = days * 86400n + BigInt(f.hour * 3600 + f.minute * 60 + f.second);
  return checkRange(fn, sec * NS_PER_S + BigInt(f.nanos));
}

function diff(args: Value[]): Value {
  const fn = 'time.diff';
  const a = tzTime(fn, arg(args, 0));
  const b = tzTime(fn, arg(args, 1));
  let [t1, t2] = [a.ns, b.ns];
  if (t1 > t2) [t1, t2] = [t2, t1];
  const f1 = fieldsOf(t1, a.zone);
  const f2 = fieldsOf(t2, a.zone);
  let year = f2.year - f1.year;
  let month = f2.month - f1.month;
  let day = f2.day - f1.day;
  let hour = f2.hour - f1.hour;
  let min = f2.minute - f1.minute;
  let sec = f2.second - f1.second;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += daysIn(f1.year, f1.month);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

export const builtins: readonly BuiltinDef[] = [
  def('time.now_ns', 0, (_args, ctx) => num(ctx.timeNs), true),
  def('time.parse_ns', 2, (args) => {
    const fn = 'time.parse_ns';
    return checkRange(fn, parseTime(fn, strArg(fn, args, 0), strArg(fn, args, 1)));
  }),
  def('time.parse_rfc3339_ns', 1, (args) => {
    const fn = 'time.parse_rfc3339_ns';
    return checkRange(fn, parseTime(fn, NAMED_LAYOUTS.RFC3339!, strArg(fn, args, 0)));
  }),
  def('time.parse_duration_ns', 1, (args) => num(parseDuration('time.parse_duration_ns', strArg('time.parse_duration_ns', args, 0)))),
  def('time.date', 1, (args) => {
    const t = tzTime('time.date', arg(args, 0));
    const f = fieldsOf(t.ns, t.zone);
    return [f.year, f.month, f.day];
  }),
  def('time.clock', 1, (args) => {
    const t = tzTime('time.clock', arg(args, 0));
    const f = fieldsOf(t.ns, t.zone);
    return [f.hour, f.minute, f.second];
  }),
  def('time.weekday', 1, (args) => {
    const t = tzTime('time.weekday', arg(args, 0));
    return DAYS[fieldsOf(t.ns, t.zone).weekday]!;
  }),
  def('time.add_date', 4, addDate),
  def('time.diff', 2, diff),
  def('time.format', 1, (args) => {
    const t = tzTime('time.format', arg(args, 0));
    return formatTime(t.ns, t.zone, t.layout);
  }),
];
