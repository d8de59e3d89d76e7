// The county: zones, units, people, accounts, systems, terminals, cloud catalogue, devices,
// rectification notices, policy configuration and the GitHub mapping. One YAML document per file in
// inventory/, each declaring apiVersion and kind. Field names English; titles and descriptions Chinese.
import { z } from 'zod';
import { Address, apiVersion, Cidr, DataClassification, DateStr, Id, Reference, RequestId, Text } from './common.ts';

// ---- zones (arts. 2, 4, 12; rules.md "Network zones") -------------------------------------------

export const ZONE_TYPES = [
  'internet', //                   互联网
  'extranet-public', //            政务外网公用网络区
  'extranet-dedicated', //         政务外网专用网络区（部门 VPN）
  'extranet-internet-access', //   政务外网互联网接入区
  'cloud-internet', //             政务节点云互联网区
  'cloud-extranet', //             政务节点云政务外网区
  'private-network', //            业务专网
  'unit-lan', //                   单位局域网
] as const;

export const Zone = z.strictObject({
  id: Id,
  name: Text.max(100).meta({ title: '名称' }),
  type: z.enum(ZONE_TYPES).meta({
    title: '区域类型',
    description:
      'internet 互联网；extranet-public 政务外网公用网络区；extranet-dedicated 专用网络区；extranet-internet-access 互联网接入区；cloud-internet 政务节点云互联网区；cloud-extranet 政务节点云政务外网区；private-network 业务专网；unit-lan 单位局域网',
  }),
  cidrs: z.array(Cidr).optional().meta({ title: '地址段' }),
  unit: Id.optional().meta({ title: '所属单位', description: '业务专网、专用网络区和单位局域网的所属单位' }),
  description: Text.optional(),
});

export const ZoneCatalog = z
  .strictObject({ apiVersion, kind: z.literal('ZoneCatalog'), zones: z.array(Zone).min(1) })
  .meta({ title: '网络区域目录', description: '政务外网、政务节点云、业务专网与单位局域网的区域划分' });

// ---- units and people (arts. 5, 8, 19, 20, 22) ---------------------------------------------------

export const Unit = z.strictObject({
  id: Id,
  name: Text.max(100).meta({ title: '单位名称' }),
  type: z.enum(['bureau', 'department', 'institution', 'town', 'township', 'enterprise']).meta({
    title: '单位类型',
    description: 'bureau 县大数据局（审核单位）；department 县直部门；institution 事业单位；town 镇；township 乡；enterprise 国有企业',
  }),
  githubTeam: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .meta({ title: 'GitHub 团队', description: '本单位在 GitHub 组织中的团队 slug，CODEOWNERS 与审批门禁据此认定“本单位人员”' }),
  securityOfficer: Id.optional().meta({
    title: '网络信息安全管理岗',
    description: '本单位网络信息安全管理岗人员的标识（第十九条）；缺失将被策略拒绝',
  }),
  officerAgreementDate: DateStr.optional().meta({
    title: '保密协议签订日期',
    description: '安全管理岗人员签订保密协议的日期（第十九条）',
  }),
  lanCidrs: z.array(Cidr).optional().meta({ title: '局域网地址段' }),
});

export const UnitCatalog = z
  .strictObject({ apiVersion, kind: z.literal('UnitCatalog'), units: z.array(Unit).min(1) })
  .meta({ title: '单位目录', description: '接入政务外网的各单位及其安全管理岗' });

export const PERSON_ROLES = [
  'staff', //                         一般工作人员
  'operator', //                      运维人员
  'admin', //                         系统管理员
  'security-officer', //              单位网络信息安全管理岗
  'bureau-reviewer', //               县大数据局审核人
  'bureau-security-lead', //          县大数据局安全负责人
  'leading-group-office-director', // 领导小组办公室主任
  'vendor', //                        第三方服务人员
] as const;

export const Person = z.strictObject({
  id: Id,
  name: Text.max(50).meta({ title: '姓名' }),
  unit: Id.meta({ title: '所属单位', description: '第三方人员填写其服务的单位' }),
  roles: z.array(z.enum(PERSON_ROLES)).min(1).meta({ title: '角色' }),
  github: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/)
    .optional()
    .meta({ title: 'GitHub 账号' }),
  trainingDate: DateStr.optional().meta({ title: '最近一次安全培训日期', description: '第二十二条、第二十四条：上岗前须经安全培训' }),
  leftDate: DateStr.optional().meta({ title: '离岗日期', description: '离岗后其账号与权限必须清理（第二十条）' }),
  vendor: z
    .strictObject({
      company: Text.max(100).meta({ title: '服务机构' }),
      projectApproval: Text.max(100).optional().meta({ title: '信息化项目审核编号', description: '第二十一条' }),
      agreement: Reference.optional().meta({ title: '保密协议' }),
    })
    .optional()
    .meta({ title: '第三方服务信息' }),
});

export const PersonCatalog = z
  .strictObject({ apiVersion, kind: z.literal('PersonCatalog'), people: z.array(Person).min(1) })
  .meta({ title: '人员目录', description: '各单位人员、角色、培训与离岗信息' });

export const Account = z.strictObject({
  id: Id,
  platform: z.enum(['bastion', 'vpn', 'os', 'database', 'application']).meta({
    title: '平台',
    description: 'bastion 堡垒机；vpn 安全接入平台；os 操作系统；database 数据库；application 应用',
  }),
  system: Id.optional().meta({ title: '所属系统' }),
  username: z.string().min(1).max(64).meta({ title: '用户名' }),
  owner: Id.optional().meta({ title: '责任人', description: '账号的唯一责任人；无责任人的账号将被拒绝（第十八条）' }),
  shared: z.boolean().default(false).meta({ title: '是否共享账号' }),
  privilege: z.enum(['user', 'operator', 'admin']).meta({ title: '权限级别' }),
  remoteLogin: z.boolean().default(false).meta({ title: '允许远程登录' }),
  mfa: z.boolean().default(false).meta({ title: '双因素认证' }),
  expires: DateStr.optional().meta({ title: '到期日期' }),
  request: RequestId.optional().meta({ title: '来源申请', description: '开通该账号的变更申请编号' }),
});

export const AccountCatalog = z
  .strictObject({ apiVersion, kind: z.literal('AccountCatalog'), accounts: z.array(Account) })
  .meta({ title: '账号目录', description: '堡垒机、安全接入平台及系统账号（第十八条、第二十条）' });

// ---- information systems (arts. 6, 15, 16) -------------------------------------------------------

export const MLPS_CONCLUSIONS = ['优', '良', '中', '差'] as const;

export const System = z.strictObject({
  id: Id,
  name: Text.max(100).meta({ title: '系统名称' }),
  unit: Id.meta({ title: '所属单位' }),
  mlps: z
    .strictObject({
      level: z.number().int().min(1).max(5).optional().meta({ title: '等级保护级别' }),
      filingNumber: z.string().max(40).optional().meta({ title: '备案证明编号', description: '通常为 NNNNNNNNNNN-NNNNN' }),
      lastAssessment: DateStr.optional().meta({ title: '最近一次等级测评日期' }),
      conclusion: z.enum(MLPS_CONCLUSIONS).optional().meta({ title: '测评结论', description: '优 ≥ 90，良 ≥ 80，中 ≥ 70，差' }),
      openHighRiskFindings: z.number().int().min(0).default(0).meta({ title: '未整改高风险问题数' }),
    })
    .meta({ title: '等级保护', description: '第十五条：对外提供服务前须完成等保测评备案与整改' }),
  hosting: z.enum(['cloud-node', 'unit-lan', 'idc']).meta({
    title: '部署方式',
    description: 'cloud-node 政务节点云；unit-lan 单位自有机房；idc 托管机房',
  }),
  zone: Id.meta({ title: '所在网络区域' }),
  cloudOnboarding: z
    .strictObject({ passed: z.boolean(), reference: Text.max(100).optional(), date: DateStr.optional() })
    .optional()
    .meta({ title: '上云检测', description: '第十五条：上政务节点云须通过上云检测' }),
  addresses: z.array(Address).default([]).meta({ title: '服务器地址' }),
  dataClassification: DataClassification,
  logging: z
    .strictObject({
      retentionDays: z.number().int().min(0).meta({ title: '日志保存天数', description: '不少于 180 天（网络安全法第二十一条）' }),
      offHostBackup: z.boolean().meta({ title: '日志异地备份' }),
    })
    .optional()
    .meta({ title: '日志', description: '第十六条' }),
  vulnerabilities: z
    .strictObject({
      lastScan: DateStr.optional().meta({ title: '最近一次漏洞扫描日期' }),
      openHigh: z.number().int().min(0).default(0).meta({ title: '未修复高危漏洞数' }),
      openCritical: z.number().int().min(0).default(0).meta({ title: '未修复严重漏洞数' }),
    })
    .optional()
    .meta({ title: '漏洞状况', description: '第十六条' }),
  adminMfa: z.boolean().default(false).meta({ title: '管理员双因素认证', description: 'GB/T 22239 8.1.4.1 d)' }),
});

export const SystemCatalog = z
  .strictObject({ apiVersion, kind: z.literal('SystemCatalog'), systems: z.array(System) })
  .meta({ title: '信息系统目录', description: '各单位业务信息系统及其等保、上云、日志与漏洞状况' });

// ---- terminals (art. 13) -------------------------------------------------------------------------

export const TerminalGroup = z.strictObject({
  id: Id,
  unit: Id.meta({ title: '所属单位' }),
  zone: Id.meta({ title: '所在网络区域' }),
  count: z.number().int().min(1).meta({ title: '终端数量' }),
  registeredAssets: z.number().int().min(0).meta({ title: '已资产登记数量' }),
  antivirus: z
    .strictObject({
      installed: z.number().int().min(0).meta({ title: '已安装防病毒软件数量' }),
      signaturesDate: DateStr.optional().meta({ title: '病毒库更新日期' }),
    })
    .meta({ title: '防病毒' }),
  patchesDate: DateStr.optional().meta({ title: '最近补丁日期' }),
  unifiedManagement: z.boolean().default(false).meta({ title: '统一管理' }),
});

export const TerminalCatalog = z
  .strictObject({ apiVersion, kind: z.literal('TerminalCatalog'), terminalGroups: z.array(TerminalGroup) })
  .meta({ title: '终端目录', description: '第十三条：防病毒、资产登记、补丁、统一管理' });

// ---- gov-cloud node catalogue (art. 17) -----------------------------------------------------------

export const CloudCatalog = z
  .strictObject({
    apiVersion,
    kind: z.literal('CloudCatalog'),
    region: z.string().min(1).meta({ title: '区域', description: '政务节点云区域标识' }),
    endpoints: z
      .record(z.string(), z.string().url())
      .optional()
      .meta({ title: '自定义接入点', description: '政务节点云各服务的 API 地址（ecs、vpc 等）' }),
    images: z
      .array(z.strictObject({ id: Id, name: Text.max(100), os: Text.max(50), version: Text.max(30) }))
      .meta({ title: '认可镜像' }),
    software: z
      .array(z.strictObject({ id: Id, name: Text.max(100), versions: z.array(z.string().min(1)).min(1) }))
      .meta({ title: '认可软件', description: '第十七条：禁止安装非认可软件' }),
    quotas: z
      .array(
        z.strictObject({
          unit: Id,
          instances: z.number().int().min(0),
          vcpu: z.number().int().min(0),
          memoryGiB: z.number().int().min(0),
          diskGiB: z.number().int().min(0),
        }),
      )
      .meta({ title: '单位资源配额' }),
    vpcs: z
      .array(
        z.strictObject({
          id: Id,
          zone: Id.meta({ title: '所在区域（cloud-internet 或 cloud-extranet）' }),
          cidr: Cidr,
          vswitches: z.array(z.strictObject({ id: Id, cidr: Cidr, unit: Id.optional() })).min(1),
        }),
      )
      .meta({ title: '专有网络' }),
  })
  .meta({ title: '政务节点云目录', description: '认可镜像、认可软件、配额与专有网络（第十七条）' });

// ---- devices (arts. 9, 11, 12) -------------------------------------------------------------------

export const DeviceCatalog = z
  .strictObject({
    apiVersion,
    kind: z.literal('DeviceCatalog'),
    interfaceDevices: z
      .array(
        z.strictObject({
          id: Id,
          name: Text.max(100),
          role: z.enum(['internet-exit-firewall', 'extranet-router', 'extranet-switch', 'cloud-border']),
          vendor: z.enum(['huawei-usg', 'nftables', 'h3c', 'other']),
          managedBy: Id.meta({ title: '管理单位', description: '第十一条：政务外网接口设备由县大数据局管理' }),
          publicAddresses: z.array(Address).default([]).meta({ title: '公网地址', description: '目的地址转换使用的公网地址' }),
        }),
      )
      .meta({ title: '政务外网接口设备' }),
    isolationDevices: z
      .array(
        z.strictObject({
          id: Id,
          name: Text.max(100),
          type: z.enum(['gap', 'one-way-gateway', 'firewall']).meta({
            title: '类型',
            description: 'gap 网闸；one-way-gateway 单向光闸；firewall 防火墙（不满足第十二条隔离要求）',
          }),
          between: z.tuple([Id, Id]).meta({ title: '两侧区域' }),
          unit: Id.meta({ title: '部署单位' }),
        }),
      )
      .meta({ title: '隔离设备', description: '第十二条' }),
    internetExits: z
      .array(
        z.strictObject({
          id: Id,
          name: Text.max(100),
          unified: z.boolean().meta({ title: '是否全县统一出口', description: '第九条' }),
          device: Id,
          publicCidrs: z.array(Cidr).min(1),
          request: RequestId.optional().meta({ title: '批准申请', description: '自建出口的批准申请编号' }),
        }),
      )
      .meta({ title: '互联网出口' }),
  })
  .meta({ title: '设备目录', description: '政务外网接口设备、隔离设备与互联网出口' });

// ---- rectification notices (art. 25) ------------------------------------------------------------

export const RectificationCatalog = z
  .strictObject({
    apiVersion,
    kind: z.literal('RectificationCatalog'),
    notices: z.array(
      z.strictObject({
        id: z.string().regex(/^RN-\d{4}-\d{3,5}$/),
        unit: Id,
        subject: Text.max(300),
        articles: z.array(z.number().int().min(1).max(27)).min(1),
        issued: DateStr,
        deadline: DateStr,
        closed: DateStr.optional(),
        issue: z.number().int().min(1).optional().meta({ title: 'GitHub 议题编号' }),
      }),
    ),
  })
  .meta({ title: '整改通知', description: '第二十五条：书面通知限期整改；逾期未整改的单位不得新增对外暴露' });

// ---- policy configuration: thresholds and lists the policies read as data.config ----------------

const PortEntry = z.strictObject({
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp']),
  service: Text.max(100),
  source: Text.max(300).meta({ title: '出处' }),
});

export const PolicyConfig = z
  .strictObject({
    apiVersion,
    kind: z.literal('PolicyConfig'),
    assessmentMaxAgeDays: z.number().int().min(1).meta({ title: '安全评估有效期（天）', description: 'SS-10-001' }),
    purposeMinLength: z.number().int().min(1).meta({ title: '端口用途最少字数', description: 'SS-14-001' }),
    genericPurposes: z.array(z.string().min(1)).meta({ title: '无实际内容的用途说明', description: 'SS-14-001' }),
    maxPortRange: z.number().int().min(1).meta({ title: '端口范围最大宽度', description: 'SS-14-002' }),
    highRiskPorts: z.array(PortEntry).meta({ title: '高危端口', description: 'SS-14-003' }),
    oftenAttackedPorts: z.array(PortEntry).meta({ title: '常被攻击端口', description: 'SS-14-004' }),
    managementPorts: z.array(PortEntry).meta({ title: '远程管理端口', description: 'SS-14-005' }),
    publicWebPorts: z.array(z.number().int().min(1).max(65535)).meta({ title: '公众 Web 服务端口', description: 'SS-14-006' }),
    widestExtranetPrefix: z.number().int().min(0).max(32).meta({ title: '政务外网来源最宽前缀', description: 'SS-14-006' }),
    permanentRecertificationDays: z.number().int().min(1).meta({ title: '长期开放复核周期（天）', description: 'SS-14-007' }),
    mlpsCycleDays: z
      .record(z.string().regex(/^[1-5]$/), z.number().int().min(1))
      .meta({ title: '等级测评周期（天）', description: 'SS-15-003；三级 365 天、四级 182 天（公通字〔2007〕43号第十四条）' }),
    mlpsCycleWarnOnly: z.array(z.number().int().min(1).max(5)).meta({ title: '仅警告的等级', description: '二级无法定测评周期' }),
    filingNumberPattern: z.string().min(1).meta({ title: '备案证明编号格式（正则）', description: 'SS-15-002' }),
    logRetentionMinDays: z.number().int().min(1).meta({ title: '日志最少保存天数', description: 'SS-16-001' }),
    vulnScanMaxAgeDays: z.number().int().min(1).meta({ title: '漏洞扫描有效期（天）', description: 'SS-16-002' }),
    trainingMaxAgeMonths: z.number().int().min(1).meta({ title: '安全培训有效期（月）', description: 'SS-22-001' }),
    antivirusMaxAgeDays: z.number().int().min(1).meta({ title: '病毒库与补丁最长未更新天数', description: 'SS-13-001' }),
    defaultAccounts: z.array(z.string().min(1)).meta({ title: '默认账号名', description: 'SS-18-001' }),
    bureauUnit: Id.meta({ title: '审核单位', description: '县大数据局（其办公室设在县大数据管理中心）' }),
  })
  .meta({ title: '策略配置', description: '策略使用的阈值与清单（data.config），不写死在策略代码中' });

// ---- GitHub mapping of approval roles ------------------------------------------------------------

export const GitHubConfig = z
  .strictObject({
    apiVersion,
    kind: z.literal('GitHubConfig'),
    org: z.string().min(1).meta({ title: 'GitHub 组织' }),
    teams: z
      .strictObject({
        bureauReviewers: z.string().min(1).meta({ title: '县大数据局审核组' }),
        bureauSecurityLead: z.string().min(1).meta({ title: '县大数据局安全负责人组' }),
        leadingGroupOfficeDirector: z.string().min(1).meta({ title: '领导小组办公室主任组' }),
        bureauSecurity: z.string().min(1).meta({ title: '县大数据局安全组' }),
      })
      .meta({ title: '审批角色对应的团队' }),
    automation: z
      .array(z.string().min(1).max(64))
      .default([])
      .meta({
        title: '自动化账号',
        description:
          '代表议题表单的提交人开拉取请求的 GitHub App 账号（如 govern-automation[bot]）；这类拉取请求（分支 form/issue-<编号>）的提交人按该议题的作者认定',
      }),
  })
  .meta({ title: 'GitHub 配置', description: '审批角色与 GitHub 团队的对应关系' });

export const INVENTORY_SCHEMAS = {
  ZoneCatalog,
  UnitCatalog,
  PersonCatalog,
  AccountCatalog,
  SystemCatalog,
  TerminalCatalog,
  CloudCatalog,
  DeviceCatalog,
  RectificationCatalog,
  PolicyConfig,
  GitHubConfig,
} as const;

export type ZoneT = z.infer<typeof Zone>;
export type UnitT = z.infer<typeof Unit>;
export type PersonT = z.infer<typeof Person>;
export type AccountT = z.infer<typeof Account>;
export type SystemT = z.infer<typeof System>;
export type TerminalGroupT = z.infer<typeof TerminalGroup>;
export type CloudCatalogT = z.infer<typeof CloudCatalog>;
export type DeviceCatalogT = z.infer<typeof DeviceCatalog>;
export type RectificationCatalogT = z.infer<typeof RectificationCatalog>;
export type PolicyConfigT = z.infer<typeof PolicyConfig>;
export type GitHubConfigT = z.infer<typeof GitHubConfig>;
