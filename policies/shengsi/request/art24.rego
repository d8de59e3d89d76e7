package shengsi.request

import data.shengsi.lib

_change_fields := {
	"emergencyMeasures": {"zh": "应急措施", "en": "emergency measures"},
	"rollbackPlan": {"zh": "回退方案", "en": "a rollback plan"},
}

# METADATA
# title: 变更须制定应急措施和回退方案
# custom:
#   id: SS-24-001
#   articles: [24]
#   severity: deny
#   message:
#     zh: "变更申请没有{what}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十四条规定，对信息系统的变更和其他重大操作，应制定应急措施和回退方案"
#     en: "the change request has no {what}; art. 24 of the Shengsi County Interim Measures requires emergency measures and a rollback plan for every change"
#   hint:
#     zh: "在 emergencyMeasures 中写明出现故障时如何处置、找谁，在 rollbackPlan 中写明如何撤销本次变更（通常为回退本合并请求）"
#     en: "say in emergencyMeasures what to do and whom to call if it goes wrong, and in rollbackPlan how to undo the change (usually reverting this pull request)"
deny contains lib.finding("SS-24-001", [field], {"what": what}) if {
	input.request.kind in lib.change_kinds
	some field, what in _change_fields
	not lib.nonempty(object.get(input.request, field, ""))
}
