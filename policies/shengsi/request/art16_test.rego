package shengsi.request_test

import data.shengsi.fixtures as f
import data.shengsi.lib

test_deny_short_log_retention if {
	f.deny(f.with_system({"logging": {"retentionDays": 90}})) == {lib.finding("SS-16-001", _system_path, {"system": "health-appointment", "problem": {"zh": "日志仅保存 90 天，少于 180 天", "en": "keeps logs only 90 days, fewer than 180"}, "min": 180})}
}

test_deny_no_off_host_log_backup if {
	f.deny(f.with_system({"logging": {"offHostBackup": false}})) == {lib.finding("SS-16-001", _system_path, {"system": "health-appointment", "problem": {"zh": "日志没有异地备份", "en": "has no off-host log backup"}, "min": 180})}
}

test_deny_no_logging_record if {
	inp := object.union(object.remove(f.input_, ["systems"]), {"systems": {"health-appointment": object.remove(f.system, ["logging"])}})
	f.deny(inp) == {lib.finding("SS-16-001", _system_path, {"system": "health-appointment", "problem": {"zh": "没有日志保存与备份记录", "en": "has no logging record"}, "min": 180})}
}

test_deny_open_critical_vulnerabilities if {
	f.deny(f.with_system({"vulnerabilities": {"openCritical": 1}})) == {lib.finding("SS-16-002", _system_path, {"system": "health-appointment", "high": 0, "critical": 1})}
}

test_warn_old_vulnerability_scan if {
	inp := f.with_system({"vulnerabilities": {"lastScan": "2026-01-02"}})
	f.deny(inp) == set()
	f.warn(inp) == {lib.finding("SS-16-002", _system_path, {"system": "health-appointment", "last": "2026-01-02", "max_days": 90})}
}

test_allow_recent_scan_without_open_vulnerabilities if {
	f.warn(f.with_system({"vulnerabilities": {"lastScan": "2026-03-03"}})) == set()
}
