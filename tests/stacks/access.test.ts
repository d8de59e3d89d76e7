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
  graph = await runStack('access');
  desired = desiredState((await loadRepository(REPO_ROOT)).repository!, SAMPLE_AS_OF);
});

describe('stack access', () => {
  it('registers the whole resource graph of the golden file', () => {
    matchGolden('stacks/access.json', stableJson(graph.map(({ providerCode: _code, ...r }) => r)));
  });

  it('holds one dynamic resource per platform under the component, each with exactly its desired accounts', () => {
    expect(graph.map((r) => [r.type, r.name, r.parent])).toEqual([
      ['govern:access:AccessAccounts', 'access', undefined],
      ['pulumi-nodejs:dynamic/govern:PlatformAccounts', 'access-bastion', 'access'],
      ['pulumi-nodejs:dynamic/govern:PlatformAccounts', 'access-vpn', 'access'],
    ]);
    for (const platform of ['bastion', 'vpn'] as const) {
      const r = graph.find((x) => x.name === `access-${platform}`)!;
      const want = desired.access.accounts.filter((a) => a.platform === platform);
      expect(want.length).toBeGreaterThan(0);
      expect(r.inputs.accounts).toEqual(JSON.parse(stableJson(want)));
      expect(r.inputs.platform).toBe(platform);
    }
  });
});
