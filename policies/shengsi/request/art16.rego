package shengsi.request

import data.shengsi.lib

# METADATA
# title: 系统日志须保存并异地备份
# custom:
#   id: SS-16-001
#   articles: [16]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”{problem}。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十六条要求对系统日志进行备份和分析；《网络安全法》第二十一条要求网络日志留存不少于六个月"
#     en: "information system \"{system}\" {problem}; art. 16 of the Shengsi County Interim Measures requires logs to be backed up and analysed, and Cybersecurity Law art. 21 keeps network logs at least six months"
#   hint:
#     zh: "将日志保存期设为不少于 {min} 天并备份到主机以外（如日志审计系统），在系统清单中填写 logging"
#     en: "keep logs at least {min} days and back them up off the host (e.g. a log audit system); record it under logging in the system inventory"
deny contains lib.finding("SS-16-001", path, {"system": id, "problem": problem, "min": data.config.logRetentionMinDays}) if {
	some id, path in lib.exposed_systems
	some problem in _logging_gaps(input.systems[id])
}

_logging_gaps(s) := {{"zh": "没有日志保存与备份记录", "en": "has no logging record"}} if {
	not s.logging
} else := {p |
	some p in [{"zh": sprintf("日志仅保存 %d 天，少于 %d 天", [s.logging.retentionDays, data.config.logRetentionMinDays]), "en": sprintf("keeps logs only %d days, fewer than %d", [s.logging.retentionDays, data.config.logRetentionMinDays])}]
	s.logging.retentionDays < data.config.logRetentionMinDays
} | {p |
	some p in [{"zh": "日志没有异地备份", "en": "has no off-host log backup"}]
	s.logging.offHostBackup != true
}

# METADATA
# title: 对外开放的主机不得有未修复的高危漏洞
# custom:
#   id: SS-16-002
#   articles: [16]
#   severity: deny
#   message:
#     zh: "信息系统“{system}”有 {high} 个高危、{critical} 个严重漏洞未修复，不能对外开放。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十六条要求及时升级系统版本或修复常用软件漏洞"
#     en: "information system \"{system}\" has {high} high and {critical} critical vulnerabilities open and cannot be exposed; art. 16 of the Shengsi County Interim Measures requires timely upgrades and vulnerability fixes"
#   hint:
#     zh: "修复漏洞并复扫，在系统清单中更新 vulnerabilities"
#     en: "fix the vulnerabilities, rescan and update vulnerabilities in the system inventory"
deny contains lib.finding("SS-16-002", path, {"system": id, "high": high, "critical": critical}) if {
	some id, path in lib.exposed_systems
	v := input.systems[id].vulnerabilities
	high := object.get(v, "openHigh", 0)
	critical := object.get(v, "openCritical", 0)
	high + critical > 0
}

# METADATA
# title: 对外开放的主机须定期漏洞扫描
# custom:
#   id: SS-16-002
#   articles: [16]
#   severity: warn
#   message:
#     zh: "信息系统“{system}”最近一次漏洞扫描为 {last}，超过 {max_days} 天。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第十六条要求定期进行部署环境安全检查"
#     en: "information system \"{system}\" was last scanned for vulnerabilities {last}, more than {max_days} days ago (art. 16 of the Shengsi County Interim Measures asks for regular security checks)"
#   hint:
#     zh: "进行漏洞扫描并更新 vulnerabilities.lastScan"
#     en: "run a vulnerability scan and update vulnerabilities.lastScan"
warn contains lib.finding("SS-16-002", path, {"system": id, "last": last, "max_days": max}) if {
	some id, path in lib.exposed_systems
	max := data.config.vulnScanMaxAgeDays
	last := _last_scan(input.systems[id])
	lib.stale_date(last, max)
}

_last_scan(s) := s.vulnerabilities.lastScan

_last_scan(s) := {"zh": "（无记录）", "en": "(never)"} if not s.vulnerabilities.lastScan
