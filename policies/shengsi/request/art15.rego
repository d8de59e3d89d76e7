package shengsi.request

import data.shengsi.lib

# METADATA
# title: 对外提供服务的系统须已定级
# custom:
#   id: SS-15-001
#   articles: [15]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”没有等级保护级别，不能对外开放。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十五条规定，业务信息系统正式对外提供服务前，应按照国家网络安全等级保护制度要求完成等级保护测评备案、整改加固"
#     en: "information system \"{system}\" has no MLPS level and cannot be exposed; art. 15 of the Shengsi County Interim Measures requires MLPS testing, filing and rectification before a system serves others"
#   hint:
#     zh: "先完成定级备案，在 inventory/ 系统清单中填写 mlps.level"
#     en: "grade and file the system first, then set mlps.level in the system inventory"
deny contains lib.finding("SS-15-001", path, {"system": id}) if {
	some id, path in lib.exposed_systems
	lib.mlps_missing_level(input.systems[id])
}

# METADATA
# title: 二级及以上系统须有备案证明编号
# custom:
#   id: SS-15-002
#   articles: [15]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”为等级保护第{level}级，但没有备案证明编号。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十五条要求对外提供服务前完成等级保护测评备案"
#     en: "information system \"{system}\" is MLPS level {level} but has no filing number; art. 15 of the Shengsi County Interim Measures requires MLPS filing before the system serves others"
#   hint:
#     zh: "向公安机关完成备案（定级后 30 日内，公通字〔2007〕43号第十五条），在系统清单中填写 mlps.filingNumber"
#     en: "file with the police (within 30 days of grading, MPS 2007 No. 43 art. 15) and set mlps.filingNumber in the system inventory"
deny contains lib.finding("SS-15-002", path, {"system": id, "level": s.mlps.level}) if {
	some id, path in lib.exposed_systems
	s := input.systems[id]
	lib.mlps_missing_filing(s)
}

# METADATA
# title: 备案证明编号格式异常
# custom:
#   id: SS-15-002
#   articles: [15]
#   severity: warn
#   message:
#     zh: "信息系统“{system}”的备案证明编号“{number}”不符合常见格式（{pattern}）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十五条"
#     en: "the filing number \"{number}\" of information system \"{system}\" does not have the usual form ({pattern}) (art. 15 of the Shengsi County Interim Measures)"
#   hint:
#     zh: "按备案证明上的编号核对（通常为 11 位数字-5 位数字）"
#     en: "copy the number from the filing certificate (usually 11 digits, a hyphen, 5 digits)"
warn contains lib.finding("SS-15-002", path, {"system": id, "number": number, "pattern": data.config.filingNumberPattern}) if {
	some id, path in lib.exposed_systems
	number := input.systems[id].mlps.filingNumber
	lib.nonempty(number)
	not regex.match(data.config.filingNumberPattern, number)
}

# METADATA
# title: 等级测评须在周期内
# custom:
#   id: SS-15-003
#   articles: [15]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”为等级保护第{level}级，最近一次等级测评为 {last}，超过 {cycle} 天的测评周期。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十五条；《信息安全等级保护管理办法》第十四条要求三级每年、四级每半年至少测评一次"
#     en: "information system \"{system}\" is MLPS level {level} and was last tested {last}, beyond its {cycle}-day cycle (art. 15 of the Shengsi County Interim Measures; MLPS Measures art. 14 - level 3 yearly, level 4 half-yearly)"
#   hint:
#     zh: "委托测评机构完成等级测评，在系统清单中更新 mlps.lastAssessment 与 mlps.conclusion"
#     en: "have an accredited assessor test the system and update mlps.lastAssessment and mlps.conclusion"
deny contains lib.finding("SS-15-003", path, _test_params(id, s)) if {
	some id, path in lib.exposed_systems
	s := input.systems[id]
	lib.mlps_test_overdue(s)
	not lib.mlps_cycle_warn_only(s)
}

# METADATA
# title: 等级测评宜在常规周期内
# custom:
#   id: SS-15-003
#   articles: [15]
#   severity: warn
#   message:
#     zh: "信息系统“{system}”为等级保护第{level}级，最近一次等级测评为 {last}，超过 {cycle} 天的常规周期（该级别无法定周期）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十五条"
#     en: "information system \"{system}\" is MLPS level {level} and was last tested {last}, beyond the customary {cycle}-day cycle (no legal cycle for this level; art. 15 of the Shengsi County Interim Measures)"
#   hint:
#     zh: "安排等级测评并更新 mlps.lastAssessment"
#     en: "schedule an MLPS test and update mlps.lastAssessment"
warn contains lib.finding("SS-15-003", path, _test_params(id, s)) if {
	some id, path in lib.exposed_systems
	s := input.systems[id]
	lib.mlps_test_overdue(s)
	lib.mlps_cycle_warn_only(s)
}

_test_params(id, s) := {
	"system": id,
	"level": s.mlps.level,
	"last": object.get(s.mlps, "lastAssessment", {"zh": "（无记录）", "en": "(never)"}),
	"cycle": lib.mlps_cycle_days(s),
}

# METADATA
# title: 测评不合格或高风险问题未整改的系统不得对外开放
# custom:
#   id: SS-15-004
#   articles: [15]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”{problem}，不能对外开放。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十五条要求完成整改加固后方可对外提供服务"
#     en: "information system \"{system}\" {problem} and cannot be exposed; art. 15 of the Shengsi County Interim Measures requires rectification before a system serves others"
#   hint:
#     zh: "整改全部高风险问题并复测，结论达到“中”及以上后更新系统清单"
#     en: "fix every high-risk finding and retest; update the inventory once the conclusion is 中 or better"
deny contains lib.finding("SS-15-004", path, {"system": id, "problem": {"zh": "的等级测评结论为“差”", "en": "failed its MLPS test (差)"}}) if {
	some id, path in lib.exposed_systems
	lib.mlps_failed(input.systems[id])
}

deny contains lib.finding("SS-15-004", path, {"system": id, "problem": {"zh": sprintf("有 %d 个高风险问题未整改", [n]), "en": sprintf("has %d open high-risk findings", [n])}}) if {
	some id, path in lib.exposed_systems
	s := input.systems[id]
	lib.mlps_open_high_risks(s)
	n := s.mlps.openHighRiskFindings
}

# METADATA
# title: 政务节点云上的系统须通过上云检测
# custom:
#   id: SS-15-005
#   articles: [15]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”部署在政务节点云，但没有通过上云检测。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十五条规定，需上政务节点云的应通过上云检测流程方可正式上线提供服务"
#     en: "information system \"{system}\" runs on the government cloud node but has not passed the cloud onboarding check; art. 15 of the Shengsi County Interim Measures requires it before the system goes live"
#   hint:
#     zh: "完成上云检测，在系统清单中填写 cloudOnboarding（passed：true、检测编号与日期）"
#     en: "pass the onboarding check and record cloudOnboarding (passed true, reference, date) in the system inventory"
deny contains lib.finding("SS-15-005", path, {"system": id}) if {
	some id, path in lib.exposed_systems
	s := input.systems[id]
	s.hosting == "cloud-node"
	not s.cloudOnboarding.passed == true
}
