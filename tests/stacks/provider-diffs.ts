// Runs the dynamic providers' diff the way the Pulumi engine's provider process does: plain Node with
// tsx loading TypeScript (NODE_OPTIONS=--import tsx), where the providers import their runtime module
// with native import(). Prints the results as JSON for tests/stacks/providers.test.ts.
import { desiredState } from '../../src/desired/index.ts';
import { AccessProvider } from '../../src/targets/pulumi/access.ts';
import { FirewallProvider } from '../../src/targets/pulumi/extranet-edge.ts';
import { county } from '../desired/county.ts';

const desired = desiredState(county(), '2026-11-25');
const fw = desired.firewall;
const driver = { kind: 'nftables', options: { table: 'govern_exit' } };
const f = new FirewallProvider();
const a = new AccessProvider();
const bastion = desired.access.accounts.filter((x) => x.platform === 'bastion');
const olds = { platform: 'bastion' as const, accounts: bastion, driver: { kind: 'county-bastion' } };

const results = {
  firewallSame: await f.diff(fw.device, { firewall: fw, driver }, { firewall: structuredClone(fw), driver }),
  firewallPolicy: await f.diff(fw.device, { firewall: fw, driver }, { firewall: { ...fw, policies: fw.policies.slice(1) }, driver }),
  firewallDevice: await f.diff(fw.device, { firewall: fw, driver }, { firewall: { ...fw, device: 'exit-fw-2' }, driver }),
  accessSame: await a.diff('bastion', olds, structuredClone(olds)),
  accessFewer: await a.diff('bastion', olds, { ...olds, accounts: bastion.slice(1) }),
  accessCreate: await a.create(olds).then(
    () => 'created',
    (e: Error) => e.message,
  ),
};
process.stdout.write(JSON.stringify(results));
