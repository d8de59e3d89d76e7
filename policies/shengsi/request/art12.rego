package shengsi.request

import data.shengsi.lib

# Art. 12 asks for an isolation device; a firewall does not isolate (rules.md: network gap 网闸 or
# one-way gateway 单向光闸).
_isolating_device_types := {"gap", "one-way-gateway"}

# METADATA
# title: 业务专网与政务外网交换数据须部署隔离设备
# custom:
#   id: SS-12-001
#   articles: [12]
#   severity: deny
#   message:
#     zh: "业务专网“{private}”与政务外网区域“{extranet}”之间{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十二条规定，业务专网与政务外网进行数据交换，应在两者之间部署隔离设备"
#     en: "between business private network \"{private}\" and extranet zone \"{extranet}\" {problem}; art. 12 of the Shengsi County Interim Measures requires an isolation device between a private network and the extranet"
#   hint:
#     zh: "在两区域之间部署网闸（gap）或单向光闸（one-way-gateway），登记到 inventory/ 设备清单，并在申请的 isolationDevice 中引用；不要用端口开放直连业务专网"
#     en: "deploy a network gap or one-way gateway between the two zones, register it in the inventory's device catalogue and name it in isolationDevice; do not connect a private network by opening ports"
deny contains lib.finding("SS-12-001", ["isolationDevice"], {"private": input.request.privateNetwork, "extranet": input.request.extranetZone, "problem": problem}) if {
	input.request.kind == "DataExchangeRequest"
	some problem in _isolation_problems
}

_isolation_problems contains {"zh": "没有隔离设备", "en": "there is no isolation device"} if {
	not input.request.isolationDevice
}

_isolation_problems contains {"zh": sprintf("的隔离设备“%s”不在设备清单中", [id]), "en": sprintf("isolation device \"%s\" is not in the device catalogue", [id])} if {
	id := input.request.isolationDevice
	not _isolation_device(id)
}

_isolation_problems contains {"zh": sprintf("的设备“%s”是%s，不是网闸或单向光闸", [id, d.type]), "en": sprintf("device \"%s\" is a %s, not a network gap or one-way gateway", [id, d.type])} if {
	id := input.request.isolationDevice
	d := _isolation_device(id)
	not d.type in _isolating_device_types
}

_isolation_problems contains {"zh": sprintf("的隔离设备“%s”并不部署在这两个区域之间", [id]), "en": sprintf("isolation device \"%s\" does not sit between these two zones", [id])} if {
	id := input.request.isolationDevice
	d := _isolation_device(id)
	{z | some z in d.between} != {input.request.privateNetwork, input.request.extranetZone}
}

_isolation_device(id) := d if {
	some d in input.devices.isolationDevices
	d.id == id
}

# A port opening must not connect a private network to the extranet directly.
deny contains lib.finding("SS-12-001", array.concat(pr.path, ["source", "zone"]), {"private": pr.rule.source.zone, "extranet": input.systems[pr.system].zone, "problem": {"zh": "申请以端口开放方式直接互通，未经隔离设备", "en": "the request opens a direct port path with no isolation device"}}) if {
	some pr in lib.port_rules
	lib.zone_type(pr.rule.source.zone) == "private-network"
	lib.extranet_zone(input.systems[pr.system].zone)
}

# METADATA
# title: 数据摆渡由业务需求单位自行负责
# custom:
#   id: SS-12-002
#   articles: [12]
#   severity: deny
#   message:
#     zh: "数据摆渡责任单位为“{owner}”，不是申请单位“{unit}”。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十二条规定，由业务需求单位自行负责数据摆渡"
#     en: "the data ferry owner is \"{owner}\", not the requesting unit \"{unit}\"; under art. 12 of the Shengsi County Interim Measures the unit that needs the exchange ferries the data itself"
#   hint:
#     zh: "将 ferryOwner 填为本单位“{unit}”，并明确本单位的摆渡人员与流程"
#     en: "set ferryOwner to your own unit \"{unit}\" and name who ferries the data and how"
deny contains lib.finding("SS-12-002", ["ferryOwner"], {"owner": owner, "unit": input.request.unit}) if {
	input.request.kind == "DataExchangeRequest"
	owner := _ferry_owner
	owner != input.request.unit
}

_ferry_owner := input.request.ferryOwner

_ferry_owner := {"zh": "（未填写）", "en": "(missing)"} if not input.request.ferryOwner
