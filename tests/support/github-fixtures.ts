// A realistic small outcome of one pull request: two requests (one denied), a state warning, a plan and
// the review gate still waiting for approvals. Used by the comment and check-run tests.
import type { GateResult } from '../../src/github/types.ts';
import type { Plan } from '../../src/plan/types.ts';
import type { CheckResult } from '../../src/policy/types.ts';

export const SMALL_CHECK: CheckResult = {
  requests: [
    {
      id: 'REQ-2026-0012',
      file: 'requests/county-health/his-443.yaml',
      kind: 'PortOpeningRequest',
      unit: 'county-health',
      decision: 'allow',
      violations: [
        {
          rule: 'SS-14-003',
          article: 14,
          severity: 'warn',
          message: { zh: '端口 443 的用途说明过短', en: 'the purpose of port 443 is too short' },
          hint: { zh: '写明业务、访问对象与期限', en: 'say which service, who accesses it and until when' },
          file: 'requests/county-health/his-443.yaml',
          line: 14,
          column: 7,
        },
      ],
      approvals: [
        { role: 'bureau-reviewer', count: 1, why: { zh: '第十四条：开放端口须经县大数据局核准备案', en: "art. 14: opening a port needs the bureau's approval" } },
        { role: 'unit-security-officer', count: 1, unit: 'county-health', why: { zh: '第十九条：本单位网络信息安全管理岗签字', en: "art. 19: the unit's security officer signs off" } },
        { role: 'bureau-security-lead', count: 1, why: { zh: '向互联网开放须经安全负责人批准', en: 'exposure to the internet needs the security lead' } },
      ],
    },
    {
      id: 'REQ-2026-0013',
      file: 'requests/county-health/db-3306.yaml',
      kind: 'PortOpeningRequest',
      unit: 'county-health',
      decision: 'deny',
      violations: [
        {
          rule: 'SS-14-002',
          article: 14,
          severity: 'deny',
          message: { zh: '高危端口 3306（MySQL）不得向互联网开放', en: 'high-risk port 3306 (MySQL) must not be exposed to the internet' },
          hint: { zh: '改为经安全接入平台访问，或只向政务外网地址开放', en: 'go through the secure access platform, or open it to extranet addresses only' },
          file: 'requests/county-health/db-3306.yaml',
          line: 11,
          column: 9,
        },
        {
          rule: 'SS-14-001',
          article: 14,
          severity: 'deny',
          message: { zh: '端口缺少用途说明', en: 'the port has no stated purpose' },
          hint: { zh: '为每个端口填写 purpose', en: 'fill in purpose for every port' },
          file: 'requests/county-health/db-3306.yaml',
          line: 12,
          column: 9,
        },
      ],
      approvals: [{ role: 'bureau-reviewer', count: 1 }],
    },
  ],
  state: {
    violations: [
      {
        rule: 'SS-16-001',
        article: 16,
        severity: 'warn',
        message: { zh: '防火墙日志仅保存 90 天，少于 180 天', en: 'firewall logs are kept 90 days, fewer than 180' },
        file: 'inventory/devices.yaml',
        line: 22,
        column: 5,
      },
    ],
  },
  summary: { requests: 2, allowed: 1, denied: 1, warnings: 2 },
};

export const SMALL_PLAN: Plan = {
  changes: [
    {
      action: 'add',
      stack: 'extranet-edge',
      type: 'firewall.policy',
      name: 'county-health-his-443',
      requests: ['REQ-2026-0012'],
      fields: [
        { path: 'ports', after: [443] },
        { path: 'source.cidrs', after: ['0.0.0.0/0'] },
      ],
    },
    {
      action: 'change',
      stack: 'extranet-edge',
      type: 'firewall.nat',
      name: 'his-public',
      requests: ['REQ-2026-0012'],
      fields: [{ path: 'publicPort', before: 8443, after: 443 }],
    },
    { action: 'remove', stack: 'cloud-node', type: 'cloud.securityGroupRule', name: 'old-ftp-21', requests: ['REQ-2025-0101'], fields: [] },
  ],
  summary: { add: 1, change: 1, remove: 1 },
};

export const SMALL_GATE: GateResult = {
  pass: false,
  headSha: '1'.repeat(40),
  fromFork: false,
  required: [],
  satisfied: [{ role: 'unit-security-officer', unit: 'county-health', by: ['wang-officer'] }],
  findings: [
    {
      code: 'GATE-APPROVAL-MISSING',
      article: 14,
      message: {
        zh: '还需要 1 位县大数据局审核人（@shengsi/bureau-reviewers）批准最新提交（需 1 位，已计入：—）；原因：第十四条：开放端口须经县大数据局核准备案',
        en: 'needs 1 more approval',
      },
    },
  ],
  ignored: [{ login: 'liu-filer', reason: { zh: '是拉取请求的作者，不能批准自己的变更', en: 'is the author' } }],
};
