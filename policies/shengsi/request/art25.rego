package shengsi.request

import data.shengsi.lib

# METADATA
# title: 逾期未整改的单位不得新增对外暴露
# custom:
#   id: SS-25-001
#   articles: [25]
#   severity: deny
#   message:
#     zh: "单位“{unit}”的整改通知 {notice}（{subject}）已于 {deadline} 到期仍未整改完毕，暂停受理其新增开放类申请。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十五条规定，对未达到安全管理要求的单位书面通知其限期整改"
#     en: "rectification notice {notice} ({subject}) to unit \"{unit}\" was due {deadline} and is still open, so new exposure requests of the unit are on hold (art. 25 of the Shengsi County Interim Measures - written notice to rectify within a deadline)"
#   hint:
#     zh: "先完成整改并由县大数据局在整改通知中登记关闭日期（closed），再提交本申请"
#     en: "finish the rectification and have the bureau record its closing date (closed), then resubmit"
deny contains lib.finding("SS-25-001", ["unit"], {"unit": input.request.unit, "notice": n.id, "subject": n.subject, "deadline": n.deadline}) if {
	input.request.kind in lib.exposure_kinds
	some n in input.notices
	n.unit == input.request.unit
	not n.closed
	lib.before_today(n.deadline)
}
