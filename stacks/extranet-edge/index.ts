// Stack extranet-edge: reads its config and instantiates the exit firewall component; nothing else.
import * as pulumi from '@pulumi/pulumi';
import { ExtranetEdgeFirewall, stackDesiredState } from '../../src/targets/pulumi/index.ts';

const config = new pulumi.Config();
const desired = await stackDesiredState(config);
const edge = new ExtranetEdgeFirewall('extranet-edge', {
  firewall: desired.firewall,
  driver: { kind: config.require('driver'), options: config.getObject<Record<string, string | number | boolean>>('driverOptions') ?? {} },
});

export const device = edge.device;
export const policies = edge.policyCount;
export const asOf = desired.asOf;
