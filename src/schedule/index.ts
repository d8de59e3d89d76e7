// Scheduled jobs that keep the repository true (architecture.md, step 5): openings that expire,
// MLPS re-assessments falling due (43号文 art. 14), rectification notices past their deadline
// (art. 25), and the periodic report (art. 26). Pure functions of the loaded repository and a day.
import type { Lang } from '../i18n/index.ts';
import type { LoadedRequest, Repository, SystemT } from '../model/index.ts';

/** Days between two YYYY-MM-DD dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z')) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(day + 'T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10);
}

export interface TimedItem {
  /** Path of the item inside its request document, e.g. "ports.2". */
  readonly path: string;
  readonly validUntil: string;
}

export interface Expiry {
  readonly request: string;
  readonly unit: string;
  readonly file: string;
  readonly path: string;
  readonly what: string;
  readonly validUntil: string;
  /** expired: past its last day; expiring: its last day is within the window. */
  readonly status: 'expired' | 'expiring';
  readonly daysLeft: number;
}

/** Every time-limited item of a request: port rules, security-group rules, and whole-request validity. */
export function timedItems(r: LoadedRequest): { path: string; validUntil: string; what: string }[] {
  const d = r.doc;
  const out: { path: string; validUntil: string; what: string }[] = [];
  if (d.kind === 'PortOpeningRequest') {
    d.ports.forEach((p, i) => {
      if (p.validUntil)
        out.push({ path: `ports.${i}`, validUntil: p.validUntil, what: `${p.protocol}/${p.port} → ${p.destination.system}` });
    });
  } else if (d.kind === 'CloudResourceRequest') {
    d.securityGroupRules.forEach((p, i) => {
      if (p.validUntil)
        out.push({ path: `securityGroupRules.${i}`, validUntil: p.validUntil, what: `${p.protocol}/${p.port} → ${d.system}` });
    });
  } else if ('validUntil' in d && d.validUntil) {
    out.push({ path: '', validUntil: d.validUntil, what: d.title });
  }
  return out;
}

/** Openings past their end date (still in the repository) or ending within `withinDays` of `asOf`. */
export function expiries(repo: Repository, asOf: string, withinDays: number): Expiry[] {
  const out: Expiry[] = [];
  for (const r of repo.requests) {
    for (const t of timedItems(r)) {
      const daysLeft = daysBetween(asOf, t.validUntil);
      if (daysLeft < 0 || daysLeft <= withinDays) {
        out.push({
          request: r.doc.id,
          unit: r.doc.unit,
          file: r.file,
          path: t.path,
          what: t.what,
          validUntil: t.validUntil,
          status: daysLeft < 0 ? 'expired' : 'expiring',
          daysLeft,
        });
      }
    }
  }
  return out.sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.request.localeCompare(b.request) || a.path.localeCompare(b.path));
}

export interface MlpsDue {
  readonly system: string;
  readonly name: string;
  readonly unit: string;
  readonly level: number;
  readonly lastAssessment?: string;
  /** The day the next assessment is due; absent when the system was never assessed. */
  readonly due?: string;
  readonly status: 'overdue' | 'due-soon' | 'never-assessed';
  /** Level with no legal cycle (level 2): reminder only. */
  readonly warnOnly: boolean;
}

/** Systems whose MLPS re-assessment is overdue or due within `withinDays` (cycle per level from config). */
export function mlpsDue(repo: Repository, asOf: string, withinDays: number): MlpsDue[] {
  const out: MlpsDue[] = [];
  for (const s of repo.systems) {
    const level = s.mlps.level;
    if (level === undefined) continue;
    const cycle = repo.config.mlpsCycleDays[String(level)];
    if (cycle === undefined) continue;
    const warnOnly = repo.config.mlpsCycleWarnOnly.includes(level);
    const base = { system: s.id, name: s.name, unit: s.unit, level, warnOnly };
    if (!s.mlps.lastAssessment) {
      out.push({ ...base, status: 'never-assessed' });
      continue;
    }
    const due = addDays(s.mlps.lastAssessment, cycle);
    const left = daysBetween(asOf, due);
    if (left < 0) out.push({ ...base, lastAssessment: s.mlps.lastAssessment, due, status: 'overdue' });
    else if (left <= withinDays) out.push({ ...base, lastAssessment: s.mlps.lastAssessment, due, status: 'due-soon' });
  }
  return out.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? '') || a.system.localeCompare(b.system));
}

export interface NoticeStatus {
  readonly id: string;
  readonly unit: string;
  readonly subject: string;
  readonly deadline: string;
  readonly status: 'overdue' | 'open' | 'closed';
  readonly issue?: number;
}

/** Rectification notices (art. 25) with their status on `asOf`. */
export function noticeStatus(repo: Repository, asOf: string): NoticeStatus[] {
  return repo.rectification
    .map((n) => ({
      id: n.id,
      unit: n.unit,
      subject: n.subject,
      deadline: n.deadline,
      issue: n.issue,
      status: (n.closed ? 'closed' : n.deadline < asOf ? 'overdue' : 'open') as NoticeStatus['status'],
    }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}

export interface Exposure {
  readonly unit: string;
  readonly system: string;
  readonly request: string;
  readonly port: string;
  readonly protocol: string;
  readonly sourceZone: string;
  readonly sources: readonly string[];
  readonly validUntil?: string;
  readonly permanent: boolean;
}

/** Every opening in force on `asOf`, as the periodic report lists it. */
export function exposures(repo: Repository, asOf: string): Exposure[] {
  const out: Exposure[] = [];
  for (const r of repo.requests) {
    const d = r.doc;
    if (d.kind !== 'PortOpeningRequest') continue;
    for (const p of d.ports) {
      if (p.validFrom && p.validFrom > asOf) continue;
      if (p.validUntil && p.validUntil < asOf) continue;
      out.push({
        unit: d.unit,
        system: p.destination.system,
        request: d.id,
        port: String(p.port),
        protocol: p.protocol,
        sourceZone: p.source.zone,
        sources: p.source.cidrs,
        validUntil: p.validUntil,
        permanent: p.permanent === true,
      });
    }
  }
  return out.sort((a, b) => a.unit.localeCompare(b.unit) || a.system.localeCompare(b.system) || a.request.localeCompare(b.request));
}

export interface ReportInput {
  readonly repo: Repository;
  readonly asOf: string;
  readonly withinDays: number;
  /** Findings of `govern check`, when available: rule id -> count. */
  readonly violations?: ReadonlyMap<string, number>;
}

const zh = {
  title: '嵊泗县电子政务网络安全定期通报',
  basis: '依据《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十六条（定期通报）、第二十五条（限期整改）。',
  exposure: '对外开放情况（第十四条）',
  internet: '对互联网开放',
  extranet: '对政务外网开放',
  expiries: '到期与即将到期的开放（第十四条）',
  mlps: '等级测评到期（第十五条；公通字〔2007〕43号第十四条）',
  notices: '整改通知（第二十五条）',
  violations: '策略检查发现（按规则）',
  none: '无',
};
const en = {
  title: 'Shengsi County e-government network security periodic report',
  basis: 'Under the Measures art. 26 (periodic notification) and art. 25 (rectification with a deadline).',
  exposure: 'Exposure (art. 14)',
  internet: 'open to the internet',
  extranet: 'open to the extranet',
  expiries: 'Expired and expiring openings (art. 14)',
  mlps: 'MLPS re-assessments due (art. 15; 43号文 art. 14)',
  notices: 'Rectification notices (art. 25)',
  violations: 'Policy findings (by rule)',
  none: 'none',
};

const mlpsStatusText: Record<MlpsDue['status'], { zh: string; en: string }> = {
  overdue: { zh: '已逾期', en: 'overdue' },
  'due-soon': { zh: '即将到期', en: 'due soon' },
  'never-assessed': { zh: '从未测评', en: 'never assessed' },
};
const noticeStatusText: Record<NoticeStatus['status'], { zh: string; en: string }> = {
  overdue: { zh: '逾期未整改', en: 'overdue' },
  open: { zh: '整改中', en: 'open' },
  closed: { zh: '已整改', en: 'closed' },
};

function unitName(repo: Repository, id: string): string {
  return repo.units.find((u) => u.id === id)?.name ?? id;
}

function systemName(repo: Repository, id: string): string {
  return repo.systems.find((s: SystemT) => s.id === id)?.name ?? id;
}

/** The periodic report (art. 26) as Chinese (or English) markdown. */
export function renderReport(input: ReportInput, lang: Lang): string {
  const t = lang === 'zh' ? zh : en;
  const { repo, asOf } = input;
  const heading = lang === 'zh' ? `# ${t.title}（${asOf}）` : `# ${t.title} (${asOf})`;
  const lines: string[] = [heading, '', t.basis, ''];
  const exp = exposures(repo, asOf);
  const internet = exp.filter((e) => e.sourceZone === 'internet');
  lines.push(`## ${t.exposure}`, '');
  lines.push(`- ${t.internet}: ${internet.length}`, `- ${t.extranet}: ${exp.length - internet.length}`, '');
  if (exp.length > 0) {
    lines.push(lang === 'zh' ? '| 单位 | 系统 | 端口 | 来源 | 截止 | 申请 |' : '| unit | system | port | source | until | request |', '|---|---|---|---|---|---|');
    for (const e of exp) {
      const until = e.permanent ? (lang === 'zh' ? '长期' : 'permanent') : (e.validUntil ?? '');
      lines.push(
        `| ${unitName(repo, e.unit)} | ${systemName(repo, e.system)} | ${e.protocol}/${e.port} | ${e.sourceZone} ${e.sources.join(', ')} | ${until} | ${e.request} |`,
      );
    }
    lines.push('');
  }
  const ex = expiries(repo, asOf, input.withinDays);
  lines.push(`## ${t.expiries}`, '');
  if (ex.length === 0) lines.push(t.none, '');
  for (const e of ex) {
    const status =
      e.status === 'expired'
        ? lang === 'zh'
          ? `已于 ${e.validUntil} 到期，须删除`
          : `expired on ${e.validUntil}, must be removed`
        : lang === 'zh'
          ? `${e.validUntil} 到期（剩 ${e.daysLeft} 天）`
          : `ends ${e.validUntil} (${e.daysLeft} days left)`;
    lines.push(`- ${e.request} ${unitName(repo, e.unit)} ${e.what}: ${status}`);
  }
  if (ex.length > 0) lines.push('');
  const due = mlpsDue(repo, asOf, input.withinDays);
  lines.push(`## ${t.mlps}`, '');
  if (due.length === 0) lines.push(t.none, '');
  for (const d of due) {
    lines.push(
      `- ${d.name}（${unitName(repo, d.unit)}，${lang === 'zh' ? '等级' : 'level '}${d.level}）: ${mlpsStatusText[d.status][lang]}${d.due ? ` ${d.due}` : ''}${d.warnOnly ? (lang === 'zh' ? '（提醒）' : ' (reminder)') : ''}`,
    );
  }
  if (due.length > 0) lines.push('');
  const notices = noticeStatus(repo, asOf).filter((n) => n.status !== 'closed');
  lines.push(`## ${t.notices}`, '');
  if (notices.length === 0) lines.push(t.none, '');
  for (const n of notices) {
    lines.push(`- ${n.id} ${unitName(repo, n.unit)}：${n.subject}（${lang === 'zh' ? '期限' : 'deadline'} ${n.deadline}，${noticeStatusText[n.status][lang]}）`);
  }
  if (notices.length > 0) lines.push('');
  if (input.violations) {
    lines.push(`## ${t.violations}`, '');
    if (input.violations.size === 0) lines.push(t.none, '');
    for (const [rule, count] of [...input.violations].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`- ${rule}: ${count}`);
    if (input.violations.size > 0) lines.push('');
  }
  return lines.join('\n');
}
