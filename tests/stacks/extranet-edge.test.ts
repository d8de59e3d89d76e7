import { beforeAll, describe, expect, it } from 'vitest';
import { desiredState } from '../../src/desired/index.ts';
import type { DesiredState } from '../../src/desired/types.ts';
import { loadRepository } from '../../src/load/index.ts';
import { stableJson } from '../../src/plan/json.ts';
import { matchGolden, REPO_ROOT, SAMPLE_AS_OF } from '../plan/golden.ts';
import { runStack, type Registered } from './harness.ts';

let graph: Registered[];
let desired: DesiredState;
beforeAll(async () => {
  graph = await runStack('extranet-edge');
  desired = desiredState((await loadRepository(REPO_ROOT)).repository!, SAMPLE_AS_OF);
});

describe('stack extranet-edge', () => {
  it('registers the whole resource graph of the golden file', () => {
    matchGolden('stacks/extranet-edge.json', stableJson(graph.map(({ providerCode: _code, ...r }) => r)));
  });

  it('is one component holding one dynamic firewall resource carrying the whole desired firewall', () => {
    expect(graph.map((r) => [r.type, r.name, r.parent])).toEqual([
      ['govern:edge:ExtranetEdgeFirewall', 'extranet-edge', undefined],
      ['pulumi-nodejs:dynamic/govern:ExitFirewall', desired.firewall.device, 'extranet-edge'],
    ]);
    const fw = graph.find((r) => r.custom)!;
    expect(fw.inputs.firewall).toEqual(JSON.parse(stableJson(desired.firewall)));
    expect(fw.inputs.driver).toEqual({ kind: 'nftables', options: { table: 'govern_exit' } });
  });

  it('serialises a provider that captures only the URL of its runtime module', () => {
    const code = graph.find((r) => r.custom)!.providerCode!;
    expect(code).toContain('provider-runtime.ts');
    expect(code).toContain('return import(u)');
    expect(code).not.toMatch(/__vite|__vi_/);
  });
});
