package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

test_deny_request_classified_state_secret if {
	inp := f.with_request({"dataClassification": "state-secret"})
	f.deny(inp) == {lib.finding("SS-06-001", ["dataClassification"], {"subject": {"zh": "本申请", "en": "this request"}, "classification": {"zh": "国家秘密", "en": "state secret"}})}
}

test_deny_system_classified_work_secret if {
	inp := f.with_system({"dataClassification": "work-secret"})
	f.deny(inp) == {lib.finding("SS-06-001", ["ports", 0, "destination", "system"], {"subject": {"zh": "信息系统“health-appointment”", "en": "information system \"health-appointment\""}, "classification": {"zh": "工作秘密", "en": "work secret"}})}
}

test_allow_sensitive_data if {
	inp := object.union(f.with_request({"dataClassification": "sensitive"}), {"systems": {"health-appointment": {"dataClassification": "sensitive"}}})
	f.deny(inp) == set()
}
