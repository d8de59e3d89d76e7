package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

_untrained(training) := object.union(object.remove(vendor_input(vendor_request, object.union(_account, {"privilege": "user"})), ["people"]), {"people": object.union(object.remove(f.people, ["wang-qiang"]), {"wang-qiang": training})})

test_deny_operator_without_training if {
	inp := _untrained(object.remove(f.people["wang-qiang"], ["trainingDate"]))
	f.deny(inp) == {lib.finding("SS-22-001", ["vendor", "staff", 0], {"person": "wang-qiang", "privilege": "operator", "problem": {"zh": "没有安全培训记录", "en": "has no security training on record"}, "months": 12})}
}

test_deny_operator_trained_over_a_year_ago if {
	inp := _untrained(object.union(f.people["wang-qiang"], {"trainingDate": "2025-05-31"}))
	f.deny(inp) == {lib.finding("SS-22-001", ["vendor", "staff", 0], {"person": "wang-qiang", "privilege": "operator", "problem": {"zh": "最近一次安全培训为 2025-05-31，已超过 12 个月", "en": "was last trained 2025-05-31, more than 12 months ago"}, "months": 12})}
}

test_allow_operator_trained_exactly_a_year_ago if {
	f.deny(_untrained(object.union(f.people["wang-qiang"], {"trainingDate": "2025-06-01"}))) == set()
}

test_deny_admin_account_of_untrained_owner if {
	base := object.union(f.input_, {"accounts": {"bastion-wang-qiang": object.union(_account, {"privilege": "admin", "system": "health-appointment"})}})
	inp := object.union(object.remove(base, ["people"]), {"people": object.union(object.remove(f.people, ["wang-qiang"]), {"wang-qiang": object.remove(f.people["wang-qiang"], ["trainingDate"])})})
	f.deny(inp) == {lib.finding("SS-22-001", ["id"], {"person": "wang-qiang", "privilege": "admin", "problem": {"zh": "没有安全培训记录", "en": "has no security training on record"}, "months": 12})}
}

test_allow_user_privilege_without_training if {
	inp := object.union(_untrained(object.remove(f.people["wang-qiang"], ["trainingDate"])), {"request": {"privilege": "user"}})
	f.deny(inp) == set()
}
