// Every reference the loader checks, one broken at a time in a copy of the sample county: the error
// lands on the file and line of the reference, with the code of what it refers to. All edits go into
// one copy (each is a typo in a reference, never in a definition, so they do not interfere).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRepository, type LoadResult } from '../../src/load/index.ts';
import { cleanup, copyCounty } from './helpers.ts';

interface Row {
  readonly what: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  readonly code: string;
}

const ROWS: Row[] = [
  // inventory
  { what: "a zone's unit", file: 'inventory/zones.yaml', from: 'unit: hrss-bureau', to: 'unit: hrss-bureua', code: 'E-REF-UNIT' },
  { what: "a person's unit", file: 'inventory/people.yaml', from: 'unit: education-bureau', to: 'unit: education-bureu', code: 'E-REF-UNIT' },
  { what: "an account's owner", file: 'inventory/accounts.yaml', from: 'owner: tang-wenjie', to: 'owner: tang-wenjei', code: 'E-REF-PERSON' },
  { what: "an account's system", file: 'inventory/accounts.yaml', from: 'system: bdc-gov-portal', to: 'system: bdc-portal', code: 'E-REF-SYSTEM' },
  { what: "a system's unit", file: 'inventory/systems.yaml', from: 'unit: natural-resources', to: 'unit: natural-resource', code: 'E-REF-UNIT' },
  { what: "a system's zone", file: 'inventory/systems.yaml', from: 'zone: lan-county-hospital', to: 'zone: lan-hospital', code: 'E-REF-ZONE' },
  { what: "a terminal group's zone", file: 'inventory/terminals.yaml', from: 'zone: lan-caiyuan-town', to: 'zone: lan-caiyuan', code: 'E-REF-ZONE' },
  { what: "a terminal group's unit", file: 'inventory/terminals.yaml', from: 'unit: shengshan-town', to: 'unit: shengshan', code: 'E-REF-UNIT' },
  { what: "a quota's unit", file: 'inventory/cloud.yaml', from: 'unit: gouqi-township', to: 'unit: gouqi', code: 'E-REF-UNIT' },
  { what: "a VPC's zone", file: 'inventory/cloud.yaml', from: 'zone: cloud-extranet', to: 'zone: cloud-extra', code: 'E-REF-ZONE' },
  { what: "an interface device's managing unit", file: 'inventory/devices.yaml', from: 'managedBy: big-data-center', to: 'managedBy: bdc', code: 'E-REF-UNIT' },
  { what: "an isolation device's zones", file: 'inventory/devices.yaml', from: 'between: [police-private,', to: 'between: [police-privat,', code: 'E-REF-ZONE' },
  { what: "an isolation device's unit", file: 'inventory/devices.yaml', from: 'unit: county-police', to: 'unit: police', code: 'E-REF-UNIT' },
  { what: "an internet exit's device, which must be an interface device", file: 'inventory/devices.yaml', from: 'device: fw-exit-01', to: 'device: gap-police-01', code: 'E-REF-DEVICE' },
  { what: "a rectification notice's unit", file: 'inventory/rectification.yaml', from: 'unit: market-regulation', to: 'unit: market', code: 'E-REF-UNIT' },
  { what: 'the bureau unit of the policy configuration', file: 'inventory/policy-config.yaml', from: 'bureauUnit: big-data-center', to: 'bureauUnit: big-data-centre', code: 'E-REF-UNIT' },
  // requests
  { what: "a network access's zone", file: 'requests/shengshan-town/req-2026-0201.yaml', from: 'zone: extranet-public', to: 'zone: extranet-publik', code: 'E-REF-ZONE' },
  { what: "a network access's systems", file: 'requests/shengshan-town/req-2026-0201.yaml', from: 'systems: [shengshan-fishery]', to: 'systems: [shengshan-fishing]', code: 'E-REF-SYSTEM' },
  { what: "a network access's interface device", file: 'requests/big-data-center/req-2026-0203.yaml', from: 'interfaceDevice: rt-extranet-core-01', to: 'interfaceDevice: gap-police-01', code: 'E-REF-DEVICE' },
  { what: "a cloud request's system", file: 'requests/county-hospital/req-2026-0301.yaml', from: 'system: hospital-appointment', to: 'system: hospital-appt', code: 'E-REF-SYSTEM' },
  { what: "a security-group rule's source zone", file: 'requests/county-hospital/req-2026-0301.yaml', from: 'source: { zone: internet', to: 'source: { zone: internet-x', code: 'E-REF-ZONE' },
  { what: "a data exchange's private network", file: 'requests/county-police/req-2026-0501.yaml', from: 'privateNetwork: police-private', to: 'privateNetwork: police-net', code: 'E-REF-ZONE' },
  { what: "a data exchange's extranet zone", file: 'requests/county-police/req-2026-0501.yaml', from: 'extranetZone: extranet-public', to: 'extranetZone: extranet', code: 'E-REF-ZONE' },
  { what: "a data exchange's ferry owner", file: 'requests/county-police/req-2026-0501.yaml', from: 'ferryOwner: county-police', to: 'ferryOwner: county-polise', code: 'E-REF-UNIT' },
  { what: "a vendor access's staff", file: 'requests/county-hospital/req-2026-0601.yaml', from: 'staff: [zhou-tao]', to: 'staff: [zhou-tau]', code: 'E-REF-PERSON' },
  { what: "a vendor access's systems", file: 'requests/county-hospital/req-2026-0601.yaml', from: 'systems: [hospital-his]', to: 'systems: [hospital-hix]', code: 'E-REF-SYSTEM' },
  { what: "an offboarding's person", file: 'requests/hrss-bureau/req-2026-0701.yaml', from: 'person: xu-ming', to: 'person: xu-min', code: 'E-REF-PERSON' },
  { what: "an offboarding's handover person", file: 'requests/hrss-bureau/req-2026-0701.yaml', from: '  to: ma-lihua', to: '  to: ma-li-hua', code: 'E-REF-PERSON' },
  { what: "a request's requester", file: 'requests/gouqi-township/req-2026-0105.yaml', from: 'requester: yu-haoran', to: 'requester: yu-hao-ran', code: 'E-REF-PERSON' },
];

let result: LoadResult;
const lineOf = new Map<Row, number>();

beforeAll(async () => {
  const dir = await copyCounty();
  for (const row of ROWS) {
    const path = join(dir, row.file);
    const text = await readFile(path, 'utf8');
    const at = text.indexOf(row.from);
    if (at < 0) throw new Error(`${row.file} has no ${row.from}`);
    lineOf.set(row, text.slice(0, at).split('\n').length);
    await writeFile(path, text.slice(0, at) + row.to + text.slice(at + row.from.length));
  }
  result = await loadRepository(dir);
});
afterAll(cleanup);

describe('references', () => {
  for (const row of ROWS) {
    it(`reports ${row.what} that does not exist (${row.code})`, () => {
      const errors = result.files.find((f) => f.path === row.file)!.errors;
      expect(errors.map((e) => `${e.code} ${e.line}`)).toContain(`${row.code} ${lineOf.get(row)}`);
    });
  }

  it('reports nothing but the broken references', () => {
    expect(result.diagnostics.length).toBe(ROWS.length);
  });
});
