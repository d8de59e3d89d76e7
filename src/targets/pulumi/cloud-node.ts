// CloudNode: the county's node of the Zhejiang government cloud as @pulumi/alicloud resources,
// through one explicit provider pointed at the node's own API endpoints (CloudCatalog.endpoints):
// VPCs, vSwitches, a security group per system with its ingress rules, ECS instances and the NAT
// forward entries of internet-facing openings. Every resource is named as in the desired state and
// tagged or described with the requests behind it.
import * as alicloud from '@pulumi/alicloud';
import * as pulumi from '@pulumi/pulumi';
import type { DesiredCloud, DesiredCloudRule } from '../../desired/types.ts';
import { instanceTypeOf } from '../../desired/sizing.ts';

export interface CloudNodeArgs {
  readonly cloud: DesiredCloud;
  /** Availability zone of the vSwitches and instances: the catalogue names VPCs, not zones. */
  readonly zoneId: string;
  /** Forward table of the node's NAT gateway; required when there are NAT forward entries. */
  readonly forwardTableId?: pulumi.Input<string>;
  /** ECS family generation, e.g. "7" (ecs.g7.large); default 7. */
  readonly instanceGeneration?: string;
  /** Credentials; absent, the provider reads ALICLOUD_ACCESS_KEY / ALICLOUD_SECRET_KEY. */
  readonly accessKey?: pulumi.Input<string>;
  readonly secretKey?: pulumi.Input<string>;
}

/** Alibaba Cloud's protocol and port-range spelling of a rule ("all" and "-1/-1" for no ports). */
export function alicloudRuleTarget(rule: Pick<DesiredCloudRule, 'protocol' | 'ports'>): { ipProtocol: string; portRange: string } {
  if (rule.protocol === 'icmp') return { ipProtocol: 'icmp', portRange: '-1/-1' };
  if (rule.protocol === 'any') return { ipProtocol: 'all', portRange: '-1/-1' };
  return { ipProtocol: rule.protocol, portRange: `${rule.ports.from}/${rule.ports.to}` };
}

/** A description that names the requests, within the 256 characters the API accepts. */
export function withRequests(text: string, requests: readonly string[]): string {
  const tail = requests.length ? ` [${requests.join(',')}]` : '';
  return (text.slice(0, 256 - tail.length) + tail).trim();
}

/** The tags of an instance: its system, unit, requests and installed software, for the console and audits. */
export function instanceTags(i: DesiredCloud['instances'][number]): Record<string, string> {
  return { system: i.system, unit: i.unit, requests: i.requests.join(','), software: i.software.map((s) => `${s.id}=${s.version}`).join(',') };
}

export class CloudNode extends pulumi.ComponentResource {
  readonly vpcIds: Record<string, pulumi.Output<string>> = {};
  readonly securityGroupIds: Record<string, pulumi.Output<string>> = {};
  readonly instanceIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: CloudNodeArgs, opts?: pulumi.ComponentResourceOptions) {
    super('govern:cloud:CloudNode', name, {}, opts);
    const c = args.cloud;
    const provider = new alicloud.Provider(
      `${name}-provider`,
      {
        region: c.region,
        endpoints: [c.endpoints as alicloud.types.input.ProviderEndpoint],
        ...(args.accessKey !== undefined ? { accessKey: args.accessKey } : {}),
        ...(args.secretKey !== undefined ? { secretKey: args.secretKey } : {}),
      },
      { parent: this },
    );
    const child = { parent: this, provider };

    const vpcs = new Map<string, alicloud.vpc.Network>();
    for (const v of c.vpcs) {
      const net = new alicloud.vpc.Network(v.name, { vpcName: v.name, cidrBlock: v.cidr, description: withRequests(`${v.zone}`, v.requests) }, child);
      vpcs.set(v.name, net);
      this.vpcIds[v.name] = net.id;
    }
    const need = <T>(m: Map<string, T>, k: string, what: string): T => {
      const x = m.get(k);
      if (x === undefined) throw new Error(`desired state names ${what} ${k} that it does not define`);
      return x;
    };

    const vswitches = new Map<string, alicloud.vpc.Switch>();
    for (const s of c.vswitches) {
      vswitches.set(
        s.name,
        new alicloud.vpc.Switch(
          s.name,
          { vswitchName: s.name, vpcId: need(vpcs, s.vpc, 'VPC').id, cidrBlock: s.cidr, zoneId: args.zoneId, description: withRequests(s.vpc, s.requests) },
          child,
        ),
      );
    }

    const groups = new Map<string, alicloud.ecs.SecurityGroup>();
    for (const g of c.securityGroups) {
      const sg = new alicloud.ecs.SecurityGroup(
        g.name,
        { securityGroupName: g.name, vpcId: need(vpcs, g.vpc, 'VPC').id, description: withRequests(`system ${g.system}`, g.requests), tags: { system: g.system } },
        child,
      );
      groups.set(g.name, sg);
      this.securityGroupIds[g.name] = sg.id;
    }

    for (const r of c.securityGroupRules) {
      new alicloud.ecs.SecurityGroupRule(
        r.name,
        {
          type: 'ingress',
          policy: 'accept',
          nicType: 'intranet',
          priority: 1,
          securityGroupId: need(groups, r.securityGroup, 'security group').id,
          cidrIp: r.sourceCidr,
          ...alicloudRuleTarget(r),
          description: withRequests(r.validUntil ? `${r.description} (until ${r.validUntil})` : r.description, r.requests),
        },
        child,
      );
    }

    for (const i of c.instances) {
      const inst = new alicloud.ecs.Instance(
        i.name,
        {
          instanceName: i.name,
          hostName: i.name,
          availabilityZone: args.zoneId,
          imageId: i.image,
          instanceType: instanceTypeOf(i.name, i.vcpu, i.memoryGiB, args.instanceGeneration),
          systemDiskSize: i.diskGiB,
          vswitchId: need(vswitches, i.vswitch, 'vSwitch').id,
          securityGroups: [need(groups, i.securityGroup, 'security group').id],
          privateIp: i.privateAddress,
          description: withRequests(`system ${i.system}`, i.requests),
          tags: instanceTags(i),
        },
        child,
      );
      this.instanceIds[i.name] = inst.id;
    }

    if (c.natForwards.length > 0 && args.forwardTableId === undefined) {
      throw new Error('forwardTableId is required for NAT forward entries: set the NAT gateway forward table id in the stack config (forwardTableId) — 须在栈配置中设置 NAT 网关的转发表 forwardTableId');
    }
    for (const n of c.natForwards) {
      new alicloud.vpc.ForwardEntry(
        n.name,
        {
          forwardEntryName: n.name,
          forwardTableId: args.forwardTableId!,
          ipProtocol: n.protocol,
          externalIp: n.externalAddress,
          externalPort: String(n.externalPort),
          internalIp: n.internalAddress,
          internalPort: String(n.internalPort),
        },
        child,
      );
    }

    this.registerOutputs({ vpcIds: this.vpcIds, securityGroupIds: this.securityGroupIds, instanceIds: this.instanceIds });
  }
}
