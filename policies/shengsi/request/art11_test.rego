package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

_device_input(unit, managed_by) := object.union(f.with_document(object.union(access_request, {"unit": unit, "connection": {"interfaceDevice": "exit-fw"}})), {
	"devices": {"interfaceDevices": [{"id": "exit-fw", "name": "统一出口防火墙", "role": "internet-exit-firewall", "vendor": "huawei-usg", "managedBy": managed_by, "publicAddresses": []}]},
	"systems": {"health-appointment": {"unit": unit}},
	"unit": {"id": unit},
})

test_deny_unit_changing_interface_device if {
	f.deny(_device_input("health", "big-data-bureau")) == {lib.finding("SS-11-001", ["connection", "interfaceDevice"], {"device": "exit-fw", "problem": {"zh": "的配置变更只能由县大数据局申请", "en": "can be changed only on the bureau's request"}, "bureau": "big-data-bureau"})}
}

test_deny_interface_device_not_managed_by_bureau if {
	f.deny(_device_input("big-data-bureau", "health")) == {lib.finding("SS-11-001", ["connection", "interfaceDevice"], {"device": "exit-fw", "problem": {"zh": "不在县大数据局管理的接口设备清单中", "en": "is not an interface device managed by the bureau"}, "bureau": "big-data-bureau"})}
}

test_allow_bureau_changing_its_interface_device if {
	f.deny(_device_input("big-data-bureau", "big-data-bureau")) == set()
}
