// src/targets/pulumi: the components the stacks instantiate, and the Automation API entry of `govern apply`.
export { ExtranetEdgeFirewall, FirewallProvider, type ExtranetEdgeFirewallArgs } from './extranet-edge.ts';
export { stackDesiredState, chinaDay } from './program.ts';
export type { DriverSpec } from './provider-runtime.ts';
