// The desired state: what the county's devices and cloud must look like, derived from approved,
// unexpired requests plus inventory. Every resource names the requests it comes from (provenance).
// Contract between src/desired (producer), src/plan, src/targets (renderers, drivers) and stacks/.

/** Ids of the requests a resource comes from, sorted. */
export type Provenance = readonly string[];

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** A named set of prefixes (a Huawei USG address-set, an nftables named set). */
export interface AddressObject {
  readonly name: string;
  readonly cidrs: readonly string[];
  readonly requests: Provenance;
}

/** A named protocol + ports (a Huawei USG service-set). */
export interface ServiceObject {
  readonly name: string;
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  /** Destination ports; empty for icmp/any. */
  readonly ports: readonly PortRange[];
}

/** One permit rule of the exit firewall, evaluated in `order`; everything not permitted is denied. */
export interface SecurityPolicy {
  readonly name: string;
  readonly order: number;
  readonly sourceZone: string;
  readonly destinationZone: string;
  /** AddressObject names. */
  readonly sources: readonly string[];
  readonly destinations: readonly string[];
  /** ServiceObject names. */
  readonly services: readonly string[];
  readonly action: 'permit';
  /** Last day the rule may exist (YYYY-MM-DD), absent when permanent. */
  readonly validUntil?: string;
  readonly description: string;
  readonly requests: Provenance;
}

/** Destination NAT: traffic to publicAddress:publicPort goes to privateAddress:privatePort. */
export interface NatMapping {
  readonly name: string;
  readonly protocol: 'tcp' | 'udp';
  readonly publicAddress: string;
  readonly publicPort: number;
  readonly privateAddress: string;
  readonly privatePort: number;
  readonly validUntil?: string;
  readonly requests: Provenance;
}

export interface DesiredFirewall {
  /** Device id from inventory (DeviceCatalog.interfaceDevices). */
  readonly device: string;
  readonly addressObjects: readonly AddressObject[];
  readonly serviceObjects: readonly ServiceObject[];
  readonly policies: readonly SecurityPolicy[];
  readonly nat: readonly NatMapping[];
  /** Always deny: GB/T 22239 8.1.3.2 a) deny by default at controlled interfaces. */
  readonly defaultAction: 'deny';
}

export interface DesiredCloudRule {
  readonly name: string;
  readonly securityGroup: string;
  readonly protocol: 'tcp' | 'udp' | 'icmp' | 'any';
  readonly ports: PortRange;
  readonly sourceCidr: string;
  readonly description: string;
  readonly validUntil?: string;
  readonly requests: Provenance;
}

export interface DesiredCloud {
  readonly region: string;
  readonly endpoints: Readonly<Record<string, string>>;
  readonly vpcs: readonly { name: string; cidr: string; zone: string; requests: Provenance }[];
  readonly vswitches: readonly { name: string; vpc: string; cidr: string; requests: Provenance }[];
  readonly securityGroups: readonly { name: string; vpc: string; system: string; requests: Provenance }[];
  readonly securityGroupRules: readonly DesiredCloudRule[];
  readonly instances: readonly {
    name: string;
    system: string;
    unit: string;
    image: string;
    vcpu: number;
    memoryGiB: number;
    diskGiB: number;
    vswitch: string;
    securityGroup: string;
    privateAddress: string;
    software: readonly { id: string; version: string }[];
    requests: Provenance;
  }[];
  readonly natForwards: readonly {
    name: string;
    protocol: 'tcp' | 'udp';
    externalAddress: string;
    externalPort: number;
    internalAddress: string;
    internalPort: number;
    requests: Provenance;
  }[];
}

export interface DesiredAccount {
  readonly name: string;
  readonly platform: 'bastion' | 'vpn';
  readonly person: string;
  readonly unit: string;
  readonly username: string;
  readonly privilege: 'user' | 'operator' | 'admin';
  readonly systems: readonly string[];
  readonly mfa: boolean;
  readonly expires?: string;
  readonly vendor?: string;
  readonly requests: Provenance;
}

export interface DesiredAccess {
  readonly accounts: readonly DesiredAccount[];
}

export interface DesiredState {
  /** The day (YYYY-MM-DD) the state was computed for: openings past their end date are gone. */
  readonly asOf: string;
  readonly firewall: DesiredFirewall;
  readonly cloud: DesiredCloud;
  readonly access: DesiredAccess;
}
