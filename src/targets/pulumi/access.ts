// AccessAccounts: the bastion host and the secure access VPN platform accounts. No Pulumi provider
// exists for the county's bastion host or its VPN platform (on-premises appliances; the alicloud
// bastionhost module drives Alibaba Cloud's managed service, which the county does not run), so each
// platform is one dynamic resource holding its whole account list, whose create/update/delete/diff
// call an AccessDriver (src/targets/driver.ts).
import * as pulumi from '@pulumi/pulumi';
import type { DesiredAccess } from '../../desired/types.ts';
import type { AccessInputs, DriverSpec } from './provider-runtime.ts';
import { sourceUrl } from '../../paths.ts';

const RUNTIME_URL = sourceUrl('src/targets/pulumi/provider-runtime.ts');

type Runtime = typeof import('./provider-runtime.ts');

/** The dynamic provider: serialised into the engine's process, it holds only the runtime URL. */
export class AccessProvider implements pulumi.dynamic.ResourceProvider<AccessInputs, AccessInputs> {
  constructor(private readonly runtimeUrl: string = RUNTIME_URL) {}

  private load(): Promise<Runtime> {
    // Native import() syntax in the serialised code (see FirewallProvider.load).
    const dynamicImport = new Function('u', 'return import(u)') as (u: string) => Promise<Runtime>;
    return dynamicImport(this.runtimeUrl);
  }

  async diff(_id: string, olds: AccessInputs, news: AccessInputs): Promise<pulumi.dynamic.DiffResult> {
    const rt = await this.load();
    const changed = (['accounts', 'driver'] as const).some((k) => rt.differs(olds[k], news[k]));
    return { changes: changed, replaces: olds.platform !== news.platform ? ['platform'] : [], deleteBeforeReplace: true };
  }

  async create(inputs: AccessInputs): Promise<pulumi.dynamic.CreateResult<AccessInputs>> {
    const rt = await this.load();
    await rt.applyAccess(inputs);
    return { id: inputs.platform, outs: inputs };
  }

  async update(_id: string, _olds: AccessInputs, news: AccessInputs): Promise<pulumi.dynamic.UpdateResult<AccessInputs>> {
    const rt = await this.load();
    await rt.applyAccess(news);
    return { outs: news };
  }

  async delete(_id: string, props: AccessInputs): Promise<void> {
    const rt = await this.load();
    await rt.removeAccess(props);
  }
}

class PlatformAccounts extends pulumi.dynamic.Resource {
  constructor(name: string, inputs: AccessInputs, opts?: pulumi.CustomResourceOptions) {
    super(new AccessProvider(), name, inputs, opts, 'govern', 'PlatformAccounts');
  }
}

export interface AccessAccountsArgs {
  readonly access: DesiredAccess;
  /** The driver of each platform. */
  readonly drivers: { readonly bastion: DriverSpec; readonly vpn: DriverSpec };
}

export class AccessAccounts extends pulumi.ComponentResource {
  readonly accountCounts: Record<'bastion' | 'vpn', number>;

  constructor(name: string, args: AccessAccountsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('govern:access:AccessAccounts', name, {}, opts);
    const counts = { bastion: 0, vpn: 0 };
    for (const platform of ['bastion', 'vpn'] as const) {
      const accounts = args.access.accounts.filter((a) => a.platform === platform);
      counts[platform] = accounts.length;
      new PlatformAccounts(`${name}-${platform}`, { platform, accounts, driver: args.drivers[platform] }, { parent: this });
    }
    this.accountCounts = counts;
    this.registerOutputs({ accountCounts: counts });
  }
}
