package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

_purpose_finding(problem) := lib.finding("SS-14-001", ["ports", 0, "purpose"], {"port": "443/tcp", "problem": problem, "min": 6, "example": "业务需要"})

test_deny_port_without_purpose if {
	f.deny(f.without_port_fields(["purpose"])) == {_purpose_finding({"zh": "没有说明用途", "en": "has no stated purpose"})}
}

test_deny_blank_purpose if {
	f.deny(f.with_port({"purpose": "  。"})) == {_purpose_finding({"zh": "没有说明用途", "en": "has no stated purpose"})}
}

test_deny_generic_purpose if {
	f.deny(f.with_port({"purpose": "业务需要。"})) == {_purpose_finding({"zh": "的用途说明“业务需要”过于笼统", "en": "has a stock-phrase purpose \"业务需要\""})}
}

test_deny_short_purpose if {
	f.deny(f.with_port({"purpose": "挂号网站"})) == {_purpose_finding({"zh": "的用途说明“挂号网站”不足 6 个字", "en": "has a purpose \"挂号网站\" shorter than 6 characters"})}
}

test_allow_purpose_of_minimum_length if {
	f.deny(f.with_port({"purpose": "预约挂号网站"})) == set()
}

test_deny_purpose_missing_on_security_group_rule if {
	inp := cloud_input(object.union(cloud_request, {"securityGroupRules": [object.remove(cloud_rule, ["purpose"])]}))
	f.deny(inp) == {lib.finding("SS-14-001", ["securityGroupRules", 0, "purpose"], {"port": "443/tcp", "problem": {"zh": "没有说明用途", "en": "has no stated purpose"}, "min": 6, "example": "业务需要"})}
}

test_deny_any_port if {
	f.deny(f.port_input([object.union(f.extranet_port, {"port": "any"})])) == {lib.finding("SS-14-002", ["ports", 0, "port"], {"port": "any/tcp", "problem": {"zh": "开放任意端口（any）", "en": "opens any port"}, "max": 10})}
}

test_deny_any_protocol if {
	f.deny(f.port_input([object.union(f.extranet_port, {"protocol": "any"})])) == {lib.finding("SS-14-002", ["ports", 0, "protocol"], {"port": "443/any", "problem": {"zh": "开放任意协议（any）", "en": "opens any protocol"}, "max": 10})}
}

test_deny_wide_port_range if {
	f.deny(f.port_input([object.union(f.extranet_port, {"port": "8000-8010"})])) == {lib.finding("SS-14-002", ["ports", 0, "port"], {"port": "8000-8010/tcp", "problem": {"zh": "包含 11 个端口，超过 10 个", "en": "spans 11 ports, more than 10"}, "max": 10})}
}

test_allow_narrow_port_range if {
	f.deny(f.port_input([object.union(f.extranet_port, {"port": "8000-8009"})])) == set()
}

# An internet-facing rule from a named partner range (so that SS-14-006 stays quiet).
_internet_port(p) := object.union(f.port, {"port": p, "source": {"cidrs": ["203.0.113.0/24"]}})

test_deny_high_risk_port_to_internet if {
	f.deny(f.port_input([_internet_port(3306)])) == {lib.finding("SS-14-003", ["ports", 0, "port"], {"port": "3306/tcp", "services": "3306 MySQL"})}
}

test_allow_high_risk_port_inside_extranet if {
	f.deny(f.port_input([object.union(f.extranet_port, {"port": 3306})])) == set()
}

test_deny_range_reaching_high_risk_ports_lists_them_once if {
	f.deny(f.port_input([_internet_port("6375-6380")])) == {lib.finding("SS-14-003", ["ports", 0, "port"], {"port": "6375-6380/tcp", "services": "6379 Redis"})}
}

test_warn_often_attacked_port_to_internet if {
	inp := f.port_input([object.union(_internet_port(7001), {"hardeningNote": "WebLogic 已升级到 14.1.1 并关闭 T3 协议"})])
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-14-004", ["ports", 0, "port"], {"port": "7001/tcp", "services": "7001 WebLogic"})}
}

test_deny_often_attacked_port_without_hardening_or_source_limit if {
	inp := f.port_input([object.union(f.port, {"port": 21})])
	f.deny(inp) == {
		lib.finding("SS-14-004", ["ports", 0, "hardeningNote"], {"port": "21/tcp", "services": "21 FTP", "problem": {"zh": "没有加固说明", "en": "has no hardening note"}}),
		lib.finding("SS-14-004", ["ports", 0, "source"], {"port": "21/tcp", "services": "21 FTP", "problem": {"zh": "来源不限（0.0.0.0/0 或 ::/0）", "en": "its source is unrestricted (0.0.0.0/0 or ::/0)"}}),
		lib.finding("SS-14-006", ["ports", 0, "source", "cidrs", 0], {"port": "21/tcp", "cidr": "0.0.0.0/0"}),
	}
}

test_deny_rdp_to_internet if {
	f.deny(f.port_input([_internet_port(3389)])) == {lib.finding("SS-14-005", ["ports", 0, "port"], {"port": "3389/tcp", "services": "3389 RDP"})}
}

test_deny_ssh_to_internet_by_public_address if {
	inp := f.port_input([object.union(f.extranet_port, {"port": 22, "publicAddress": "203.0.113.10"})])
	f.deny(inp) == {lib.finding("SS-14-005", ["ports", 0, "port"], {"port": "22/tcp", "services": "22 SSH"})}
}

test_allow_ssh_inside_extranet if {
	f.deny(f.port_input([object.union(f.extranet_port, {"port": 22})])) == set()
}

test_deny_any_source_on_8080 if {
	f.deny(f.with_port({"port": 8080})) == {lib.finding("SS-14-006", ["ports", 0, "source", "cidrs", 0], {"port": "8080/tcp", "cidr": "0.0.0.0/0"})}
}

test_allow_any_source_on_public_web_port if {
	f.deny(f.with_port({"port": 80})) == set()
}

test_warn_wide_extranet_source if {
	inp := f.port_input([object.union(f.extranet_port, {"source": {"cidrs": ["10.0.0.0/8"]}})])
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-14-006", ["ports", 0, "source", "cidrs", 0], {"port": "443/tcp", "cidr": "10.0.0.0/8", "prefix": 16})}
}

test_allow_extranet_source_at_widest_prefix if {
	inp := f.port_input([object.union(f.extranet_port, {"source": {"cidrs": ["10.72.0.0/16"]}})])
	f.warn(inp) == set()
}

test_deny_opening_without_end_date if {
	f.deny(f.without_port_fields(["validUntil"])) == {lib.finding("SS-14-007", ["ports", 0, "validUntil"], {"subject": {"zh": "端口规则 443/tcp", "en": "port rule 443/tcp"}, "days": 365})}
}

test_warn_permanent_opening if {
	inp := f.port_input([object.union(object.remove(f.port, ["validUntil"]), {"permanent": true})])
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-14-007", ["ports", 0, "permanent"], {"subject": {"zh": "端口规则 443/tcp", "en": "port rule 443/tcp"}, "days": 365})}
}

test_deny_network_access_without_end_date if {
	f.deny(f.with_document(access_request)) == set()
	inp := f.with_document(object.remove(access_request, ["validUntil"]))
	f.deny(inp) == {lib.finding("SS-14-007", ["validUntil"], {"subject": {"zh": "本申请", "en": "this request"}, "days": 365})}
}

test_warn_permanent_network_access if {
	inp := f.with_document(object.union(object.remove(access_request, ["validUntil"]), {"permanent": true}))
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-14-007", ["permanent"], {"subject": {"zh": "本申请", "en": "this request"}, "days": 365})}
}
