// The GitHub issues the scheduled job keeps in step with the repository: one per open rectification
// notice (art. 25: a written notice with a deadline, tracked until closed; a comment once it is
// overdue, when SS-25-001 starts refusing the unit's new exposure requests) and one per system whose
// MLPS re-assessment is due (art. 15; 43号文 art. 14). Pure: the repository and a day in, issues out.
import type { Repository } from '../model/index.ts';
import { mlpsDue, noticeStatus } from './index.ts';

export interface DesiredComment {
  readonly key: string;
  readonly body: string;
}

export interface DesiredIssue {
  /** Stable identity, written into the body as a hidden marker. */
  readonly key: string;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
  /** false: the issue must be closed (the notice was closed in the repository). */
  readonly open: boolean;
  readonly comments: readonly DesiredComment[];
}

/** Every issue the scheduled job creates carries this label, so the job finds only its own. */
export const GOVERN_LABEL = 'govern';
export const NOTICE_LABEL = '整改通知';
export const MLPS_LABEL = '等保测评';

export function issueMarker(key: string): string {
  return `<!-- govern:issue ${key} -->`;
}

export function commentMarker(key: string): string {
  return `<!-- govern:comment ${key} -->`;
}

const articleText = (n: number): string => `第${n}条`;

export function desiredIssues(repo: Repository, asOf: string, withinDays: number): DesiredIssue[] {
  const unitName = (id: string): string => repo.units.find((u) => u.id === id)?.name ?? id;
  const out: DesiredIssue[] = [];
  for (const n of noticeStatus(repo, asOf)) {
    const notice = repo.rectification.find((x) => x.id === n.id)!;
    const key = `notice:${n.id}`;
    const body = [
      issueMarker(key),
      `**整改通知 ${n.id}**（《嵊泗县电子政务网络与信息系统安全管理暂行办法》第二十五条）`,
      '',
      `- 单位：${unitName(n.unit)}（\`${n.unit}\`）`,
      `- 问题：${n.subject}`,
      `- 依据：${notice.articles.map(articleText).join('、')}`,
      `- 下发日期：${notice.issued}`,
      `- 整改期限：**${n.deadline}**`,
      '',
      '整改完成后，由县大数据局在 `inventory/rectification.yaml` 中填写 `closed` 日期并合并；本议题随之关闭。',
      '逾期未整改的，该单位新的对外开放申请将被拒绝（SS-25-001）。',
    ].join('\n');
    const comments =
      n.status === 'overdue'
        ? [
            {
              key: `${key}:overdue`,
              body: `${commentMarker(`${key}:overdue`)}\n⚠️ 已超过整改期限 ${n.deadline} 仍未整改。依据第二十五条，${unitName(n.unit)} 新的对外开放申请将被拒绝（SS-25-001），直至整改完成。`,
            },
          ]
        : [];
    out.push({
      key,
      title: `【整改通知】${n.id} ${unitName(n.unit)}：${n.subject}`,
      body,
      labels: [GOVERN_LABEL, NOTICE_LABEL],
      open: n.status !== 'closed',
      comments,
    });
  }
  for (const d of mlpsDue(repo, asOf, withinDays)) {
    const key = `mlps:${d.system}`;
    const when =
      d.status === 'never-assessed'
        ? '从未进行等级测评'
        : d.status === 'overdue'
          ? `已于 ${d.due} 到期（上次测评 ${d.lastAssessment}）`
          : `将于 ${d.due} 到期（上次测评 ${d.lastAssessment}）`;
    out.push({
      key,
      title: `【等保测评到期】${d.name}（${unitName(d.unit)}，${d.level}级）`,
      body: [
        issueMarker(key),
        `**${d.name}** 的等级测评${when}。`,
        '',
        d.warnOnly
          ? `${d.level}级系统没有法定测评周期，按本县配置每 ${repo.config.mlpsCycleDays[String(d.level)]} 天测评一次（提醒）。`
          : `依据《信息安全等级保护管理办法》（公通字〔2007〕43号）第十四条，${d.level}级系统须按周期测评；逾期的系统不能新增对外开放（SS-15-003，第十五条）。`,
        '',
        `测评完成后，由 ${unitName(d.unit)} 在 \`inventory/systems.yaml\` 中更新 \`mlps.lastAssessment\` 与 \`mlps.conclusion\` 并提交拉取请求。`,
      ].join('\n'),
      labels: [GOVERN_LABEL, MLPS_LABEL],
      open: true,
      comments: [],
    });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
