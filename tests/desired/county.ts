// A small hand-made county for the desired-state, plan and stack tests: every document goes
// through the real zod schemas (defaults filled as the loader fills them). Not a mock: the same
// Repository shape src/load produces, built in code so each test can change one thing.
import {
  AccountCatalog,
  API_VERSION,
  CloudCatalog,
  DeviceCatalog,
  GitHubConfig,
  PersonCatalog,
  PolicyConfig,
  REQUEST_SCHEMAS,
  SystemCatalog,
  UnitCatalog,
  ZoneCatalog,
  type ChangeRequest,
  type LoadedRequest,
  type Repository,
} from '../../src/model/index.ts';

const apiVersion = API_VERSION;

const common = {
  apiVersion,
  unit: 'health',
  requester: 'alice',
  submitted: '2026-11-01',
  dataClassification: 'internal',
  securityOfficerSignoff: { officer: 'alice', date: '2026-11-02' },
  emergencyMeasures: '发现异常立即关闭映射',
  rollbackPlan: '删除本申请文件并重新应用',
} as const;

export const REQUESTS: Record<string, unknown> = {
  'REQ-2026-0012': {
    ...common,
    kind: 'PortOpeningRequest',
    id: 'REQ-2026-0012',
    title: '预约挂号系统对互联网提供服务',
    ports: [
      {
        port: 443,
        protocol: 'tcp',
        purpose: '群众通过浙里办访问预约挂号页面',
        source: { zone: 'internet', cidrs: ['0.0.0.0/0'] },
        destination: { system: 'health-appointment', address: '10.72.3.15' },
        publicAddress: '203.0.113.10',
        validUntil: '2026-12-31',
      },
      {
        port: 8443,
        protocol: 'tcp',
        purpose: '卫生院通过政务外网访问预约管理后台',
        source: { zone: 'extranet-public', cidrs: ['59.202.12.0/24', '59.202.10.0/24'] },
        destination: { system: 'health-appointment', address: '10.72.3.15' },
        permanent: true,
      },
    ],
  },
  'REQ-2026-0013': {
    ...common,
    kind: 'PortOpeningRequest',
    id: 'REQ-2026-0013',
    title: '预约挂号系统数据核对',
    ports: [
      {
        port: '9000-9001',
        protocol: 'tcp',
        purpose: '市卫健委核对预约数据接口',
        source: { zone: 'extranet-public', cidrs: ['59.202.40.8/29'] },
        destination: { system: 'health-appointment', address: '10.72.3.15' },
        validFrom: '2026-11-01',
        validUntil: '2026-11-30',
      },
      {
        port: 22,
        protocol: 'tcp',
        purpose: '本单位运维人员在局域网内登录服务器',
        source: { zone: 'health-lan', cidrs: ['10.72.3.0/24'] },
        destination: { system: 'health-appointment', address: '10.72.3.15' },
        permanent: true,
      },
    ],
  },
  'REQ-2026-0020': {
    ...common,
    kind: 'CloudResourceRequest',
    id: 'REQ-2026-0020',
    title: '健康门户上政务节点云',
    system: 'health-portal',
    scope: '健康门户网站的 Web 服务',
    vpc: 'vpc-internet',
    instances: [
      {
        name: 'portal-web-1',
        image: 'kylin-v10',
        software: [{ id: 'nginx', version: '1.26' }],
        vcpu: 2,
        memoryGiB: 8,
        diskGiB: 100,
        vswitch: 'vsw-internet-a',
        privateAddress: '10.80.1.10',
      },
    ],
    securityGroupRules: [
      {
        port: 443,
        protocol: 'tcp',
        purpose: '政务外网用户访问健康门户',
        source: { zone: 'extranet-public', cidrs: ['59.202.0.0/16'] },
        instances: ['portal-web-1'],
        permanent: true,
      },
    ],
  },
  'REQ-2026-0021': {
    ...common,
    kind: 'PortOpeningRequest',
    id: 'REQ-2026-0021',
    title: '健康门户对互联网提供服务',
    ports: [
      {
        port: 443,
        protocol: 'tcp',
        purpose: '群众访问健康门户网站',
        source: { zone: 'internet', cidrs: ['0.0.0.0/0'] },
        destination: { system: 'health-portal', address: '10.80.1.10' },
        publicAddress: '203.0.113.20',
        validUntil: '2027-03-31',
      },
    ],
  },
  'REQ-2026-0030': {
    ...common,
    kind: 'VendorAccessRequest',
    id: 'REQ-2026-0030',
    title: '预约挂号系统厂商远程运维',
    vendor: { company: '舟山海岛信息技术有限公司', staff: ['vic'] },
    projectApproval: 'SSXM-2026-017',
    confidentialityAgreement: { reference: 'BM-2026-05', date: '2026-10-20' },
    systems: ['health-appointment'],
    method: 'bastion',
    privilege: 'operator',
    validFrom: '2026-11-01',
    validUntil: '2026-12-15',
  },
  'REQ-2026-0031': {
    ...common,
    kind: 'OffboardingRequest',
    id: 'REQ-2026-0031',
    title: '丁某离岗账号清理',
    person: 'dan',
    leftDate: '2026-11-20',
    revokeAccounts: ['vpn-erin'],
  },
};

export function loaded(doc: unknown): LoadedRequest {
  const raw = doc as { kind: keyof typeof REQUEST_SCHEMAS; id: string; unit: string };
  const parsed = REQUEST_SCHEMAS[raw.kind].parse(doc) as ChangeRequest;
  return { doc: parsed, file: `requests/${raw.unit}/${raw.id}.yaml`, positions: new Map() };
}

/** The county with the given requests (default: all of REQUESTS). */
export function county(requests: readonly unknown[] = Object.values(REQUESTS)): Repository {
  return {
    root: '/county',
    zones: ZoneCatalog.parse({
      apiVersion,
      kind: 'ZoneCatalog',
      zones: [
        { id: 'internet', name: '互联网', type: 'internet', cidrs: ['0.0.0.0/0'] },
        { id: 'extranet-public', name: '政务外网公用网络区', type: 'extranet-public', cidrs: ['59.202.0.0/16'] },
        { id: 'health-lan', name: '县卫健局局域网', type: 'unit-lan', unit: 'health', cidrs: ['10.72.3.0/24'] },
        { id: 'cloud-internet', name: '政务节点云互联网区', type: 'cloud-internet', cidrs: ['10.80.0.0/16'] },
      ],
    }).zones,
    units: UnitCatalog.parse({
      apiVersion,
      kind: 'UnitCatalog',
      units: [
        { id: 'bureau', name: '县大数据局', type: 'bureau', githubTeam: 'bureau' },
        { id: 'health', name: '县卫生健康局', type: 'department', githubTeam: 'health', securityOfficer: 'alice' },
      ],
    }).units,
    people: PersonCatalog.parse({
      apiVersion,
      kind: 'PersonCatalog',
      people: [
        { id: 'alice', name: '王安', unit: 'health', roles: ['security-officer'] },
        { id: 'carl', name: '陈卡', unit: 'health', roles: ['operator'], leftDate: '2026-10-01' },
        { id: 'dan', name: '丁丹', unit: 'health', roles: ['operator'] },
        { id: 'erin', name: '鄂琳', unit: 'health', roles: ['staff'] },
        { id: 'fay', name: '范菲', unit: 'health', roles: ['admin'] },
        {
          id: 'vic',
          name: '魏可',
          unit: 'health',
          roles: ['vendor'],
          vendor: { company: '舟山海岛信息技术有限公司', projectApproval: 'SSXM-2026-017' },
        },
      ],
    }).people,
    accounts: AccountCatalog.parse({
      apiVersion,
      kind: 'AccountCatalog',
      accounts: [
        { id: 'bastion-alice', platform: 'bastion', username: 'alice', owner: 'alice', privilege: 'user', mfa: true, expires: '2027-06-30' },
        { id: 'bastion-carl', platform: 'bastion', username: 'carl', owner: 'carl', privilege: 'operator', mfa: true },
        { id: 'bastion-dan', platform: 'bastion', username: 'dan', owner: 'dan', privilege: 'operator', mfa: true },
        { id: 'vpn-erin', platform: 'vpn', username: 'erin', owner: 'erin', privilege: 'user' },
        { id: 'vpn-fay', platform: 'vpn', username: 'fay', owner: 'fay', privilege: 'admin', mfa: true, expires: '2026-10-31' },
        { id: 'os-fay', platform: 'os', system: 'health-appointment', username: 'fay', owner: 'fay', privilege: 'admin' },
        { id: 'bastion-ops', platform: 'bastion', username: 'ops', privilege: 'operator' },
        { id: 'bastion-vic', platform: 'bastion', username: 'vic-zhhd', owner: 'vic', privilege: 'operator', mfa: true, expires: '2026-12-15', request: 'REQ-2026-0030' },
      ],
    }).accounts,
    systems: SystemCatalog.parse({
      apiVersion,
      kind: 'SystemCatalog',
      systems: [
        { id: 'health-appointment', name: '预约挂号系统', unit: 'health', mlps: { level: 2 }, hosting: 'unit-lan', zone: 'health-lan', addresses: ['10.72.3.15'], dataClassification: 'internal' },
        { id: 'health-portal', name: '健康门户', unit: 'health', mlps: { level: 2 }, hosting: 'cloud-node', zone: 'cloud-internet', addresses: ['10.80.1.10'], dataClassification: 'public' },
      ],
    }).systems,
    terminalGroups: [],
    cloud: CloudCatalog.parse({
      apiVersion,
      kind: 'CloudCatalog',
      region: 'cn-zhoushan-gov',
      endpoints: { vpc: 'https://vpc.zjzwy.zj.gov.cn', ecs: 'https://ecs.zjzwy.zj.gov.cn' },
      images: [{ id: 'kylin-v10', name: '银河麒麟服务器版', os: 'Kylin', version: 'V10' }],
      software: [{ id: 'nginx', name: 'Nginx', versions: ['1.26'] }],
      quotas: [{ unit: 'health', instances: 4, vcpu: 16, memoryGiB: 64, diskGiB: 1000 }],
      vpcs: [
        { id: 'vpc-internet', zone: 'cloud-internet', cidr: '10.80.0.0/16', vswitches: [{ id: 'vsw-internet-a', cidr: '10.80.1.0/24' }] },
        { id: 'vpc-extranet', zone: 'cloud-extranet', cidr: '10.81.0.0/16', vswitches: [{ id: 'vsw-extranet-a', cidr: '10.81.1.0/24' }] },
      ],
    }),
    devices: DeviceCatalog.parse({
      apiVersion,
      kind: 'DeviceCatalog',
      interfaceDevices: [
        { id: 'exit-fw-1', name: '统一互联网出口防火墙', role: 'internet-exit-firewall', vendor: 'nftables', managedBy: 'bureau', publicAddresses: ['203.0.113.10'] },
      ],
      isolationDevices: [],
      internetExits: [{ id: 'county-exit', name: '全县统一出口', unified: true, device: 'exit-fw-1', publicCidrs: ['203.0.113.0/28'] }],
    }),
    rectification: [],
    config: PolicyConfig.parse({
      apiVersion,
      kind: 'PolicyConfig',
      assessmentMaxAgeDays: 365,
      purposeMinLength: 8,
      genericPurposes: ['业务需要'],
      maxPortRange: 16,
      highRiskPorts: [],
      oftenAttackedPorts: [],
      managementPorts: [],
      publicWebPorts: [80, 443],
      widestExtranetPrefix: 16,
      permanentRecertificationDays: 365,
      mlpsCycleDays: { '3': 365, '4': 182 },
      mlpsCycleWarnOnly: [2],
      filingNumberPattern: '^\\d{11}-\\d{5}$',
      logRetentionMinDays: 180,
      vulnScanMaxAgeDays: 90,
      trainingMaxAgeMonths: 12,
      antivirusMaxAgeDays: 7,
      defaultAccounts: ['root', 'admin'],
      bureauUnit: 'bureau',
    }),
    github: GitHubConfig.parse({
      apiVersion,
      kind: 'GitHubConfig',
      org: 'shengsi-gov',
      teams: { bureauReviewers: 'reviewers', bureauSecurityLead: 'security-lead', leadingGroupOfficeDirector: 'director', bureauSecurity: 'security' },
    }),
    requests: requests.map(loaded),
  };
}
