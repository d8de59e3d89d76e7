// References between documents: every id a document names must be defined, once, somewhere in the
// inventory (or, for a security-group rule's instances, in the same request); a request must sit in
// the folder of its unit. Diagnostics land on the file and position of the reference.
import type {
  AccountCatalog,
  ChangeRequest,
  CloudCatalogT,
  DeviceCatalogT,
  PersonCatalog,
  PolicyConfigT,
  RectificationCatalogT,
  SystemCatalog,
  TerminalCatalog,
  UnitCatalog,
  ZoneCatalog,
} from '../model/index.ts';
import type { z } from 'zod';
import { closest, diagnostic, type RefTarget } from './messages.ts';
import { posOf, type LoadedFile } from './file.ts';

interface Def {
  readonly file: LoadedFile;
  readonly path: string;
}

/** One namespace of ids (units, people, ...), remembering where each id is defined. */
class Ids {
  readonly defs = new Map<string, Def>();
  constructor(
    readonly what: { zh: string; en: string },
    readonly target: RefTarget,
  ) {}

  define(file: LoadedFile, path: string, id: string): void {
    const first = this.defs.get(id);
    if (first) {
      const p = posOf(first.file, first.path);
      file.diagnostics.push(
        diagnostic('E-DUPLICATE-ID', file.path, posOf(file, path), {
          what: this.what.zh,
          what_en: this.what.en,
          id,
          first: `${first.file.path}:${p?.line ?? 0}:${p?.column ?? 0}`,
        }),
      );
      return;
    }
    this.defs.set(id, { file, path });
  }

  has(id: string): boolean {
    return this.defs.has(id);
  }

  /**
   * Reports `id` at `where` in `file` unless it is defined. A path with indexes comes as a function:
   * it is built only for a reference that is wrong, not for each of the county's 80,000 that are not.
   */
  ref(file: LoadedFile, where: string | (() => string), id: string | undefined): void {
    if (id === undefined || this.defs.has(id)) return;
    const path = typeof where === 'string' ? where : where();
    const best = closest(id, this.defs.keys());
    file.diagnostics.push(
      diagnostic(`E-REF-${this.target}`, file.path, posOf(file, path), {
        field: path,
        id,
        ...(best ? { suggestion: `是否应为 ${best}？`, suggestion_en: `did you mean ${best}? ` } : {}),
      }),
    );
  }
}

type Doc<S extends z.ZodType> = z.infer<S>;

export function checkReferences(inventory: LoadedFile[], requests: LoadedFile[]): void {
  const zones = new Ids({ zh: '网络区域', en: 'zone' }, 'ZONE');
  const units = new Ids({ zh: '单位', en: 'unit' }, 'UNIT');
  const people = new Ids({ zh: '人员', en: 'person' }, 'PERSON');
  const accounts = new Ids({ zh: '账号', en: 'account' }, 'ACCOUNT');
  const systems = new Ids({ zh: '信息系统', en: 'system' }, 'SYSTEM');
  const terminals = new Ids({ zh: '终端组', en: 'terminal group' }, 'TERMINAL');
  const images = new Ids({ zh: '镜像', en: 'image' }, 'IMAGE');
  const software = new Ids({ zh: '软件', en: 'software' }, 'SOFTWARE');
  const vpcs = new Ids({ zh: '专有网络', en: 'VPC' }, 'VPC');
  const vswitches = new Ids({ zh: '交换机', en: 'vSwitch' }, 'VSWITCH');
  const devices = new Ids({ zh: '设备', en: 'device' }, 'DEVICE');
  const interfaceDevices = new Ids({ zh: '接口设备', en: 'interface device' }, 'DEVICE');
  const exits = new Ids({ zh: '互联网出口', en: 'internet exit' }, 'DEVICE');
  const notices = new Ids({ zh: '整改通知', en: 'rectification notice' }, 'UNIT');
  const requestIds = new Ids({ zh: '变更申请', en: 'change request' }, 'REQUEST');
  const vswitchVpc = new Map<string, string>();

  const of = <T>(kind: string): { f: LoadedFile; d: T }[] => inventory.filter((f) => f.kind === kind).map((f) => ({ f, d: f.doc as T }));

  // 1. definitions (and duplicates)
  for (const { f, d } of of<Doc<typeof ZoneCatalog>>('ZoneCatalog')) d.zones.forEach((z, i) => zones.define(f, `zones.${i}.id`, z.id));
  for (const { f, d } of of<Doc<typeof UnitCatalog>>('UnitCatalog')) d.units.forEach((u, i) => units.define(f, `units.${i}.id`, u.id));
  for (const { f, d } of of<Doc<typeof PersonCatalog>>('PersonCatalog')) d.people.forEach((p, i) => people.define(f, `people.${i}.id`, p.id));
  for (const { f, d } of of<Doc<typeof AccountCatalog>>('AccountCatalog')) d.accounts.forEach((a, i) => accounts.define(f, `accounts.${i}.id`, a.id));
  for (const { f, d } of of<Doc<typeof SystemCatalog>>('SystemCatalog')) d.systems.forEach((s, i) => systems.define(f, `systems.${i}.id`, s.id));
  for (const { f, d } of of<Doc<typeof TerminalCatalog>>('TerminalCatalog'))
    d.terminalGroups.forEach((t, i) => terminals.define(f, `terminalGroups.${i}.id`, t.id));
  for (const { f, d } of of<CloudCatalogT>('CloudCatalog')) {
    d.images.forEach((x, i) => images.define(f, `images.${i}.id`, x.id));
    d.software.forEach((x, i) => software.define(f, `software.${i}.id`, x.id));
    d.vpcs.forEach((v, i) => {
      vpcs.define(f, `vpcs.${i}.id`, v.id);
      v.vswitches.forEach((s, j) => {
        vswitches.define(f, `vpcs.${i}.vswitches.${j}.id`, s.id);
        vswitchVpc.set(s.id, v.id);
      });
    });
  }
  for (const { f, d } of of<DeviceCatalogT>('DeviceCatalog')) {
    d.interfaceDevices.forEach((x, i) => {
      devices.define(f, `interfaceDevices.${i}.id`, x.id);
      interfaceDevices.define(f, `interfaceDevices.${i}.id`, x.id);
    });
    d.isolationDevices.forEach((x, i) => devices.define(f, `isolationDevices.${i}.id`, x.id));
    d.internetExits.forEach((x, i) => exits.define(f, `internetExits.${i}.id`, x.id));
  }
  for (const { f, d } of of<RectificationCatalogT>('RectificationCatalog')) d.notices.forEach((n, i) => notices.define(f, `notices.${i}.id`, n.id));

  // 2. references inside the inventory
  for (const { f, d } of of<Doc<typeof ZoneCatalog>>('ZoneCatalog')) d.zones.forEach((z, i) => units.ref(f, () => `zones.${i}.unit`, z.unit));
  for (const { f, d } of of<Doc<typeof UnitCatalog>>('UnitCatalog')) d.units.forEach((u, i) => people.ref(f, () => `units.${i}.securityOfficer`, u.securityOfficer));
  for (const { f, d } of of<Doc<typeof PersonCatalog>>('PersonCatalog')) d.people.forEach((p, i) => units.ref(f, () => `people.${i}.unit`, p.unit));
  for (const { f, d } of of<Doc<typeof AccountCatalog>>('AccountCatalog'))
    d.accounts.forEach((a, i) => {
      systems.ref(f, () => `accounts.${i}.system`, a.system);
      people.ref(f, () => `accounts.${i}.owner`, a.owner);
    });
  for (const { f, d } of of<Doc<typeof SystemCatalog>>('SystemCatalog'))
    d.systems.forEach((s, i) => {
      units.ref(f, () => `systems.${i}.unit`, s.unit);
      zones.ref(f, () => `systems.${i}.zone`, s.zone);
    });
  for (const { f, d } of of<Doc<typeof TerminalCatalog>>('TerminalCatalog'))
    d.terminalGroups.forEach((t, i) => {
      units.ref(f, () => `terminalGroups.${i}.unit`, t.unit);
      zones.ref(f, () => `terminalGroups.${i}.zone`, t.zone);
    });
  for (const { f, d } of of<CloudCatalogT>('CloudCatalog')) {
    d.quotas.forEach((q, i) => units.ref(f, () => `quotas.${i}.unit`, q.unit));
    d.vpcs.forEach((v, i) => {
      zones.ref(f, () => `vpcs.${i}.zone`, v.zone);
      v.vswitches.forEach((s, j) => units.ref(f, () => `vpcs.${i}.vswitches.${j}.unit`, s.unit));
    });
  }
  for (const { f, d } of of<DeviceCatalogT>('DeviceCatalog')) {
    d.interfaceDevices.forEach((x, i) => units.ref(f, () => `interfaceDevices.${i}.managedBy`, x.managedBy));
    d.isolationDevices.forEach((x, i) => {
      units.ref(f, () => `isolationDevices.${i}.unit`, x.unit);
      x.between.forEach((z, j) => zones.ref(f, () => `isolationDevices.${i}.between.${j}`, z));
    });
    d.internetExits.forEach((x, i) => interfaceDevices.ref(f, () => `internetExits.${i}.device`, x.device));
  }
  for (const { f, d } of of<RectificationCatalogT>('RectificationCatalog')) d.notices.forEach((n, i) => units.ref(f, () => `notices.${i}.unit`, n.unit));
  for (const { f, d } of of<PolicyConfigT>('PolicyConfig')) units.ref(f, 'bureauUnit', d.bureauUnit);

  // 3. requests
  for (const f of requests) {
    const r = f.doc as ChangeRequest;
    requestIds.define(f, 'id', r.id);
    units.ref(f, 'unit', r.unit);
    const folder = /(?:^|\/)requests\/([^/]+)\/[^/]+$/.exec(f.path)?.[1];
    if (folder !== undefined && folder !== r.unit) f.diagnostics.push(diagnostic('E-UNIT-FOLDER', f.path, posOf(f, 'unit'), { unit: r.unit, folder }));
    people.ref(f, 'requester', r.requester);
    people.ref(f, 'securityOfficerSignoff.officer', r.securityOfficerSignoff?.officer);
    switch (r.kind) {
      case 'PortOpeningRequest':
        r.ports.forEach((p, i) => {
          zones.ref(f, () => `ports.${i}.source.zone`, p.source.zone);
          systems.ref(f, () => `ports.${i}.destination.system`, p.destination.system);
        });
        break;
      case 'NetworkAccessRequest':
        zones.ref(f, 'connection.zone', r.connection.zone);
        r.connection.systems.forEach((s, i) => systems.ref(f, () => `connection.systems.${i}`, s));
        r.connection.terminalGroups.forEach((t, i) => terminals.ref(f, () => `connection.terminalGroups.${i}`, t));
        interfaceDevices.ref(f, 'connection.interfaceDevice', r.connection.interfaceDevice);
        break;
      case 'CloudResourceRequest': {
        systems.ref(f, 'system', r.system);
        vpcs.ref(f, 'vpc', r.vpc);
        const instances = new Ids({ zh: '云服务器', en: 'instance' }, 'INSTANCE');
        r.instances.forEach((inst, i) => {
          instances.define(f, `instances.${i}.name`, inst.name);
          images.ref(f, () => `instances.${i}.image`, inst.image);
          inst.software.forEach((s, j) => software.ref(f, () => `instances.${i}.software.${j}.id`, s.id));
          vswitches.ref(f, () => `instances.${i}.vswitch`, inst.vswitch);
          const owner = vswitchVpc.get(inst.vswitch);
          if (owner !== undefined && vpcs.has(r.vpc) && owner !== r.vpc) {
            // the vSwitch exists but in another VPC: as wrong as a missing one
            const choices = [...vswitchVpc].filter(([, v]) => v === r.vpc).map(([s]) => s);
            f.diagnostics.push(
              diagnostic(
                'E-REF-VSWITCH',
                f.path,
                posOf(f, `instances.${i}.vswitch`),
                { field: `instances.${i}.vswitch`, id: inst.vswitch, owner, vpc: r.vpc, choices: choices.join(', ') },
                'E-VSWITCH-VPC',
              ),
            );
          }
        });
        r.securityGroupRules.forEach((g, i) => {
          zones.ref(f, () => `securityGroupRules.${i}.source.zone`, g.source.zone);
          g.instances.forEach((n, j) => instances.ref(f, () => `securityGroupRules.${i}.instances.${j}`, n));
        });
        break;
      }
      case 'InternetExitRequest':
        break;
      case 'DataExchangeRequest':
        zones.ref(f, 'privateNetwork', r.privateNetwork);
        zones.ref(f, 'extranetZone', r.extranetZone);
        devices.ref(f, 'isolationDevice', r.isolationDevice);
        units.ref(f, 'ferryOwner', r.ferryOwner);
        break;
      case 'VendorAccessRequest':
        r.vendor.staff.forEach((p, i) => people.ref(f, () => `vendor.staff.${i}`, p));
        r.systems.forEach((s, i) => systems.ref(f, () => `systems.${i}`, s));
        break;
      case 'OffboardingRequest':
        people.ref(f, 'person', r.person);
        r.revokeAccounts.forEach((a, i) => accounts.ref(f, () => `revokeAccounts.${i}`, a));
        people.ref(f, 'handover.to', r.handover?.to);
        break;
    }
  }
}
