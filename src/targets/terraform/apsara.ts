// The cloud-node desired state as Terraform JSON for a county node that exposes only the Apsara
// Stack Terraform provider (aliyun/alibabacloudstack), not the public Alibaba Cloud API that
// @pulumi/alicloud drives.
//
// DEPENDENCY ON A TOOL DEPRECATED UPSTREAM: CDK for Terraform (cdktf) is deprecated since
// 2025-12-10. It is kept, in this ONE module (docs/adr/0002-cdktf-isolated.md), because it already
// synthesises valid Terraform JSON from raw TerraformProvider/TerraformResource constructs without
// generated provider bindings. Nothing else imports cdktf; when it stops installing, replace this
// module by emitting the same documented JSON directly and keep tests/stacks/terraform.test.ts.
//
// Same logical resources, names and key fields as the Pulumi cloud-node program (CloudNode):
// tests/stacks/terraform.test.ts compares the two.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { DesiredCloud } from '../../desired/types.ts';
import { instanceTypeOf } from '../../desired/sizing.ts';
import { alicloudRuleTarget, instanceTags, withRequests } from '../pulumi/cloud-node.ts';

export const APSARA_PROVIDER_SOURCE = 'aliyun/alibabacloudstack';

export interface ApsaraOptions {
  /** Availability zone of the vSwitches and instances. */
  readonly zoneId: string;
  /** Forward table of the node's NAT gateway; required when there are NAT forward entries. */
  readonly forwardTableId?: string;
  /** ECS family generation (default "7"), as for CloudNode. */
  readonly instanceGeneration?: string;
}

type Attrs = Record<string, unknown>;

class ApsaraProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    private readonly attrs: Attrs,
  ) {
    super(scope, 'alibabacloudstack', {
      terraformResourceType: 'alibabacloudstack',
      terraformGeneratorMetadata: { providerName: 'alibabacloudstack' },
      terraformProviderSource: APSARA_PROVIDER_SOURCE,
    });
  }
  protected override synthesizeAttributes(): Attrs {
    return this.attrs;
  }
}

/** A resource of the Apsara provider with its attributes as given (no generated bindings needed). */
class ApsaraResource extends TerraformResource {
  constructor(
    scope: Construct,
    type: string,
    name: string,
    provider: TerraformProvider,
    private readonly attrs: Attrs,
  ) {
    super(scope, `${type}.${name}`, { terraformResourceType: type, terraformGeneratorMetadata: { providerName: 'alibabacloudstack' }, provider });
    // Terraform names must start with a letter or underscore; desired names are kebab-case ids.
    this.overrideLogicalId(/^[A-Za-z_]/.test(name) ? name : `_${name}`);
  }
  protected override synthesizeAttributes(): Attrs {
    return this.attrs;
  }
  get idRef(): string {
    return this.getStringAttribute('id');
  }
}

/** The Terraform JSON document (an object) for the desired cloud. */
export function apsaraTerraform(cloud: DesiredCloud, opts: ApsaraOptions): Record<string, unknown> {
  // The App creates its output folder on construction even though nothing is written to it (the
  // JSON is returned, not synthesised to disk): keep it out of the repository.
  const app = new App({ skipValidation: true, outdir: join(tmpdir(), 'govern-cdktf.out') });
  const stack = new TerraformStack(app, 'cloud-node');
  const provider = new ApsaraProvider(stack, {
    region: cloud.region,
    // The node's own API endpoints; credentials come from ALIBABACLOUDSTACK_ACCESS_KEY/SECRET_KEY.
    endpoints: [{ ...cloud.endpoints }],
  });
  const res = (type: string, name: string, attrs: Attrs): ApsaraResource => new ApsaraResource(stack, type, name, provider, attrs);
  const need = <T>(m: Map<string, T>, k: string, what: string): T => {
    const x = m.get(k);
    if (x === undefined) throw new Error(`desired state names ${what} ${k} that it does not define`);
    return x;
  };

  const vpcs = new Map(cloud.vpcs.map((v) => [v.name, res('alibabacloudstack_vpc', v.name, { name: v.name, cidr_block: v.cidr, description: withRequests(v.zone, v.requests) })]));
  const vswitches = new Map(
    cloud.vswitches.map((s) => [
      s.name,
      res('alibabacloudstack_vswitch', s.name, {
        name: s.name,
        vpc_id: need(vpcs, s.vpc, 'VPC').idRef,
        cidr_block: s.cidr,
        availability_zone: opts.zoneId,
        description: withRequests(s.vpc, s.requests),
      }),
    ]),
  );
  const groups = new Map(
    cloud.securityGroups.map((g) => [
      g.name,
      res('alibabacloudstack_security_group', g.name, {
        name: g.name,
        vpc_id: need(vpcs, g.vpc, 'VPC').idRef,
        description: withRequests(`system ${g.system}`, g.requests),
        tags: { system: g.system },
      }),
    ]),
  );
  for (const r of cloud.securityGroupRules) {
    const t = alicloudRuleTarget(r);
    res('alibabacloudstack_security_group_rule', r.name, {
      type: 'ingress',
      policy: 'accept',
      nic_type: 'intranet',
      priority: 1,
      security_group_id: need(groups, r.securityGroup, 'security group').idRef,
      cidr_ip: r.sourceCidr,
      ip_protocol: t.ipProtocol,
      port_range: t.portRange,
      description: withRequests(r.validUntil ? `${r.description} (until ${r.validUntil})` : r.description, r.requests),
    });
  }
  for (const i of cloud.instances) {
    res('alibabacloudstack_instance', i.name, {
      instance_name: i.name,
      host_name: i.name,
      availability_zone: opts.zoneId,
      image_id: i.image,
      instance_type: instanceTypeOf(i.name, i.vcpu, i.memoryGiB, opts.instanceGeneration),
      system_disk_size: i.diskGiB,
      vswitch_id: need(vswitches, i.vswitch, 'vSwitch').idRef,
      security_groups: [need(groups, i.securityGroup, 'security group').idRef],
      private_ip: i.privateAddress,
      description: withRequests(`system ${i.system}`, i.requests),
      tags: instanceTags(i),
    });
  }
  if (cloud.natForwards.length > 0 && opts.forwardTableId === undefined) {
    throw new Error('forwardTableId is required for NAT forward entries — NAT 端口转发须给出 NAT 网关转发表 forwardTableId');
  }
  for (const n of cloud.natForwards) {
    res('alibabacloudstack_forward_entry', n.name, {
      name: n.name,
      forward_table_id: opts.forwardTableId,
      ip_protocol: n.protocol,
      external_ip: n.externalAddress,
      external_port: String(n.externalPort),
      internal_ip: n.internalAddress,
      internal_port: String(n.internalPort),
    });
  }
  return stack.toTerraform() as Record<string, unknown>;
}
