// Change requests: one YAML document per file in requests/<unit-id>/, seven kinds.
// Shape only: fields a governance rule judges (purpose, sign-off, rollback plan, validity...) are
// optional here so that the policies, not the schema, deny their absence with the article cited
// ("one rule, one place", style.md).
import { z } from 'zod';
import { Address, apiVersion, Cidr, DataClassification, DateStr, Id, PortSpec, Protocol, Reference, RequestId, Text } from './common.ts';

const common = {
  apiVersion,
  id: RequestId,
  unit: Id.meta({ title: '申请单位', description: '须与文件所在目录 requests/<单位>/ 一致' }),
  title: Text.max(120).meta({ title: '标题' }),
  requester: Id.meta({ title: '申请人', description: '人员目录中的标识' }),
  submitted: DateStr.meta({ title: '提交日期' }),
  securityOfficerSignoff: z
    .strictObject({ officer: Id, date: DateStr })
    .optional()
    .meta({ title: '安全管理岗签字', description: '本单位网络信息安全管理岗的确认（第十九条）' }),
  justification: Text.optional().meta({ title: '申请理由' }),
  dataClassification: DataClassification,
  emergencyMeasures: Text.optional().meta({ title: '应急措施', description: '第二十四条：变更须制定应急措施' }),
  rollbackPlan: Text.optional().meta({ title: '回退方案', description: '第二十四条：变更须制定回退方案' }),
};

const Validity = {
  validFrom: DateStr.optional().meta({ title: '生效日期' }),
  validUntil: DateStr.optional().meta({ title: '截止日期', description: '开放的最后一天；不填则须声明 permanent: true（第十四条）' }),
  permanent: z.boolean().optional().meta({ title: '长期开放', description: '明确声明长期开放，需每年复核' }),
};

export const Source = z
  .strictObject({
    zone: Id.meta({ title: '来源区域' }),
    cidrs: z.array(Cidr).min(1).meta({ title: '来源地址段' }),
  })
  .meta({ title: '访问来源' });

export const PortRule = z.strictObject({
  port: PortSpec,
  protocol: Protocol,
  purpose: z.string().max(500).optional().meta({ title: '用途说明', description: '第十四条：逐个端口说明用途' }),
  source: Source,
  destination: z
    .strictObject({
      system: Id.meta({ title: '目的系统' }),
      address: Address.meta({ title: '目的地址' }),
    })
    .meta({ title: '访问目的' }),
  publicAddress: Address.optional().meta({
    title: '公网映射地址',
    description: '对互联网开放时，统一出口防火墙上的公网地址（目的地址转换）',
  }),
  hardeningNote: Text.optional().meta({ title: '加固说明', description: '常被攻击的端口须说明加固措施（SS-14-004）' }),
  ...Validity,
});

export const PortOpeningRequest = z
  .strictObject({
    ...common,
    kind: z.literal('PortOpeningRequest'),
    ports: z.array(PortRule).min(1).meta({ title: '开放端口' }),
  })
  .meta({ title: '端口开放申请', description: '第十四条：开放政务外网或互联网地址端口，逐个端口说明用途，经县大数据局核准备案' });

export const NetworkAccessRequest = z
  .strictObject({
    ...common,
    kind: z.literal('NetworkAccessRequest'),
    connection: z
      .strictObject({
        zone: Id.meta({ title: '接入区域' }),
        cidrs: z.array(Cidr).min(1).meta({ title: '接入地址段' }),
        systems: z.array(Id).default([]).meta({ title: '接入的信息系统' }),
        terminalGroups: z.array(Id).default([]).meta({ title: '接入的终端组' }),
        interfaceDevice: Id.optional().meta({ title: '涉及的政务外网接口设备', description: '第十一条' }),
      })
      .meta({ title: '接入内容' }),
    securityAssessment: Reference.extend({ assessor: Text.max(100).optional() })
      .optional()
      .meta({ title: '安全评估', description: '第十条：接入前须进行安全评估' }),
    ...Validity,
  })
  .meta({ title: '网络接入变更申请', description: '第十条、第十一条' });

export const CloudResourceRequest = z
  .strictObject({
    ...common,
    kind: z.literal('CloudResourceRequest'),
    system: Id.meta({ title: '所属信息系统' }),
    scope: Text.meta({ title: '使用范围', description: '第十七条：不得超出批准范围使用' }),
    vpc: Id.meta({ title: '专有网络' }),
    instances: z
      .array(
        z.strictObject({
          name: Id,
          image: Id.meta({ title: '镜像' }),
          software: z.array(z.strictObject({ id: Id, version: z.string().min(1) })).default([]).meta({ title: '安装软件' }),
          vcpu: z.number().int().min(1).max(256),
          memoryGiB: z.number().int().min(1).max(4096),
          diskGiB: z.number().int().min(20).max(65536),
          vswitch: Id,
          privateAddress: Address,
        }),
      )
      .min(1)
      .meta({ title: '云服务器' }),
    securityGroupRules: z
      .array(
        z.strictObject({
          port: PortSpec,
          protocol: Protocol,
          purpose: z.string().max(500).optional(),
          source: Source,
          instances: z.array(Id).min(1).meta({ title: '适用的云服务器' }),
          hardeningNote: Text.optional(),
          ...Validity,
        }),
      )
      .default([])
      .meta({ title: '安全组入方向规则' }),
  })
  .meta({ title: '政务节点云资源申请', description: '第十五条、第十七条' });

export const InternetExitRequest = z
  .strictObject({
    ...common,
    kind: z.literal('InternetExitRequest'),
    exit: z.strictObject({
      id: Id,
      location: Text.max(200).meta({ title: '部署位置' }),
      isp: Text.max(50).meta({ title: '运营商' }),
      bandwidthMbps: z.number().int().min(1),
      publicCidrs: z.array(Cidr).min(1),
      firewall: Text.max(100).meta({ title: '边界防护设备' }),
    }),
    bureauApproval: Reference.optional().meta({ title: '县大数据局审批文号', description: '第九条' }),
    nextInspection: DateStr.optional().meta({ title: '下次检查日期' }),
    ...Validity,
  })
  .meta({ title: '自建互联网出口申请', description: '第九条：自建互联网出口须报县大数据局审批，并接受指导、监督和检查' });

export const DataExchangeRequest = z
  .strictObject({
    ...common,
    kind: z.literal('DataExchangeRequest'),
    privateNetwork: Id.meta({ title: '业务专网区域' }),
    extranetZone: Id.meta({ title: '政务外网区域' }),
    isolationDevice: Id.optional().meta({ title: '隔离设备', description: '第十二条：须部署网闸或单向光闸' }),
    ferryOwner: Id.optional().meta({ title: '数据摆渡责任单位', description: '第十二条：由业务需求单位自行负责' }),
    direction: z.enum(['to-extranet', 'from-extranet', 'both']),
    data: Text.meta({ title: '交换数据说明' }),
    ...Validity,
  })
  .meta({ title: '业务专网数据交换申请', description: '第十二条' });

export const VendorAccessRequest = z
  .strictObject({
    ...common,
    kind: z.literal('VendorAccessRequest'),
    vendor: z.strictObject({ company: Text.max(100), staff: z.array(Id).min(1) }),
    projectApproval: Text.max(100).optional().meta({ title: '信息化项目审核编号', description: '第二十一条' }),
    confidentialityAgreement: Reference.optional().meta({ title: '保密协议' }),
    systems: z.array(Id).min(1),
    method: z.enum(['bastion', 'vpn']),
    privilege: z.enum(['user', 'operator', 'admin']),
    ...Validity,
  })
  .meta({ title: '第三方运维接入申请', description: '第二十一条；数据安全法第四十条' });

export const OffboardingRequest = z
  .strictObject({
    ...common,
    kind: z.literal('OffboardingRequest'),
    person: Id.meta({ title: '离岗人员' }),
    leftDate: DateStr.meta({ title: '离岗日期' }),
    revokeAccounts: z.array(Id).default([]).meta({ title: '注销账号' }),
    handover: z
      .strictObject({ to: Id, data: Text.optional(), devices: Text.optional() })
      .optional()
      .meta({ title: '移交', description: '第二十条：敏感信息、数据和设备的移交' }),
  })
  .meta({ title: '离岗清理申请', description: '第二十条' });

export const REQUEST_SCHEMAS = {
  PortOpeningRequest,
  NetworkAccessRequest,
  CloudResourceRequest,
  InternetExitRequest,
  DataExchangeRequest,
  VendorAccessRequest,
  OffboardingRequest,
} as const;

export type RequestKind = keyof typeof REQUEST_SCHEMAS;
export const REQUEST_KINDS = Object.keys(REQUEST_SCHEMAS) as RequestKind[];

export type PortOpeningRequestT = z.infer<typeof PortOpeningRequest>;
export type NetworkAccessRequestT = z.infer<typeof NetworkAccessRequest>;
export type CloudResourceRequestT = z.infer<typeof CloudResourceRequest>;
export type InternetExitRequestT = z.infer<typeof InternetExitRequest>;
export type DataExchangeRequestT = z.infer<typeof DataExchangeRequest>;
export type VendorAccessRequestT = z.infer<typeof VendorAccessRequest>;
export type OffboardingRequestT = z.infer<typeof OffboardingRequest>;
export type PortRuleT = z.infer<typeof PortRule>;
export type ChangeRequest =
  | PortOpeningRequestT
  | NetworkAccessRequestT
  | CloudResourceRequestT
  | InternetExitRequestT
  | DataExchangeRequestT
  | VendorAccessRequestT
  | OffboardingRequestT;

/** The kebab-case file name of each kind's JSON Schema in schemas/. */
export function schemaFileName(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() + '.json';
}
