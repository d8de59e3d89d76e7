# METADATA
# title: 嵊泗县变更申请策略
# description: |
#   Rules over one change request with its context (input: see docs/policy-input.md). Each rule
#   yields lib.finding(id, path, params); its message, hint, article and severity are in its METADATA.
#   Rules for one article live in artNN.rego; tests in artNN_test.rego.
package shengsi.request

import data.shengsi.lib

# METADATA
# title: 只能为本单位的信息系统提出申请
# custom:
#   id: SS-05-002
#   articles: [5, 8]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”属于单位“{owner}”，不能由“{unit}”申请，违反《嵊泗县电子政务网络与信息系统安全管理暂行办法》第五条“谁主管谁负责”和第八条（各单位负责本单位信息系统的安全管理）"
#     en: "information system \"{system}\" belongs to \"{owner}\" and cannot be requested by \"{unit}\" (arts. 5 and 8 of the Shengsi County Interim Measures: each unit is responsible for its own systems)"
#   hint:
#     zh: "由系统所属单位在 requests/{owner}/ 下提出申请"
#     en: "let the owning unit file the request under requests/{owner}/"
deny contains lib.finding("SS-05-002", ref.path, {"system": ref.system, "owner": owner, "unit": input.request.unit}) if {
	not _bureau_network_change
	some ref in lib.system_refs
	owner := input.systems[ref.system].unit
	owner != input.request.unit
}

# Art. 9 and 11: the bureau plans and changes the extranet itself, so its network-access requests
# connect the systems of any unit.
_bureau_network_change if {
	input.request.kind == "NetworkAccessRequest"
	input.request.unit == data.config.bureauUnit
}
