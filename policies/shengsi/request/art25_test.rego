package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

_notice(changes) := object.union({"id": "RN-2026-003", "unit": "health", "subject": "终端防病毒未全覆盖", "articles": [13], "issued": "2026-04-01", "deadline": "2026-05-15"}, changes)

test_deny_exposure_while_notice_overdue if {
	inp := object.union(f.input_, {"notices": [_notice({})]})
	f.deny(inp) == {lib.finding("SS-25-001", ["unit"], {"unit": "health", "notice": "RN-2026-003", "subject": "终端防病毒未全覆盖", "deadline": "2026-05-15"})}
}

test_allow_exposure_with_notice_closed if {
	f.deny(object.union(f.input_, {"notices": [_notice({"closed": "2026-05-10"})]})) == set()
}

test_allow_exposure_before_notice_deadline if {
	f.deny(object.union(f.input_, {"notices": [_notice({"deadline": "2026-06-01"})]})) == set()
}

test_allow_offboarding_while_notice_overdue if {
	doc := object.union(offboarding_request, {"revokeAccounts": ["bastion-wang-qiang", "vpn-wang-qiang"]})
	f.deny(object.union(_offboarding_input(doc), {"notices": [_notice({})]})) == set()
}
