package shengsi.request

import data.shengsi.lib

# METADATA
# title: 运维和管理人员上岗前须经安全培训
# custom:
#   id: SS-22-001
#   articles: [22, 24]
#   severity: deny
#   message:
#     zh: "“{person}”将获得{privilege}权限，但{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十二条要求进行必要的安全培训，第二十四条规定信息系统管理员及运行维护人员上岗前必须进行安全培训"
#     en: "\"{person}\" would get {privilege} rights but {problem}; art. 22 of the Shengsi County Interim Measures requires security training and art. 24 training before administrators and operators take up duty"
#   hint:
#     zh: "先参加安全培训（{months} 个月内有效），在人员清单中更新 trainingDate"
#     en: "attend security training first (valid {months} months) and update trainingDate in the people inventory"
deny contains lib.finding("SS-22-001", g.path, {"person": g.person, "privilege": g.privilege, "problem": problem, "months": data.config.trainingMaxAgeMonths}) if {
	some g in _privileged_grants
	p := input.people[g.person]
	some problem in _training_gap(p)
}

_privileged := {"operator", "admin"}

_privileged_grants contains {"person": p, "privilege": input.request.privilege, "path": ["vendor", "staff", j]} if {
	input.request.kind == "VendorAccessRequest"
	input.request.privilege in _privileged
	some j, p in input.request.vendor.staff
}

_privileged_grants contains {"person": a.owner, "privilege": a.privilege, "path": _account_path(a)} if {
	some _, a in lib.request_accounts
	a.privilege in _privileged
}

_training_gap(p) := {{"zh": "没有安全培训记录", "en": "has no security training on record"}} if {
	not p.trainingDate
} else := {{"zh": sprintf("最近一次安全培训为 %s，已超过 %d 个月", [p.trainingDate, m]), "en": sprintf("was last trained %s, more than %d months ago", [p.trainingDate, m])} |
	m := data.config.trainingMaxAgeMonths
	lib.older_than_months(p.trainingDate, m)
}
