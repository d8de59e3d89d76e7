// Publishing the check result on a pull request: the one comment (found by its marker, updated in
// place, never duplicated) and the `govern/check` check run whose annotations sit on the offending
// lines. GitHub accepts at most 50 annotations per request, so the rest follow in updates of the same run.
import { isDenied, type CheckResult, type Violation } from '../policy/types.ts';
import type { GitHubClient } from './client.ts';
import { COMMENT_MARKER } from './comment.ts';
import type { RepoRef } from './inputs.ts';

export const CHECK_RUN_NAME = 'govern/check';
/** https://docs.github.com/rest/checks/runs#update-a-check-run: "maximum of 50 annotations per request". */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Check-run output summary and text are limited to 65,535 characters. */
export const CHECK_SUMMARY_LIMIT = 65_535;

export interface CommentOutcome {
  readonly id: number;
  readonly action: 'created' | 'updated' | 'unchanged';
  readonly url: string;
}

/**
 * Creates or updates the comment that starts with the marker. Only a comment that starts with it
 * counts: the renderer escapes text from files, so no other comment of ours can start that way.
 */
export async function upsertComment(client: GitHubClient, ref: RepoRef, pr: number, body: string): Promise<CommentOutcome> {
  const comments = await client.paginate(client.issues.listComments, { ...ref, issue_number: pr, per_page: 100 });
  const mine = comments.find((c) => c.body?.startsWith(COMMENT_MARKER));
  if (mine && mine.body === body) return { id: mine.id, action: 'unchanged', url: mine.html_url };
  if (mine) {
    const { data } = await client.issues.updateComment({ ...ref, comment_id: mine.id, body });
    return { id: data.id, action: 'updated', url: data.html_url };
  }
  const { data } = await client.issues.createComment({ ...ref, issue_number: pr, body });
  return { id: data.id, action: 'created', url: data.html_url };
}

export interface Annotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: 'failure' | 'warning' | 'notice';
  readonly title: string;
  readonly message: string;
}

/** One annotation per violation tied to a file; line 0 (not tied to a line) goes on line 1. */
export function checkAnnotations(check: CheckResult): Annotation[] {
  const all: Violation[] = [...check.requests.flatMap((r) => r.violations), ...check.state.violations];
  return all
    .filter((v) => v.file)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule))
    .map((v) => {
      const line = Math.max(v.line, 1);
      const hint = (l: 'zh' | 'en'): string => (v.hint ? (l === 'zh' ? '；' : '; ') + v.hint[l] : '');
      return {
        path: v.file,
        start_line: line,
        end_line: line,
        // GitHub accepts columns only when the annotation stays on one line.
        ...(v.column && v.line > 0 ? { start_column: v.column, end_column: v.column } : {}),
        annotation_level: v.severity === 'deny' ? 'failure' : 'warning',
        title: `${v.rule}（第${v.article}条）`,
        message: `${v.message.zh}${hint('zh')}\n${v.message.en}${hint('en')}`,
      };
    });
}

export interface CheckRunOutcome {
  readonly id: number;
  readonly conclusion: 'success' | 'failure';
  readonly annotations: number;
  readonly requests: number;
}

export async function publishCheckRun(client: GitHubClient, ref: RepoRef, headSha: string, check: CheckResult, summary: string): Promise<CheckRunOutcome> {
  const annotations = checkAnnotations(check);
  const denied = isDenied(check);
  const conclusion = denied ? 'failure' : 'success';
  const s = check.summary;
  const title = `${s.requests} 个申请：${s.allowed} 个通过，${s.denied} 个拒绝，警告 ${s.warnings} 条`;
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  const output = (batch: Annotation[] | undefined) => ({ title, summary, ...(batch ? { annotations: batch } : {}) });
  const { data } = await client.checks.create({
    ...ref,
    name: CHECK_RUN_NAME,
    head_sha: headSha,
    status: 'completed',
    conclusion,
    output: output(batches[0]),
  });
  for (const batch of batches.slice(1)) await client.checks.update({ ...ref, check_run_id: data.id, output: output(batch) });
  return { id: data.id, conclusion, annotations: annotations.length, requests: batches.length || 1 };
}
