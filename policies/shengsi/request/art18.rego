package shengsi.request

import data.shengsi.lib

# Where a finding about an inventory account points in the request: the vendor staff entry of its
# owner when there is one, otherwise the request id.
_account_path(a) := ["vendor", "staff", j] if {
	some j, p in input.request.vendor.staff
	p == a.owner
} else := ["id"]

_default_account(name) if {
	some d in data.config.defaultAccounts
	lower(d) == lower(name)
}

# METADATA
# title: 不得使用共享账号、无责任人账号或可远程登录的默认账号
# custom:
#   id: SS-18-001
#   articles: [18]
#   severity: deny
#   message:
#     zh: "账号“{account}”（{username}）{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求健全用户访问机制和用户口令机制；GB/T 22239 8.1.4.2 要求不得使用共享账号，删除或重命名默认账户"
#     en: "account \"{account}\" ({username}) {problem}; art. 18 of the Shengsi County Interim Measures requires sound user access and password mechanisms, and GB/T 22239 8.1.4.2 forbids shared accounts and default accounts"
#   hint:
#     zh: "为每位人员开设实名个人账号并指定责任人（owner），默认账号禁止远程登录或改名停用"
#     en: "give each person a named personal account with an owner; disable remote login for default accounts or rename them"
deny contains lib.finding("SS-18-001", _account_path(a), {"account": id, "username": a.username, "problem": problem}) if {
	some id, a in lib.request_accounts
	some problem in _account_problems(a)
}

_account_problems(a) := {p |
	some p in [{"zh": "是共享账号", "en": "is shared"}]
	a.shared == true
} | {p |
	some p in [{"zh": "没有责任人", "en": "has no owner"}]
	not a.owner
} | {p |
	some p in [{"zh": "是默认账号且允许远程登录", "en": "is a default account with remote login"}]
	_default_account(a.username)
	a.remoteLogin == true
}

# METADATA
# title: 三级及以上系统的管理员须双因素认证
# custom:
#   id: SS-18-002
#   articles: [18]
#   severity: deny
#   message:
#     zh: "对等级保护第{level}级信息系统“{system}”的管理员访问没有双因素认证（{who}）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求健全用户访问机制；GB/T 22239 8.1.4.1 d) 要求管理员采用两种或以上组合的鉴别技术"
#     en: "administrator access to MLPS level {level} system \"{system}\" has no two-factor authentication ({who}); art. 18 of the Shengsi County Interim Measures requires sound access mechanisms and GB/T 22239 8.1.4.1 d) two factors for administrators"
#   hint:
#     zh: "为该系统的管理员启用双因素认证（系统清单 adminMfa：true，账号 mfa：true），或只申请非管理员权限"
#     en: "enable two-factor authentication for the system's administrators (adminMfa true in the inventory, mfa true on the account) or request a lower privilege"
deny contains lib.finding("SS-18-002", ["systems", i], {"system": id, "level": s.mlps.level, "who": {"zh": "第三方运维接入", "en": "vendor access"}}) if {
	input.request.kind == "VendorAccessRequest"
	input.request.privilege == "admin"
	some i, id in input.request.systems
	s := input.systems[id]
	s.mlps.level >= 3
	s.adminMfa != true
}

deny contains lib.finding("SS-18-002", _account_path(a), {"system": a.system, "level": s.mlps.level, "who": {"zh": sprintf("账号 %s", [id]), "en": sprintf("account %s", [id])}}) if {
	some id, a in lib.request_accounts
	a.privilege == "admin"
	s := input.systems[a.system]
	s.mlps.level >= 3
	a.mfa != true
}

# METADATA
# title: 不宜重复开放已有的访问
# custom:
#   id: SS-18-003
#   articles: [18]
#   severity: warn
#   message:
#     zh: "端口规则 {port} 已被申请 {existing} 的开放覆盖，重复规则会使访问控制策略冗余。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求优化访问控制；GB/T 22239 8.1.3.2 b) 要求删除多余或无效的访问控制规则"
#     en: "port rule {port} is already covered by an opening of request {existing}; redundant rules bloat access control (art. 18 of the Shengsi County Interim Measures; GB/T 22239 8.1.3.2 b)"
#   hint:
#     zh: "删除这条重复规则，或说明为何需要单独开放（例如期限不同）"
#     en: "drop the duplicate rule, or explain why it needs its own opening (for example a different end date)"
warn contains lib.finding("SS-18-003", pr.path, {"port": _port_text(pr.rule), "existing": e.request}) if {
	input.request.kind == "PortOpeningRequest"
	some pr in lib.port_rules
	some e in input.existing
	lib.opening_covers(e, pr.rule)
}
