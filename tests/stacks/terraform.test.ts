import { beforeAll, describe, expect, it } from 'vitest';
import { desiredState } from '../../src/desired/index.ts';
import type { DesiredState } from '../../src/desired/types.ts';
import { loadRepository } from '../../src/load/index.ts';
import { stableJson } from '../../src/plan/json.ts';
import { apsaraTerraform, APSARA_PROVIDER_SOURCE } from '../../src/targets/terraform/apsara.ts';
import { matchGolden, REPO_ROOT, SAMPLE_AS_OF } from '../plan/golden.ts';
import { runStack, stackConfig, type Registered } from './harness.ts';

/** One logical cloud resource, as either target describes it. */
interface Logical {
  readonly kind: string;
  readonly name: string;
  readonly fields: Record<string, unknown>;
}

const key = (l: Logical) => `${l.kind}/${l.name}`;
const pulumiRef = (v: unknown) => String(v).replace(/-id$/, '');
const tfRef = (v: unknown) => String(v).replace(/^\$\{[a-z_]+\.(.+)\.id\}$/, '$1');

function fromPulumi(graph: readonly Registered[]): Logical[] {
  const out: Logical[] = [];
  for (const r of graph) {
    const i = r.inputs as Record<string, unknown>;
    const l = (kind: string, fields: Record<string, unknown>) => out.push({ kind, name: r.name, fields });
    if (r.type === 'alicloud:vpc/network:Network') l('vpc', { name: i.vpcName, cidr: i.cidrBlock, description: i.description });
    else if (r.type === 'alicloud:vpc/switch:Switch') l('vswitch', { name: i.vswitchName, vpc: pulumiRef(i.vpcId), cidr: i.cidrBlock, zone: i.zoneId, description: i.description });
    else if (r.type === 'alicloud:ecs/securityGroup:SecurityGroup') l('security_group', { name: i.securityGroupName, vpc: pulumiRef(i.vpcId), description: i.description, tags: i.tags });
    else if (r.type === 'alicloud:ecs/securityGroupRule:SecurityGroupRule')
      l('security_group_rule', { type: i.type, policy: i.policy, sg: pulumiRef(i.securityGroupId), cidr: i.cidrIp, protocol: i.ipProtocol, ports: i.portRange, description: i.description });
    else if (r.type === 'alicloud:ecs/instance:Instance')
      l('instance', {
        name: i.instanceName,
        image: i.imageId,
        type: i.instanceType,
        disk: i.systemDiskSize,
        vswitch: pulumiRef(i.vswitchId),
        groups: (i.securityGroups as string[]).map(pulumiRef),
        ip: i.privateIp,
        zone: i.availabilityZone,
        tags: i.tags,
      });
    else if (r.type === 'alicloud:vpc/forwardEntry:ForwardEntry')
      l('forward_entry', { table: i.forwardTableId, protocol: i.ipProtocol, externalIp: i.externalIp, externalPort: i.externalPort, internalIp: i.internalIp, internalPort: i.internalPort });
  }
  return out.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

function fromTerraform(doc: Record<string, unknown>): Logical[] {
  const out: Logical[] = [];
  const resources = doc.resource as Record<string, Record<string, Record<string, unknown>>>;
  for (const [type, byName] of Object.entries(resources)) {
    for (const [name, a] of Object.entries(byName)) {
      const l = (kind: string, fields: Record<string, unknown>) => out.push({ kind, name, fields });
      if (type === 'alibabacloudstack_vpc') l('vpc', { name: a.name, cidr: a.cidr_block, description: a.description });
      else if (type === 'alibabacloudstack_vswitch') l('vswitch', { name: a.name, vpc: tfRef(a.vpc_id), cidr: a.cidr_block, zone: a.availability_zone, description: a.description });
      else if (type === 'alibabacloudstack_security_group') l('security_group', { name: a.name, vpc: tfRef(a.vpc_id), description: a.description, tags: a.tags });
      else if (type === 'alibabacloudstack_security_group_rule')
        l('security_group_rule', { type: a.type, policy: a.policy, sg: tfRef(a.security_group_id), cidr: a.cidr_ip, protocol: a.ip_protocol, ports: a.port_range, description: a.description });
      else if (type === 'alibabacloudstack_instance')
        l('instance', {
          name: a.instance_name,
          image: a.image_id,
          type: a.instance_type,
          disk: a.system_disk_size,
          vswitch: tfRef(a.vswitch_id),
          groups: (a.security_groups as string[]).map(tfRef),
          ip: a.private_ip,
          zone: a.availability_zone,
          tags: a.tags,
        });
      else if (type === 'alibabacloudstack_forward_entry')
        l('forward_entry', { table: a.forward_table_id, protocol: a.ip_protocol, externalIp: a.external_ip, externalPort: a.external_port, internalIp: a.internal_ip, internalPort: a.internal_port });
      else throw new Error(`unexpected Terraform resource type ${type}`);
    }
  }
  return out.sort((a, b) => (key(a) < key(b) ? -1 : 1));
}

let graph: Registered[];
let desired: DesiredState;
let tf: Record<string, unknown>;
beforeAll(async () => {
  graph = await runStack('cloud-node');
  desired = desiredState((await loadRepository(REPO_ROOT)).repository!, SAMPLE_AS_OF);
  const cfg = stackConfig('cloud-node');
  tf = apsaraTerraform(desired.cloud, {
    zoneId: cfg['cloud-node:zoneId']!,
    forwardTableId: cfg['cloud-node:forwardTableId'],
    instanceGeneration: cfg['cloud-node:instanceGeneration'],
  });
});

describe('the Apsara Stack Terraform JSON (cdktf)', () => {
  it('matches its golden file', () => {
    matchGolden('terraform/apsara-sample.tf.json', stableJson(tf));
  });

  it('describes the same logical resources with the same key fields as the Pulumi cloud-node program', () => {
    const fromTf = fromTerraform(tf);
    const fromPu = fromPulumi(graph);
    expect(fromTf.map(key)).toEqual(fromPu.map(key));
    expect(fromTf).toEqual(fromPu);
    const c = desired.cloud;
    expect(fromTf.length).toBe(c.vpcs.length + c.vswitches.length + c.securityGroups.length + c.securityGroupRules.length + c.instances.length + c.natForwards.length);
  });

  it('declares the Apsara provider with the node region and endpoints', () => {
    expect(tf.terraform).toEqual({ required_providers: { alibabacloudstack: { source: APSARA_PROVIDER_SOURCE } } });
    expect(tf.provider).toEqual({ alibabacloudstack: [{ region: desired.cloud.region, endpoints: [desired.cloud.endpoints] }] });
  });
});
