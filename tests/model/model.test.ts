// The shape rules of the model (src/model): each a sentence, each failing if the rule is removed.
import { describe, expect, it } from 'vitest';
import {
  Cidr,
  DateStr,
  Id,
  PortOpeningRequest,
  PortSpec,
  RequestId,
  SCHEMA_CODES,
  Unit,
  portRange,
  schemaFileName,
} from '../../src/model/index.ts';

const issues = (r: { success: boolean; error?: { issues: { message: string; params?: unknown }[] } }): string[] =>
  r.success ? [] : r.error!.issues.map((i) => i.message);

describe('model', () => {
  it('accepts a port number, a range and "any", and refuses 0, 65536 and reversed ranges', () => {
    for (const ok of [1, 443, 65535, '8000-8010', 'any']) expect(PortSpec.safeParse(ok).success).toBe(true);
    for (const bad of [0, 65536, '9000-8000', '0-10', '80-70000', 'http', 443.5]) expect(PortSpec.safeParse(bad).success).toBe(false);
  });

  it('normalises port specs to inclusive ranges', () => {
    expect(portRange(443)).toEqual({ from: 443, to: 443, any: false });
    expect(portRange('8000-8010')).toEqual({ from: 8000, to: 8010, any: false });
    expect(portRange('any')).toEqual({ from: 1, to: 65535, any: true });
  });

  it('accepts only real calendar dates written YYYY-MM-DD', () => {
    expect(DateStr.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '2026-11-16T10:00:00Z']) expect(issues(DateStr.safeParse(bad))).toEqual([SCHEMA_CODES.date]);
  });

  it('refuses a prefix with host bits and names the network address to write instead', () => {
    const r = Cidr.safeParse('10.72.3.15/24');
    expect(issues(r)).toEqual([SCHEMA_CODES.cidrHostBits]);
    expect((r.error!.issues[0] as { params?: { network?: string } }).params?.network).toBe('10.72.3.0/24');
    expect(Cidr.safeParse('2001:db8::1/32').error!.issues[0]!.message).toBe(SCHEMA_CODES.cidrHostBits);
  });

  it('accepts IPv4 and IPv6 prefixes and bare host addresses', () => {
    for (const ok of ['0.0.0.0/0', '10.72.3.0/24', '10.72.3.15', '::/0', '2001:db8::/32']) expect(Cidr.safeParse(ok).success).toBe(true);
    for (const bad of ['10.72.3.0/33', '256.1.1.0/24', 'any', '10.72.3.0/']) expect(issues(Cidr.safeParse(bad))).toEqual([SCHEMA_CODES.cidr]);
  });

  it('accepts kebab-case ids and REQ-year-serial request ids only', () => {
    expect(Id.safeParse('health-appointment').success).toBe(true);
    for (const bad of ['Health', 'a--b', '-a', 'a_b', 'a'.repeat(65)]) expect(Id.safeParse(bad).success).toBe(false);
    expect(RequestId.safeParse('REQ-2026-0012').success).toBe(true);
    expect(issues(RequestId.safeParse('REQ-26-12'))).toEqual([SCHEMA_CODES.requestId]);
  });

  it('refuses unknown fields in every object, so a typo cannot pass', () => {
    const unit = { id: 'a', name: 'A', type: 'town', githubTeam: 'a' };
    expect(Unit.safeParse(unit).success).toBe(true);
    const r = Unit.safeParse({ ...unit, securityOfficr: 'x' });
    expect(r.error!.issues[0]!.code).toBe('unrecognized_keys');
  });

  it('leaves governance fields optional so that the policies, not the schema, deny their absence', () => {
    const r = PortOpeningRequest.safeParse({
      apiVersion: 'govern.shengsi.gov.cn/v1',
      kind: 'PortOpeningRequest',
      id: 'REQ-2026-0001',
      unit: 'a',
      title: 't',
      requester: 'p',
      submitted: '2026-11-01',
      dataClassification: 'state-secret',
      ports: [{ port: 'any', protocol: 'any', source: { zone: 'internet', cidrs: ['0.0.0.0/0'] }, destination: { system: 's', address: '10.0.0.1' } }],
    });
    expect(r.success).toBe(true);
  });

  it('names each kind\'s JSON Schema file in kebab-case', () => {
    expect(schemaFileName('PortOpeningRequest')).toBe('port-opening-request.json');
    expect(schemaFileName('PolicyConfig')).toBe('policy-config.json');
  });
});
