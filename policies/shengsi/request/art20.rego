package shengsi.request

import data.shengsi.lib

# METADATA
# title: 离岗人员不得再持有账号或访问
# custom:
#   id: SS-20-001
#   articles: [20]
#   severity: deny
#   message:
#     zh: "{subject}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十条规定，对离岗人员应落实账号清理、权限回收、敏感信息、数据和设备的移交等措施"
#     en: "{subject}; art. 20 of the Shengsi County Interim Measures requires accounts to be removed, permissions revoked and data and devices handed over when a person leaves"
#   hint:
#     zh: "换成在岗人员，或通过离岗清理申请（OffboardingRequest）注销其全部账号并完成移交"
#     en: "name a serving person instead, or file an OffboardingRequest that revokes all their accounts and records the handover"
deny contains lib.finding("SS-20-001", ref.path, {"subject": {"zh": sprintf("%s“%s”已于 %s 离岗", [ref.role.zh, ref.person, left]), "en": sprintf("%s \"%s\" left on %s", [ref.role.en, ref.person, left])}}) if {
	some ref in _people_refs
	lib.departed(ref.person)
	left := input.people[ref.person].leftDate
}

_people_refs contains {"person": p, "path": ["requester"], "role": {"zh": "申请人", "en": "requester"}} if {
	p := input.request.requester
}

_people_refs contains {"person": p, "path": ["vendor", "staff", j], "role": {"zh": "第三方人员", "en": "vendor staff member"}} if {
	some j, p in input.request.vendor.staff
}

_people_refs contains {"person": p, "path": ["handover", "to"], "role": {"zh": "移交接收人", "en": "handover recipient"}} if {
	p := input.request.handover.to
}

_people_refs contains {"person": a.owner, "path": _account_path(a), "role": {"zh": sprintf("账号 %s 的责任人", [id]), "en": sprintf("the owner of account %s", [id])}} if {
	some id, a in lib.request_accounts
}

deny contains lib.finding("SS-20-001", ["revokeAccounts"], {"subject": {"zh": sprintf("离岗人员“%s”的账号“%s”不在注销清单中", [p, id]), "en": sprintf("account \"%s\" of departing person \"%s\" is not in revokeAccounts", [id, p])}}) if {
	input.request.kind == "OffboardingRequest"
	p := input.request.person
	some id, a in input.accounts
	a.owner == p
	not id in {x | some x in input.request.revokeAccounts}
}

deny contains lib.finding("SS-20-001", ["handover"], {"subject": {"zh": sprintf("离岗人员“%s”没有移交记录", [input.request.person]), "en": sprintf("departing person \"%s\" has no handover record", [input.request.person])}}) if {
	input.request.kind == "OffboardingRequest"
	not input.request.handover
}
