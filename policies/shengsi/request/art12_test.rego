package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

exchange_request := object.union(f.common, {
	"kind": "DataExchangeRequest",
	"privateNetwork": "health-private",
	"extranetZone": "extranet-public",
	"isolationDevice": "health-gap",
	"ferryOwner": "health",
	"direction": "to-extranet",
	"data": "医保结算汇总数据，每日一次",
	"validUntil": "2026-12-31",
})

_gap(type, between) := {"id": "health-gap", "name": "卫健网闸", "type": type, "between": between, "unit": "health"}

_exchange_input(doc, device) := object.union(f.with_document(doc), {"devices": {"isolationDevices": [device]}})

test_allow_exchange_through_a_gap if {
	f.deny(_exchange_input(exchange_request, _gap("gap", ["health-private", "extranet-public"]))) == set()
}

test_deny_exchange_without_isolation_device if {
	inp := _exchange_input(object.remove(exchange_request, ["isolationDevice"]), _gap("gap", ["health-private", "extranet-public"]))
	f.deny(inp) == {lib.finding("SS-12-001", ["isolationDevice"], {"private": "health-private", "extranet": "extranet-public", "problem": {"zh": "没有隔离设备", "en": "there is no isolation device"}})}
}

test_deny_exchange_through_a_firewall if {
	inp := _exchange_input(exchange_request, _gap("firewall", ["health-private", "extranet-public"]))
	f.deny(inp) == {lib.finding("SS-12-001", ["isolationDevice"], {"private": "health-private", "extranet": "extranet-public", "problem": {"zh": "的设备“health-gap”是firewall，不是网闸或单向光闸", "en": "device \"health-gap\" is a firewall, not a network gap or one-way gateway"}})}
}

test_deny_exchange_through_a_gap_elsewhere if {
	inp := _exchange_input(exchange_request, _gap("one-way-gateway", ["health-private", "cloud-extranet"]))
	f.deny(inp) == {lib.finding("SS-12-001", ["isolationDevice"], {"private": "health-private", "extranet": "extranet-public", "problem": {"zh": "的隔离设备“health-gap”并不部署在这两个区域之间", "en": "isolation device \"health-gap\" does not sit between these two zones"}})}
}

test_deny_port_opening_from_private_network if {
	inp := f.port_input([object.union(f.extranet_port, {"source": {"zone": "health-private"}})])
	f.deny(inp) == {lib.finding("SS-12-001", ["ports", 0, "source", "zone"], {"private": "health-private", "extranet": "cloud-extranet", "problem": {"zh": "申请以端口开放方式直接互通，未经隔离设备", "en": "the request opens a direct port path with no isolation device"}})}
}

test_deny_ferry_by_another_unit if {
	inp := _exchange_input(object.union(exchange_request, {"ferryOwner": "big-data-bureau"}), _gap("gap", ["health-private", "extranet-public"]))
	f.deny(inp) == {lib.finding("SS-12-002", ["ferryOwner"], {"owner": "big-data-bureau", "unit": "health"})}
}

test_deny_exchange_without_ferry_owner if {
	inp := _exchange_input(object.remove(exchange_request, ["ferryOwner"]), _gap("gap", ["health-private", "extranet-public"]))
	f.deny(inp) == {lib.finding("SS-12-002", ["ferryOwner"], {"owner": {"zh": "（未填写）", "en": "(missing)"}, "unit": "health"})}
}
