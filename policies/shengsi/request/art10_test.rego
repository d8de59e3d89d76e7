package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

access_request := object.union(f.common, {
	"kind": "NetworkAccessRequest",
	"connection": {"zone": "extranet-public", "cidrs": ["10.72.3.0/24"], "systems": ["health-appointment"], "terminalGroups": []},
	"securityAssessment": {"reference": "PG-2026-018", "date": "2026-04-01", "assessor": "浙江某测评中心"},
	"validUntil": "2027-05-31",
})

test_allow_assessed_network_access if {
	f.deny(f.with_document(access_request)) == set()
}

test_deny_network_access_without_assessment if {
	inp := f.with_document(object.remove(access_request, ["securityAssessment"]))
	f.deny(inp) == {lib.finding("SS-10-001", ["securityAssessment"], {"problem": {"zh": "没有安全评估", "en": "has no security assessment"}, "max_days": 365})}
}

test_deny_network_access_with_old_assessment if {
	inp := f.with_document(object.union(access_request, {"securityAssessment": {"date": "2025-05-31"}}))
	f.deny(inp) == {lib.finding("SS-10-001", ["securityAssessment", "date"], {"problem": {"zh": "的安全评估（2025-05-31）已超过 365 天", "en": "has a security assessment of 2025-05-31, older than 365 days"}, "max_days": 365})}
}

test_allow_assessment_exactly_max_days_old if {
	inp := f.with_document(object.union(access_request, {"securityAssessment": {"date": "2025-06-01"}}))
	f.deny(inp) == set()
}

test_deny_network_access_for_system_with_failed_mlps if {
	inp := object.union(f.with_document(access_request), {"systems": {"health-appointment": {"mlps": {"conclusion": "差", "openHighRiskFindings": 2}}}})
	f.deny(inp) == {
		lib.finding("SS-10-002", ["connection", "systems", 0], {"system": "health-appointment", "problem": {"zh": "测评结论为“差”", "en": "the MLPS conclusion is 差 (fail)"}}),
		lib.finding("SS-10-002", ["connection", "systems", 0], {"system": "health-appointment", "problem": {"zh": "有 2 个高风险问题未整改", "en": "2 high-risk findings are open"}}),
	}
}

test_deny_network_access_for_system_without_level if {
	inp := object.union(f.without_mlps_fields(["level"]), {"request": access_request})
	f.deny(inp) == {lib.finding("SS-10-002", ["connection", "systems", 0], {"system": "health-appointment", "problem": {"zh": "未确定等级保护级别", "en": "no MLPS level"}})}
}

test_allow_level_2_system_with_old_test if {
	# level 2 has no legal test cycle (mlpsCycleWarnOnly): the connection stays allowed
	inp := object.union(f.with_document(access_request), {"systems": {"health-appointment": {"mlps": {"level": 2, "lastAssessment": "2023-01-01"}}}})
	f.deny(inp) == set()
}
