// Reading `nft -j` output: equal meaning compares equal whatever nft's representation, and anything
// govern never writes stays visible as drift.
import { describe, expect, it } from 'vitest';
import { diffRulesets } from '../../src/targets/nftables/diff.ts';
import { rulesetFromJson } from '../../src/targets/nftables/read.ts';
import { nftRuleset } from '../../src/targets/nftables/render.ts';
import { canonicalCidrs } from '../../src/targets/nftables/ruleset.ts';

const doc = (items: unknown[]) => JSON.stringify({ nftables: [{ metainfo: { json_schema_version: 1 } }, ...items] });
const table = { table: { family: 'inet', name: 'govern_exit', handle: 1 } };

describe('nft JSON read-back', () => {
  it('returns undefined when our table is not in the listing', () => {
    expect(rulesetFromJson(doc([{ table: { family: 'inet', name: 'other', handle: 1 } }]), 'govern_exit')).toBeUndefined();
  });

  it('reads ranges, prefixes and single addresses of a set as one canonical CIDR list', () => {
    const rs = rulesetFromJson(
      doc([
        table,
        {
          set: {
            family: 'inet',
            table: 'govern_exit',
            name: 'a_x',
            type: 'ipv4_addr',
            flags: ['interval'],
            elem: [{ range: ['10.0.0.0', '10.0.0.255'] }, { prefix: { addr: '10.0.1.0', len: 24 } }, '10.0.2.1', { elem: { val: '10.0.2.0', comment: 'x' } }],
          },
        },
      ]),
      'govern_exit',
    );
    expect(rs?.sets).toEqual([{ name: 'a_x', family: 4, elements: ['10.0.0.0/23', '10.0.2.0/31'] }]);
  });

  it('keeps a set of a type govern never writes as visibly different', () => {
    const rs = rulesetFromJson(doc([table, { set: { table: 'govern_exit', name: 'ports', type: 'inet_service', elem: [22] } }]), 'govern_exit');
    expect(rs?.sets[0]?.elements[0]).toContain('inet_service');
  });

  it('reads a port set written as single ports as equal to the merged range govern renders', () => {
    const rule = (right: unknown) =>
      rulesetFromJson(
        doc([table, { rule: { table: 'govern_exit', chain: 'forward', comment: 'c', expr: [{ match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right } }, { accept: null }] } }]),
        'govern_exit',
      )!.rules[0];
    expect(rule({ set: [80, 81, 82] })).toEqual(rule({ range: [80, 82] }));
  });

  it('makes an unknown expression part of the rule, so a hand-edited rule differs from ours', () => {
    const rs = rulesetFromJson(
      doc([table, { rule: { table: 'govern_exit', chain: 'forward', comment: 'c', expr: [{ counter: { packets: 0, bytes: 0 } }, { accept: null }] } }]),
      'govern_exit',
    );
    expect(rs?.rules[0]?.exprs[0]).toEqual({ kind: 'unknown', text: '<{"counter":{"packets":0,"bytes":0}}>' });
  });

  it('reports a missing table as one repository-only item', () => {
    const want = nftRuleset({ device: 'fw', defaultAction: 'deny', addressObjects: [], serviceObjects: [], policies: [], nat: [] });
    expect(diffRulesets(want, undefined).items).toEqual([{ side: 'repository-only', kind: 'table', name: 'govern_exit', detail: 'table inet govern_exit' }]);
  });

  it('covers an arbitrary range with the fewest aligned CIDRs', () => {
    expect(canonicalCidrs(4, ['10.0.0.1-10.0.0.6'])).toEqual(['10.0.0.1', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6']);
    expect(canonicalCidrs(6, ['2001:db8::/33', '2001:db8:8000::/33'])).toEqual(['2001:db8::/32']);
  });
});
