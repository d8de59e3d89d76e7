# METADATA
# title: 嵊泗县全局状态策略
# description: |
#   Rules over the whole desired state (input: see docs/policy-input.md, "state"): every opening
#   of every request, the inventory's accounts and internet exits, and the decision the request
#   rules gave each request. A finding names the request it is about (or none, for inventory).
package shengsi.state

import data.shengsi.lib

finding(id, request, path, params) := object.union(lib.finding(id, path, params), {"request": request})

# METADATA
# title: 开放须有已批准的申请
# custom:
#   id: SS-14-101
#   articles: [14]
#   severity: deny
#   message:
#     zh: "开放 {port}（到 {destination}）背后没有已批准的申请：申请 {request} {status}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十四条规定，端口经县大数据局核准备案后方可开放"
#     en: "opening {port} (to {destination}) has no approved request behind it: request {request} {status}; art. 14 of the Shengsi County Interim Measures opens a port only after the Big Data Bureau approves and files it"
#   hint:
#     zh: "按该申请的违规提示修改后重新审批，或删除该开放"
#     en: "fix the request as its findings say and have it approved again, or remove the opening"
deny contains finding("SS-14-101", o.request, o.path, {"port": sprintf("%v/%s", [o.port, o.protocol]), "destination": o.destination.address, "request": o.request, "status": _status(o.request)}) if {
	some o in input.openings
	not _standing(o.request)
}

# A request stands unless the request rules denied it ("unchecked" when a run checks only some
# requests: the others are merged, so the review gate approved them).
_standing(id) if input.requests[id].decision != "deny"

_status(id) := {"zh": "未通过策略检查", "en": "is denied by the policies"} if {
	input.requests[id]
} else := {"zh": "不存在", "en": "does not exist"}

# METADATA
# title: 过期的开放须删除
# custom:
#   id: SS-14-102
#   articles: [14, 18]
#   severity: deny
#   message:
#     zh: "开放 {port}（到 {destination}）已于 {until} 到期，仍在申请 {request} 中。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十四条按核准期限开放，第十八条要求最小化开放"
#     en: "opening {port} (to {destination}) ended on {until} but is still in request {request}; art. 14 of the Shengsi County Interim Measures opens ports for the approved period and art. 18 requires minimal exposure"
#   hint:
#     zh: "删除该端口规则（或整个申请文件）；确需继续开放的，提交新的申请"
#     en: "remove the port rule (or the request file); file a new request if it must stay open"
deny contains finding("SS-14-102", o.request, o.path, {"port": sprintf("%v/%s", [o.port, o.protocol]), "destination": o.destination.address, "request": o.request, "until": o.validUntil}) if {
	some o in input.openings
	lib.before_today(o.validUntil)
}

# METADATA
# title: 访问控制规则不得重复或被覆盖
# custom:
#   id: SS-18-101
#   articles: [18]
#   severity: warn
#   message:
#     zh: "开放 {port}（到 {destination}，申请 {request}）已被申请 {other} 的开放 {other_port} 覆盖。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求优化访问控制；GB/T 22239 8.1.3.2 b) 要求删除多余的访问控制规则，使数量最小化"
#     en: "opening {port} (to {destination}, request {request}) is covered by opening {other_port} of request {other}; art. 18 of the Shengsi County Interim Measures asks for optimised access control and GB/T 22239 8.1.3.2 b) for a minimal rule set"
#   hint:
#     zh: "删除被覆盖的规则，或收窄覆盖它的规则"
#     en: "remove the covered rule, or narrow the one that covers it"
warn contains finding("SS-18-101", a.request, a.path, {"port": sprintf("%v/%s", [a.port, a.protocol]), "destination": a.destination.address, "request": a.request, "other": b.request, "other_port": sprintf("%v/%s", [b.port, b.protocol])}) if {
	# input.coverCandidates pairs the openings of one layer, destination and source zone where the
	# port range of the second contains that of the first: the numbers rule out most pairs before
	# the protocols and sources are compared.
	some [i, j] in input.coverCandidates
	a := input.openings[i]
	b := input.openings[j]
	lib.opening_covers(b, a)
	_reported_side(a, b, i, j)
}

# Two identical openings cover each other: report the later one only.
_reported_side(a, b, _, _) if not lib.opening_covers(a, b)

_reported_side(_, _, i, j) if j < i

# METADATA
# title: 离岗人员的账号须清理
# custom:
#   id: SS-20-101
#   articles: [20]
#   severity: deny
#   message:
#     zh: "账号“{account}”（{platform}/{username}）的责任人“{person}”已于 {left} 离岗，账号仍在账号清单中。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十条要求对离岗人员落实账号清理、权限回收"
#     en: "account \"{account}\" ({platform}/{username}) belongs to \"{person}\", who left on {left}, and is still in the account inventory; art. 20 of the Shengsi County Interim Measures requires departed people's accounts to be removed"
#   hint:
#     zh: "提交离岗清理申请（OffboardingRequest）注销该账号，并从账号清单中删除"
#     en: "file an OffboardingRequest revoking the account and remove it from the account inventory"
deny contains finding("SS-20-101", null, ["accounts", id], {"account": id, "platform": a.platform, "username": a.username, "person": a.owner, "left": input.people[a.owner].leftDate}) if {
	some id, a in input.accounts
	lib.departed(a.owner)
	not _revoked(id)
}

# An offboarding request that stands revokes the accounts it lists (the apply removes them).
_revoked(id) if {
	some r in input.revoked[id]
	_standing(r)
}

# METADATA
# title: 非统一出口的互联网出口须经批准
# custom:
#   id: SS-09-101
#   articles: [9]
#   severity: deny
#   message:
#     zh: "互联网出口“{exit}”不是全县统一出口，且{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第九条规定，政务外网原则上通过统一出口访问互联网，确需自建的须报县大数据局审批同意"
#     en: "internet exit \"{exit}\" is not the county's unified exit and {problem}; under art. 9 of the Shengsi County Interim Measures internet access goes through the unified exit, and a self-built exit needs the Big Data Bureau's approval"
#   hint:
#     zh: "提交自建互联网出口申请（InternetExitRequest）并在设备清单中以 request 引用，或停用该出口"
#     en: "file an InternetExitRequest and reference it as request in the device inventory, or shut the exit down"
deny contains finding("SS-09-101", object.get(x, "request", null), ["internetExits", x.id], {"exit": x.id, "problem": problem}) if {
	some x in input.exits
	x.unified == false
	some problem in _exit_problems(x)
}

_exit_problems(x) := {{"zh": "没有对应的批准申请", "en": "has no approving request"}} if {
	not x.request
} else := {{"zh": sprintf("申请 %s 不是已批准的自建出口申请", [x.request]), "en": sprintf("request %s is not an approved internet-exit request", [x.request])} |
	not _approved_exit(x.request)
}

_approved_exit(id) if {
	r := input.requests[id]
	r.kind == "InternetExitRequest"
	_standing(id)
}
