package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

test_deny_unit_without_security_officer if {
	inp := object.union(object.remove(f.input_, ["unit"]), {"unit": object.remove(f.input_.unit, ["securityOfficer"])})
	f.deny(inp) == {lib.finding("SS-19-001", ["unit"], {"unit": "health", "problem": {"zh": "没有设立网络信息安全管理岗", "en": "has no security officer"}})}
}

test_deny_officer_without_confidentiality_agreement if {
	inp := object.union(object.remove(f.input_, ["unit"]), {"unit": object.remove(f.input_.unit, ["officerAgreementDate"])})
	f.deny(inp) == {lib.finding("SS-19-001", ["unit"], {"unit": "health", "problem": {"zh": "的安全管理岗人员没有签订保密协议", "en": "has no confidentiality agreement with its security officer"}})}
}

test_deny_departed_officer if {
	inp := object.union(f.input_, {"people": {"li-na": {"leftDate": "2026-05-01"}}})
	f.deny(inp) == {lib.finding("SS-19-001", ["unit"], {"unit": "health", "problem": {"zh": "的安全管理岗人员“li-na”已离岗或不在人员清单中", "en": "has security officer \"li-na\", who has left or is not in the people inventory"}})}
}

test_deny_request_without_officer_signoff if {
	f.deny(f.without_request_fields(["securityOfficerSignoff"])) == {lib.finding("SS-19-001", ["securityOfficerSignoff"], {"unit": "health", "problem": {"zh": "的安全管理岗没有确认本申请（缺少 securityOfficerSignoff）", "en": "'s security officer has not signed off this request (securityOfficerSignoff missing)"}})}
}

test_deny_signoff_by_someone_else if {
	inp := f.with_request({"securityOfficerSignoff": {"officer": "zhang-wei"}})
	f.deny(inp) == {lib.finding("SS-19-001", ["securityOfficerSignoff", "officer"], {"unit": "health", "problem": {"zh": "的安全管理岗是“li-na”，确认人却是“zhang-wei”", "en": "has security officer \"li-na\" but the sign-off is by \"zhang-wei\""}})}
}

test_allow_officer_leaving_in_future if {
	f.deny(object.union(f.input_, {"people": {"li-na": {"leftDate": "2026-07-01"}}})) == set()
}
