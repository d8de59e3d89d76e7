// What the dynamic providers of the exit firewall and the access platforms run inside the Pulumi
// engine's provider process. Pulumi serialises a dynamic provider's code and runs it in another
// process, so the provider object itself captures nothing but this module's URL and imports it
// there; everything it does lives here, testable as plain functions.
import type { DesiredAccount, DesiredFirewall } from '../../desired/types.ts';
import type { AccessDriver, DriverApplyResult, FirewallDriver } from '../driver.ts';
import { NftablesDriver, type NftablesDriverOptions } from '../nftables/driver.ts';
import { OperationalError } from '../../cli/types.ts';

/** Which driver reaches the device, and its options; plain JSON so it travels as a resource input. */
export interface DriverSpec {
  /** Firewall drivers: "nftables". Access drivers: none bundled yet (see AccessDriver). */
  readonly kind: string;
  readonly options?: Readonly<Record<string, string | number | boolean>>;
}

export function firewallDriver(spec: DriverSpec): FirewallDriver {
  if (spec.kind === 'nftables') return new NftablesDriver((spec.options ?? {}) as NftablesDriverOptions);
  throw new OperationalError({
    zh: `没有可用于 ${spec.kind} 的防火墙驱动：华为 USG 请用 govern 渲染配置后由设备管理员导入；或把 driver 设为 nftables`,
    en: `no firewall driver for ${spec.kind}: for a Huawei USG render the configuration with govern and have the device administrator load it; or set the driver to nftables`,
  });
}

export function accessDriver(spec: DriverSpec): AccessDriver {
  // The county's bastion host and VPN platform are appliances without an API this repository
  // drives yet: refuse (fail closed) instead of pretending the accounts were changed.
  throw new OperationalError({
    zh: `没有可用于 ${spec.kind} 的账号驱动：堡垒机与安全接入平台的账号须由管理员按计划手工变更，或实现 src/targets/driver.ts 的 AccessDriver`,
    en: `no account driver for ${spec.kind}: change bastion and VPN accounts by hand as the plan lists, or implement AccessDriver of src/targets/driver.ts`,
  });
}

/** What removing the firewall resource leaves on the device: nothing permitted (fail closed). */
export function emptyFirewall(fw: DesiredFirewall): DesiredFirewall {
  return { ...fw, addressObjects: [], serviceObjects: [], policies: [], nat: [] };
}

/** True when two JSON-like values differ. */
export function differs(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}

export interface FirewallInputs {
  readonly firewall: DesiredFirewall;
  readonly driver: DriverSpec;
}

export interface AccessInputs {
  readonly platform: 'bastion' | 'vpn';
  readonly accounts: readonly DesiredAccount[];
  readonly driver: DriverSpec;
}

export async function applyFirewall(inputs: FirewallInputs): Promise<DriverApplyResult> {
  return firewallDriver(inputs.driver).apply(inputs.firewall);
}

export async function removeFirewall(inputs: FirewallInputs): Promise<DriverApplyResult> {
  return firewallDriver(inputs.driver).apply(emptyFirewall(inputs.firewall));
}

export async function applyAccess(inputs: AccessInputs): Promise<DriverApplyResult> {
  return accessDriver(inputs.driver).apply(inputs.accounts);
}

export async function removeAccess(inputs: AccessInputs): Promise<DriverApplyResult> {
  return accessDriver(inputs.driver).apply([]);
}
