// Stack cloud-node: reads its config and instantiates the cloud node component; nothing else.
import * as pulumi from '@pulumi/pulumi';
import { CloudNode, stackDesiredState } from '../../src/targets/pulumi/index.ts';

const config = new pulumi.Config();
const desired = await stackDesiredState(config);
const node = new CloudNode('cloud-node', {
  cloud: desired.cloud,
  zoneId: config.require('zoneId'),
  forwardTableId: config.get('forwardTableId'),
  instanceGeneration: config.get('instanceGeneration'),
  accessKey: config.getSecret('accessKey'),
  secretKey: config.getSecret('secretKey'),
});

export const vpcIds = node.vpcIds;
export const securityGroupIds = node.securityGroupIds;
export const instanceIds = node.instanceIds;
export const asOf = desired.asOf;
