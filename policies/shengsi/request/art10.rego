package shengsi.request

import data.shengsi.lib

# METADATA
# title: 接入政务外网前须进行安全评估
# custom:
#   id: SS-10-001
#   articles: [10]
#   severity: deny
#   message:
#     zh: "网络接入申请{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十条规定，各接入单位在接入政务外网前应进行安全评估"
#     en: "the network-access request {problem}; art. 10 of the Shengsi County Interim Measures requires a security assessment before connecting to the extranet"
#   hint:
#     zh: "完成安全评估后在 securityAssessment 中填写评估报告编号与日期（{max_days} 天以内）"
#     en: "after the assessment, fill securityAssessment with the report reference and date (within {max_days} days)"
deny contains lib.finding("SS-10-001", ["securityAssessment"], {"problem": {"zh": "没有安全评估", "en": "has no security assessment"}, "max_days": data.config.assessmentMaxAgeDays}) if {
	input.request.kind == "NetworkAccessRequest"
	not input.request.securityAssessment
}

deny contains lib.finding("SS-10-001", ["securityAssessment", "date"], {"problem": {"zh": sprintf("的安全评估（%s）已超过 %d 天", [d, max]), "en": sprintf("has a security assessment of %s, older than %d days", [d, max])}, "max_days": max}) if {
	input.request.kind == "NetworkAccessRequest"
	d := input.request.securityAssessment.date
	max := data.config.assessmentMaxAgeDays
	lib.older_than_days(d, max)
}

# METADATA
# title: 接入的信息系统须具备有效的等级保护状态
# custom:
#   id: SS-10-002
#   articles: [10, 15]
#   severity: deny
#   message:
#     zh: "接入的信息系统“{system}”等级保护状态无效：{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十条要求接入前开展测评整改，第十五条要求完成等级保护测评备案、整改加固"
#     en: "information system \"{system}\" has no valid MLPS status: {problem}; arts. 10 and 15 of the Shengsi County Interim Measures require MLPS testing, filing and rectification before connecting"
#   hint:
#     zh: "在 inventory/ 的系统清单中补齐等级、备案证明编号、最近测评日期与结论，整改全部高风险问题后再申请接入"
#     en: "complete the system's MLPS level, filing number, last test date and conclusion in inventory/, and fix every high-risk finding before applying"
deny contains lib.finding("SS-10-002", ref.path, {"system": ref.system, "problem": problem}) if {
	input.request.kind == "NetworkAccessRequest"
	some ref in lib.system_refs
	some problem in lib.mlps_problems(input.systems[ref.system])
}
