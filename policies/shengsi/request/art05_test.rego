package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

test_deny_system_of_another_unit if {
	inp := f.with_system({"unit": "education"})
	f.deny(inp) == {lib.finding("SS-05-002", ["ports", 0, "destination", "system"], {"system": "health-appointment", "owner": "education", "unit": "health"})}
}

test_allow_own_system if {
	inp := f.with_system({"unit": "health"})
	f.deny(inp) == set()
}
