// Issue bodies exactly as GitHub writes them for the committed forms (### label, blank line, answer;
// "_No response_" for an empty optional field; "- [X]" for a ticked box), with the sample county's ids.

export const PORT_OPENING_BODY = `### 申请单位

health-bureau

### 申请标题

基本公共卫生服务系统向乡镇卫生院开放

### 申请人

dong-xin

### 数据分级

sensitive 敏感

### 申请理由

各乡镇卫生院通过政务外网录入居民健康档案和随访记录

### 开放端口

443 | tcp | extranet-public | 10.72.0.0/20 | health-public-health | 10.81.1.40 | 2027-11-09 | 乡镇卫生院医生录入居民健康档案、慢病随访记录（HTTPS）

### 应急措施

出现异常流量或安全告警时，由县大数据局在政务节点云边界防火墙上立即收回本规则，并由本单位安全管理岗排查处置

### 回退方案

回退本申请的合并提交，删除对应的放行规则，恢复到变更前状态

### 本单位安全管理岗

fang-lijun

### 安全管理岗确认日期

2026-11-04

### 确认

- [X] 本申请不涉及国家秘密和工作秘密（第六条），所填内容真实。
`;

export const CLOUD_RESOURCE_BODY = `### 申请单位

caiyuan-town

### 申请标题

基层治理四平台备用数据库服务器

### 申请人

xu-jiahao

### 数据分级

internal 内部

### 申请理由

基层治理四平台需要备用数据库服务器，主库故障时切换

### 所属信息系统

caiyuan-grid-governance

### 使用范围

仅用于菜园镇基层治理四平台的备用业务数据库，只接受本平台应用服务器访问

### 专有网络

vpc-extranet

### 云服务器

\`\`\`
grid-db-02 | img-uos-20-1070 | 4 | 16 | 500 | vsw-extranet-b | 10.81.2.32 | dm8@8.1.3.140
\`\`\`

### 安全组入方向规则

5236 | tcp | cloud-extranet | 10.81.2.30/32 | grid-db-02 | 2027-11-30 | 基层治理四平台应用服务器访问达梦备用数据库（DM8 默认端口 5236）

### 应急措施

云服务器出现入侵告警或异常时，由县大数据局立即收回安全组规则并对云服务器做快照后隔离，本单位安全管理岗配合处置

### 回退方案

释放本申请创建的云服务器并删除安全组规则（回退本申请的合并提交），数据在释放前由本单位导出备份

### 本单位安全管理岗

_No response_

### 安全管理岗确认日期

_No response_

### 确认

- [X] 本申请不涉及国家秘密和工作秘密（第六条），所填内容真实。
`;
