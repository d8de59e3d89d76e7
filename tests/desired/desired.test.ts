import { describe, expect, it } from 'vitest';
import { DesiredStateError, desiredState, instanceTypeOf } from '../../src/desired/index.ts';
import { county, REQUESTS } from './county.ts';

const req = (id: string): unknown => structuredClone(REQUESTS[id]);
const AS_OF = '2026-11-25';

describe('desiredState: the exit firewall', () => {
  const fw = desiredState(county(), AS_OF).firewall;

  it('uses the firewall of the unified internet exit and denies by default', () => {
    expect(fw.device).toBe('exit-fw-1');
    expect(fw.defaultAction).toBe('deny');
  });

  it('opens an internet port rule with a policy named after the request and port, its objects and its NAT mapping', () => {
    const p = fw.policies.find((x) => x.name === 'req-2026-0012-p1');
    expect(p).toEqual({
      name: 'req-2026-0012-p1',
      order: 1,
      sourceZone: 'internet',
      destinationZone: 'health-lan',
      sources: ['src-req-2026-0012-p1'],
      destinations: ['dst-health-appointment-10-72-3-15'],
      services: ['svc-tcp-443'],
      action: 'permit',
      validUntil: '2026-12-31',
      description: '群众通过浙里办访问预约挂号页面',
      requests: ['REQ-2026-0012'],
    });
    expect(fw.addressObjects.find((a) => a.name === 'src-req-2026-0012-p1')?.cidrs).toEqual(['0.0.0.0/0']);
    expect(fw.serviceObjects.find((s) => s.name === 'svc-tcp-443')).toEqual({ name: 'svc-tcp-443', protocol: 'tcp', ports: [{ from: 443, to: 443 }] });
    expect(fw.nat).toEqual([
      {
        name: 'nat-req-2026-0012-p1',
        protocol: 'tcp',
        publicAddress: '203.0.113.10',
        publicPort: 443,
        privateAddress: '10.72.3.15',
        privatePort: 443,
        validUntil: '2026-12-31',
        requests: ['REQ-2026-0012'],
      },
    ]);
  });

  it('sorts source prefixes and names a shared destination object with every request that uses it', () => {
    expect(fw.addressObjects.find((a) => a.name === 'src-req-2026-0012-p2')?.cidrs).toEqual(['59.202.10.0/24', '59.202.12.0/24']);
    expect(fw.addressObjects.find((a) => a.name === 'dst-health-appointment-10-72-3-15')?.requests).toEqual(['REQ-2026-0012', 'REQ-2026-0013']);
  });

  it('numbers policies 1..n in name order', () => {
    expect(fw.policies.map((p) => [p.order, p.name])).toEqual([
      [1, 'req-2026-0012-p1'],
      [2, 'req-2026-0012-p2'],
      [3, 'req-2026-0013-p1'],
    ]);
  });

  it('keeps a rule between a unit LAN and its own system off the exit firewall', () => {
    expect(fw.policies.some((p) => p.name === 'req-2026-0013-p2')).toBe(false);
    expect(fw.serviceObjects.some((s) => s.name === 'svc-tcp-22')).toBe(false);
  });

  it('keeps openings to cloud-hosted systems off the exit firewall', () => {
    expect(fw.policies.some((p) => p.requests.includes('REQ-2026-0021'))).toBe(false);
  });
});

describe('desiredState: validity', () => {
  it('keeps an opening on its last day and drops it the day after validUntil', () => {
    expect(desiredState(county(), '2026-11-30').firewall.policies.map((p) => p.name)).toContain('req-2026-0013-p1');
    const next = desiredState(county(), '2026-12-01').firewall;
    expect(next.policies.map((p) => p.name)).not.toContain('req-2026-0013-p1');
    expect(next.addressObjects.map((a) => a.name)).not.toContain('src-req-2026-0013-p1');
    expect(next.serviceObjects.map((s) => s.name)).not.toContain('svc-tcp-9000-9001');
  });

  it('does not open a rule before its validFrom', () => {
    expect(desiredState(county(), '2026-10-31').firewall.policies.map((p) => p.name)).not.toContain('req-2026-0013-p1');
  });

  it('does not open a rule that has neither an end date nor permanent: true (fail closed)', () => {
    const r = req('REQ-2026-0012') as { ports: { permanent?: boolean }[] };
    delete r.ports[1]!.permanent;
    const names = desiredState(county([r]), AS_OF).firewall.policies.map((p) => p.name);
    expect(names).toEqual(['req-2026-0012-p1']);
  });

  it('drops an expired security-group rule, a rule not yet valid, and vendor accounts after the request ends', () => {
    const later = desiredState(county(), '2027-04-01');
    expect(later.cloud.securityGroupRules.map((r) => r.name)).toEqual(['req-2026-0020-r1-59-202-0-0-16']);
    expect(later.cloud.natForwards).toEqual([]);
    expect(later.access.accounts.map((a) => a.name)).not.toContain('bastion-vic-zhhd');
  });
});

describe('desiredState: the cloud node', () => {
  const cloud = desiredState(county(), AS_OF).cloud;

  it('carries the region and custom endpoints of the cloud catalogue', () => {
    expect(cloud.region).toBe('cn-zhoushan-gov');
    expect(cloud.endpoints).toEqual({ ecs: 'https://ecs.zjzwy.zj.gov.cn', vpc: 'https://vpc.zjzwy.zj.gov.cn' });
  });

  it('creates one security group per system with the requests that use it', () => {
    expect(cloud.securityGroups).toEqual([{ name: 'sg-health-portal', vpc: 'vpc-internet', system: 'health-portal', requests: ['REQ-2026-0020', 'REQ-2026-0021'] }]);
  });

  it('turns security-group rules and port openings to cloud systems into one rule per source prefix', () => {
    expect(cloud.securityGroupRules.map((r) => [r.name, r.sourceCidr, r.ports, r.validUntil])).toEqual([
      ['req-2026-0020-r1-59-202-0-0-16', '59.202.0.0/16', { from: 443, to: 443 }, undefined],
      ['req-2026-0021-p1-0-0-0-0-0', '0.0.0.0/0', { from: 443, to: 443 }, '2027-03-31'],
    ]);
  });

  it('creates the requested instances in their security group and a NAT forward for an internet-facing opening', () => {
    expect(cloud.instances.map((i) => [i.name, i.securityGroup, i.vswitch, i.privateAddress, i.requests])).toEqual([
      ['portal-web-1', 'sg-health-portal', 'vsw-internet-a', '10.80.1.10', ['REQ-2026-0020']],
    ]);
    expect(cloud.natForwards).toEqual([
      { name: 'nat-req-2026-0021-p1', protocol: 'tcp', externalAddress: '203.0.113.20', externalPort: 443, internalAddress: '10.80.1.10', internalPort: 443, requests: ['REQ-2026-0021'] },
    ]);
  });

  it('keeps every catalogued VPC and vSwitch, naming the requests placed in them', () => {
    expect(cloud.vpcs.map((v) => [v.name, v.requests])).toEqual([
      ['vpc-extranet', []],
      ['vpc-internet', ['REQ-2026-0020', 'REQ-2026-0021']],
    ]);
    expect(cloud.vswitches.map((v) => [v.name, v.vpc, v.requests])).toEqual([
      ['vsw-extranet-a', 'vpc-extranet', []],
      ['vsw-internet-a', 'vpc-internet', ['REQ-2026-0020']],
    ]);
  });
});

describe('desiredState: access', () => {
  const names = (asOf: string, requests?: unknown[]) => desiredState(county(requests), asOf).access.accounts.map((a) => a.name);

  it('keeps bastion and VPN accounts of people who have not left, and only those platforms', () => {
    expect(names(AS_OF, [])).toEqual(['bastion-alice', 'bastion-dan', 'bastion-vic-zhhd', 'vpn-erin']);
  });

  it('keeps a catalogue account granted by a vendor request only while the request is in force', () => {
    const vendor = [req('REQ-2026-0030')];
    expect(names('2026-10-31', vendor)).not.toContain('bastion-vic-zhhd');
    expect(names(AS_OF, vendor)).toContain('bastion-vic-zhhd');
    expect(names('2026-12-16', vendor)).not.toContain('bastion-vic-zhhd');
  });

  it('removes the accounts of an offboarded person and the accounts the request names', () => {
    expect(names(AS_OF, [req('REQ-2026-0031')])).toEqual(['bastion-alice', 'bastion-vic-zhhd']);
  });

  it('drops a catalogue account the day after it expires', () => {
    expect(names('2026-10-31', [])).toContain('vpn-fay');
    expect(names('2026-11-01', [])).not.toContain('vpn-fay');
  });

  it('grants vendor staff a two-factor account on the requested platform that expires with the request', () => {
    const vic = desiredState(county([req('REQ-2026-0030')]), AS_OF).access.accounts.find((a) => a.name === 'bastion-vic-zhhd');
    expect(vic).toEqual({
      name: 'bastion-vic-zhhd',
      platform: 'bastion',
      person: 'vic',
      unit: 'health',
      username: 'vic-zhhd',
      privilege: 'operator',
      systems: ['health-appointment'],
      mfa: true,
      expires: '2026-12-15',
      vendor: '舟山海岛信息技术有限公司',
      requests: ['REQ-2026-0030'],
    });
  });
});

describe('desiredState: determinism and refusals', () => {
  it('gives byte-identical output whatever the order of the request files', () => {
    const docs = Object.values(REQUESTS);
    const a = JSON.stringify(desiredState(county(docs), AS_OF));
    const b = JSON.stringify(desiredState(county([...docs].reverse()), AS_OF));
    expect(b).toBe(a);
  });

  it('refuses an opening to a system that is not catalogued, naming the request file', () => {
    const r = req('REQ-2026-0012') as { ports: { destination: { system: string } }[] };
    r.ports[0]!.destination.system = 'nowhere';
    try {
      desiredState(county([r]), AS_OF);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DesiredStateError);
      expect((e as DesiredStateError).code).toBe('E-DESIRED-UNKNOWN-SYSTEM');
      expect((e as DesiredStateError).file).toBe('requests/health/REQ-2026-0012.yaml');
    }
  });

  it('refuses to map a public address for a protocol without ports', () => {
    const r = req('REQ-2026-0012') as { ports: { protocol: string }[] };
    r.ports[0]!.protocol = 'icmp';
    expect(() => desiredState(county([r]), AS_OF)).toThrow(/E-DESIRED-NAT-PROTOCOL/);
  });

  it('maps a narrow NAT port range port by port', () => {
    const r = req('REQ-2026-0012') as { ports: { port: unknown }[] };
    r.ports[0]!.port = '8000-8002';
    expect(desiredState(county([r]), AS_OF).firewall.nat.map((n) => [n.name, n.publicPort])).toEqual([
      ['nat-req-2026-0012-p1-8000', 8000],
      ['nat-req-2026-0012-p1-8001', 8001],
      ['nat-req-2026-0012-p1-8002', 8002],
    ]);
  });

  it('refuses two instances with the same name', () => {
    const r = req('REQ-2026-0020') as { id: string };
    const twin = { ...(req('REQ-2026-0020') as object), id: 'REQ-2026-0022' };
    expect(() => desiredState(county([r, twin]), AS_OF)).toThrow(/E-DESIRED-DUPLICATE/);
  });
});

describe('desiredState: provenance and inventory refusals', () => {
  it('names at least one request behind every rule, mapping, security group and instance', () => {
    const d = desiredState(county(), AS_OF);
    const resources = [
      ...d.firewall.policies,
      ...d.firewall.nat,
      ...d.firewall.addressObjects,
      ...d.cloud.securityGroups,
      ...d.cloud.securityGroupRules,
      ...d.cloud.instances,
      ...d.cloud.natForwards,
    ];
    expect(resources.length).toBeGreaterThan(10);
    for (const r of resources) expect([r.name, r.requests.length > 0]).toEqual([r.name, true]);
  });

  it('refuses an inventory without an internet exit firewall', () => {
    const repo = county();
    const devices = { ...repo.devices, interfaceDevices: repo.devices.interfaceDevices.map((d) => ({ ...d, role: 'extranet-router' as const })) };
    expect(() => desiredState({ ...repo, devices }, AS_OF)).toThrow(/E-DESIRED-NO-EXIT-FIREWALL/);
  });

  it('refuses a system whose cloud resources span two VPCs (one security group, one VPC)', () => {
    const r = req('REQ-2026-0020') as { vpc: string; instances: { vswitch: string; privateAddress: string }[] };
    r.vpc = 'vpc-extranet';
    r.instances[0]!.vswitch = 'vsw-extranet-a';
    r.instances[0]!.privateAddress = '10.81.1.10';
    expect(() => desiredState(county([r, req('REQ-2026-0021')]), AS_OF)).toThrow(/E-DESIRED-SG-VPCS/);
  });

  it('refuses an opening from a zone that is not catalogued', () => {
    const r = req('REQ-2026-0012') as { ports: { source: { zone: string } }[] };
    r.ports[1]!.source.zone = 'mars';
    expect(() => desiredState(county([r]), AS_OF)).toThrow(/E-DESIRED-UNKNOWN-ZONE/);
  });

  it('writes an IPv6 destination as a /128 host prefix', () => {
    const r = req('REQ-2026-0012') as { ports: { destination: { address: string }; publicAddress?: string }[] };
    r.ports[1]!.destination.address = '2001:db8::15';
    const dst = desiredState(county([r]), AS_OF).firewall.addressObjects.find((a) => a.name === 'dst-health-appointment-2001-db8-15');
    expect(dst?.cidrs).toEqual(['2001:db8::15/128']);
  });
});

describe('instanceTypeOf', () => {
  it('picks the family by memory:vCPU ratio and the size by vCPU count', () => {
    expect(instanceTypeOf('a', 2, 8)).toBe('ecs.g7.large');
    expect(instanceTypeOf('a', 4, 8)).toBe('ecs.c7.xlarge');
    expect(instanceTypeOf('a', 8, 64, '6')).toBe('ecs.r6.2xlarge');
  });

  it('refuses a shape no family has', () => {
    expect(() => instanceTypeOf('a', 3, 12)).toThrow(/E-DESIRED-INSTANCE-SIZE/);
    expect(() => instanceTypeOf('a', 4, 12)).toThrow(/E-DESIRED-INSTANCE-SIZE/);
  });
});
