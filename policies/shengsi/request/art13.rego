package shengsi.request

import data.shengsi.lib

# METADATA
# title: 接入终端须资产登记并安装防病毒软件
# custom:
#   id: SS-13-001
#   articles: [13]
#   severity: deny
#   message:
#     zh: "终端组“{group}”共 {count} 台，仅 {done} 台{what}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十三条规定，对接入的所有终端安装防病毒软件并进行资产登记"
#     en: "terminal group \"{group}\" has {count} terminals but only {done} {what}; art. 13 of the Shengsi County Interim Measures requires antivirus and asset registration on every connected terminal"
#   hint:
#     zh: "为全部终端完成资产登记、安装防病毒软件，更新 inventory/ 终端清单后再申请接入"
#     en: "register every terminal as an asset and install antivirus on all of them, update the terminal inventory, then apply"
deny contains lib.finding("SS-13-001", ["connection", "terminalGroups", t.index], {"group": t.id, "count": t.group.count, "done": done, "what": what}) if {
	some t in _terminal_groups
	some what, done in {
		{"zh": "资产登记", "en": "are registered assets"}: t.group.registeredAssets,
		{"zh": "安装防病毒软件", "en": "have antivirus"}: t.group.antivirus.installed,
	}
	done < t.group.count
}

_terminal_groups contains {"index": i, "id": id, "group": g} if {
	some i, id in input.request.connection.terminalGroups
	g := input.terminalGroups[id]
}

# METADATA
# title: 终端病毒库与补丁须及时更新
# custom:
#   id: SS-13-001
#   articles: [13]
#   severity: warn
#   message:
#     zh: "终端组“{group}”的{what}更新日期为 {date}，超过 {max_days} 天。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十三条要求定期杀毒、及时更新补丁"
#     en: "the {what} of terminal group \"{group}\" were last updated {date}, more than {max_days} days ago; art. 13 of the Shengsi County Interim Measures requires regular virus scans and timely patches"
#   hint:
#     zh: "更新病毒库与系统补丁，并在终端清单中记录更新日期"
#     en: "update the virus signatures and patches and record the dates in the terminal inventory"
warn contains lib.finding("SS-13-001", ["connection", "terminalGroups", t.index], {"group": t.id, "what": what, "date": date, "max_days": max}) if {
	some t in _terminal_groups
	max := data.config.antivirusMaxAgeDays
	some what, date in {
		{"zh": "病毒库", "en": "virus signatures"}: object.get(t.group.antivirus, "signaturesDate", _not_recorded),
		{"zh": "系统补丁", "en": "patches"}: object.get(t.group, "patchesDate", _not_recorded),
	}
	lib.stale_date(date, max)
}

_not_recorded := {"zh": "（未记录）", "en": "(not recorded)"}
