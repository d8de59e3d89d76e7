package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

_terminals := {
	"id": "health-office-pcs",
	"unit": "health",
	"zone": "extranet-public",
	"count": 40,
	"registeredAssets": 40,
	"antivirus": {"installed": 40, "signaturesDate": "2026-05-28"},
	"patchesDate": "2026-05-15",
	"unifiedManagement": true,
}

_terminal_input(changes) := object.union(f.with_document(object.union(access_request, {"connection": {"systems": [], "terminalGroups": ["health-office-pcs"]}})), {"terminalGroups": {"health-office-pcs": object.union(_terminals, changes)}})

test_allow_registered_protected_terminals if {
	f.deny(_terminal_input({})) == set()
	f.warn(_terminal_input({})) == set()
}

test_deny_unregistered_terminals if {
	f.deny(_terminal_input({"registeredAssets": 35})) == {lib.finding("SS-13-001", ["connection", "terminalGroups", 0], {"group": "health-office-pcs", "count": 40, "done": 35, "what": {"zh": "资产登记", "en": "are registered assets"}})}
}

test_deny_terminals_without_antivirus if {
	f.deny(_terminal_input({"antivirus": {"installed": 39}})) == {lib.finding("SS-13-001", ["connection", "terminalGroups", 0], {"group": "health-office-pcs", "count": 40, "done": 39, "what": {"zh": "安装防病毒软件", "en": "have antivirus"}})}
}

test_warn_old_signatures if {
	f.warn(_terminal_input({"antivirus": {"signaturesDate": "2026-04-01"}})) == {lib.finding("SS-13-001", ["connection", "terminalGroups", 0], {"group": "health-office-pcs", "what": {"zh": "病毒库", "en": "virus signatures"}, "date": "2026-04-01", "max_days": 30})}
}

test_warn_unrecorded_patches if {
	inp := object.union(object.remove(_terminal_input({}), ["terminalGroups"]), {"terminalGroups": {"health-office-pcs": object.remove(_terminals, ["patchesDate"])}})
	f.warn(inp) == {lib.finding("SS-13-001", ["connection", "terminalGroups", 0], {"group": "health-office-pcs", "what": {"zh": "系统补丁", "en": "patches"}, "date": {"zh": "（未记录）", "en": "(not recorded)"}, "max_days": 30})}
}
