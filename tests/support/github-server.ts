// The one local GitHub API the tests talk to: real HTTP on 127.0.0.1 (random port), holding state
// (pull requests, reviews, files, commits, teams, comments, statuses, check runs, branch protection)
// and failures to inject (502, secondary and primary rate limits). Every response it sends, and every
// request body it receives, is validated against GitHub's OpenAPI description (tests/support/openapi.ts);
// the violations are collected in `invalid`, which each test file asserts empty after each test.
// It stands in for github.com because tests cannot reach it; Octokit is pointed at it through baseUrl.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApiValidator, type Method, type OpenApiValidator, type Operation } from './openapi.ts';

export interface ReviewRecord {
  id: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commitId: string;
  submittedAt: string;
}

export interface FileRecord {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  previousFilename?: string;
}

export interface PullRecord {
  number: number;
  title: string;
  author: string;
  headSha: string;
  headRef: string;
  baseRef: string;
  /** The owner of the fork the head branch lives in, when the pull request comes from a fork. */
  forkOwner?: string;
  merged: boolean;
  mergeCommitSha: string | null;
  files: FileRecord[];
  reviews: ReviewRecord[];
}

export interface CommitRecord {
  sha: string;
  /** GitHub accounts linked to the commit's author and committer e-mails (null: not linked). */
  author: string | null;
  committer: string | null;
  message: string;
}

export interface CommentRecord {
  id: number;
  issue: number;
  user: string;
  userType: 'User' | 'Bot';
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  user: string;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'reopened' | 'not_planned' | null;
  labels: string[];
}

export interface StatusRecord {
  id: number;
  sha: string;
  state: string;
  context: string;
  description: string | null;
  targetUrl: string | null;
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: string;
  message: string;
  title?: string;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  title: string | null;
  summary: string | null;
  annotations: Annotation[];
}

export type Failure = 'bad-gateway' | 'secondary-rate-limit' | 'rate-limit';

interface PendingFailure {
  method: string | undefined;
  path: RegExp;
  kind: Failure;
  times: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  authorization: string | undefined;
}

/** The operations served, as the OpenAPI description names them. */
const OPS = {
  getPull: { method: 'get', path: '/repos/{owner}/{repo}/pulls/{pull_number}' },
  listFiles: { method: 'get', path: '/repos/{owner}/{repo}/pulls/{pull_number}/files' },
  listReviews: { method: 'get', path: '/repos/{owner}/{repo}/pulls/{pull_number}/reviews' },
  getCommit: { method: 'get', path: '/repos/{owner}/{repo}/commits/{ref}' },
  getMembership: { method: 'get', path: '/orgs/{org}/teams/{team_slug}/memberships/{username}' },
  createStatus: { method: 'post', path: '/repos/{owner}/{repo}/statuses/{sha}' },
  listComments: { method: 'get', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments' },
  createComment: { method: 'post', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments' },
  updateComment: { method: 'patch', path: '/repos/{owner}/{repo}/issues/comments/{comment_id}' },
  createCheckRun: { method: 'post', path: '/repos/{owner}/{repo}/check-runs' },
  updateCheckRun: { method: 'patch', path: '/repos/{owner}/{repo}/check-runs/{check_run_id}' },
  listIssues: { method: 'get', path: '/repos/{owner}/{repo}/issues' },
  createIssue: { method: 'post', path: '/repos/{owner}/{repo}/issues' },
  updateIssue: { method: 'patch', path: '/repos/{owner}/{repo}/issues/{issue_number}' },
  getIssue: { method: 'get', path: '/repos/{owner}/{repo}/issues/{issue_number}' },
  getProtection: { method: 'get', path: '/repos/{owner}/{repo}/branches/{branch}/protection' },
  putProtection: { method: 'put', path: '/repos/{owner}/{repo}/branches/{branch}/protection' },
} as const satisfies Record<string, Operation>;

type OpName = keyof typeof OPS;

/** What the server serves: the operations whose schemas are extracted and cached. */
export const SERVED_OPERATIONS: readonly Operation[] = Object.values(OPS);

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (p: Record<string, string>, q: URLSearchParams, body: unknown) => Reply;

const NOW = '2026-11-25T08:00:00Z';

export class GitHubServer {
  readonly owner = 'shengsi';
  readonly repo = 'egov-network';
  /** The account behind the token (GITHUB_TOKEN in Actions acts as github-actions[bot]). */
  readonly botLogin = 'github-actions[bot]';
  readonly pulls = new Map<number, PullRecord>();
  readonly commits = new Map<string, CommitRecord>();
  /** org/slug -> login -> membership state. */
  readonly teams = new Map<string, Map<string, 'active' | 'pending'>>();
  readonly comments: CommentRecord[] = [];
  /** Issues (not pull requests); numbers are shared with pull requests as on GitHub. */
  readonly issues: IssueRecord[] = [];
  readonly statuses: StatusRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  /** branch -> the protection as last PUT (request body), absent when the branch is unprotected. */
  readonly protection = new Map<string, Record<string, unknown>>();
  readonly log: RequestLogEntry[] = [];
  /** Takes the violations collected so far (each test asserts the result is empty). */
  takeInvalid(): string[] {
    return this.invalid.splice(0);
  }

  /** Every response or request body that GitHub's description rejects: must stay empty. */
  readonly invalid: string[] = [];
  private failures: PendingFailure[] = [];
  private nextId = 1000;
  private server!: Server;
  url = '';

  private constructor(
    readonly token: string,
    private readonly validator: OpenApiValidator,
  ) {}

  static async start(token = 'ghs_test_token_not_a_secret'): Promise<GitHubServer> {
    const s = new GitHubServer(token, openApiValidator(SERVED_OPERATIONS));
    s.server = createServer((req, res) => void s.handle(req, res));
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    s.url = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  get openApiLoadMs(): number {
    return this.validator.loadMs;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  id(): number {
    return this.nextId++;
  }

  // ---- state helpers for tests ----------------------------------------------------------------

  addCommit(c: CommitRecord): void {
    this.commits.set(c.sha, c);
  }

  addPull(p: Partial<PullRecord> & Pick<PullRecord, 'number' | 'author' | 'headSha'>): PullRecord {
    const pull: PullRecord = { title: `PR ${p.number}`, headRef: `change-${p.number}`, baseRef: 'main', merged: false, mergeCommitSha: null, files: [], reviews: [], ...p };
    this.pulls.set(pull.number, pull);
    if (!this.commits.has(pull.headSha)) this.addCommit({ sha: pull.headSha, author: pull.author, committer: pull.author, message: pull.title });
    return pull;
  }

  /** Submits a review; `at` defaults to a later time than every review before it. */
  review(pr: number, user: string, state: ReviewRecord['state'], commitId?: string, at?: string): ReviewRecord {
    const pull = this.pull(pr);
    const r: ReviewRecord = {
      id: this.id(),
      user,
      state,
      commitId: commitId ?? pull.headSha,
      submittedAt: at ?? new Date(Date.parse(NOW) + pull.reviews.length * 60_000).toISOString().replace('.000', ''),
    };
    pull.reviews.push(r);
    return r;
  }

  /** A push: the head moves to a new commit by `pusher`. */
  push(pr: number, sha: string, pusher: string): void {
    this.pull(pr).headSha = sha;
    this.addCommit({ sha, author: pusher, committer: pusher, message: 'push' });
  }

  /** An issue filed by `user` (e.g. an issue form), numbered like pull requests. */
  addIssue(i: Pick<IssueRecord, 'title' | 'user'> & Partial<IssueRecord>): IssueRecord {
    const issue: IssueRecord = { number: this.nextNumber(), body: '', state: 'open', stateReason: null, labels: [], ...i };
    this.issues.push(issue);
    return issue;
  }

  setTeam(org: string, slug: string, logins: readonly string[], state: 'active' | 'pending' = 'active'): void {
    this.teams.set(`${org}/${slug}`, new Map(logins.map((l) => [l.toLowerCase(), state])));
  }

  /** The next `times` requests matching method and path answer with the failure instead. */
  failNext(kind: Failure, times = 1, match: { method?: string; path?: RegExp } = {}): void {
    this.failures.push({ method: match.method?.toUpperCase(), path: match.path ?? /.*/, kind, times });
  }

  clearFailures(): void {
    this.failures = [];
  }

  pull(n: number): PullRecord {
    const p = this.pulls.get(n);
    if (!p) throw new Error(`no pull request #${n} in the test server`);
    return p;
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    // GitHub Enterprise Server serves the same API under /api/v3.
    url.pathname = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = (req.method ?? 'GET').toUpperCase();
    const reply = (r: Reply): void => {
      const text = r.body === undefined ? '' : JSON.stringify(r.body);
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8', 'x-github-api-version-selected': '2022-11-28', ...r.headers });
      res.end(text);
      this.log.push({ method, path: url.pathname, status: r.status, authorization: req.headers.authorization });
    };
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.token}` && auth !== `Bearer ${this.token}`) {
      return reply({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } });
    }
    const failure = this.failures.find((f) => (!f.method || f.method === method) && f.path.test(url.pathname));
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures = this.failures.filter((f) => f !== failure);
      // Injected failures mirror what GitHub sends; the description documents neither 502 nor the
      // rate-limit 403 for most operations, so these bodies are not validated.
      return reply(failureReply(failure.kind));
    }
    for (const [name, op] of Object.entries(OPS) as [OpName, Operation][]) {
      if (op.method.toUpperCase() !== method) continue;
      const params = match(op.path, url.pathname);
      if (!params) continue;
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        return reply({ status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' } });
      }
      if (method !== 'GET') {
        const errs = this.validator.request(op, body);
        if (errs.length) {
          this.invalid.push(...errs.map((e) => `request ${method} ${url.pathname}: ${e}`));
          return reply({ status: 422, body: { message: 'Invalid request.', documentation_url: 'https://docs.github.com/rest', errors: errs } });
        }
      }
      let r: Reply;
      try {
        if (params.owner !== undefined && (params.owner !== this.owner || params.repo !== this.repo)) r = notFound();
        else r = this.handlers[name](params, url.searchParams, body);
      } catch (e) {
        if (e instanceof HttpError) r = { status: e.status, body: { message: e.message, documentation_url: 'https://docs.github.com/rest' } };
        else throw e;
      }
      if (this.validator.documents(op, r.status)) {
        const errs = this.validator.response(op, r.status, r.body);
        this.invalid.push(...errs.map((e) => `response ${method} ${url.pathname}: ${e}`));
      } else {
        this.invalid.push(`response ${method} ${url.pathname}: status ${r.status} is not documented for ${op.path}`);
      }
      return reply(r);
    }
    this.invalid.push(`no route for ${method} ${url.pathname}: the server does not serve it`);
    return reply(notFound());
  }

  private handlers: Record<OpName, Handler> = {
    getPull: (p) => ({ status: 200, body: this.pullJson(this.pullOr404(p)) }),
    listFiles: (p, q) => this.page(`/repos/${this.owner}/${this.repo}/pulls/${p.pull_number}/files`, q, this.pullOr404(p).files.map((f) => this.fileJson(f))),
    listReviews: (p, q) => {
      const pull = this.pullOr404(p);
      return this.page(`/repos/${this.owner}/${this.repo}/pulls/${pull.number}/reviews`, q, pull.reviews.map((r) => this.reviewJson(pull, r)));
    },
    getCommit: (p) => {
      const c = this.commits.get(p.ref!);
      if (!c) throw new HttpError(404, 'No commit found for SHA: ' + p.ref);
      return { status: 200, body: this.commitJson(c) };
    },
    getMembership: (p) => {
      const state = this.teams.get(`${p.org}/${p.team_slug}`)?.get(p.username!.toLowerCase());
      // The description documents this 404 without a body ("if user has no team membership").
      if (!state) return { status: 404 };
      return { status: 200, body: { url: `${this.url}/teams/1/memberships/${p.username}`, role: 'member', state } };
    },
    createStatus: (p, _q, body) => {
      const b = body as { state: string; context?: string; description?: string | null; target_url?: string | null };
      const s: StatusRecord = { id: this.id(), sha: p.sha!, state: b.state, context: b.context ?? 'default', description: b.description ?? null, targetUrl: b.target_url ?? null };
      if ((s.description ?? '').length > 140) throw new HttpError(422, 'description is too long (maximum is 140 characters)');
      this.statuses.push(s);
      return { status: 201, body: this.statusJson(s) };
    },
    listComments: (p, q) => {
      const n = Number(p.issue_number);
      this.issueOrPull404(n);
      return this.page(`/repos/${this.owner}/${this.repo}/issues/${n}/comments`, q, this.comments.filter((c) => c.issue === n).map((c) => this.commentJson(c)));
    },
    createComment: (p, _q, body) => {
      const number = Number(p.issue_number);
      this.issueOrPull404(number);
      const text = (body as { body: string }).body;
      if (text.length > 65536) throw new HttpError(422, 'Body is too long (maximum is 65536 characters)');
      const c: CommentRecord = { id: this.id(), issue: number, user: this.botLogin, userType: 'Bot', body: text, createdAt: NOW, updatedAt: NOW };
      this.comments.push(c);
      return { status: 201, body: this.commentJson(c) };
    },
    updateComment: (p, _q, body) => {
      const c = this.comments.find((x) => x.id === Number(p.comment_id));
      if (!c) throw new HttpError(404, 'Not Found');
      const text = (body as { body: string }).body;
      if (text.length > 65536) throw new HttpError(422, 'Body is too long (maximum is 65536 characters)');
      c.body = text;
      c.updatedAt = '2026-11-25T09:00:00Z';
      return { status: 200, body: this.commentJson(c) };
    },
    createCheckRun: (_p, _q, body) => {
      const b = body as { name: string; head_sha: string; status?: string; conclusion?: string; output?: { title: string; summary: string; annotations?: Annotation[] } };
      const annotations = b.output?.annotations ?? [];
      if (annotations.length > 50) throw new HttpError(422, 'Only 50 annotations are allowed per request');
      const run: CheckRunRecord = {
        id: this.id(),
        name: b.name,
        headSha: b.head_sha,
        status: b.status ?? 'queued',
        conclusion: b.conclusion ?? null,
        title: b.output?.title ?? null,
        summary: b.output?.summary ?? null,
        annotations: [...annotations],
      };
      this.checkRuns.push(run);
      return { status: 201, body: this.checkRunJson(run) };
    },
    updateCheckRun: (p, _q, body) => {
      const run = this.checkRuns.find((r) => r.id === Number(p.check_run_id));
      if (!run) throw new HttpError(404, 'Not Found');
      const b = body as { status?: string; conclusion?: string; output?: { title?: string; summary: string; annotations?: Annotation[] } };
      const annotations = b.output?.annotations ?? [];
      if (annotations.length > 50) throw new HttpError(422, 'Only 50 annotations are allowed per request');
      // GitHub appends annotations across updates of the same run.
      run.annotations.push(...annotations);
      if (b.output) {
        run.title = b.output.title ?? run.title;
        run.summary = b.output.summary;
      }
      if (b.status) run.status = b.status;
      if (b.conclusion) run.conclusion = b.conclusion;
      return { status: 200, body: this.checkRunJson(run) };
    },
    listIssues: (_p, q) => {
      const state = q.get('state') ?? 'open';
      const labels = (q.get('labels') ?? '').split(',').filter(Boolean);
      const hits = this.issues.filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)));
      return this.page(`/repos/${this.owner}/${this.repo}/issues`, q, hits.map((i) => this.issueJson(i)));
    },
    createIssue: (_p, _q, body) => {
      const b = body as { title: string; body?: string; labels?: (string | { name?: string })[] };
      const issue: IssueRecord = {
        number: this.nextNumber(),
        title: b.title,
        body: b.body ?? '',
        user: this.botLogin,
        state: 'open',
        stateReason: null,
        labels: (b.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
      };
      this.issues.push(issue);
      return { status: 201, body: this.issueJson(issue) };
    },
    getIssue: (p) => {
      const issue = this.issues.find((i) => i.number === Number(p.issue_number));
      if (!issue) throw new HttpError(404, 'Not Found');
      return { status: 200, body: this.issueJson(issue) };
    },
    updateIssue: (p, _q, body) => {
      const issue = this.issues.find((i) => i.number === Number(p.issue_number));
      if (!issue) throw new HttpError(404, 'Not Found');
      const b = body as { title?: string; body?: string; state?: 'open' | 'closed'; state_reason?: IssueRecord['stateReason']; labels?: (string | { name?: string })[] };
      if (b.title !== undefined) issue.title = b.title;
      if (b.body !== undefined) issue.body = b.body;
      if (b.labels !== undefined) issue.labels = b.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
      if (b.state !== undefined && b.state !== issue.state) {
        issue.state = b.state;
        issue.stateReason = b.state === 'closed' ? (b.state_reason ?? 'completed') : 'reopened';
      }
      return { status: 200, body: this.issueJson(issue) };
    },
    getProtection: (p) => {
      const b = this.protection.get(p.branch!);
      if (!b) return { status: 404, body: { message: 'Branch not protected', documentation_url: 'https://docs.github.com/rest/branches/branch-protection#get-branch-protection' } };
      return { status: 200, body: this.protectionJson(p.branch!, b) };
    },
    putProtection: (p, _q, body) => {
      this.protection.set(p.branch!, body as Record<string, unknown>);
      return { status: 200, body: this.protectionJson(p.branch!, body as Record<string, unknown>) };
    },
  };

  /** Issue and pull request numbers come from one sequence, as on GitHub. */
  private nextNumber(): number {
    return Math.max(0, ...this.pulls.keys(), ...this.issues.map((i) => i.number)) + 1;
  }

  private issueOrPull404(n: number): void {
    if (!this.pulls.has(n) && !this.issues.some((i) => i.number === n)) throw new HttpError(404, 'Not Found');
  }

  private issueJson(i: IssueRecord): Record<string, unknown> {
    const api = `${this.url}/repos/${this.owner}/${this.repo}`;
    return {
      id: i.number + 700_000,
      node_id: `I_${i.number}`,
      url: `${api}/issues/${i.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${i.number}/labels{/name}`,
      comments_url: `${api}/issues/${i.number}/comments`,
      events_url: `${api}/issues/${i.number}/events`,
      html_url: `${this.url}/${this.owner}/${this.repo}/issues/${i.number}`,
      number: i.number,
      state: i.state,
      state_reason: i.stateReason,
      title: i.title,
      body: i.body,
      user: this.userJson(i.user),
      labels: i.labels.map((name) => ({ id: idOf(`label:${name}`), node_id: `LA_${idOf(`label:${name}`)}`, url: `${api}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false })),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: this.comments.filter((c) => c.issue === i.number).length,
      closed_at: i.state === 'closed' ? NOW : null,
      created_at: NOW,
      updated_at: NOW,
      author_association: 'NONE',
    };
  }

  private pullOr404(p: Record<string, string>, key = 'pull_number'): PullRecord {
    const pull = this.pulls.get(Number(p[key]));
    if (!pull) throw new HttpError(404, 'Not Found');
    return pull;
  }

  /** GitHub's pagination: per_page (default 30, at most 100), page, and a Link header. */
  private page(path: string, q: URLSearchParams, items: unknown[]): Reply {
    const perPage = Math.min(Number(q.get('per_page') ?? 30) || 30, 100);
    const page = Math.max(Number(q.get('page') ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const links: string[] = [];
    if (page < last) {
      links.push(`<${this.url}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"`);
      links.push(`<${this.url}${path}?per_page=${perPage}&page=${last}>; rel="last"`);
    }
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), ...(links.length ? { headers: { link: links.join(', ') } } : {}) };
  }

  // ---- GitHub's JSON shapes (only what the description requires, plus what clients read) -------

  private userJson(login: string, type: 'User' | 'Bot' = login.endsWith('[bot]') ? 'Bot' : 'User'): Record<string, unknown> {
    const u = `${this.url}/users/${encodeURIComponent(login)}`;
    return {
      login,
      id: idOf(login),
      node_id: `U_${idOf(login)}`,
      avatar_url: `${this.url}/avatars/${encodeURIComponent(login)}`,
      gravatar_id: '',
      url: u,
      html_url: `${this.url}/${encodeURIComponent(login)}`,
      followers_url: `${u}/followers`,
      following_url: `${u}/following{/other_user}`,
      gists_url: `${u}/gists{/gist_id}`,
      starred_url: `${u}/starred{/owner}{/repo}`,
      subscriptions_url: `${u}/subscriptions`,
      organizations_url: `${u}/orgs`,
      repos_url: `${u}/repos`,
      events_url: `${u}/events{/privacy}`,
      received_events_url: `${u}/received_events`,
      type,
      site_admin: false,
    };
  }

  private repoJson(owner: string, name: string): Record<string, unknown> {
    const api = `${this.url}/repos/${owner}/${name}`;
    const urls = Object.fromEntries(
      [
        ['archive_url', '/{archive_format}{/ref}'],
        ['assignees_url', '/assignees{/user}'],
        ['blobs_url', '/git/blobs{/sha}'],
        ['branches_url', '/branches{/branch}'],
        ['collaborators_url', '/collaborators{/collaborator}'],
        ['comments_url', '/comments{/number}'],
        ['commits_url', '/commits{/sha}'],
        ['compare_url', '/compare/{base}...{head}'],
        ['contents_url', '/contents/{+path}'],
        ['contributors_url', '/contributors'],
        ['deployments_url', '/deployments'],
        ['downloads_url', '/downloads'],
        ['events_url', '/events'],
        ['forks_url', '/forks'],
        ['git_commits_url', '/git/commits{/sha}'],
        ['git_refs_url', '/git/refs{/sha}'],
        ['git_tags_url', '/git/tags{/sha}'],
        ['hooks_url', '/hooks'],
        ['issue_comment_url', '/issues/comments{/number}'],
        ['issue_events_url', '/issues/events{/number}'],
        ['issues_url', '/issues{/number}'],
        ['keys_url', '/keys{/key_id}'],
        ['labels_url', '/labels{/name}'],
        ['languages_url', '/languages'],
        ['merges_url', '/merges'],
        ['milestones_url', '/milestones{/number}'],
        ['notifications_url', '/notifications{?since,all,participating}'],
        ['pulls_url', '/pulls{/number}'],
        ['releases_url', '/releases{/id}'],
        ['stargazers_url', '/stargazers'],
        ['statuses_url', '/statuses/{sha}'],
        ['subscribers_url', '/subscribers'],
        ['subscription_url', '/subscription'],
        ['tags_url', '/tags'],
        ['teams_url', '/teams'],
        ['trees_url', '/git/trees{/sha}'],
      ].map(([k, suffix]) => [k, api + suffix]),
    );
    return {
      id: idOf(`${owner}/${name}`),
      node_id: `R_${idOf(`${owner}/${name}`)}`,
      name,
      full_name: `${owner}/${name}`,
      owner: this.userJson(owner),
      private: true,
      html_url: `${this.url}/${owner}/${name}`,
      description: null,
      fork: owner !== this.owner,
      url: api,
      ...urls,
      clone_url: `${this.url}/${owner}/${name}.git`,
      git_url: `git://127.0.0.1/${owner}/${name}.git`,
      ssh_url: `git@127.0.0.1:${owner}/${name}.git`,
      svn_url: `${this.url}/${owner}/${name}`,
      mirror_url: null,
      homepage: null,
      language: 'TypeScript',
      forks: 0,
      forks_count: 0,
      stargazers_count: 0,
      watchers_count: 0,
      watchers: 0,
      size: 1,
      default_branch: 'main',
      open_issues: 0,
      open_issues_count: 0,
      has_issues: true,
      has_projects: false,
      has_wiki: false,
      has_pages: false,
      has_downloads: false,
      archived: false,
      disabled: false,
      license: null,
      pushed_at: NOW,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: NOW,
    };
  }

  private pullJson(p: PullRecord): Record<string, unknown> {
    const api = `${this.url}/repos/${this.owner}/${this.repo}`;
    const html = `${this.url}/${this.owner}/${this.repo}/pull/${p.number}`;
    const headOwner = p.forkOwner ?? this.owner;
    const link = (href: string): { href: string } => ({ href });
    return {
      url: `${api}/pulls/${p.number}`,
      id: p.number + 500_000,
      node_id: `PR_${p.number}`,
      html_url: html,
      diff_url: `${html}.diff`,
      patch_url: `${html}.patch`,
      issue_url: `${api}/issues/${p.number}`,
      commits_url: `${api}/pulls/${p.number}/commits`,
      review_comments_url: `${api}/pulls/${p.number}/comments`,
      review_comment_url: `${api}/pulls/comments{/number}`,
      comments_url: `${api}/issues/${p.number}/comments`,
      statuses_url: `${api}/statuses/${p.headSha}`,
      number: p.number,
      state: p.merged ? 'closed' : 'open',
      locked: false,
      title: p.title,
      user: this.userJson(p.author),
      body: null,
      labels: [],
      milestone: null,
      active_lock_reason: null,
      created_at: '2026-11-24T08:00:00Z',
      updated_at: NOW,
      closed_at: p.merged ? NOW : null,
      merged_at: p.merged ? NOW : null,
      merge_commit_sha: p.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: { label: `${headOwner}:${p.headRef}`, ref: p.headRef, sha: p.headSha, user: this.userJson(headOwner), repo: this.repoJson(headOwner, this.repo) },
      base: { label: `${this.owner}:${p.baseRef}`, ref: p.baseRef, sha: 'f'.repeat(40), user: this.userJson(this.owner), repo: this.repoJson(this.owner, this.repo) },
      _links: {
        self: link(`${api}/pulls/${p.number}`),
        html: link(html),
        issue: link(`${api}/issues/${p.number}`),
        comments: link(`${api}/issues/${p.number}/comments`),
        review_comments: link(`${api}/pulls/${p.number}/comments`),
        review_comment: link(`${api}/pulls/comments{/number}`),
        commits: link(`${api}/pulls/${p.number}/commits`),
        statuses: link(`${api}/statuses/${p.headSha}`),
      },
      author_association: 'MEMBER',
      auto_merge: null,
      draft: false,
      merged: p.merged,
      mergeable: p.merged ? null : true,
      rebaseable: null,
      mergeable_state: p.merged ? 'unknown' : 'clean',
      merged_by: p.merged ? this.userJson('merger') : null,
      comments: 0,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: p.files.length,
      deletions: 0,
      changed_files: p.files.length,
    };
  }

  private fileJson(f: FileRecord): Record<string, unknown> {
    const blob = `${this.url}/${this.owner}/${this.repo}/blob/0000000/${f.filename}`;
    return {
      sha: '0'.repeat(40),
      filename: f.filename,
      status: f.status,
      additions: 1,
      deletions: 0,
      changes: 1,
      blob_url: blob,
      raw_url: blob.replace('/blob/', '/raw/'),
      contents_url: `${this.url}/repos/${this.owner}/${this.repo}/contents/${f.filename}`,
      patch: '@@ -0,0 +1 @@',
      ...(f.previousFilename ? { previous_filename: f.previousFilename } : {}),
    };
  }

  private reviewJson(p: PullRecord, r: ReviewRecord): Record<string, unknown> {
    const html = `${this.url}/${this.owner}/${this.repo}/pull/${p.number}#pullrequestreview-${r.id}`;
    return {
      id: r.id,
      node_id: `PRR_${r.id}`,
      user: this.userJson(r.user),
      body: '',
      state: r.state,
      html_url: html,
      pull_request_url: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${p.number}`,
      _links: { html: { href: html }, pull_request: { href: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${p.number}` } },
      ...(r.state === 'PENDING' ? {} : { submitted_at: r.submittedAt }),
      commit_id: r.commitId,
      author_association: 'MEMBER',
    };
  }

  private commitJson(c: CommitRecord): Record<string, unknown> {
    const api = `${this.url}/repos/${this.owner}/${this.repo}`;
    const person = (login: string | null): Record<string, unknown> => ({ name: login ?? 'Unlinked Person', email: `${login ?? 'unlinked'}@example.gov.cn`, date: NOW });
    return {
      url: `${api}/commits/${c.sha}`,
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 8)}`,
      html_url: `${this.url}/${this.owner}/${this.repo}/commit/${c.sha}`,
      comments_url: `${api}/commits/${c.sha}/comments`,
      commit: {
        url: `${api}/git/commits/${c.sha}`,
        author: person(c.author),
        committer: person(c.committer),
        message: c.message,
        comment_count: 0,
        tree: { sha: '1'.repeat(40), url: `${api}/git/trees/${'1'.repeat(40)}` },
      },
      author: c.author ? this.userJson(c.author) : null,
      committer: c.committer ? this.userJson(c.committer) : null,
      parents: [],
      files: [],
      stats: { additions: 0, deletions: 0, total: 0 },
    };
  }

  private statusJson(s: StatusRecord): Record<string, unknown> {
    return {
      url: `${this.url}/repos/${this.owner}/${this.repo}/statuses/${s.sha}`,
      avatar_url: null,
      id: s.id,
      node_id: `SC_${s.id}`,
      state: s.state,
      description: s.description,
      target_url: s.targetUrl,
      context: s.context,
      created_at: NOW,
      updated_at: NOW,
      creator: this.userJson(this.botLogin),
    };
  }

  private commentJson(c: CommentRecord): Record<string, unknown> {
    return {
      id: c.id,
      node_id: `IC_${c.id}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}/issues/comments/${c.id}`,
      html_url: `${this.url}/${this.owner}/${this.repo}/pull/${c.issue}#issuecomment-${c.id}`,
      issue_url: `${this.url}/repos/${this.owner}/${this.repo}/issues/${c.issue}`,
      body: c.body,
      user: this.userJson(c.user, c.userType),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: 'NONE',
    };
  }

  private checkRunJson(r: CheckRunRecord): Record<string, unknown> {
    const api = `${this.url}/repos/${this.owner}/${this.repo}`;
    return {
      id: r.id,
      node_id: `CR_${r.id}`,
      head_sha: r.headSha,
      name: r.name,
      external_id: null,
      url: `${api}/check-runs/${r.id}`,
      html_url: `${this.url}/${this.owner}/${this.repo}/runs/${r.id}`,
      details_url: null,
      status: r.status,
      conclusion: r.conclusion,
      started_at: NOW,
      completed_at: r.status === 'completed' ? NOW : null,
      output: { title: r.title, summary: r.summary, text: null, annotations_count: r.annotations.length, annotations_url: `${api}/check-runs/${r.id}/annotations` },
      check_suite: { id: 1 },
      app: null,
      pull_requests: [],
    };
  }

  /** GitHub's GET/PUT protection shape, built from the PUT request body it stores. */
  private protectionJson(branch: string, b: Record<string, unknown>): Record<string, unknown> {
    const url = `${this.url}/repos/${this.owner}/${this.repo}/branches/${branch}/protection`;
    const checks = b.required_status_checks as { strict: boolean; contexts: string[] } | null;
    const reviews = b.required_pull_request_reviews as Record<string, unknown> | null;
    const flag = (v: unknown, path: string): Record<string, unknown> => ({ url: `${url}/${path}`, enabled: v === true });
    return {
      url,
      ...(checks
        ? {
            required_status_checks: {
              url: `${url}/required_status_checks`,
              strict: checks.strict,
              contexts: checks.contexts,
              contexts_url: `${url}/required_status_checks/contexts`,
              checks: checks.contexts.map((context) => ({ context, app_id: null })),
            },
          }
        : {}),
      ...(reviews
        ? {
            required_pull_request_reviews: {
              url: `${url}/required_pull_request_reviews`,
              dismiss_stale_reviews: reviews.dismiss_stale_reviews === true,
              require_code_owner_reviews: reviews.require_code_owner_reviews === true,
              required_approving_review_count: reviews.required_approving_review_count ?? 1,
              require_last_push_approval: reviews.require_last_push_approval === true,
            },
          }
        : {}),
      enforce_admins: flag(b.enforce_admins, 'enforce_admins'),
      required_linear_history: { enabled: b.required_linear_history === true },
      allow_force_pushes: { enabled: b.allow_force_pushes === true },
      allow_deletions: { enabled: b.allow_deletions === true },
      required_conversation_resolution: { enabled: b.required_conversation_resolution === true },
      block_creations: { enabled: b.block_creations === true },
      lock_branch: { enabled: b.lock_branch === true },
      allow_fork_syncing: { enabled: b.allow_fork_syncing === true },
    };
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function notFound(): Reply {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
}

function failureReply(kind: Failure): Reply {
  if (kind === 'bad-gateway') return { status: 502, body: { message: 'Server Error' } };
  if (kind === 'secondary-rate-limit') {
    return {
      status: 403,
      headers: { 'retry-after': '1', 'x-ratelimit-remaining': '4000' },
      body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' },
    };
  }
  return {
    status: 403,
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-limit': '5000', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1) },
    body: { message: 'API rate limit exceeded for installation ID 1.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' },
  };
}

function match(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      template.replace(/\{(\w+)\}/g, (_m, n: string) => {
        names.push(n);
        return '([^/]+)';
      }) +
      '$',
  );
  const m = re.exec(path);
  if (!m) return undefined;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
}

/** A stable numeric id for a login (GitHub ids are positive integers). */
function idOf(s: string): number {
  let h = 7;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) % 2_000_000_000;
  return h + 1;
}

export type { Method };
