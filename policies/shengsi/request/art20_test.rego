package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

test_deny_departed_requester if {
	inp := object.union(f.input_, {"people": {"zhang-wei": {"leftDate": "2026-06-01"}}})
	f.deny(inp) == {lib.finding("SS-20-001", ["requester"], {"subject": {"zh": "申请人“zhang-wei”已于 2026-06-01 离岗", "en": "requester \"zhang-wei\" left on 2026-06-01"}})}
}

test_deny_departed_vendor_staff if {
	inp := object.union(vendor_input(vendor_request, _account), {"people": {"wang-qiang": {"leftDate": "2026-05-01"}}})
	f.deny(inp) == {
		lib.finding("SS-20-001", ["vendor", "staff", 0], {"subject": {"zh": "第三方人员“wang-qiang”已于 2026-05-01 离岗", "en": "vendor staff member \"wang-qiang\" left on 2026-05-01"}}),
		lib.finding("SS-20-001", ["vendor", "staff", 0], {"subject": {"zh": "账号 bastion-wang-qiang 的责任人“wang-qiang”已于 2026-05-01 离岗", "en": "the owner of account bastion-wang-qiang \"wang-qiang\" left on 2026-05-01"}}),
	}
}

offboarding_request := object.union(object.remove(f.common, ["emergencyMeasures", "rollbackPlan"]), {
	"kind": "OffboardingRequest",
	"person": "wang-qiang",
	"leftDate": "2026-05-31",
	"revokeAccounts": ["bastion-wang-qiang"],
	"handover": {"to": "zhang-wei", "data": "运维文档与口令本", "devices": "堡垒机 UKey 一枚"},
})

_offboarding_input(doc) := object.union(f.with_document(doc), {
	"accounts": {"bastion-wang-qiang": _earlier_account, "vpn-wang-qiang": object.union(_earlier_account, {"id": "vpn-wang-qiang", "platform": "vpn"})},
	"people": {"wang-qiang": {"leftDate": "2026-05-31"}},
})

test_deny_offboarding_that_leaves_an_account if {
	f.deny(_offboarding_input(offboarding_request)) == {lib.finding("SS-20-001", ["revokeAccounts"], {"subject": {"zh": "离岗人员“wang-qiang”的账号“vpn-wang-qiang”不在注销清单中", "en": "account \"vpn-wang-qiang\" of departing person \"wang-qiang\" is not in revokeAccounts"}})}
}

test_deny_offboarding_without_handover if {
	doc := object.union(object.remove(offboarding_request, ["handover"]), {"revokeAccounts": ["bastion-wang-qiang", "vpn-wang-qiang"]})
	f.deny(_offboarding_input(doc)) == {lib.finding("SS-20-001", ["handover"], {"subject": {"zh": "离岗人员“wang-qiang”没有移交记录", "en": "departing person \"wang-qiang\" has no handover record"}})}
}

test_allow_complete_offboarding if {
	doc := object.union(offboarding_request, {"revokeAccounts": ["bastion-wang-qiang", "vpn-wang-qiang"]})
	f.deny(_offboarding_input(doc)) == set()
}

# The vendor's account as an earlier request opened it.
_earlier_account := object.union(_account, {"request": "REQ-2025-0100"})
