# METADATA
# title: 嵊泗县策略公共函数
# description: |
#   Helpers shared by the request, state and approval policies: dates from input.today, port
#   ranges, address facts (input.cidrs, precomputed by src/policy/input.ts), the port rules and
#   target systems of a request, exposure, and the finding shape every rule yields.
#   No thresholds or lists live here: those are data.config (inventory/policy-config.yaml).
package shengsi.lib

# A finding: the rule id, the field of the request document it is about (an array path, e.g.
# ["ports", 0, "purpose"]) and the values its METADATA message template names. The message,
# hint, article and severity live once, in the rule's METADATA; src/policy renders them.
finding(id, path, params) := {"rule": id, "path": path, "params": params}

# ---- dates ---------------------------------------------------------------------------------------
# Calendar arithmetic in core Rego (days from the civil date, H. Hinnant's algorithm), so that the
# policies need no clock and no time built-ins: input.today is the evaluation day.

_year(d) := to_number(substring(d, 0, 4))

_month(d) := to_number(substring(d, 5, 2))

_day(d) := to_number(substring(d, 8, 2))

_march_based_year(d) := _year(d) - 1 if _month(d) <= 2

_march_based_year(d) := _year(d) if _month(d) > 2

# Days since 1970-01-01 of a YYYY-MM-DD date.
day_number(d) := n if {
	y := _march_based_year(d)
	era := floor(y / 400)
	yoe := y - (era * 400)
	mp := (_month(d) + 9) % 12
	doy := (floor(((153 * mp) + 2) / 5) + _day(d)) - 1
	doe := (((yoe * 365) + floor(yoe / 4)) - floor(yoe / 100)) + doy
	n := ((era * 146097) + doe) - 719468
}

_today_number := day_number(input.today)

# Whole days from date d to input.today (positive when d is in the past).
days_since(d) := _today_number - day_number(d)

# True when d lies more than max_days before input.today.
older_than_days(d, max_days) if days_since(d) > max_days

# True when d is before the day `months` calendar months before input.today.
older_than_months(d, months) if {
	cutoff := ((((_year(input.today) * 12) + _month(input.today)) - months) * 100) + _day(input.today)
	(((_year(d) * 12) + _month(d)) * 100) + _day(d) < cutoff
}

# A date that is not recorded (not a string) or older than max_days.
stale_date(date, _) if not is_string(date)

stale_date(date, max_days) if {
	is_string(date)
	older_than_days(date, max_days)
}

# YYYY-MM-DD strings order as dates do.
before_today(d) if d < input.today

# ---- ports ---------------------------------------------------------------------------------------

# A port spec as the model allows it (number, "from-to", "any") as an inclusive range.
port_range(p) := {"from": p, "to": p} if is_number(p)

port_range(p) := {"from": 1, "to": 65535} if p == "any"

port_range(p) := {"from": to_number(parts[0]), "to": to_number(parts[1])} if {
	is_string(p)
	p != "any"
	parts := split(p, "-")
}

port_width(p) := (r.to - r.from) + 1 if r := port_range(p)

# The rule (with its protocol) reaches the configured port entry {port, protocol}.
covers_port(rule, entry) if {
	r := port_range(rule.port)
	r.from <= entry.port
	entry.port <= r.to
	_protocol_matches(rule.protocol, entry.protocol)
}

_protocol_matches(rule_protocol, _) if rule_protocol == "any"

_protocol_matches(rule_protocol, entry_protocol) if rule_protocol == entry_protocol

# ---- addresses -----------------------------------------------------------------------------------
# input.cidrs maps each prefix text of the input to {family, length, first, last}; first and last
# are 32-digit hex strings of the address range, so containment is string comparison.

cidr_facts(c) := input.cidrs[c]

unrestricted_source(c) if input.cidrs[c].length == 0

# Prefix a contains prefix b.
cidr_covers(a, b) if {
	fa := input.cidrs[a]
	fb := input.cidrs[b]
	fa.family == fb.family
	fa.first <= fb.first
	fb.last <= fa.last
}

zone_type(id) := input.zones[id].type

internet_zone(id) if zone_type(id) == "internet"

extranet_zone_types := {"extranet-public", "extranet-dedicated", "extranet-internet-access", "cloud-extranet"}

extranet_zone(id) if zone_type(id) in extranet_zone_types

# ---- the request's port rules and target systems ---------------------------------------------------

# Every port rule of the request with its path and the system it opens, keyed by its index (a
# request has ports or security-group rules, never both). An object, not a set: set members are
# hashed whole, and these carry the whole rule.
port_rules[i] := {"path": ["ports", i], "rule": r, "system": r.destination.system} if {
	input.request.kind == "PortOpeningRequest"
	some i, r in input.request.ports
}

port_rules[i] := {"path": ["securityGroupRules", i], "rule": r, "system": input.request.system} if {
	input.request.kind == "CloudResourceRequest"
	some i, r in input.request.securityGroupRules
}

# A port rule reachable from the internet: its source is the internet zone, or it maps a public address.
internet_facing(rule) if internet_zone(rule.source.zone)

internet_facing(rule) if rule.publicAddress

# Systems the request exposes to other networks (art. 15: before serving, MLPS and onboarding
# done): the destination of each port opening, and a cloud system given security-group rules.
# Keyed by the port rule's index: an object, not a set (set members are hashed whole).
exposed_refs[i] := {"system": pr.system, "path": _exposure_path(pr)} if {
	some i, pr in port_rules
}

_exposure_path(pr) := array.concat(pr.path, ["destination", "system"]) if input.request.kind == "PortOpeningRequest"

_exposure_path(_) := ["system"] if input.request.kind == "CloudResourceRequest"

# Every reference the request makes to an information system, with the path of the reference:
# the values of an object (iterate with `some ref in system_refs`), keyed by the port rule's index
# or by the path as text (not a set: see exposed_refs). A cloud system may appear more than once.
system_refs[i] := ref if {
	some i, ref in exposed_refs
}

system_refs[sprintf("connection.systems.%d", [i])] := {"system": s, "path": ["connection", "systems", i]} if {
	input.request.kind == "NetworkAccessRequest"
	some i, s in input.request.connection.systems
}

system_refs.system := {"system": input.request.system, "path": ["system"]} if {
	input.request.kind == "CloudResourceRequest"
}

system_refs[sprintf("systems.%d", [i])] := {"system": s, "path": ["systems", i]} if {
	input.request.kind == "VendorAccessRequest"
	some i, s in input.request.systems
}

# Each exposed, known system once, at the first place it is referenced (one finding per system).
exposed_systems[id] := path if {
	some id in {pr.system | some pr in port_rules}
	input.systems[id]
	path := min({ref.path | some ref in exposed_refs; ref.system == id})
}

# The request exposes something to the internet (rules.md approvals; art. 9 exits are internet by nature).
internet_exposure if {
	some pr in port_rules
	internet_facing(pr.rule)
}

internet_exposure if input.request.kind == "InternetExitRequest"

# Kinds that add exposure (art. 25: blocked while a rectification notice is overdue). Offboarding
# only removes access, so it is never blocked.
exposure_kinds := {
	"PortOpeningRequest", "NetworkAccessRequest", "CloudResourceRequest", "InternetExitRequest",
	"DataExchangeRequest", "VendorAccessRequest",
}

# Kinds that change a network or system (art. 24: emergency measures and rollback plan).
change_kinds := exposure_kinds

# Accounts the request opens (inventory accounts naming this request), keyed by account id.
request_accounts[id] := a if {
	some id, a in input.accounts
	a.request == input.request.id
}

departed(person_id) if {
	p := input.people[person_id]
	p.leftDate <= input.today
}

# ---- MLPS status of a system (arts. 10, 15) -------------------------------------------------------
# One predicate per defect, shared by SS-15-00x (exposure) and SS-10-002 (connection).

mlps_missing_level(s) if not s.mlps.level

mlps_missing_filing(s) if {
	s.mlps.level >= 2
	not nonempty(object.get(s.mlps, "filingNumber", ""))
}

mlps_cycle_days(s) := data.config.mlpsCycleDays[sprintf("%d", [s.mlps.level])]

_warn_only_levels := {l | some l in data.config.mlpsCycleWarnOnly}

mlps_cycle_warn_only(s) if s.mlps.level in _warn_only_levels

# The last MLPS test is missing or older than the level's cycle (level 1 has no cycle).
mlps_test_overdue(s) if {
	mlps_cycle_days(s)
	not s.mlps.lastAssessment
}

mlps_test_overdue(s) if older_than_days(s.mlps.lastAssessment, mlps_cycle_days(s))

mlps_failed(s) if s.mlps.conclusion == "差"

mlps_open_high_risks(s) if s.mlps.openHighRiskFindings > 0

nonempty(x) if {
	is_string(x)
	trim_space(x) != ""
}

# Every defect that makes the MLPS status invalid (warn-only cycles do not), as localized texts.
mlps_problems(s) := (((_p_level(s) | _p_filing(s)) | _p_test(s)) | _p_failed(s)) | _p_risks(s)

_p_level(s) := {{"zh": "未确定等级保护级别", "en": "no MLPS level"}} if {
	mlps_missing_level(s)
} else := set()

_p_filing(s) := {{"zh": "没有备案证明编号", "en": "no MLPS filing number"}} if {
	mlps_missing_filing(s)
} else := set()

_p_test(s) := {{"zh": "等级测评已过期或未测评", "en": "the MLPS test is overdue or missing"}} if {
	mlps_test_overdue(s)
	not mlps_cycle_warn_only(s)
} else := set()

_p_failed(s) := {{"zh": "测评结论为“差”", "en": "the MLPS conclusion is 差 (fail)"}} if {
	mlps_failed(s)
} else := set()

_p_risks(s) := {{"zh": sprintf("有 %d 个高风险问题未整改", [s.mlps.openHighRiskFindings]), "en": sprintf("%d high-risk findings are open", [s.mlps.openHighRiskFindings])}} if {
	mlps_open_high_risks(s)
} else := set()

# ---- openings ------------------------------------------------------------------------------------

# Opening `outer` already allows everything opening `inner` allows: same enforcement layer (an
# exit-firewall rule and a cloud security-group rule for one flow are two controls, not a duplicate),
# destination address and source zone, a protocol and port range that include inner's, and every
# inner source prefix inside one of outer's (GB/T 22239 8.1.3.2 b: no redundant rules).
opening_covers(outer, inner) if {
	object.get(outer, "layer", "firewall") == object.get(inner, "layer", "firewall")
	outer.destination.address == inner.destination.address
	outer.source.zone == inner.source.zone
	_protocol_matches(outer.protocol, inner.protocol)
	o := port_range(outer.port)
	i := port_range(inner.port)
	o.from <= i.from
	i.to <= o.to
	every c in inner.source.cidrs {
		some oc in outer.source.cidrs
		cidr_covers(oc, c)
	}
}
