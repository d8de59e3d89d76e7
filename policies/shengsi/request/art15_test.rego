package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

_system_path := ["ports", 0, "destination", "system"]

test_deny_exposing_system_without_level if {
	inp := f.without_mlps_fields(["level"])
	f.deny(inp) == {lib.finding("SS-15-001", _system_path, {"system": "health-appointment"})}
}

test_deny_level_3_without_filing_number if {
	f.deny(f.without_mlps_fields(["filingNumber"])) == {lib.finding("SS-15-002", _system_path, {"system": "health-appointment", "level": 3})}
}

test_allow_level_1_without_filing_number if {
	inp := object.union(f.without_mlps_fields(["filingNumber"]), {"systems": {"health-appointment": {"mlps": {"level": 1}}}})
	f.deny(inp) == set()
	f.warn(inp) == set()
}

test_warn_filing_number_of_unusual_form if {
	inp := f.with_system({"mlps": {"filingNumber": "浙舟公备 2024-17"}})
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-15-002", _system_path, {"system": "health-appointment", "number": "浙舟公备 2024-17", "pattern": "^[0-9]{11}-[0-9]{5}$"})}
}

test_deny_level_3_test_older_than_a_year if {
	inp := f.with_system({"mlps": {"lastAssessment": "2025-05-31"}})
	f.deny(inp) == {lib.finding("SS-15-003", _system_path, {"system": "health-appointment", "level": 3, "last": "2025-05-31", "cycle": 365})}
}

test_allow_level_3_test_exactly_a_year_old if {
	f.deny(f.with_system({"mlps": {"lastAssessment": "2025-06-01"}})) == set()
}

test_deny_level_4_test_older_than_half_a_year if {
	inp := f.with_system({"mlps": {"level": 4, "lastAssessment": "2025-11-30"}})
	f.deny(inp) == {lib.finding("SS-15-003", _system_path, {"system": "health-appointment", "level": 4, "last": "2025-11-30", "cycle": 182})}
}

test_deny_level_3_never_tested if {
	f.deny(f.without_mlps_fields(["lastAssessment"])) == {lib.finding("SS-15-003", _system_path, {"system": "health-appointment", "level": 3, "last": {"zh": "（无记录）", "en": "(never)"}, "cycle": 365})}
}

test_warn_level_2_test_older_than_two_years if {
	inp := f.with_system({"mlps": {"level": 2, "lastAssessment": "2024-05-01"}})
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-15-003", _system_path, {"system": "health-appointment", "level": 2, "last": "2024-05-01", "cycle": 730})}
}

test_deny_failed_mlps_conclusion if {
	f.deny(f.with_system({"mlps": {"conclusion": "差"}})) == {lib.finding("SS-15-004", _system_path, {"system": "health-appointment", "problem": {"zh": "的等级测评结论为“差”", "en": "failed its MLPS test (差)"}})}
}

test_deny_open_high_risk_findings if {
	f.deny(f.with_system({"mlps": {"openHighRiskFindings": 3}})) == {lib.finding("SS-15-004", _system_path, {"system": "health-appointment", "problem": {"zh": "有 3 个高风险问题未整改", "en": "has 3 open high-risk findings"}})}
}

test_allow_conclusion_medium if {
	f.deny(f.with_system({"mlps": {"conclusion": "中"}})) == set()
}

test_deny_cloud_system_without_onboarding_check if {
	f.deny(f.with_system({"cloudOnboarding": {"passed": false}})) == {lib.finding("SS-15-005", _system_path, {"system": "health-appointment"})}
}

test_deny_cloud_system_with_no_onboarding_record if {
	inp := object.union(object.remove(f.input_, ["systems"]), {"systems": {"health-appointment": object.remove(f.system, ["cloudOnboarding"])}})
	f.deny(inp) == {lib.finding("SS-15-005", _system_path, {"system": "health-appointment"})}
}

test_allow_unit_lan_system_without_onboarding if {
	inp := object.union(object.remove(f.input_, ["systems"]), {"systems": {"health-appointment": object.union(object.remove(f.system, ["cloudOnboarding"]), {"hosting": "unit-lan"})}})
	f.deny(inp) == set()
}

test_allow_one_finding_per_system_opened_on_two_ports if {
	inp := object.union(f.port_input([f.port, object.union(f.port, {"port": 80})]), {"systems": {"health-appointment": {"mlps": {"conclusion": "差"}}}})
	f.deny(inp) == {lib.finding("SS-15-004", _system_path, {"system": "health-appointment", "problem": {"zh": "的等级测评结论为“差”", "en": "failed its MLPS test (差)"}})}
}
