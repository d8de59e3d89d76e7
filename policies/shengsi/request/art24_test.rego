package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

test_deny_change_without_rollback_plan if {
	f.deny(f.without_request_fields(["rollbackPlan"])) == {lib.finding("SS-24-001", ["rollbackPlan"], {"what": {"zh": "回退方案", "en": "a rollback plan"}})}
}

test_deny_change_without_emergency_measures if {
	f.deny(f.with_request({"emergencyMeasures": "   "})) == {lib.finding("SS-24-001", ["emergencyMeasures"], {"what": {"zh": "应急措施", "en": "emergency measures"}})}
}

test_allow_offboarding_without_rollback_plan if {
	doc := object.union(offboarding_request, {"revokeAccounts": ["bastion-wang-qiang", "vpn-wang-qiang"]})
	f.deny(_offboarding_input(doc)) == set()
}
