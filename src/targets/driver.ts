// Device driver contracts: how a Pulumi dynamic provider (src/targets/pulumi) reaches a device that
// has no Pulumi provider of its own. The exit firewall (nftables, Huawei USG) implements
// FirewallDriver; the county bastion host and the secure access VPN platform implement AccessDriver.
// Plan and apply share one code path (safe-settings): a driver never decides what to change, it
// receives the whole desired state of its device and makes the device match it.
import type { DesiredAccount, DesiredFirewall } from '../desired/types.ts';

/** What an apply did to the device. */
export interface DriverApplyResult {
  /** False when the device already matched the desired state (nothing was written). */
  readonly changed: boolean;
  /** One line for a person: what was written, e.g. "nft -f: 12 rules, 3 sets". */
  readonly detail?: string;
}

/** What the device holds now, as the driver can tell it. */
export interface DriverReadResult {
  /** False when the device holds none of our configuration (never applied or flushed). */
  readonly present: boolean;
  /**
   * A fingerprint of the configuration on the device (e.g. sha256 of the rendered rule set read
   * back); equal to the fingerprint of what apply wrote when nothing drifted.
   */
  readonly fingerprint?: string;
  readonly detail?: string;
}

/** One exit firewall. apply(fw) makes the device match fw atomically; read() reads it back. */
export interface FirewallDriver {
  /** Driver name, e.g. "nftables" or "huawei-usg". */
  readonly name: string;
  apply(desired: DesiredFirewall): Promise<DriverApplyResult>;
  read(): Promise<DriverReadResult>;
}

/** One access platform (the bastion host or the VPN): apply(accounts) makes its account list match. */
export interface AccessDriver {
  /** Driver name, e.g. "bastion" or "vpn". */
  readonly name: string;
  apply(accounts: readonly DesiredAccount[]): Promise<DriverApplyResult>;
  read(): Promise<DriverReadResult>;
}
