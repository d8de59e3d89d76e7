package shengsi.request

import data.shengsi.lib

_vendor_fields := {
	"projectApproval": {"zh": "信息化项目审核编号", "en": "an IT project approval number"},
	"confidentialityAgreement": {"zh": "保密协议", "en": "a confidentiality agreement"},
	"validUntil": {"zh": "访问截止日期", "en": "an end date for the access"},
}

# METADATA
# title: 第三方运维须经项目审核、签订保密协议并限定期限
# custom:
#   id: SS-21-001
#   articles: [21]
#   severity: deny
#   message:
#     zh: "第三方运维接入申请{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十一条规定，委托第三方开展安全服务需作为信息化项目报县大数据局审核，并规范对外包机构、人员、服务行为的监管；《数据安全法》第四十条要求严格审批和监督"
#     en: "the vendor access request {problem}; art. 21 of the Shengsi County Interim Measures requires vendor security services to be approved by the Big Data Bureau as an IT project and supervised, and Data Security Law art. 40 strict approval and supervision"
#   hint:
#     zh: "填写 projectApproval（项目审核编号）、confidentialityAgreement（保密协议编号与日期）和 validUntil（访问截止日期），服务人员须在人员清单中登记为第三方人员"
#     en: "fill in projectApproval, confidentialityAgreement (reference and date) and validUntil, and register the staff as vendor people in the inventory"
deny contains lib.finding("SS-21-001", [field], {"problem": {"zh": sprintf("缺少%s", [what.zh]), "en": sprintf("lacks %s", [what.en])}}) if {
	input.request.kind == "VendorAccessRequest"
	some field, what in _vendor_fields
	not input.request[field]
}

deny contains lib.finding("SS-21-001", ["vendor", "staff", j], {"problem": {"zh": sprintf("的服务人员“%s”没有登记为第三方人员", [p]), "en": sprintf("names \"%s\", who is not registered as vendor staff", [p])}}) if {
	input.request.kind == "VendorAccessRequest"
	some j, p in input.request.vendor.staff
	person := input.people[p]
	not _registered_vendor(person)
}

_registered_vendor(person) if {
	"vendor" in person.roles
	person.vendor
}
