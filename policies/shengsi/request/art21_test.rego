package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

test_deny_vendor_access_without_project_approval if {
	f.deny(vendor_input(object.remove(vendor_request, ["projectApproval"]), _account)) == {lib.finding("SS-21-001", ["projectApproval"], {"problem": {"zh": "缺少信息化项目审核编号", "en": "lacks an IT project approval number"}})}
}

test_deny_vendor_access_without_agreement if {
	f.deny(vendor_input(object.remove(vendor_request, ["confidentialityAgreement"]), _account)) == {lib.finding("SS-21-001", ["confidentialityAgreement"], {"problem": {"zh": "缺少保密协议", "en": "lacks a confidentiality agreement"}})}
}

test_deny_vendor_access_without_end_date if {
	f.deny(vendor_input(object.remove(vendor_request, ["validUntil"]), _account)) == {lib.finding("SS-21-001", ["validUntil"], {"problem": {"zh": "缺少访问截止日期", "en": "lacks an end date for the access"}})}
}

test_deny_vendor_access_for_unregistered_vendor_staff if {
	inp := object.union(vendor_input(vendor_request, _account), {"people": {"wang-qiang": {"roles": ["staff"]}}})
	f.deny(inp) == {lib.finding("SS-21-001", ["vendor", "staff", 0], {"problem": {"zh": "的服务人员“wang-qiang”没有登记为第三方人员", "en": "names \"wang-qiang\", who is not registered as vendor staff"}})}
}
