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

test_allow_bureau_connecting_systems_of_other_units if {
	doc := object.union(access_request, {"unit": "big-data-bureau"})
	inp := object.union(f.with_document(doc), {"unit": {"id": "big-data-bureau"}, "systems": {"health-appointment": {"unit": "health"}}})
	f.deny(inp) == set()
}

test_deny_bureau_opening_ports_of_other_units if {
	inp := object.union(f.with_request({"unit": "big-data-bureau"}), {"unit": {"id": "big-data-bureau"}})
	f.deny(inp) == {lib.finding("SS-05-002", ["ports", 0, "destination", "system"], {"system": "health-appointment", "owner": "health", "unit": "big-data-bureau"})}
}
