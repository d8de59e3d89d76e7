import { beforeAll, describe, expect, it } from 'vitest';
import { desiredState, instanceTypeOf } from '../../src/desired/index.ts';
import type { DesiredState } from '../../src/desired/types.ts';
import { loadRepository } from '../../src/load/index.ts';
import { stableJson } from '../../src/plan/json.ts';
import { alicloudRuleTarget, withRequests } from '../../src/targets/pulumi/index.ts';
import { matchGolden, REPO_ROOT, SAMPLE_AS_OF } from '../plan/golden.ts';
import { runStack, type Registered } from './harness.ts';

let graph: Registered[];
let desired: DesiredState;
beforeAll(async () => {
  graph = await runStack('cloud-node');
  desired = desiredState((await loadRepository(REPO_ROOT)).repository!, SAMPLE_AS_OF);
});

const ofType = (t: string) => graph.filter((r) => r.type === t);
const names = (t: string) => ofType(t).map((r) => r.name).sort();
const sorted = (xs: readonly { name: string }[]) => xs.map((x) => x.name).sort();

describe('stack cloud-node', () => {
  it('registers the whole resource graph of the golden file', () => {
    matchGolden('stacks/cloud-node.json', stableJson(graph));
  });

  it('creates one resource per desired cloud resource, names matching one to one', () => {
    const c = desired.cloud;
    expect(names('alicloud:vpc/network:Network')).toEqual(sorted(c.vpcs));
    expect(names('alicloud:vpc/switch:Switch')).toEqual(sorted(c.vswitches));
    expect(names('alicloud:ecs/securityGroup:SecurityGroup')).toEqual(sorted(c.securityGroups));
    expect(names('alicloud:ecs/securityGroupRule:SecurityGroupRule')).toEqual(sorted(c.securityGroupRules));
    expect(names('alicloud:ecs/instance:Instance')).toEqual(sorted(c.instances));
    expect(names('alicloud:vpc/forwardEntry:ForwardEntry')).toEqual(sorted(c.natForwards));
    const total = c.vpcs.length + c.vswitches.length + c.securityGroups.length + c.securityGroupRules.length + c.instances.length + c.natForwards.length;
    // + the component and its provider: nothing else is created.
    expect(graph.length).toBe(total + 2);
    expect(c.securityGroupRules.length).toBeGreaterThan(0);
    expect(c.natForwards.length).toBeGreaterThan(0);
  });

  it('puts every cloud resource under the component and through the explicit provider of the node endpoints', () => {
    const [provider] = ofType('pulumi:providers:alicloud');
    expect(provider).toMatchObject({ name: 'cloud-node-provider', parent: 'cloud-node' });
    expect(provider!.inputs.region).toBe(desired.cloud.region);
    expect(JSON.stringify(provider!.inputs.endpoints)).toContain(desired.cloud.endpoints.ecs!);
    for (const r of graph.filter((x) => x.type.startsWith('alicloud:'))) {
      expect([r.name, r.parent, r.provider]).toEqual([r.name, 'cloud-node', 'cloud-node-provider']);
    }
  });

  it('carries the key fields of every rule, instance and forward entry', () => {
    const byName = new Map(graph.map((r) => [`${r.type}/${r.name}`, r.inputs]));
    for (const r of desired.cloud.securityGroupRules) {
      expect(byName.get(`alicloud:ecs/securityGroupRule:SecurityGroupRule/${r.name}`)).toMatchObject({
        type: 'ingress',
        policy: 'accept',
        cidrIp: r.sourceCidr,
        securityGroupId: `${r.securityGroup}-id`,
        ...alicloudRuleTarget(r),
      });
    }
    for (const i of desired.cloud.instances) {
      expect(byName.get(`alicloud:ecs/instance:Instance/${i.name}`)).toMatchObject({
        privateIp: i.privateAddress,
        imageId: i.image,
        instanceType: instanceTypeOf(i.name, i.vcpu, i.memoryGiB, '7'),
        systemDiskSize: i.diskGiB,
        vswitchId: `${i.vswitch}-id`,
        securityGroups: [`${i.securityGroup}-id`],
        description: withRequests(`system ${i.system}`, i.requests),
      });
    }
    for (const n of desired.cloud.natForwards) {
      expect(byName.get(`alicloud:vpc/forwardEntry:ForwardEntry/${n.name}`)).toMatchObject({
        externalIp: n.externalAddress,
        externalPort: String(n.externalPort),
        internalIp: n.internalAddress,
        internalPort: String(n.internalPort),
        ipProtocol: n.protocol,
        forwardTableId: 'ftb-county-internet-nat',
      });
    }
  });
});
