package shengsi.request

import data.shengsi.lib

# METADATA
# title: 政务节点云资源须在认可目录、批准范围与配额之内
# custom:
#   id: SS-17-001
#   articles: [17]
#   severity: deny
#   message:
#     zh: "政务节点云资源申请{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十七条规定，按照云服务方提供的操作系统、数据库等进行安装配置，禁止安装非认可软件，严格控制所申请资源的使用范围"
#     en: "the cloud resource request {problem}; art. 17 of the Shengsi County Interim Measures allows only the cloud provider's approved images and software and use within the approved scope"
#   hint:
#     zh: "从 inventory/ 云目录中选择认可的镜像与软件版本、本单位的交换机，并控制在本单位配额之内；需要新镜像、新软件或更多配额的，先由县大数据局更新云目录"
#     en: "choose approved images, software versions and your own vswitches from the cloud catalogue and stay within your quota; ask the bureau to extend the catalogue or quota first"
deny contains lib.finding("SS-17-001", p.path, {"problem": p.problem}) if {
	input.request.kind == "CloudResourceRequest"
	some p in _cloud_problems
}

_cloud_problems contains {"path": ["instances", i, "software", j], "problem": {"zh": sprintf("在云服务器“%s”上安装非认可软件 %s %s", [vm.name, sw.id, sw.version]), "en": sprintf("installs unapproved software %s %s on instance \"%s\"", [sw.id, sw.version, vm.name])}} if {
	some i, vm in input.request.instances
	some j, sw in vm.software
	not sw.version in object.get(input.catalog.software, sw.id, {"versions": []}).versions
}

_cloud_problems contains {"path": ["instances", i, "vswitch"], "problem": {"zh": sprintf("的云服务器“%s”所用交换机“%s”%s", [vm.name, vm.vswitch, why.zh]), "en": sprintf("puts instance \"%s\" on vswitch \"%s\", which %s", [vm.name, vm.vswitch, why.en])}} if {
	some i, vm in input.request.instances
	some why in _vswitch_problems(vm.vswitch)
}

_vswitch_problems(id) := {{"zh": sprintf("属于单位“%s”", [sw.unit]), "en": sprintf("belongs to unit \"%s\"", [sw.unit])} |
	sw := _vswitch(id)
	sw.unit
	sw.unit != input.request.unit
}

_vswitch(id) := sw if {
	some sw in input.catalog.vpc.vswitches
	sw.id == id
}

_cloud_problems contains {"path": ["instances"], "problem": {"zh": sprintf("所属单位“%s”没有政务节点云资源配额", [input.request.unit]), "en": sprintf("comes from unit \"%s\", which has no cloud quota", [input.request.unit])}} if {
	input.request.kind == "CloudResourceRequest"
	not input.catalog.quota
}

_requested := {
	"instances": count(input.request.instances),
	"vcpu": sum([vm.vcpu | some vm in input.request.instances]),
	"memoryGiB": sum([vm.memoryGiB | some vm in input.request.instances]),
	"diskGiB": sum([vm.diskGiB | some vm in input.request.instances]),
}

_cloud_problems contains {"path": ["instances"], "problem": {"zh": sprintf("使本单位的%s达到 %d，超过配额 %d（其他申请已使用 %d）", [dim, total, quota, used]), "en": sprintf("brings the unit's %s to %d, above its quota of %d (other requests use %d)", [dim, total, quota, used])}} if {
	input.request.kind == "CloudResourceRequest"
	some dim, asked in _requested
	quota := input.catalog.quota[dim]
	used := object.get(input.catalog.usage, dim, 0)
	total := used + asked
	total > quota
}
