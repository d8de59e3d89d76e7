package shengsi.request

import data.shengsi.lib

# METADATA
# title: 单位须设网络信息安全管理岗并签订保密协议，申请须经其确认
# custom:
#   id: SS-19-001
#   articles: [19]
#   severity: deny
#   message:
#     zh: "单位“{unit}”{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十九条规定，各单位应设立网络信息安全管理岗位，并与相关人员签订保密协议"
#     en: "unit \"{unit}\" {problem}; art. 19 of the Shengsi County Interim Measures requires every unit to have a network security post and confidentiality agreements with its holders"
#   hint:
#     zh: "在单位清单中指定在岗的安全管理岗人员（securityOfficer）及其保密协议签订日期，并由其在申请的 securityOfficerSignoff 中确认"
#     en: "name a serving security officer and the agreement date in the unit inventory, and have the officer sign off the request in securityOfficerSignoff"
deny contains lib.finding("SS-19-001", p.path, {"unit": input.request.unit, "problem": p.problem}) if {
	some p in _officer_problems
}

_officer_problems contains {"path": ["unit"], "problem": {"zh": "没有设立网络信息安全管理岗", "en": "has no security officer"}} if {
	input.unit
	not input.unit.securityOfficer
}

_officer_problems contains {"path": ["unit"], "problem": {"zh": "的安全管理岗人员没有签订保密协议", "en": "has no confidentiality agreement with its security officer"}} if {
	input.unit.securityOfficer
	not input.unit.officerAgreementDate
}

_officer_problems contains {"path": ["unit"], "problem": {"zh": sprintf("的安全管理岗人员“%s”已离岗或不在人员清单中", [o]), "en": sprintf("has security officer \"%s\", who has left or is not in the people inventory", [o])}} if {
	o := input.unit.securityOfficer
	not _serving(o)
}

_serving(p) if {
	input.people[p]
	not lib.departed(p)
}

_officer_problems contains {"path": ["securityOfficerSignoff"], "problem": {"zh": "的安全管理岗没有确认本申请（缺少 securityOfficerSignoff）", "en": "'s security officer has not signed off this request (securityOfficerSignoff missing)"}} if {
	not input.request.securityOfficerSignoff
}

_officer_problems contains {"path": ["securityOfficerSignoff", "officer"], "problem": {"zh": sprintf("的安全管理岗是“%s”，确认人却是“%s”", [o, s]), "en": sprintf("has security officer \"%s\" but the sign-off is by \"%s\"", [o, s])}} if {
	o := input.unit.securityOfficer
	s := input.request.securityOfficerSignoff.officer
	s != o
}
