# METADATA
# title: 审批要求
# description: |
#   Who must approve one change request (rules.md "Approvals"); the review gate
#   (src/github) counts approvals on the pull request against this set. Input as for
#   shengsi.request. Changes to policies/, stacks/, inventory/ and .github/ are decided
#   by the gate from the changed files, not here.
package shengsi.approvals

import data.shengsi.lib

# METADATA
# title: 每个申请须经县大数据局审核人和本单位安全管理岗审批
# description: art. 14 (核准备案 by the Big Data Bureau) and art. 19 (the unit's security post)
required contains {
	"role": "bureau-reviewer",
	"count": 1,
	"why": {
		"zh": "《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十一条、第十四条：变更经县大数据局审核同意、核准备案",
		"en": "arts. 11 and 14: the Big Data Bureau reviews and files every change",
	},
} if {
	input.request.id
}

required contains {
	"role": "unit-security-officer",
	"count": 1,
	"unit": input.request.unit,
	"why": {
		"zh": "《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十九条：申请单位网络信息安全管理岗确认",
		"en": "art. 19: the requesting unit's security officer confirms",
	},
} if {
	input.request.unit
}

# METADATA
# title: 互联网暴露或三级及以上系统须经县大数据局安全负责人审批
required contains {"role": "bureau-security-lead", "count": 1, "why": reason} if {
	reason := _lead_reason
}

_lead_reason := {
	"zh": "涉及互联网暴露（第九条、第十四条、第十八条），须县大数据局安全负责人审批",
	"en": "internet exposure (arts. 9, 14, 18) needs the bureau security lead",
} if {
	lib.internet_exposure
} else := {
	"zh": sprintf("涉及等级保护第%d级信息系统“%s”（第十五条），须县大数据局安全负责人审批", [level, id]),
	"en": sprintf("touches MLPS level %d system \"%s\" (art. 15): the bureau security lead approves", [level, id]),
} if {
	id := min({ref.system | some ref in lib.system_refs; input.systems[ref.system].mlps.level >= 3})
	level := input.systems[id].mlps.level
}

# Art. 9 (self-built internet exit), art. 12 (private network exchange) and art. 21 (vendor
# services) are matters the leading group's office decides.
_office_kinds := {
	"InternetExitRequest": {"zh": "第九条：自建互联网出口", "en": "art. 9: self-built internet exit"},
	"DataExchangeRequest": {"zh": "第十二条：业务专网与政务外网数据交换", "en": "art. 12: private network data exchange"},
	"VendorAccessRequest": {"zh": "第二十一条：委托第三方安全服务", "en": "art. 21: third-party security services"},
}

# METADATA
# title: 自建出口、数据交换与第三方运维须经领导小组办公室主任审批
required contains {
	"role": "leading-group-office-director",
	"count": 1,
	"why": {
		"zh": sprintf("《嵊泗县电子政务网络与信息系统安全管理暂行办法》%s，须领导小组办公室主任审批", [what.zh]),
		"en": sprintf("%s needs the leading group office director", [what.en]),
	},
} if {
	what := _office_kinds[input.request.kind]
}
