package shengsi.request

import data.shengsi.lib

# METADATA
# title: 自建互联网出口须经县大数据局审批
# custom:
#   id: SS-09-001
#   articles: [9]
#   severity: deny
#   message:
#     zh: "自建互联网出口申请缺少{missing}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第九条规定，政务外网原则上通过统一出口访问互联网，因业务需要确需自建的，需报县大数据局审批同意"
#     en: "the internet-exit request lacks {missing}; art. 9 of the Shengsi County Interim Measures routes internet access through the county's unified exit, and a self-built exit needs the Big Data Bureau's approval"
#   hint:
#     zh: "填写 bureauApproval（县大数据局审批文号与日期）和 justification（为何统一出口不能满足业务需要）"
#     en: "fill in bureauApproval (the bureau's approval reference and date) and justification (why the unified exit cannot serve the business)"
deny contains lib.finding("SS-09-001", [field], {"missing": _exit_field_name[field]}) if {
	input.request.kind == "InternetExitRequest"
	some field, _ in _exit_field_name
	not _has_text(input.request, field)
}

_exit_field_name := {
	"bureauApproval": {"zh": "县大数据局审批文号", "en": "the bureau's approval reference"},
	"justification": {"zh": "申请理由（为何统一出口不能满足业务需要）", "en": "a justification (why the unified exit does not serve)"},
}

_has_text(obj, field) if obj[field].reference

_has_text(obj, field) if {
	is_string(obj[field])
	trim_space(obj[field]) != ""
}

# METADATA
# title: 自建互联网出口须接受检查
# custom:
#   id: SS-09-002
#   articles: [9]
#   severity: deny
#   message:
#     zh: "自建互联网出口没有有效的下次检查日期（{next}）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第九条规定，自建出口须接受县大数据局的指导、监督和检查"
#     en: "the self-built internet exit has no valid next inspection date ({next}); under art. 9 of the Shengsi County Interim Measures a self-built exit is guided, supervised and inspected by the Big Data Bureau"
#   hint:
#     zh: "与县大数据局商定检查时间，填写不早于今天的 nextInspection"
#     en: "agree an inspection with the bureau and set nextInspection to a date not before today"
deny contains lib.finding("SS-09-002", ["nextInspection"], {"next": {"zh": "未填写", "en": "missing"}}) if {
	input.request.kind == "InternetExitRequest"
	not input.request.nextInspection
}

deny contains lib.finding("SS-09-002", ["nextInspection"], {"next": d}) if {
	input.request.kind == "InternetExitRequest"
	d := input.request.nextInspection
	lib.before_today(d)
}
