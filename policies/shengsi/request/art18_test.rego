package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

vendor_request := object.union(f.common, {
	"kind": "VendorAccessRequest",
	"vendor": {"company": "舟山某科技有限公司", "staff": ["wang-qiang"]},
	"projectApproval": "SDB-XM-2026-007",
	"confidentialityAgreement": {"reference": "BM-2026-011", "date": "2026-01-15"},
	"systems": ["health-appointment"],
	"method": "bastion",
	"privilege": "operator",
	"validUntil": "2026-08-31",
})

_account := {
	"id": "bastion-wang-qiang", "platform": "bastion", "system": "health-appointment", "username": "wangqiang",
	"owner": "wang-qiang", "shared": false, "privilege": "operator", "remoteLogin": true, "mfa": true,
	"request": "REQ-2026-0001",
}

vendor_input(doc, account) := object.union(f.with_document(doc), {"accounts": {"bastion-wang-qiang": account}})

test_allow_vendor_access_with_personal_account if {
	f.deny(vendor_input(vendor_request, _account)) == set()
}

test_deny_shared_account if {
	f.deny(vendor_input(vendor_request, object.union(_account, {"shared": true}))) == {lib.finding("SS-18-001", ["vendor", "staff", 0], {"account": "bastion-wang-qiang", "username": "wangqiang", "problem": {"zh": "是共享账号", "en": "is shared"}})}
}

test_deny_ownerless_account if {
	inp := vendor_input(vendor_request, object.remove(_account, ["owner"]))
	f.deny(inp) == {lib.finding("SS-18-001", ["id"], {"account": "bastion-wang-qiang", "username": "wangqiang", "problem": {"zh": "没有责任人", "en": "has no owner"}})}
}

test_deny_default_account_with_remote_login if {
	f.deny(vendor_input(vendor_request, object.union(_account, {"username": "Administrator"}))) == {lib.finding("SS-18-001", ["vendor", "staff", 0], {"account": "bastion-wang-qiang", "username": "Administrator", "problem": {"zh": "是默认账号且允许远程登录", "en": "is a default account with remote login"}})}
}

test_allow_default_account_without_remote_login if {
	f.deny(vendor_input(vendor_request, object.union(_account, {"username": "root", "remoteLogin": false}))) == set()
}

test_deny_vendor_admin_on_level_3_system_without_mfa if {
	inp := object.union(vendor_input(object.union(vendor_request, {"privilege": "admin"}), object.union(_account, {"privilege": "admin"})), {"systems": {"health-appointment": {"adminMfa": false}}})
	f.deny(inp) == {lib.finding("SS-18-002", ["systems", 0], {"system": "health-appointment", "level": 3, "who": {"zh": "第三方运维接入", "en": "vendor access"}})}
}

test_deny_admin_account_without_mfa if {
	inp := vendor_input(object.union(vendor_request, {"privilege": "admin"}), object.union(_account, {"privilege": "admin", "mfa": false}))
	f.deny(inp) == {lib.finding("SS-18-002", ["vendor", "staff", 0], {"system": "health-appointment", "level": 3, "who": {"zh": "账号 bastion-wang-qiang", "en": "account bastion-wang-qiang"}})}
}

test_allow_admin_on_level_2_system_without_mfa if {
	inp := object.union(vendor_input(object.union(vendor_request, {"privilege": "admin"}), object.union(_account, {"privilege": "admin", "mfa": false})), {"systems": {"health-appointment": {"adminMfa": false, "mlps": {"level": 2}}}})
	f.deny(inp) == set()
}

_existing(changes) := object.union({"request": "REQ-2025-0042", "port": 443, "protocol": "tcp", "source": {"zone": "internet", "cidrs": ["0.0.0.0/0"]}, "destination": {"system": "health-appointment", "address": "10.72.3.15"}}, changes)

test_warn_port_already_opened_by_another_request if {
	inp := object.union(f.input_, {"existing": [_existing({})]})
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-18-003", ["ports", 0], {"port": "443/tcp", "existing": "REQ-2025-0042"})}
}

test_allow_port_not_covered_by_existing_opening if {
	inp := object.union(f.input_, {"existing": [_existing({"source": {"cidrs": ["203.0.113.0/24"]}}), _existing({"port": 80})]})
	f.warn(inp) == set()
}
