// A hand-made DesiredFirewall shaped like the county's exit firewall: an internet-facing portal behind
// destination NAT, extranet access to a unit's system, a two-protocol policy, an IPv6 destination,
// overlapping source prefixes (merged by the renderers) and an opening that ends on a given day.
// Used by the renderer goldens and the driver tests; the e2e test uses the real loader instead.
import type { DesiredFirewall } from '../../src/desired/types.ts';

export const countyFirewall: DesiredFirewall = {
  device: 'fw-exit-county',
  defaultAction: 'deny',
  addressObjects: [
    { name: 'any-internet', cidrs: ['0.0.0.0/0'], requests: ['REQ-2026-0001'] },
    { name: 'extranet-towns', cidrs: ['10.68.16.0/22', '10.68.20.0/22', '10.68.17.0/24'], requests: ['REQ-2026-0007'] },
    { name: 'gov-portal', cidrs: ['10.68.1.10'], requests: ['REQ-2026-0001'] },
    { name: 'health-records', cidrs: ['10.68.2.20', '2001:db8:68::20'], requests: ['REQ-2026-0007', 'REQ-2026-0012'] },
    { name: 'hospital-lan-v6', cidrs: ['2001:db8:99::/48'], requests: ['REQ-2026-0012'] },
  ],
  serviceObjects: [
    { name: 'https', protocol: 'tcp', ports: [{ from: 443, to: 443 }] },
    { name: 'records-api', protocol: 'tcp', ports: [{ from: 8443, to: 8443 }, { from: 9000, to: 9010 }] },
    { name: 'records-sync', protocol: 'udp', ports: [{ from: 5060, to: 5060 }] },
    { name: 'ping', protocol: 'icmp', ports: [] },
  ],
  policies: [
    {
      name: 'REQ-2026-0007-records',
      order: 20,
      sourceZone: 'extranet-public',
      destinationZone: 'unit-lan-health',
      sources: ['extranet-towns'],
      destinations: ['health-records'],
      services: ['records-api', 'records-sync', 'ping'],
      action: 'permit',
      validUntil: '2026-12-31',
      description: '乡镇卫生院访问健康档案系统',
      requests: ['REQ-2026-0007'],
    },
    {
      name: 'REQ-2026-0001-portal',
      order: 10,
      sourceZone: 'internet',
      destinationZone: 'cloud-internet',
      sources: ['any-internet'],
      destinations: ['gov-portal'],
      services: ['https'],
      action: 'permit',
      description: '县政府门户网站对互联网提供服务',
      requests: ['REQ-2026-0001'],
    },
    {
      name: 'REQ-2026-0012-records-v6',
      order: 30,
      sourceZone: 'extranet-public',
      destinationZone: 'unit-lan-health',
      sources: ['hospital-lan-v6'],
      destinations: ['health-records'],
      services: ['records-api'],
      action: 'permit',
      description: '县医院经 IPv6 访问健康档案系统',
      requests: ['REQ-2026-0012'],
    },
  ],
  nat: [
    {
      name: 'REQ-2026-0001-portal-https',
      protocol: 'tcp',
      publicAddress: '203.0.113.68',
      publicPort: 443,
      privateAddress: '10.68.1.10',
      privatePort: 443,
      requests: ['REQ-2026-0001'],
    },
  ],
};
