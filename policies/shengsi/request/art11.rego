package shengsi.request

import data.shengsi.lib

# METADATA
# title: 各单位不得处置政务外网接口设备
# custom:
#   id: SS-11-001
#   articles: [11]
#   severity: deny
#   message:
#     zh: "政务外网接口设备“{device}”{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十一条规定，各接入单位不得处置政务外网接口的网络设备或改变设备配置，确需变更的由县大数据局审核同意后办理"
#     en: "extranet interface device \"{device}\" {problem}; under art. 11 of the Shengsi County Interim Measures units must not handle interface devices or change their configuration, the Big Data Bureau does after approving the change"
#   hint:
#     zh: "删除 connection.interfaceDevice，只说明接入需求；接口设备的配置由县大数据局（{bureau}）提出申请并实施"
#     en: "remove connection.interfaceDevice and state only the access need; the bureau ({bureau}) files and carries out interface-device changes"
deny contains lib.finding("SS-11-001", ["connection", "interfaceDevice"], {"device": device, "problem": {"zh": "的配置变更只能由县大数据局申请", "en": "can be changed only on the bureau's request"}, "bureau": data.config.bureauUnit}) if {
	device := input.request.connection.interfaceDevice
	input.request.unit != data.config.bureauUnit
}

deny contains lib.finding("SS-11-001", ["connection", "interfaceDevice"], {"device": device, "problem": {"zh": "不在县大数据局管理的接口设备清单中", "en": "is not an interface device managed by the bureau"}, "bureau": data.config.bureauUnit}) if {
	device := input.request.connection.interfaceDevice
	not _bureau_managed_device(device)
}

_bureau_managed_device(id) if {
	some d in input.devices.interfaceDevices
	d.id == id
	d.managedBy == data.config.bureauUnit
}
