// ExtranetEdgeFirewall: the county's internet exit firewall as one Pulumi resource. No public
// Pulumi provider drives an nftables host or a Huawei USG, so it is a dynamic resource whose
// create/update/delete/diff call a FirewallDriver (src/targets/driver.ts) with the WHOLE desired
// firewall: the driver applies it atomically and reads it back (plan and apply share one path).
import * as pulumi from '@pulumi/pulumi';
import type { DesiredFirewall } from '../../desired/types.ts';
import type { DriverSpec, FirewallInputs } from './provider-runtime.ts';
import { sourceUrl } from '../../paths.ts';

const RUNTIME_URL = sourceUrl('src/targets/pulumi/provider-runtime.ts');

type Runtime = typeof import('./provider-runtime.ts');

/**
 * The dynamic provider. Pulumi serialises this object into the engine's provider process, so it
 * holds only the runtime module's URL and imports it there on each call.
 */
export class FirewallProvider implements pulumi.dynamic.ResourceProvider<FirewallInputs, FirewallInputs> {
  constructor(private readonly runtimeUrl: string = RUNTIME_URL) {}

  private load(): Promise<Runtime> {
    // A plain import() would be rewritten by a bundler or test runner into a helper this object
    // would then capture; the Function form stays native syntax in the serialised code.
    const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<Runtime>;
    return dynamicImport(this.runtimeUrl);
  }

  async diff(_id: string, olds: FirewallInputs, news: FirewallInputs): Promise<pulumi.dynamic.DiffResult> {
    const rt = await this.load();
    const changed = (['firewall', 'driver'] as const).filter((k) => rt.differs(olds[k], news[k]));
    // The device id names the device: another device is another resource, not an edit of this one.
    const replaces = olds.firewall?.device !== news.firewall.device ? ['firewall'] : [];
    return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
  }

  async create(inputs: FirewallInputs): Promise<pulumi.dynamic.CreateResult<FirewallInputs>> {
    const rt = await this.load();
    await rt.applyFirewall(inputs);
    return { id: inputs.firewall.device, outs: inputs };
  }

  async update(_id: string, _olds: FirewallInputs, news: FirewallInputs): Promise<pulumi.dynamic.UpdateResult<FirewallInputs>> {
    const rt = await this.load();
    await rt.applyFirewall(news);
    return { outs: news };
  }

  async delete(_id: string, props: FirewallInputs): Promise<void> {
    const rt = await this.load();
    await rt.removeFirewall(props);
  }
}

export interface ExtranetEdgeFirewallArgs {
  /** The desired exit firewall (src/desired). */
  readonly firewall: DesiredFirewall;
  /** How the provider process reaches the device, e.g. { kind: 'nftables', options: { netns: 'exit' } }. */
  readonly driver: DriverSpec;
}

class FirewallResource extends pulumi.dynamic.Resource {
  constructor(name: string, inputs: FirewallInputs, opts?: pulumi.CustomResourceOptions) {
    super(new FirewallProvider(), name, inputs, opts, 'govern', 'ExitFirewall');
  }
}

export class ExtranetEdgeFirewall extends pulumi.ComponentResource {
  /** The device id the firewall resource manages. */
  readonly device: pulumi.Output<string>;
  readonly policyCount: number;

  constructor(name: string, args: ExtranetEdgeFirewallArgs, opts?: pulumi.ComponentResourceOptions) {
    super('govern:edge:ExtranetEdgeFirewall', name, {}, opts);
    const fw = new FirewallResource(args.firewall.device, { firewall: args.firewall, driver: args.driver }, { parent: this });
    this.device = fw.id;
    this.policyCount = args.firewall.policies.length;
    this.registerOutputs({ device: this.device, policyCount: this.policyCount });
  }
}
