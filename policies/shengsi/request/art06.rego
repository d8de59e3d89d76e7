package shengsi.request

import data.shengsi.lib

# Art. 6 names the two classifications that must never be on the extranet.
_secret_classifications := {"state-secret", "work-secret"}

_classification_name := {
	"state-secret": {"zh": "国家秘密", "en": "state secret"},
	"work-secret": {"zh": "工作秘密", "en": "work secret"},
}

# METADATA
# title: 政务外网不得传输、处理、储存涉密信息
# custom:
#   id: SS-06-001
#   articles: [6]
#   severity: deny
#   message:
#     zh: "{subject}的数据分级为“{classification}”。《嵊泗县电子政务网络与信息系统安全管理暂行办法》第六条规定，不得在政务信息系统上传输、处理、储存涉及国家秘密、工作秘密的信息"
#     en: "{subject} is classified as {classification}; art. 6 of the Shengsi County Interim Measures forbids transmitting, processing or storing state or work secrets on e-government systems"
#   hint:
#     zh: "涉密信息只能在涉密网络中处理，撤回本申请；若分级有误，按实际内容更正 dataClassification"
#     en: "secrets belong on a classified network only; withdraw the request, or correct dataClassification if it was wrong"
deny contains lib.finding("SS-06-001", ["dataClassification"], {"subject": {"zh": "本申请", "en": "this request"}, "classification": _classification_name[c]}) if {
	c := input.request.dataClassification
	c in _secret_classifications
}

deny contains lib.finding("SS-06-001", ref.path, {"subject": {"zh": sprintf("信息系统“%s”", [ref.system]), "en": sprintf("information system \"%s\"", [ref.system])}, "classification": _classification_name[c]}) if {
	some ref in lib.system_refs
	c := input.systems[ref.system].dataClassification
	c in _secret_classifications
}
