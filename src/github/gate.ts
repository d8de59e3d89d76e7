// The review gate as a pure function: pull-request facts + required approvals + GateConfig -> pass/fail
// with every missing approval explained (who, why, which article). No I/O: gate-remote.ts fetches the
// facts and sets the `govern/review-gate` status that branch protection requires.
//
// Rules (rules.md "Approvals the policies decide"; each has a test in tests/github/gate.test.ts):
//  1. each required approval comes from a member of the role's team (unit-security-officer: the
//     unit's officer's own login), `count` distinct people;
//  2. no approval counts from the PR author or from the people behind the head commit;
//  3. only approvals of the head commit count (an approval before the latest push does not);
//  4. only each reviewer's latest APPROVED / CHANGES_REQUESTED / DISMISSED review counts (COMMENTED
//     and PENDING do not change it), so a later change request cancels an approval;
//  5. DISMISSED reviews do not count;
//  6. a file added or changed under requests/<unit>/ must be filed by a member of that unit's team;
//     taking a request away needs the bureau reviewer instead (whoever proposes it);
//  7. a change to the repository's rules or code needs the bureau security team;
//  8. one person may satisfy several roles if they are in each team (the Measures name roles, not
//     separate people), but a count of 2 needs 2 distinct people;
//  9. fails closed: missing configuration, unknown role, unknown membership, missing check result,
//     a head commit linked to no account;
// 10. the check result must cover every request file the pull request adds or changes, and only the
//     approvals of those requests are asked (approvalsForChange).
// Denied requests are not this gate's business: the govern/check check run fails for them, and branch
// protection requires both (one rule, one place).
import type { Localized } from '../i18n/index.ts';
import { APPROVAL_ROLES, mergeApprovals, type ApprovalRole, type RequiredApproval } from '../model/approvals.ts';
import type { ChangedFile, GateFinding, GateInput, GateResult, IgnoredApproval, ReviewFact, SatisfiedApproval, TeamRole } from './types.ts';

/** Paths whose change alters the rules, the code or the pipeline itself (rule 7). */
export const PROTECTED_PATHS: readonly string[] = [
  '.ci/',
  '.github/',
  'audit/',
  'bin/',
  'inventory/',
  'package-lock.json',
  'package.json',
  'policies/',
  'schemas/',
  'scripts/',
  'src/',
  'stacks/',
];

export function isProtectedPath(path: string): boolean {
  return PROTECTED_PATHS.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}

const ROLE_NAMES: Readonly<Record<ApprovalRole, Localized>> = {
  'bureau-reviewer': { zh: '县大数据局审核人', en: 'bureau reviewer (县大数据局)' },
  'unit-security-officer': { zh: '申请单位网络信息安全管理岗', en: "requesting unit's security officer" },
  'bureau-security-lead': { zh: '县大数据局安全负责人', en: 'bureau security lead' },
  'leading-group-office-director': { zh: '领导小组办公室主任', en: 'leading group office director' },
  'bureau-security-team': { zh: '县大数据局安全组', en: 'bureau security team' },
};

/** The article a role's approval stands on when the check result gives no reason of its own. */
const ROLE_ARTICLES: Readonly<Partial<Record<ApprovalRole, number>>> = {
  'bureau-reviewer': 11,
  'unit-security-officer': 19,
  'bureau-security-lead': 14,
  'bureau-security-team': 11,
};

/** Rule 7's requirement, cited on the finding when it is missing. */
const SECURITY_TEAM_FOR_PROTECTED: RequiredApproval = {
  role: 'bureau-security-team',
  count: 1,
  why: {
    zh: '本次变更修改了策略、栈、清单、脚本、代码或流水线（第十一条：变更网络设备配置须经县大数据局审核）',
    en: 'the change touches policies, stacks, inventory, scripts, code or the pipeline (art. 11: network changes need the bureau\'s review)',
  },
};

/** Taking a request away changes the network too (art. 11): the bureau reviewer approves it. */
const REVIEWER_FOR_REMOVAL: RequiredApproval = {
  role: 'bureau-reviewer',
  count: 1,
  why: { zh: '撤销或移走申请同样变更网络（第十一条：经县大数据局审核同意后方可办理）', en: "withdrawing or moving a request changes the network too (art. 11: the bureau's review)" },
};

const REQUEST_FILE = /^requests\/([^/]+)\/[^/]+\.ya?ml$/;

export function roleName(role: ApprovalRole, unit?: string): Localized {
  const n = ROLE_NAMES[role];
  return unit ? { zh: `${unit} 的${n.zh}`, en: `${n.en} of ${unit}` } : n;
}

const lower = (s: string): string => s.toLowerCase();

/** Rule 4: each reviewer's latest state-changing review, in submission order. */
function latestReviews(reviews: readonly ReviewFact[]): Map<string, ReviewFact> {
  const ordered = [...reviews].sort(
    (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.id - b.id,
  );
  const latest = new Map<string, ReviewFact>();
  for (const r of ordered) {
    if (r.user === null) continue;
    if (r.state === 'APPROVED' || r.state === 'CHANGES_REQUESTED' || r.state === 'DISMISSED') latest.set(lower(r.user), r);
  }
  return latest;
}

/** Approvals that count (rules 2-5), and the approvals seen but not counted, with the reason. */
export function countedApprovers(input: Pick<GateInput, 'pr' | 'reviews'>): { approvers: string[]; ignored: IgnoredApproval[] } {
  const { pr, reviews } = input;
  const approvedOnce = new Set(reviews.filter((r) => r.state === 'APPROVED' && r.user).map((r) => lower(r.user!)));
  const pushers = new Set(pr.lastPushers.map(lower));
  const approvers: string[] = [];
  const ignored: IgnoredApproval[] = [];
  for (const [login, r] of latestReviews(reviews)) {
    if (r.state === 'CHANGES_REQUESTED') {
      if (approvedOnce.has(login)) ignored.push({ login, reason: { zh: '此后又提出了修改意见（CHANGES_REQUESTED）', en: 'requested changes afterwards' } });
    } else if (r.state === 'DISMISSED') {
      // GitHub turns the dismissed review itself into DISMISSED, so no APPROVED record is left to look for.
      ignored.push({ login, reason: { zh: '审查已被驳回（DISMISSED）', en: 'the review was dismissed' } });
    } else if (r.state !== 'APPROVED') {
      continue;
    } else if (lower(pr.author) === login) {
      ignored.push({ login, reason: { zh: '是拉取请求的作者，不能批准自己的变更', en: 'is the author of the pull request and cannot approve it' } });
    } else if (pushers.has(login)) {
      ignored.push({ login, reason: { zh: '提交或推送了最新的提交，不能批准自己的变更', en: 'committed or pushed the latest commit and cannot approve it' } });
    } else if (r.commitId !== pr.headSha) {
      ignored.push({
        login,
        reason: {
          zh: `批准的是旧提交 ${short(r.commitId)}，之后又有推送；请重新审查 ${short(pr.headSha)}`,
          en: `approved the older commit ${short(r.commitId)}, pushed over since; review ${short(pr.headSha)} again`,
        },
      });
    } else {
      approvers.push(login);
    }
  }
  approvers.sort();
  return { approvers, ignored };
}

function short(sha: string | null): string {
  return sha ? sha.slice(0, 7) : '(none)';
}

export function evaluateGate(input: GateInput): GateResult {
  const { pr, files, members, config } = input;
  const findings: GateFinding[] = [];
  const satisfied: SatisfiedApproval[] = [];
  const base = { headSha: pr.headSha, fromFork: pr.fromFork };
  if (!config) {
    findings.push({
      code: 'GATE-CONFIG',
      message: { zh: '缺少 GitHub 审批配置（组织、各角色团队、各单位团队与安全管理岗账号）', en: 'no GitHub approval configuration (organisation, team per role, unit teams and officer logins)' },
      hint: { zh: '在 inventory/github.yaml、inventory/units.yaml、inventory/people.yaml 中补全', en: 'complete inventory/github.yaml, inventory/units.yaml and inventory/people.yaml' },
    });
    return { ...base, pass: false, required: input.required ?? [], satisfied, findings, ignored: [] };
  }
  if (pr.lastPushers.length === 0) {
    findings.push({
      code: 'GATE-FACTS',
      message: { zh: `最新提交 ${short(pr.headSha)} 无法关联到 GitHub 账号，无法排除其作者的自我批准`, en: `the head commit ${short(pr.headSha)} is not linked to a GitHub account, so self-approval cannot be ruled out` },
      hint: { zh: '用已在 GitHub 登记邮箱的账号重新提交并推送', en: 'commit again with an e-mail address registered on a GitHub account and push' },
    });
  }

  // Rule 6 and the check result's coverage of the changed request files.
  const paths = files.flatMap((f) => (f.previousFilename ? [f.filename, f.previousFilename] : [f.filename]));
  const checked = input.checkedFiles ? new Set(input.checkedFiles) : undefined;
  // Filing is adding or changing a request; taking one away (removed, or renamed away) is a removal,
  // which the bureau reviewer approves whoever proposes it (the scheduled expiry pull request is a bot's).
  const units = new Set<string>();
  let removesRequest = false;
  for (const f of files) {
    const m = f.status === 'removed' ? null : REQUEST_FILE.exec(f.filename);
    if (m) units.add(m[1]!);
    if ((f.status === 'removed' && REQUEST_FILE.test(f.filename)) || (f.previousFilename && REQUEST_FILE.test(f.previousFilename))) removesRequest = true;
  }
  for (const unit of [...units].sort()) findings.push(...unitFiling(unit, pr.author, config, members));
  for (const f of files) {
    if (f.status === 'removed' || !REQUEST_FILE.test(f.filename)) continue;
    if (!checked) {
      findings.push({
        code: 'GATE-CHECK-MISSING',
        message: { zh: `变更了申请 ${f.filename}，但没有给出检查结果，无法知道需要哪些审批`, en: `the request ${f.filename} changed but no check result was given, so the required approvals are unknown` },
        hint: { zh: '先运行 govern check --format json > check.json，再以 --check check.json 运行审批门禁', en: 'run govern check --format json > check.json, then the gate with --check check.json' },
      });
      break;
    }
    if (!checked.has(f.filename)) {
      findings.push({
        code: 'GATE-CHECK-MISSING',
        message: { zh: `检查结果中没有申请 ${f.filename}（检查结果过期或不完整）`, en: `the check result does not cover the request ${f.filename} (stale or incomplete)` },
        hint: { zh: '对拉取请求的最新提交重新运行 govern check', en: 'run govern check again on the head commit of the pull request' },
      });
    }
  }

  // Rule 7: the bureau security team for changes to the rules, the code or the pipeline.
  const extra = paths.some((p) => isProtectedPath(p) || /^requests\/[^/]+$/.test(p)) ? [SECURITY_TEAM_FOR_PROTECTED] : [];
  const required = mergeApprovals([input.required ?? [], extra, removesRequest ? [REVIEWER_FOR_REMOVAL] : []]);

  const { approvers, ignored } = countedApprovers(input);
  for (const req of required) {
    const eligible = eligibleFor(req, config, members);
    if ('finding' in eligible) {
      findings.push(eligible.finding);
      continue;
    }
    const by = approvers.filter((a) => eligible.logins.has(a));
    if (by.length >= req.count) {
      satisfied.push({ role: req.role, ...(req.unit ? { unit: req.unit } : {}), by });
      continue;
    }
    const name = roleName(req.role, req.unit);
    const who = eligible.who;
    const have = by.length ? by.join(', ') : '—';
    const why = req.why ?? (req.role === 'bureau-security-team' ? SECURITY_TEAM_FOR_PROTECTED.why : undefined);
    const article = articleOf(req);
    findings.push({
      code: 'GATE-APPROVAL-MISSING',
      ...(article !== undefined ? { article } : {}),
      message: {
        zh: `还需要 ${req.count - by.length} 位${name.zh}（${who.zh}）批准最新提交（需 ${req.count} 位，已计入：${have}）${why ? `；原因：${why.zh}` : ''}`,
        en: `needs ${req.count - by.length} more approval(s) of the head commit from the ${name.en} (${who.en}) (${req.count} needed, counted: ${have})${why ? `; why: ${why.en}` : ''}`,
      },
      hint: {
        zh: `请 ${who.zh} 的成员在 GitHub 上审查并批准提交 ${short(pr.headSha)}`,
        en: `ask a member of ${who.en} to review and approve commit ${short(pr.headSha)} in GitHub`,
      },
    });
  }
  return { ...base, pass: findings.length === 0, required, satisfied, findings, ignored };
}

function articleOf(req: RequiredApproval): number | undefined {
  const cited = req.why ? /第([一二三四五六七八九十百零\d]+)条/.exec(req.why.zh) : null;
  if (cited) return chineseNumber(cited[1]!);
  return ROLE_ARTICLES[req.role];
}

/** 第十一条 -> 11, 第二十一条 -> 21, 第9条 -> 9. */
export function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const digits: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in digits) current = digits[ch]!;
    else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else return undefined;
  }
  return total + current;
}

type Eligible = { logins: ReadonlySet<string>; who: Localized } | { finding: GateFinding };

function eligibleFor(req: RequiredApproval, config: NonNullable<GateInput['config']>, members: GateInput['members']): Eligible {
  if (!APPROVAL_ROLES.includes(req.role) || !Number.isInteger(req.count) || req.count < 1) {
    return {
      finding: {
        code: 'GATE-CONFIG',
        message: { zh: `检查结果中的审批要求无法识别：角色 ${String(req.role)}，人数 ${String(req.count)}`, en: `unrecognised approval requirement in the check result: role ${String(req.role)}, count ${String(req.count)}` },
        hint: { zh: `角色只能是 ${APPROVAL_ROLES.join('、')}，人数为正整数；请用同一版本的 govern 重新运行检查`, en: `roles are ${APPROVAL_ROLES.join(', ')} and counts positive integers; run the check again with the same govern version` },
      },
    };
  }
  if (req.role === 'unit-security-officer') {
    const unit = req.unit ? config.units[req.unit] : undefined;
    if (!req.unit || !unit?.securityOfficer) {
      return {
        finding: {
          code: 'GATE-CONFIG',
          article: 19,
          message: {
            zh: `不知道单位 ${req.unit ?? '(未指明)'} 的网络信息安全管理岗的 GitHub 账号`,
            en: `the GitHub login of the security officer of unit ${req.unit ?? '(none given)'} is unknown`,
          },
          hint: { zh: '在 inventory/units.yaml 中填写 securityOfficer，并在 inventory/people.yaml 中填写此人的 github', en: 'set securityOfficer in inventory/units.yaml and that person\'s github in inventory/people.yaml' },
        },
      };
    }
    return { logins: new Set([lower(unit.securityOfficer)]), who: { zh: `@${unit.securityOfficer}`, en: `@${unit.securityOfficer}` } };
  }
  const slug = config.teams[req.role as TeamRole];
  if (!slug) {
    return {
      finding: {
        code: 'GATE-CONFIG',
        message: { zh: `没有为角色 ${req.role} 配置 GitHub 团队`, en: `no GitHub team is configured for the role ${req.role}` },
        hint: { zh: '在 inventory/github.yaml 的 teams 中补全', en: 'complete teams in inventory/github.yaml' },
      },
    };
  }
  const team = members.get(slug);
  if (!team) return { finding: membershipUnknown(config.org, slug) };
  return { logins: new Set([...team].map(lower)), who: { zh: `@${config.org}/${slug}`, en: `@${config.org}/${slug}` } };
}

function membershipUnknown(org: string, slug: string): GateFinding {
  return {
    code: 'GATE-FACTS',
    message: { zh: `无法确认团队 @${org}/${slug} 的成员`, en: `the members of team @${org}/${slug} could not be established` },
    hint: { zh: '确认团队存在且令牌有 members:read 权限', en: 'check that the team exists and the token may read members (members:read)' },
  };
}

/** Rule 6: a unit's request files are filed by that unit. */
function unitFiling(unit: string, author: string, config: NonNullable<GateInput['config']>, members: GateInput['members']): GateFinding[] {
  const u = config.units[unit];
  if (!u) {
    return [
      {
        code: 'GATE-UNIT-FILING',
        article: 11,
        message: { zh: `requests/${unit}/ 不是清单中任何单位的目录`, en: `requests/${unit}/ is not the folder of any unit in the inventory` },
        hint: { zh: '把申请放到本单位的目录下，或先在 inventory/units.yaml 中登记该单位及其 githubTeam', en: 'file the request in your own unit\'s folder, or register the unit and its githubTeam in inventory/units.yaml first' },
      },
    ];
  }
  const team = members.get(u.team);
  if (!team) return [membershipUnknown(config.org, u.team)];
  if ([...team].some((m) => lower(m) === lower(author))) return [];
  return [
    {
      code: 'GATE-UNIT-FILING',
      article: 11,
      message: {
        zh: `@${author} 不是 ${unit} 的成员（团队 @${config.org}/${u.team}），不能代其提交 requests/${unit}/ 下的申请`,
        en: `@${author} is not a member of ${unit} (team @${config.org}/${u.team}) and cannot file requests in requests/${unit}/`,
      },
      hint: { zh: '由该单位的成员提出申请（第十一条：由业务需求单位提出申请）', en: 'the unit itself files the request (art. 11: the unit that needs the change applies)' },
    },
  ];
}

/**
 * What the check result asks of this pull request: the approvals of the requests whose files it
 * changes (the check covers every request in the repository, most of them untouched here), and the
 * request files the check decided on (to prove it covers the change).
 */
export function approvalsForChange(
  check: { readonly requests: readonly { readonly file: string; readonly approvals: readonly RequiredApproval[] }[] },
  files: readonly ChangedFile[],
): { required: RequiredApproval[]; checkedFiles: string[] } {
  const changed = new Set(files.filter((f) => f.status !== 'removed').map((f) => f.filename));
  return {
    required: mergeApprovals(check.requests.filter((r) => changed.has(r.file)).map((r) => r.approvals)),
    checkedFiles: check.requests.map((r) => r.file),
  };
}

/** The logins whose membership the gate needs to know, per team slug (for gate-remote to resolve). */
export function membershipQuestions(input: Omit<GateInput, 'members'>): Map<string, Set<string>> {
  const q = new Map<string, Set<string>>();
  const config = input.config;
  if (!config) return q;
  const ask = (slug: string, login: string): void => {
    if (!q.has(slug)) q.set(slug, new Set());
    q.get(slug)!.add(login);
  };
  const { approvers } = countedApprovers(input);
  for (const slug of Object.values(config.teams)) {
    if (!q.has(slug)) q.set(slug, new Set());
    for (const a of approvers) ask(slug, a);
  }
  for (const f of input.files) {
    const m = f.status === 'removed' ? null : REQUEST_FILE.exec(f.filename);
    const u = m ? config.units[m[1]!] : undefined;
    if (u) ask(u.team, input.pr.author);
  }
  return q;
}

/** `<CODE> PR #N: <what is wrong>; <how to fix>` (style.md), with the article when one applies. */
export function formatFinding(f: GateFinding, pr: number, lang: 'zh' | 'en'): string {
  const article = f.article ? (lang === 'zh' ? `（第${f.article}条）` : ` (art. ${f.article})`) : '';
  const hint = f.hint ? (lang === 'zh' ? '；' : '; ') + f.hint[lang] : '';
  return `${f.code} PR #${pr}: ${f.message[lang]}${article}${hint}`;
}

/** The gate's answer for people: every finding, the approvals that did not count and why. */
export function gateReport(r: GateResult, pr: number, lang: 'zh' | 'en'): string[] {
  const lines: string[] = [];
  if (r.pass) {
    lines.push(lang === 'zh' ? `审批门禁通过：拉取请求 #${pr} 的提交 ${r.headSha.slice(0, 7)} 已获全部所需批准。` : `review gate passed: commit ${r.headSha.slice(0, 7)} of pull request #${pr} has every required approval.`);
  } else {
    lines.push(lang === 'zh' ? `审批门禁未通过（${r.findings.length} 项）：` : `review gate failed (${r.findings.length}):`);
    for (const f of r.findings) lines.push(formatFinding(f, pr, lang));
  }
  for (const s of r.satisfied) {
    const name = roleName(s.role, s.unit)[lang];
    lines.push(lang === 'zh' ? `  ✓ ${name}：${s.by.map((b) => '@' + b).join('、')}` : `  ✓ ${name}: ${s.by.map((b) => '@' + b).join(', ')}`);
  }
  for (const i of r.ignored) lines.push(lang === 'zh' ? `  ✗ @${i.login} 的批准不计：${i.reason.zh}` : `  ✗ @${i.login}'s approval does not count: ${i.reason.en}`);
  if (r.fromFork) {
    lines.push(
      lang === 'zh'
        ? '  注：来自复刻仓库的拉取请求按相同规则核验；状态由受信任的工作流设置。'
        : '  note: a pull request from a fork is checked by the same rules; the status is set by the trusted workflow.',
    );
  }
  return lines;
}
