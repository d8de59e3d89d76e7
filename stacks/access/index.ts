// Stack access: reads its config and instantiates the access accounts component; nothing else.
import * as pulumi from '@pulumi/pulumi';
import { AccessAccounts, stackDesiredState } from '../../src/targets/pulumi/index.ts';

const config = new pulumi.Config();
const desired = await stackDesiredState(config);
const access = new AccessAccounts('access', {
  access: desired.access,
  drivers: { bastion: { kind: config.require('bastionDriver') }, vpn: { kind: config.require('vpnDriver') } },
});

export const accountCounts = access.accountCounts;
export const asOf = desired.asOf;
