package shengsi.request

import data.shengsi.lib

_port_text(rule) := sprintf("%v/%s", [rule.port, rule.protocol])

# Characters that carry no meaning at the ends of a purpose text.
_purpose_cutset := " \t\n　。.，,；;：:！!"

_purpose_text(rule) := trim(object.get(rule, "purpose", ""), _purpose_cutset)

# Input-free, so computed once per run rather than per request.
_generic_texts := {trim(g, _purpose_cutset) | some g in data.config.genericPurposes}

_generic_purpose(text) if text in _generic_texts

# METADATA
# title: 逐个端口说明用途
# custom:
#   id: SS-14-001
#   articles: [14]
#   severity: deny
#   message:
#     zh: "端口 {port} {problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十四条规定，开放政务外网或互联网地址端口，应当对每个端口的用途作出说明"
#     en: "port {port} {problem}; art. 14 of the Shengsi County Interim Measures requires the purpose of each opened port to be stated"
#   hint:
#     zh: "在该端口的 purpose 中写明提供什么服务、给谁访问、业务上为何需要（不少于 {min} 个字，不能只写“{example}”之类的套话）"
#     en: "say in purpose which service the port serves, to whom, and why the business needs it (at least {min} characters, not a stock phrase like \"{example}\")"
deny contains lib.finding("SS-14-001", array.concat(pr.path, ["purpose"]), _purpose_params(pr.rule, problem)) if {
	some pr in lib.port_rules
	problem := _purpose_problem(_purpose_text(pr.rule))
}

# What is wrong with a purpose text, if anything (one trim per port rule: this runs for every port).
_purpose_problem(text) := {"zh": "没有说明用途", "en": "has no stated purpose"} if {
	text == ""
} else := {"zh": sprintf("的用途说明“%s”过于笼统", [text]), "en": sprintf("has a stock-phrase purpose \"%s\"", [text])} if {
	_generic_purpose(text)
} else := {"zh": sprintf("的用途说明“%s”不足 %d 个字", [text, min]), "en": sprintf("has a purpose \"%s\" shorter than %d characters", [text, min])} if {
	min := data.config.purposeMinLength
	count(text) < min
}

_purpose_params(rule, problem) := {
	"port": _port_text(rule),
	"problem": problem,
	"min": data.config.purposeMinLength,
	"example": _generic_example,
}

_generic_example := data.config.genericPurposes[0]

_generic_example := "业务需要" if count(data.config.genericPurposes) == 0

# METADATA
# title: 不得开放任意端口、任意协议或过宽的端口范围
# custom:
#   id: SS-14-002
#   articles: [14]
#   severity: deny
#   message:
#     zh: "端口规则 {port} {problem}，无法对每个端口的用途作出说明。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十四条规定，应当对每个端口的用途作出说明"
#     en: "port rule {port} {problem}, so the purpose of each port cannot be stated (art. 14 of the Shengsi County Interim Measures)"
#   hint:
#     zh: "只列出业务实际使用的端口和协议（tcp 或 udp），范围不超过 {max} 个端口，每条规则说明用途"
#     en: "list only the ports and protocol (tcp or udp) the service really uses, ranges of at most {max} ports, each with its purpose"
deny contains lib.finding("SS-14-002", array.concat(pr.path, ["port"]), {"port": _port_text(pr.rule), "problem": {"zh": "开放任意端口（any）", "en": "opens any port"}, "max": data.config.maxPortRange}) if {
	some pr in lib.port_rules
	pr.rule.port == "any"
}

deny contains lib.finding("SS-14-002", array.concat(pr.path, ["protocol"]), {"port": _port_text(pr.rule), "problem": {"zh": "开放任意协议（any）", "en": "opens any protocol"}, "max": data.config.maxPortRange}) if {
	some pr in lib.port_rules
	pr.rule.protocol == "any"
}

deny contains lib.finding("SS-14-002", array.concat(pr.path, ["port"]), {"port": _port_text(pr.rule), "problem": {"zh": sprintf("包含 %d 个端口，超过 %d 个", [width, max]), "en": sprintf("spans %d ports, more than %d", [width, max])}, "max": max}) if {
	some pr in lib.port_rules
	pr.rule.port != "any"
	width := lib.port_width(pr.rule.port)
	max := data.config.maxPortRange
	width > max
}

# The configured port lists; a high-risk port that is also a management port is reported once, as
# management (SS-14-005), whose fix (bastion host, secure access platform) is the specific one.
_port_lists := {
	"high-risk": [e | some e in data.config.highRiskPorts; not _management_entry(e)],
	"often-attacked": data.config.oftenAttackedPorts,
	"management": data.config.managementPorts,
}

# Each list indexed by port number (input-free: built once per run, so a single-port rule is one lookup).
_by_port[list] := {p: [e | some e in entries; e.port == p] | some e0 in entries; p := e0.port} if {
	some list, entries in _port_lists
}

_candidates(rule, list) := object.get(_by_port[list], rule.port, []) if is_number(rule.port)

_candidates(rule, list) := _port_lists[list] if not is_number(rule.port)

# The configured services of a list that a rule reaches, as one sorted text ("3306 MySQL、6379 Redis").
_services(rule, list) := concat("、", sort({sprintf("%d %s", [e.port, e.service]) | some e in _candidates(rule, list); lib.covers_port(rule, e)}))

_management_entry(e) if {
	some m in data.config.managementPorts
	m.port == e.port
	m.protocol == e.protocol
}

# METADATA
# title: 高危端口不得向互联网开放
# custom:
#   id: SS-14-003
#   articles: [14, 18]
#   severity: deny
#   message:
#     zh: "端口规则 {port} 向互联网开放了高危端口（{services}）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十四条要求端口开放经核准，第十八条要求提出最小化开放策略；国家网络与信息安全信息通报中心将这些端口列为不得暴露在互联网的高危端口"
#     en: "port rule {port} opens high-risk ports ({services}) to the internet; art. 14 of the Shengsi County Interim Measures requires approval of openings and art. 18 minimal exposure, and the national notification centre lists these ports as never to be exposed"
#   hint:
#     zh: "不要向互联网开放数据库、目录、文件共享等服务端口；通过应用层接口对外提供服务，或仅向政务外网内的指定地址开放"
#     en: "never expose database, directory or file-sharing ports to the internet; serve through an application interface, or open only to named extranet addresses"
deny contains lib.finding("SS-14-003", array.concat(pr.path, ["port"]), {"port": _port_text(pr.rule), "services": services}) if {
	some pr in lib.port_rules
	lib.internet_facing(pr.rule)
	services := _services(pr.rule, "high-risk")
	services != ""
}

# METADATA
# title: 常被攻击的端口向互联网开放须加固并限制来源
# custom:
#   id: SS-14-004
#   articles: [14, 18]
#   severity: warn
#   message:
#     zh: "端口规则 {port} 向互联网开放了常被攻击的端口（{services}）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求最小化开放，请确认加固措施有效"
#     en: "port rule {port} opens often-attacked ports ({services}) to the internet; art. 18 of the Shengsi County Interim Measures asks for minimal exposure, so make sure the hardening holds"
#   hint:
#     zh: "保持版本为最新、关闭不需要的功能，并只允许确需访问的来源地址"
#     en: "keep the service patched, disable what is not needed, and allow only the sources that need it"
warn contains lib.finding("SS-14-004", array.concat(pr.path, ["port"]), {"port": _port_text(pr.rule), "services": services}) if {
	some pr in lib.port_rules
	lib.internet_facing(pr.rule)
	services := _services(pr.rule, "often-attacked")
	services != ""
}

# METADATA
# title: 常被攻击的端口向互联网开放须有加固说明和来源限制
# custom:
#   id: SS-14-004
#   articles: [14, 18]
#   severity: deny
#   message:
#     zh: "端口规则 {port} 向互联网开放常被攻击的端口（{services}），但{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求提出最小化开放策略"
#     en: "port rule {port} opens often-attacked ports ({services}) to the internet but {problem}; art. 18 of the Shengsi County Interim Measures requires a minimal-exposure policy"
#   hint:
#     zh: "在 hardeningNote 中写明加固措施（版本、认证、访问控制），并把 source.cidrs 限定为确需访问的地址段"
#     en: "describe the hardening (version, authentication, access control) in hardeningNote and narrow source.cidrs to the addresses that need access"
deny contains lib.finding("SS-14-004", array.concat(pr.path, [field]), {"port": _port_text(pr.rule), "services": services, "problem": problem}) if {
	some pr in lib.port_rules
	lib.internet_facing(pr.rule)
	services := _services(pr.rule, "often-attacked")
	services != ""
	some field, problem in _hardening_gaps(pr.rule)
}

_hardening_gaps(rule) := {field: problem |
	some field, problem in {
		"hardeningNote": {"zh": "没有加固说明", "en": "has no hardening note"},
		"source": {"zh": "来源不限（0.0.0.0/0 或 ::/0）", "en": "its source is unrestricted (0.0.0.0/0 or ::/0)"},
	}
	_hardening_gap(rule, field)
}

_hardening_gap(rule, "hardeningNote") if not lib.nonempty(object.get(rule, "hardeningNote", ""))

_hardening_gap(rule, "source") if {
	some c in rule.source.cidrs
	lib.unrestricted_source(c)
}

# METADATA
# title: 远程管理端口不得向互联网开放
# custom:
#   id: SS-14-005
#   articles: [18]
#   severity: deny
#   message:
#     zh: "端口规则 {port} 向互联网开放了远程管理端口（{services}）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求对访问控制提出最小化开放策略，远程管理不得直接暴露在互联网"
#     en: "port rule {port} opens remote-management ports ({services}) to the internet; art. 18 of the Shengsi County Interim Measures requires minimal exposure, and remote management must never face the internet directly"
#   hint:
#     zh: "删除该端口；远程运维经县大数据局堡垒机或政务外网安全接入平台（证书 VPN）进行"
#     en: "remove the port; administer remotely through the bureau's bastion host or the extranet secure access platform (certificate VPN)"
deny contains lib.finding("SS-14-005", array.concat(pr.path, ["port"]), {"port": _port_text(pr.rule), "services": services}) if {
	some pr in lib.port_rules
	lib.internet_facing(pr.rule)
	services := _services(pr.rule, "management")
	services != ""
}

_public_web_ports := {p | some p in data.config.publicWebPorts}

_public_web(rule) if {
	rule.protocol == "tcp"
	r := lib.port_range(rule.port)
	r.from == r.to
	r.from in _public_web_ports
}

# METADATA
# title: 来源地址不得不加限制
# custom:
#   id: SS-14-006
#   articles: [18]
#   severity: deny
#   message:
#     zh: "端口规则 {port} 的来源为 {cidr}（任意地址），而它不是 80/443 上的公众 Web 服务。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求对访问控制提出最小化开放策略"
#     en: "port rule {port} accepts any source ({cidr}) although it is not a public web service on 80/443; art. 18 of the Shengsi County Interim Measures requires minimal exposure"
#   hint:
#     zh: "把 source.cidrs 限定为确需访问的地址段（例如对方单位的局域网地址段）"
#     en: "narrow source.cidrs to the address ranges that really need access (for example the peer unit's LAN)"
deny contains lib.finding("SS-14-006", array.concat(pr.path, ["source", "cidrs", j]), {"port": _port_text(pr.rule), "cidr": c}) if {
	some pr in lib.port_rules
	some j, c in pr.rule.source.cidrs
	lib.unrestricted_source(c)
	not _public_web(pr.rule)
}

# METADATA
# title: 政务外网来源地址段不宜过宽
# custom:
#   id: SS-14-006
#   articles: [18]
#   severity: warn
#   message:
#     zh: "端口规则 {port} 的政务外网来源 {cidr} 宽于 /{prefix}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十八条要求最小化开放"
#     en: "port rule {port} accepts extranet source {cidr}, wider than /{prefix}; art. 18 of the Shengsi County Interim Measures asks for minimal exposure"
#   hint:
#     zh: "只列出确需访问的单位或系统的地址段"
#     en: "list only the address ranges of the units or systems that need access"
warn contains lib.finding("SS-14-006", array.concat(pr.path, ["source", "cidrs", j]), {"port": _port_text(pr.rule), "cidr": c, "prefix": data.config.widestExtranetPrefix}) if {
	some pr in lib.port_rules
	lib.extranet_zone(pr.rule.source.zone)
	some j, c in pr.rule.source.cidrs
	f := lib.cidr_facts(c)
	f.family == 4
	f.length > 0
	f.length < data.config.widestExtranetPrefix
}

# What carries an opening period: each port rule, and the request itself for kinds that open a
# connection as a whole (vendor access has its own rule, SS-21-001). An object keyed by the rule's
# index, not a set: set members are hashed whole, and these carry the whole rule.
_validity_holders[i] := {"holder": pr.rule, "path": pr.path} if {
	some i, pr in lib.port_rules
}

_validity_holders["request"] := {"holder": input.request, "path": []} if {
	input.request.kind in {"NetworkAccessRequest", "DataExchangeRequest", "InternetExitRequest"}
}

# Named only when there is a finding (sprintf for every port would be wasted work).
_validity_subject(v) := {"zh": "本申请", "en": "this request"} if {
	v.path == []
} else := {"zh": sprintf("端口规则 %s", [_port_text(v.holder)]), "en": sprintf("port rule %s", [_port_text(v.holder)])}

# METADATA
# title: 开放须有截止日期
# custom:
#   id: SS-14-007
#   articles: [14]
#   severity: deny
#   message:
#     zh: "{subject}既没有截止日期（validUntil），也没有声明长期开放（permanent）。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十四条规定地址端口开放经核准备案，备案须明确开放期限"
#     en: "{subject} has neither an end date (validUntil) nor an explicit permanent flag; openings under art. 14 of the Shengsi County Interim Measures are approved and filed for a stated period"
#   hint:
#     zh: "填写 validUntil（开放的最后一天）；确需长期开放的，写 permanent：true 并每 {days} 天复核"
#     en: "set validUntil (the last open day); if it must stay open, write permanent true and recertify every {days} days"
deny contains lib.finding("SS-14-007", array.concat(v.path, ["validUntil"]), {"subject": _validity_subject(v), "days": data.config.permanentRecertificationDays}) if {
	some v in _validity_holders
	not v.holder.validUntil
	not v.holder.permanent == true
}

# METADATA
# title: 长期开放须定期复核
# custom:
#   id: SS-14-007
#   articles: [14]
#   severity: warn
#   message:
#     zh: "{subject}声明长期开放，须每 {days} 天复核一次。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十四条"
#     en: "{subject} is declared permanent and must be recertified every {days} days (art. 14 of the Shengsi County Interim Measures)"
#   hint:
#     zh: "能确定期限的改为 validUntil；否则按期提交复核"
#     en: "prefer a validUntil date; otherwise recertify on schedule"
warn contains lib.finding("SS-14-007", array.concat(v.path, ["permanent"]), {"subject": _validity_subject(v), "days": data.config.permanentRecertificationDays}) if {
	some v in _validity_holders
	not v.holder.validUntil
	v.holder.permanent == true
}
