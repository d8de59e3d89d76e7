// Keeping GitHub issues in step with what the repository says should be open (rectification
// notices, MLPS re-assessments: src/schedule/issues.ts). Plan and apply share one code path, as in
// github/safe-settings: planIssueSync describes the calls; syncIssues makes them unless dry-run.
// Only issues carrying the govern label and a `govern:issue` marker are ever touched.
import type { DesiredIssue } from '../schedule/issues.ts';
import { commentMarker, GOVERN_LABEL } from '../schedule/issues.ts';
import type { GitHubClient } from './client.ts';
import type { RepoRef } from './inputs.ts';

export interface ExistingIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly state: 'open' | 'closed';
  readonly labels: readonly string[];
  /** Keys of the govern comments already on the issue (filled only for issues that may need one). */
  readonly commentKeys: ReadonlySet<string>;
}

export type IssueAction =
  | { readonly kind: 'create'; readonly key: string; readonly title: string; readonly body: string; readonly labels: readonly string[] }
  | { readonly kind: 'update'; readonly key: string; readonly number: number; readonly title: string; readonly body: string; readonly labels: readonly string[] }
  | { readonly kind: 'comment'; readonly key: string; readonly number: number; readonly body: string }
  | { readonly kind: 'close'; readonly key: string; readonly number: number; readonly body: string }
  | { readonly kind: 'reopen'; readonly key: string; readonly number: number };

/** The key an issue body declares, or undefined for issues govern does not own. */
export function keyOf(body: string | null | undefined): string | undefined {
  return /<!-- govern:issue (\S+) -->/.exec(body ?? '')?.[1];
}

export function commentKeyOf(body: string | null | undefined): string | undefined {
  return /<!-- govern:comment (\S+) -->/.exec(body ?? '')?.[1];
}

/** The calls that bring GitHub in step with `desired`. Pure. */
export function planIssueSync(existing: readonly ExistingIssue[], desired: readonly DesiredIssue[]): IssueAction[] {
  const byKey = new Map<string, ExistingIssue>();
  for (const e of existing) {
    const k = keyOf(e.body);
    // the oldest issue of a key is the one kept; duplicates made by hand are left alone
    if (k && (!byKey.has(k) || e.number < byKey.get(k)!.number)) byKey.set(k, e);
  }
  const actions: IssueAction[] = [];
  for (const d of desired) {
    const e = byKey.get(d.key);
    if (!e) {
      if (d.open) actions.push({ kind: 'create', key: d.key, title: d.title, body: d.body, labels: d.labels });
      if (d.open) for (const c of d.comments) actions.push({ kind: 'comment', key: c.key, number: 0, body: c.body });
      continue;
    }
    if (!d.open) {
      if (e.state === 'open') {
        actions.push({ kind: 'close', key: d.key, number: e.number, body: `${commentMarker(`${d.key}:closed`)}\n✅ 仓库已登记整改完成，关闭本议题。` });
      }
      continue;
    }
    if (e.state === 'closed') actions.push({ kind: 'reopen', key: d.key, number: e.number });
    const labels = [...new Set([...e.labels, ...d.labels])].sort();
    if (e.title !== d.title || e.body !== d.body || labels.length !== e.labels.length) {
      actions.push({ kind: 'update', key: d.key, number: e.number, title: d.title, body: d.body, labels });
    }
    for (const c of d.comments) if (!e.commentKeys.has(c.key)) actions.push({ kind: 'comment', key: c.key, number: e.number, body: c.body });
  }
  return actions;
}

/** Reads govern's issues (open and closed) and the keys of their govern comments. */
export async function readIssues(client: GitHubClient, ref: RepoRef, needComments: ReadonlySet<string>): Promise<ExistingIssue[]> {
  const raw = await client.paginate(client.issues.listForRepo, { ...ref, state: 'all', labels: GOVERN_LABEL, per_page: 100 });
  const out: ExistingIssue[] = [];
  for (const i of raw) {
    if (i.pull_request) continue;
    const key = keyOf(i.body);
    if (!key) continue;
    const commentKeys = new Set<string>();
    if (needComments.has(key)) {
      const comments = await client.paginate(client.issues.listComments, { ...ref, issue_number: i.number, per_page: 100 });
      for (const c of comments) {
        const k = commentKeyOf(c.body);
        if (k) commentKeys.add(k);
      }
    }
    out.push({
      number: i.number,
      title: i.title,
      body: i.body ?? '',
      state: i.state === 'closed' ? 'closed' : 'open',
      labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
      commentKeys,
    });
  }
  return out;
}

/** Brings the issues in step; with dryRun only returns the plan. */
export async function syncIssues(client: GitHubClient, ref: RepoRef, desired: readonly DesiredIssue[], dryRun: boolean): Promise<IssueAction[]> {
  const needComments = new Set(desired.filter((d) => d.comments.length > 0 || !d.open).map((d) => d.key));
  const actions = planIssueSync(await readIssues(client, ref, needComments), desired);
  if (dryRun) return actions;
  const created = new Map<string, number>();
  for (const a of actions) {
    switch (a.kind) {
      case 'create': {
        const r = await client.issues.create({ ...ref, title: a.title, body: a.body, labels: [...a.labels] });
        created.set(a.key, r.data.number);
        break;
      }
      case 'update':
        await client.issues.update({ ...ref, issue_number: a.number, title: a.title, body: a.body, labels: [...a.labels] });
        break;
      case 'comment': {
        // a comment planned for an issue created in this run carries number 0: find it by the issue key
        const number = a.number || created.get(a.key.slice(0, a.key.lastIndexOf(':'))) || 0;
        if (number) await client.issues.createComment({ ...ref, issue_number: number, body: a.body });
        break;
      }
      case 'close':
        await client.issues.createComment({ ...ref, issue_number: a.number, body: a.body });
        await client.issues.update({ ...ref, issue_number: a.number, state: 'closed', state_reason: 'completed' });
        break;
      case 'reopen':
        await client.issues.update({ ...ref, issue_number: a.number, state: 'open' });
        break;
    }
  }
  return actions;
}

