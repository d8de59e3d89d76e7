// A deterministic synthetic county for benchmarks: N units, M systems, K firewall rules spread over
// port-opening requests, plus a few requests of every other kind. Valid by construction (shape and
// references), and each request is one the bureau would approve under rules.md: a real purpose per
// port, sign-off, emergency measures and rollback plan, bounded validity, restricted sources, valid
// MLPS status, trained operators. Same seed, same bytes.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { API_VERSION, schemaFileName } from '../model/index.ts';

export interface GenerateOptions {
  readonly units: number;
  readonly systems: number;
  readonly rules: number;
  readonly seed: number;
  readonly out: string;
}

export interface GenerateSummary {
  readonly units: number;
  readonly systems: number;
  readonly rules: number;
  readonly requests: Record<string, number>;
  readonly files: number;
}

/** mulberry32: small, fast, deterministic (also the fuzz tests' generator). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '郑'];
const GIVEN = ['海', '涛', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '强', '军', '波', '燕', '鹏', '华', '颖', '斌', '婷', '宇'];
const SERVICES = ['数据查询接口', '业务办理页面', '统计报表下载', '审批流转接口', '档案调阅服务', '视频调阅接口', '消息推送服务', '文件交换接口'];

/** Writes the county under `out` (replacing inventory/ and requests/ there). */
export async function generateCounty(opts: GenerateOptions): Promise<GenerateSummary> {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const day = (from: string, spanDays: number): string => {
    const d = new Date(`${from}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + Math.floor(rnd() * spanDays));
    return d.toISOString().slice(0, 10);
  };
  const name = (): string => pick(SURNAMES) + pick(GIVEN) + pick(GIVEN);
  const n = Math.max(2, opts.units);

  // ---- units and people: unit 0 is the bureau
  const units = Array.from({ length: n }, (_, i) => {
    const id = i === 0 ? 'big-data-center' : `unit-${pad(i, 4)}`;
    const lan = `10.${100 + (i >> 8)}.${i & 255}.0/24`;
    return { id, i, lan, officer: `officer-${pad(i, 4)}`, operator: `operator-${pad(i, 4)}` };
  });
  const people: Record<string, unknown>[] = [];
  const trained = (): string => day('2026-03-01', 200);
  people.push({ id: 'bureau-director', name: name(), unit: 'big-data-center', roles: ['leading-group-office-director'], github: 'gen-bureau-director', trainingDate: trained() });
  people.push({ id: 'bureau-reviewer', name: name(), unit: 'big-data-center', roles: ['bureau-reviewer'], github: 'gen-bureau-reviewer', trainingDate: trained() });
  people.push({ id: 'bureau-security-lead', name: name(), unit: 'big-data-center', roles: ['bureau-security-lead'], github: 'gen-bureau-security-lead', trainingDate: trained() });
  for (const u of units) {
    people.push({ id: u.officer, name: name(), unit: u.id, roles: ['security-officer'], github: `gen-${u.officer}`, trainingDate: trained() });
    people.push({ id: u.operator, name: name(), unit: u.id, roles: ['operator'], github: `gen-${u.operator}`, trainingDate: trained() });
  }
  const vendor = {
    id: 'vendor-0001',
    name: name(),
    unit: 'big-data-center',
    roles: ['vendor'],
    github: 'gen-vendor-0001',
    trainingDate: trained(),
    vendor: { company: '合成运维服务有限公司', projectApproval: '嵊数项审〔2026〕01号', agreement: { reference: 'GEN-NDA-0001', date: '2026-08-01' } },
  };
  const leaver = { id: 'leaver-0001', name: name(), unit: units[1]!.id, roles: ['operator'], github: 'gen-leaver-0001', trainingDate: trained(), leftDate: '2026-11-10' };
  people.push(vendor, leaver);

  const zones: Record<string, unknown>[] = [
    { id: 'cloud-extranet', name: '政务节点云政务外网区', type: 'cloud-extranet', cidrs: ['10.81.0.0/16'] },
    { id: 'cloud-internet', name: '政务节点云互联网区', type: 'cloud-internet', cidrs: ['10.80.0.0/16'] },
    { id: 'extranet-internet-access', name: '政务外网互联网接入区', type: 'extranet-internet-access', cidrs: ['10.73.0.0/24'] },
    { id: 'extranet-public', name: '政务外网公用网络区', type: 'extranet-public', cidrs: ['10.72.0.0/16'] },
    { id: 'internet', name: '互联网', type: 'internet', cidrs: ['0.0.0.0/0'] },
    { id: 'private-0001', name: '合成业务专网', type: 'private-network', cidrs: ['10.96.0.0/16'], unit: units[1]!.id },
    ...units.map((u) => ({ id: `lan-${u.id}`, name: `${u.id} 局域网`, type: 'unit-lan', cidrs: [u.lan], unit: u.id })),
  ];

  // ---- systems
  const systems = Array.from({ length: opts.systems }, (_, j) => {
    const u = units[j % n]!;
    const level = rnd() < 0.3 ? 3 : 2;
    const cloud = rnd() < 0.5;
    const internet = cloud && j < 200 && level === 3;
    const host = (j % 250) + 2;
    const subnet = Math.floor(j / 250);
    const address = cloud ? `10.${internet ? 80 : 81}.${subnet}.${host}` : `10.${100 + (u.i >> 8)}.${u.i & 255}.${(Math.floor(j / n) % 250) + 2}`;
    return {
      id: `sys-${pad(j, 5)}`,
      unitIndex: u.i,
      internet,
      address,
      doc: {
        id: `sys-${pad(j, 5)}`,
        name: `合成信息系统 ${pad(j, 5)}`,
        unit: u.id,
        mlps: {
          level,
          filingNumber: `33090043001-${pad(j + 1, 5)}`,
          lastAssessment: level === 3 ? day('2026-02-01', 200) : day('2025-06-01', 400),
          conclusion: pick(['优', '良', '中'] as const),
          openHighRiskFindings: 0,
        },
        hosting: cloud ? 'cloud-node' : 'unit-lan',
        zone: cloud ? (internet ? 'cloud-internet' : 'cloud-extranet') : `lan-${u.id}`,
        ...(cloud ? { cloudOnboarding: { passed: true, reference: `浙政云检〔2025〕${j + 1}号`, date: day('2025-01-01', 300) } } : {}),
        addresses: [address],
        dataClassification: pick(['public', 'internal', 'sensitive'] as const),
        logging: { retentionDays: 180 + Math.floor(rnd() * 200), offHostBackup: true },
        vulnerabilities: { lastScan: day('2026-09-15', 60), openHigh: 0, openCritical: 0 },
        adminMfa: true,
      },
    };
  });

  const accounts = units.map((u) => ({
    id: `bastion-${u.operator}`,
    platform: 'bastion',
    username: u.operator.replace('-', ''),
    owner: u.operator,
    shared: false,
    privilege: 'operator',
    remoteLogin: true,
    mfa: true,
  }));
  accounts.push({ id: 'bastion-leaver-0001', platform: 'bastion', username: 'leaver0001', owner: 'leaver-0001', shared: false, privilege: 'operator', remoteLogin: true, mfa: true });

  const inventory: Record<string, Record<string, unknown>> = {
    'zones.yaml': { kind: 'ZoneCatalog', zones },
    'units.yaml': {
      kind: 'UnitCatalog',
      units: units.map((u) => ({
        id: u.id,
        name: u.i === 0 ? '县大数据管理中心' : `合成单位 ${pad(u.i, 4)}`,
        type: u.i === 0 ? 'bureau' : pick(['department', 'institution', 'town', 'township'] as const),
        githubTeam: u.id,
        securityOfficer: u.officer,
        officerAgreementDate: day('2024-01-01', 600),
        lanCidrs: [u.lan],
      })),
    },
    'people.yaml': { kind: 'PersonCatalog', people: people.sort((a, b) => String(a.id).localeCompare(String(b.id))) },
    'accounts.yaml': { kind: 'AccountCatalog', accounts: accounts.sort((a, b) => a.id.localeCompare(b.id)) },
    'systems.yaml': { kind: 'SystemCatalog', systems: systems.map((s) => s.doc) },
    'terminals.yaml': {
      kind: 'TerminalCatalog',
      terminalGroups: units.map((u) => {
        const count = 5 + Math.floor(rnd() * 50);
        return {
          id: `tg-${u.id}`,
          unit: u.id,
          zone: `lan-${u.id}`,
          count,
          registeredAssets: count,
          antivirus: { installed: count, signaturesDate: day('2026-11-10', 14) },
          patchesDate: day('2026-11-01', 20),
          unifiedManagement: true,
        };
      }),
    },
    'cloud.yaml': {
      kind: 'CloudCatalog',
      region: 'cn-zhejiang-gov-zs',
      images: [{ id: 'img-anolis-8-9', name: '龙蜥 Anolis OS 8.9', os: 'Anolis OS', version: '8.9' }],
      software: [{ id: 'nginx', name: 'Nginx', versions: ['1.26.2'] }],
      quotas: units.map((u) => ({ unit: u.id, instances: 10, vcpu: 80, memoryGiB: 320, diskGiB: 5000 })),
      vpcs: [
        { id: 'vpc-extranet', zone: 'cloud-extranet', cidr: '10.81.0.0/16', vswitches: [{ id: 'vsw-extranet-gen', cidr: '10.81.200.0/24' }] },
        { id: 'vpc-internet', zone: 'cloud-internet', cidr: '10.80.0.0/16', vswitches: [{ id: 'vsw-internet-gen', cidr: '10.80.200.0/24' }] },
      ],
    },
    'devices.yaml': {
      kind: 'DeviceCatalog',
      interfaceDevices: [
        { id: 'fw-exit-01', name: '统一互联网出口防火墙', role: 'internet-exit-firewall', vendor: 'huawei-usg', managedBy: 'big-data-center', publicAddresses: [] },
        { id: 'rt-extranet-core-01', name: '政务外网核心路由器', role: 'extranet-router', vendor: 'h3c', managedBy: 'big-data-center', publicAddresses: [] },
      ],
      isolationDevices: [{ id: 'gap-0001', name: '合成业务专网网闸', type: 'gap', between: ['private-0001', 'extranet-public'], unit: units[1]!.id }],
      internetExits: [{ id: 'exit-unified', name: '统一互联网出口', unified: true, device: 'fw-exit-01', publicCidrs: ['203.0.113.0/24'] }],
    },
    'rectification.yaml': { kind: 'RectificationCatalog', notices: [] },
    'policy-config.yaml': {
      kind: 'PolicyConfig',
      assessmentMaxAgeDays: 365,
      purposeMinLength: 8,
      genericPurposes: ['业务需要', '工作需要', '测试'],
      maxPortRange: 16,
      highRiskPorts: [3306, 6379, 3389, 445].map((port) => ({ port, protocol: 'tcp', service: String(port), source: '国家网络与信息安全信息通报中心 2024-09' })),
      oftenAttackedPorts: [21, 7001].map((port) => ({ port, protocol: 'tcp', service: String(port), source: '国家网络与信息安全信息通报中心 2024-09' })),
      managementPorts: [22, 23, 3389, 5900].map((port) => ({ port, protocol: 'tcp', service: String(port), source: 'GB/T 22239-2019 8.1.4.4 c)' })),
      publicWebPorts: [80, 443],
      widestExtranetPrefix: 16,
      permanentRecertificationDays: 365,
      mlpsCycleDays: { '2': 730, '3': 365, '4': 182 },
      mlpsCycleWarnOnly: [2],
      filingNumberPattern: '^\\d{11}-\\d{5}$',
      logRetentionMinDays: 180,
      vulnScanMaxAgeDays: 90,
      trainingMaxAgeMonths: 12,
      antivirusMaxAgeDays: 30,
      defaultAccounts: ['admin', 'administrator', 'root', 'sa'],
      bureauUnit: 'big-data-center',
    },
    'github.yaml': {
      kind: 'GitHubConfig',
      org: 'shengsi-egov',
      teams: { bureauReviewers: 'bdc-reviewers', bureauSecurityLead: 'bdc-security-lead', leadingGroupOfficeDirector: 'leading-group-office', bureauSecurity: 'bdc-security' },
    },
  };

  await rm(join(opts.out, 'inventory'), { recursive: true, force: true });
  await rm(join(opts.out, 'requests'), { recursive: true, force: true });
  await mkdir(join(opts.out, 'inventory'), { recursive: true });
  let files = 0;
  const emit = async (rel: string, kind: string, body: Record<string, unknown>, schemaPrefix: string): Promise<void> => {
    const header = `# yaml-language-server: $schema=${schemaPrefix}schemas/${schemaFileName(kind)}\n# 合成数据（npm run gen，种子 ${opts.seed}）\n`;
    const { kind: _k, ...rest } = body;
    await writeFile(join(opts.out, rel), header + stringify({ apiVersion: API_VERSION, kind, ...rest }, { lineWidth: 0 }));
    files++;
  };
  for (const [file, body] of Object.entries(inventory)) await emit(`inventory/${file}`, String(body.kind), body, '../');

  // ---- requests
  let serial = 0;
  const counts: Record<string, number> = {};
  const madeDirs = new Set<string>();
  const request = async (unitIndex: number, kind: string, title: string, fields: Record<string, unknown>): Promise<void> => {
    const u = units[unitIndex]!;
    serial++;
    const id = `REQ-2026-${pad(serial, 6)}`;
    const dir = join(opts.out, 'requests', u.id);
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      madeDirs.add(dir);
    }
    const submitted = day('2026-10-01', 50);
    await emit(`requests/${u.id}/${id.toLowerCase()}.yaml`, kind, {
      kind,
      id,
      unit: u.id,
      title,
      requester: u.operator,
      submitted,
      securityOfficerSignoff: { officer: u.officer, date: submitted },
      justification: `${title}：合成数据，用于性能测试`,
      dataClassification: 'internal',
      emergencyMeasures: '发现异常访问时立即收回放行规则并由本单位安全管理岗排查处置',
      rollbackPlan: '回退本申请的合并提交，删除对应放行规则，恢复到变更前状态',
      ...fields,
    }, '../../');
    counts[kind] = (counts[kind] ?? 0) + 1;
  };

  // port rules: up to 10 per request, each to one system of the unit, from a distinct /24 of the extranet
  const PER_REQUEST = 10;
  let rule = 0;
  let sysCursor = 0;
  let publicHost = 10;
  while (rule < opts.rules && systems.length > 0) {
    const s = systems[sysCursor++ % systems.length]!;
    const count = Math.min(PER_REQUEST, opts.rules - rule);
    const ports = [];
    for (let k = 0; k < count; k++, rule++) {
      const viaInternet = s.internet && k === 0 && publicHost < 250;
      ports.push({
        // 30000-59999 holds no port of the high-risk, often-attacked or management lists
        port: viaInternet ? 443 : 30000 + (rule % 30000),
        protocol: 'tcp',
        purpose: viaInternet ? `公众通过互联网访问${s.id}的网上办事页面（HTTPS）` : `第${rule + 1}条规则：来源单位访问${s.id}的${pick(SERVICES)}`,
        source: viaInternet
          ? { zone: 'internet', cidrs: ['0.0.0.0/0'] }
          : { zone: 'extranet-public', cidrs: [`10.72.${rule % 256}.${(Math.floor(rule / 256) % 4) * 64}/26`] },
        destination: { system: s.id, address: s.address },
        ...(viaInternet ? { publicAddress: `203.0.113.${publicHost++}` } : {}),
        validFrom: '2026-12-01',
        validUntil: day('2027-03-01', 270),
      });
    }
    await request(s.unitIndex, 'PortOpeningRequest', `${s.id} 端口开放`, { ports });
  }

  // one of each other kind per 50 units (at least one)
  const every = Math.max(1, Math.floor(n / 50));
  let instanceHost = 2;
  for (let i = 1; i < n; i += every) {
    const u = units[i]!;
    await request(i, 'NetworkAccessRequest', `${u.id} 终端接入政务外网`, {
      connection: { zone: 'extranet-public', cidrs: [u.lan], terminalGroups: [`tg-${u.id}`] },
      securityAssessment: { reference: `嵊数安评〔2026〕${i}号`, date: day('2026-09-01', 60), assessor: '县大数据管理中心网络安全组' },
      validFrom: '2026-12-01',
      validUntil: '2027-11-30',
    });
    const cloudSys = systems.find((s) => s.unitIndex === i && s.doc.hosting === 'cloud-node' && !s.internet);
    if (cloudSys) {
      await request(i, 'CloudResourceRequest', `${cloudSys.id} 云服务器`, {
        system: cloudSys.id,
        scope: `仅用于${cloudSys.id}的应用服务`,
        vpc: 'vpc-extranet',
        instances: [
          { name: `${cloudSys.id}-app`, image: 'img-anolis-8-9', software: [{ id: 'nginx', version: '1.26.2' }], vcpu: 4, memoryGiB: 16, diskGiB: 100, vswitch: 'vsw-extranet-gen', privateAddress: `10.81.200.${instanceHost++}` },
        ],
        securityGroupRules: [
          { port: 443, protocol: 'tcp', purpose: `本单位局域网访问${cloudSys.id}的业务页面`, source: { zone: `lan-${u.id}`, cidrs: [u.lan] }, instances: [`${cloudSys.id}-app`], validFrom: '2026-12-01', validUntil: '2027-11-30' },
        ],
      });
    }
  }
  const sys0 = systems.find((s) => s.unitIndex === 0) ?? systems[0];
  if (sys0) {
    await request(0, 'VendorAccessRequest', '运维厂商经堡垒机接入', {
      vendor: { company: '合成运维服务有限公司', staff: ['vendor-0001'] },
      projectApproval: '嵊数项审〔2026〕01号',
      confidentialityAgreement: { reference: 'GEN-NDA-0001', date: '2026-08-01' },
      systems: [sys0.id],
      method: 'bastion',
      privilege: 'operator',
      validFrom: '2026-12-01',
      validUntil: '2027-05-31',
    });
  }
  await request(1, 'OffboardingRequest', '离岗人员账号清理', {
    person: 'leaver-0001',
    leftDate: '2026-11-10',
    revokeAccounts: ['bastion-leaver-0001'],
    handover: { to: units[1]!.operator, data: '运维文档', devices: '运维笔记本一台' },
  });
  await request(1, 'DataExchangeRequest', '业务专网数据经网闸摆渡', {
    privateNetwork: 'private-0001',
    extranetZone: 'extranet-public',
    isolationDevice: 'gap-0001',
    ferryOwner: units[1]!.id,
    direction: 'to-extranet',
    data: '已脱敏的统计数据，每日一次',
    validFrom: '2026-12-01',
    validUntil: '2027-11-30',
  });
  await request(0, 'InternetExitRequest', '灾备中心自建互联网出口', {
    exit: { id: 'exit-gen-dr', location: '县灾备中心机房', isp: '中国电信嵊泗分公司', bandwidthMbps: 100, publicCidrs: ['198.51.100.0/28'], firewall: '华为 USG6525E' },
    bureauApproval: { reference: '嵊数发〔2026〕01号', date: '2026-11-01' },
    nextInspection: '2027-05-31',
    validFrom: '2026-12-01',
    validUntil: '2027-11-30',
  });
  return { units: n, systems: systems.length, rules: rule, requests: counts, files };
}
