// src/targets/pulumi: the components the stacks instantiate, and the Automation API entry of `govern apply`.
export { ExtranetEdgeFirewall, FirewallProvider, type ExtranetEdgeFirewallArgs } from './extranet-edge.ts';
export { CloudNode, alicloudRuleTarget, withRequests, type CloudNodeArgs } from './cloud-node.ts';
export { AccessAccounts, AccessProvider, type AccessAccountsArgs } from './access.ts';
export { stackDesiredState, chinaDay } from './program.ts';
export type { DriverSpec } from './provider-runtime.ts';
