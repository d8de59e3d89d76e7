package shengsi.state_test

import data.shengsi.fixtures as f
import data.shengsi.state

_opening(i, changes) := object.union({
	"layer": "firewall",
	"request": sprintf("REQ-2026-%04d", [i]),
	"path": ["ports", 0],
	"port": 443,
	"from": object.get(changes, "port", 443),
	"to": object.get(changes, "port", 443),
	"protocol": "tcp",
	"source": {"zone": "extranet-public", "cidrs": ["10.72.3.0/24"]},
	"destination": {"system": "health-appointment", "address": "10.72.3.15"},
	"validUntil": "2026-12-31",
}, changes)

_requests := {id: {"id": id, "kind": "PortOpeningRequest", "unit": "health", "decision": "allow"} |
	some i in numbers.range(1, 3)
	id := sprintf("REQ-2026-%04d", [i])
}

_state(openings, changes) := object.union({
	"today": "2026-06-01",
	"requests": _requests,
	"openings": openings,
	"coverCandidates": [[i, j] |
		some i, a in openings
		some j, b in openings
		i != j
		_group_key(a) == _group_key(b)
		b.from <= a.from
		a.to <= b.to
	],
	"accounts": {},
	"people": f.people,
	"exits": [],
	"revoked": {},
	"cidrs": f.cidrs,
}, changes)

_deny(inp) := d if {
	d := state.deny with input as inp with data.config as f.config
}

_warn(inp) := w if {
	w := state.warn with input as inp with data.config as f.config
}

test_allow_distinct_approved_openings if {
	inp := _state([_opening(1, {}), _opening(2, {"port": 80})], {})
	_deny(inp) == set()
	_warn(inp) == set()
}

test_deny_opening_of_denied_request if {
	inp := _state([_opening(1, {})], {"requests": {"REQ-2026-0001": {"decision": "deny"}}})
	_deny(inp) == {state.finding("SS-14-101", "REQ-2026-0001", ["ports", 0], {"port": "443/tcp", "destination": "10.72.3.15", "request": "REQ-2026-0001", "status": {"zh": "未通过策略检查", "en": "is denied by the policies"}})}
}

test_deny_opening_of_unknown_request if {
	inp := _state([_opening(9, {})], {})
	_deny(inp) == {state.finding("SS-14-101", "REQ-2026-0009", ["ports", 0], {"port": "443/tcp", "destination": "10.72.3.15", "request": "REQ-2026-0009", "status": {"zh": "不存在", "en": "does not exist"}})}
}

test_deny_expired_opening if {
	inp := _state([_opening(1, {"validUntil": "2026-05-31"})], {})
	_deny(inp) == {state.finding("SS-14-102", "REQ-2026-0001", ["ports", 0], {"port": "443/tcp", "destination": "10.72.3.15", "request": "REQ-2026-0001", "until": "2026-05-31"})}
}

test_allow_opening_ending_today if {
	_deny(_state([_opening(1, {"validUntil": "2026-06-01"})], {})) == set()
}

test_warn_shadowed_opening if {
	narrow := _opening(2, {"source": {"cidrs": ["10.72.3.8/29"]}})
	inp := _state([_opening(1, {}), narrow], {})
	_warn(inp) == {state.finding("SS-18-101", "REQ-2026-0002", ["ports", 0], {"port": "443/tcp", "destination": "10.72.3.15", "request": "REQ-2026-0002", "other": "REQ-2026-0001", "other_port": "443/tcp"})}
}

test_warn_duplicate_opening_once if {
	inp := _state([_opening(1, {}), _opening(2, {})], {})
	_warn(inp) == {state.finding("SS-18-101", "REQ-2026-0002", ["ports", 0], {"port": "443/tcp", "destination": "10.72.3.15", "request": "REQ-2026-0002", "other": "REQ-2026-0001", "other_port": "443/tcp"})}
}

test_allow_firewall_rule_and_security_group_rule_for_one_flow if {
	inp := _state([_opening(1, {"layer": "firewall"}), _opening(2, {"layer": "security-group", "path": ["securityGroupRules", 0]})], {})
	_warn(inp) == set()
}

test_allow_same_port_to_other_destination if {
	inp := _state([_opening(1, {}), _opening(2, {"destination": {"address": "10.72.3.16"}})], {})
	_warn(inp) == set()
}

_account := {"id": "vpn-wang-qiang", "platform": "vpn", "username": "wangqiang", "owner": "wang-qiang", "shared": false, "privilege": "operator", "remoteLogin": true, "mfa": true}

test_deny_account_of_departed_person if {
	inp := _state([], {"accounts": {"vpn-wang-qiang": _account}, "people": {"wang-qiang": {"leftDate": "2026-05-31"}}})
	_deny(inp) == {state.finding("SS-20-101", null, ["accounts", "vpn-wang-qiang"], {"account": "vpn-wang-qiang", "platform": "vpn", "username": "wangqiang", "person": "wang-qiang", "left": "2026-05-31"})}
}

test_allow_account_revoked_by_standing_offboarding if {
	inp := _state([], {"accounts": {"vpn-wang-qiang": _account}, "people": {"wang-qiang": {"leftDate": "2026-05-31"}}, "revoked": {"vpn-wang-qiang": ["REQ-2026-0002"]}})
	_deny(inp) == set()
}

test_deny_account_revoked_only_by_denied_offboarding if {
	inp := _state([], {"accounts": {"vpn-wang-qiang": _account}, "people": {"wang-qiang": {"leftDate": "2026-05-31"}}, "revoked": {"vpn-wang-qiang": ["REQ-2026-0002"]}, "requests": {"REQ-2026-0002": {"decision": "deny"}}})
	_deny(inp) == {state.finding("SS-20-101", null, ["accounts", "vpn-wang-qiang"], {"account": "vpn-wang-qiang", "platform": "vpn", "username": "wangqiang", "person": "wang-qiang", "left": "2026-05-31"})}
}

test_allow_account_of_serving_person if {
	_deny(_state([], {"accounts": {"vpn-wang-qiang": _account}})) == set()
}

_exit(changes) := object.union({"id": "port-exit", "name": "港航自建出口", "unified": false, "device": "port-fw", "publicCidrs": ["203.0.113.0/24"]}, changes)

test_deny_self_built_exit_without_request if {
	inp := _state([], {"exits": [_exit({})]})
	_deny(inp) == {state.finding("SS-09-101", null, ["internetExits", "port-exit"], {"exit": "port-exit", "problem": {"zh": "没有对应的批准申请", "en": "has no approving request"}})}
}

test_deny_self_built_exit_backed_by_a_port_request if {
	inp := _state([], {"exits": [_exit({"request": "REQ-2026-0001"})]})
	_deny(inp) == {state.finding("SS-09-101", "REQ-2026-0001", ["internetExits", "port-exit"], {"exit": "port-exit", "problem": {"zh": "申请 REQ-2026-0001 不是已批准的自建出口申请", "en": "request REQ-2026-0001 is not an approved internet-exit request"}})}
}

test_allow_self_built_exit_with_approved_request if {
	inp := _state([], {"exits": [_exit({"request": "REQ-2026-0003"})], "requests": {"REQ-2026-0003": {"kind": "InternetExitRequest"}}})
	_deny(inp) == set()
}

test_allow_unified_exit_without_request if {
	_deny(_state([], {"exits": [_exit({"unified": true})]})) == set()
}

_group_key(o) := concat(" ", [o.layer, o.destination.address, o.source.zone])
