package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

cloud_rule := {
	"port": 443,
	"protocol": "tcp",
	"purpose": "政务外网用户访问预约挂号管理后台",
	"source": {"zone": "extranet-public", "cidrs": ["10.72.3.0/24"]},
	"instances": ["appt-web-1"],
	"validUntil": "2026-12-31",
}

cloud_request := object.union(f.common, {
	"kind": "CloudResourceRequest",
	"system": "health-appointment",
	"scope": "预约挂号系统的 Web 与数据库服务器",
	"vpc": "gov-extranet-vpc",
	"instances": [{
		"name": "appt-web-1", "image": "kylin-v10", "software": [{"id": "nginx", "version": "1.24"}],
		"vcpu": 4, "memoryGiB": 8, "diskGiB": 100, "vswitch": "vsw-health", "privateAddress": "10.72.3.15",
	}],
	"securityGroupRules": [cloud_rule],
})

_catalog := {
	"images": {"kylin-v10": {"id": "kylin-v10", "name": "银河麒麟 V10", "os": "Kylin", "version": "V10"}},
	"software": {"nginx": {"id": "nginx", "name": "Nginx", "versions": ["1.24", "1.26"]}},
	"vpc": {"id": "gov-extranet-vpc", "zone": "cloud-extranet", "cidr": "10.72.0.0/16", "vswitches": [
		{"id": "vsw-health", "cidr": "10.72.3.0/24", "unit": "health"},
		{"id": "vsw-edu", "cidr": "10.72.4.0/24", "unit": "education"},
	]},
	"quota": {"unit": "health", "instances": 4, "vcpu": 16, "memoryGiB": 32, "diskGiB": 500},
	"usage": {"instances": 2, "vcpu": 8, "memoryGiB": 16, "diskGiB": 200},
}

cloud_input(doc) := object.union(f.with_document(doc), {"catalog": _catalog})

_instance(changes) := object.union(cloud_request.instances[0], changes)

test_allow_cloud_resources_within_catalogue_and_quota if {
	f.deny(cloud_input(cloud_request)) == set()
}

test_deny_unapproved_software_version if {
	inp := cloud_input(object.union(cloud_request, {"instances": [_instance({"software": [{"id": "nginx", "version": "1.18"}]})]}))
	f.deny(inp) == {lib.finding("SS-17-001", ["instances", 0, "software", 0], {"problem": {"zh": "在云服务器“appt-web-1”上安装非认可软件 nginx 1.18", "en": "installs unapproved software nginx 1.18 on instance \"appt-web-1\""}})}
}

test_deny_vswitch_of_another_unit if {
	inp := cloud_input(object.union(cloud_request, {"instances": [_instance({"vswitch": "vsw-edu"})]}))
	f.deny(inp) == {lib.finding("SS-17-001", ["instances", 0, "vswitch"], {"problem": {"zh": "的云服务器“appt-web-1”所用交换机“vsw-edu”属于单位“education”", "en": "puts instance \"appt-web-1\" on vswitch \"vsw-edu\", which belongs to unit \"education\""}})}
}

test_deny_beyond_vcpu_quota if {
	inp := cloud_input(object.union(cloud_request, {"instances": [_instance({"vcpu": 12})]}))
	f.deny(inp) == {lib.finding("SS-17-001", ["instances"], {"problem": {"zh": "使本单位的vcpu达到 20，超过配额 16（其他申请已使用 8）", "en": "brings the unit's vcpu to 20, above its quota of 16 (other requests use 8)"}})}
}

test_allow_exactly_at_quota if {
	inp := cloud_input(object.union(cloud_request, {"instances": [_instance({"vcpu": 8})]}))
	f.deny(inp) == set()
}

test_deny_unit_without_cloud_quota if {
	inp := object.union(object.remove(cloud_input(cloud_request), ["catalog"]), {"catalog": object.remove(_catalog, ["quota"])})
	f.deny(inp) == {lib.finding("SS-17-001", ["instances"], {"problem": {"zh": "所属单位“health”没有政务节点云资源配额", "en": "comes from unit \"health\", which has no cloud quota"}})}
}
