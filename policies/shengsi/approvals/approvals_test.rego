package shengsi.approvals_test

import data.shengsi.fixtures as f

_required(inp) := r if {
	r := data.shengsi.approvals.required with input as inp with data.config as f.config
}

_reviewer := {"role": "bureau-reviewer", "count": 1, "why": {
	"zh": "《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十一条、第十四条：变更经县大数据局审核同意、核准备案",
	"en": "arts. 11 and 14: the Big Data Bureau reviews and files every change",
}}

_officer := {"role": "unit-security-officer", "count": 1, "unit": "health", "why": {
	"zh": "《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十九条：申请单位网络信息安全管理岗确认",
	"en": "art. 19: the requesting unit's security officer confirms",
}}

_internet_lead := {"role": "bureau-security-lead", "count": 1, "why": {
	"zh": "涉及互联网暴露（第九条、第十四条、第十八条），须县大数据局安全负责人审批",
	"en": "internet exposure (arts. 9, 14, 18) needs the bureau security lead",
}}

_level_lead := {"role": "bureau-security-lead", "count": 1, "why": {
	"zh": "涉及等级保护第3级信息系统“health-appointment”（第十五条），须县大数据局安全负责人审批",
	"en": "touches MLPS level 3 system \"health-appointment\" (art. 15): the bureau security lead approves",
}}

_extranet_input := f.port_input([f.extranet_port])

test_allow_extranet_port_of_level_2_system_needs_reviewer_and_officer if {
	inp := object.union(_extranet_input, {"systems": {"health-appointment": {"mlps": {"level": 2}}}})
	_required(inp) == {_reviewer, _officer}
}

test_deny_internet_exposure_without_security_lead if {
	# the internet exposure adds the bureau security lead to reviewer and officer
	_required(f.input_) == {_reviewer, _officer, _internet_lead}
}

test_deny_level_3_system_without_security_lead if {
	_required(_extranet_input) == {_reviewer, _officer, _level_lead}
}

test_deny_vendor_access_without_office_director if {
	inp := data.shengsi.request_test.vendor_input(data.shengsi.request_test.vendor_request, {})
	_required(object.union(inp, {"systems": {"health-appointment": {"mlps": {"level": 2}}}})) == {
		_reviewer,
		_officer,
		{"role": "leading-group-office-director", "count": 1, "why": {
			"zh": "《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十一条：委托第三方安全服务，须领导小组办公室主任审批",
			"en": "art. 21: third-party security services needs the leading group office director",
		}},
	}
}

test_deny_internet_exit_without_office_director_and_security_lead if {
	inp := f.with_document(data.shengsi.request_test.exit_request)
	_required(inp) == {
		_reviewer,
		_officer,
		_internet_lead,
		{"role": "leading-group-office-director", "count": 1, "why": {
			"zh": "《嵊泗县电子政务网络与信息系统安全管理暂行办法》第九条：自建互联网出口，须领导小组办公室主任审批",
			"en": "art. 9: self-built internet exit needs the leading group office director",
		}},
	}
}
