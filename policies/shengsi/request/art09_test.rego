package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

exit_request := object.union(f.common, {
	"kind": "InternetExitRequest",
	"exit": {"id": "port-exit", "location": "县港航中心机房", "isp": "中国电信", "bandwidthMbps": 100, "publicCidrs": ["203.0.113.0/24"], "firewall": "USG6000"},
	"bureauApproval": {"reference": "嵊大数〔2026〕12号", "date": "2026-05-10"},
	"nextInspection": "2026-09-01",
	"validUntil": "2027-05-31",
})

test_allow_approved_internet_exit if {
	f.deny(f.with_document(exit_request)) == set()
}

test_deny_internet_exit_without_bureau_approval if {
	inp := f.with_document(object.remove(exit_request, ["bureauApproval"]))
	f.deny(inp) == {lib.finding("SS-09-001", ["bureauApproval"], {"missing": {"zh": "县大数据局审批文号", "en": "the bureau's approval reference"}})}
}

test_deny_internet_exit_without_justification if {
	inp := f.with_document(object.remove(exit_request, ["justification"]))
	f.deny(inp) == {lib.finding("SS-09-001", ["justification"], {"missing": {"zh": "申请理由（为何统一出口不能满足业务需要）", "en": "a justification (why the unified exit does not serve)"}})}
}

test_deny_internet_exit_without_inspection if {
	inp := f.with_document(object.remove(exit_request, ["nextInspection"]))
	f.deny(inp) == {lib.finding("SS-09-002", ["nextInspection"], {"next": {"zh": "未填写", "en": "missing"}})}
}

test_deny_internet_exit_with_past_inspection if {
	inp := f.with_document(object.union(exit_request, {"nextInspection": "2026-05-31"}))
	f.deny(inp) == {lib.finding("SS-09-002", ["nextInspection"], {"next": "2026-05-31"})}
}

test_allow_inspection_today if {
	f.deny(f.with_document(object.union(exit_request, {"nextInspection": "2026-06-01"}))) == set()
}
