// `govern audit append`: records one applied change in the ledger. Designed for the apply workflow:
// every input is a file the workflow already has (check.json, plan.json, one apply result per stack,
// the approvals of the merged head commit) plus the pull request's number and author; or one
// --entry-json file holding all of it. Refuses to append to a ledger that does not verify (exit 1).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ApplyResult, Approver, AuditError, LedgerTamperedError, appendEntry, parsePrivateKey, type AppendInput } from '../audit/index.ts';
import { localize } from '../i18n/index.ts';
import { LEDGER_OPTIONS, format, ledgerPaths, list, positiveInt, readPublicKeys, str } from './audit-common.ts';
import { EXIT, UsageError, type CommandContext, type CommandSpec, type ParsedArgs } from './types.ts';

const EntryJson = z.strictObject({
  pullRequest: z.strictObject({ number: z.number().int().min(1), url: z.string().url() }),
  commit: z.string(),
  requests: z.array(z.string()).optional(),
  requester: z.string().min(1),
  approvers: z.array(Approver),
  decision: z.unknown(),
  plan: z.unknown(),
  applyResult: z.union([ApplyResult, z.array(ApplyResult)]),
});

const Approvals = z.union([z.array(Approver), z.strictObject({ approvers: z.array(Approver) })]);

function readJson(ctx: CommandContext, file: string, option: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(ctx.cwd, file), 'utf8');
  } catch {
    throw new AuditError('AUDIT-INPUT', { zh: `--${option}：无法读取文件 ${file}`, en: `--${option}: cannot read the file ${file}` });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AuditError('AUDIT-INPUT', {
      zh: `--${option}：${file} 不是有效的 JSON（${(e as Error).message}）`,
      en: `--${option}: ${file} is not valid JSON (${(e as Error).message})`,
    });
  }
}

function parseWith<T>(schema: z.ZodType<T>, v: unknown, file: string, option: string): T {
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.map(String).join('.') || '(document)';
  throw new AuditError('AUDIT-INPUT', {
    zh: `--${option}：${file} 的 ${path}：${issue.message}；格式见 docs/audit.md`,
    en: `--${option}: ${file} at ${path}: ${issue.message}; see docs/audit.md for the format`,
  });
}

/**
 * The requests behind what was applied, when --requests is not given: every id a change of plan.json
 * names (Plan.changes[].requests, before and after). Not check.json's list: check decides on every
 * request in the repository, most of which this merge did not touch.
 */
function requestIdsOf(plan: unknown): string[] {
  const changes = (plan as { changes?: unknown })?.changes;
  if (!Array.isArray(changes)) return [];
  const ids = changes.flatMap((c) => {
    const r = (c as { requests?: unknown })?.requests;
    return Array.isArray(r) ? r.filter((id): id is string => typeof id === 'string') : [];
  });
  return [...new Set(ids)].sort();
}

function need(v: string | undefined, option: string): string {
  if (v === undefined || v === '') throw new UsageError({ zh: `需要 --${option}（或用 --entry-json 一次给出全部字段）`, en: `--${option} is required (or give every field at once with --entry-json)` });
  return v;
}

function inputFromOptions(args: ParsedArgs, ctx: CommandContext): AppendInput {
  const entryJson = str(args, 'entry-json');
  if (entryJson) {
    const e = parseWith(EntryJson, readJson(ctx, entryJson, 'entry-json'), entryJson, 'entry-json');
    return {
      pullRequest: e.pullRequest,
      commit: e.commit,
      requests: e.requests ?? requestIdsOf(e.plan),
      requester: e.requester,
      approvers: e.approvers,
      decision: e.decision,
      plan: e.plan,
      applyResult: Array.isArray(e.applyResult) ? e.applyResult : [e.applyResult],
    };
  }
  const number = positiveInt(args, 'pr');
  if (number === undefined) need(undefined, 'pr');
  // In GitHub Actions the pull request's address follows from the server and repository variables.
  const url =
    str(args, 'pr-url') ??
    (ctx.env.GITHUB_SERVER_URL && ctx.env.GITHUB_REPOSITORY ? `${ctx.env.GITHUB_SERVER_URL}/${ctx.env.GITHUB_REPOSITORY}/pull/${number}` : undefined);
  const checkFile = need(str(args, 'check'), 'check');
  const planFile = need(str(args, 'plan'), 'plan');
  const approvalsFile = need(str(args, 'approvals'), 'approvals');
  const applyFiles = list(args, 'apply-result');
  if (applyFiles.length === 0) need(undefined, 'apply-result');
  const decision = readJson(ctx, checkFile, 'check');
  const approvals = parseWith(Approvals, readJson(ctx, approvalsFile, 'approvals'), approvalsFile, 'approvals');
  const requests = list(args, 'requests');
  const plan = readJson(ctx, planFile, 'plan');
  return {
    pullRequest: { number: number!, url: need(url, 'pr-url') },
    commit: need(str(args, 'commit') ?? ctx.env.GITHUB_SHA, 'commit'),
    requests: requests.length ? requests : requestIdsOf(plan),
    requester: need(str(args, 'requester'), 'requester'),
    approvers: Array.isArray(approvals) ? approvals : approvals.approvers,
    decision,
    plan,
    applyResult: applyFiles.flatMap((f) => {
      const v = parseWith(z.union([ApplyResult, z.array(ApplyResult)]), readJson(ctx, f, 'apply-result'), f, 'apply-result');
      return Array.isArray(v) ? v : [v];
    }),
  };
}

function privateKeyPem(args: ParsedArgs, ctx: CommandContext): { pem: string; source: string } {
  const file = str(args, 'private-key');
  if (file) {
    try {
      return { pem: readFileSync(resolve(ctx.cwd, file), 'utf8'), source: file };
    } catch {
      throw new AuditError('AUDIT-KEY', { zh: `无法读取私钥文件 ${file}`, en: `cannot read the private key file ${file}` });
    }
  }
  const env = ctx.env.GOVERN_AUDIT_KEY;
  if (env) return { pem: env, source: 'GOVERN_AUDIT_KEY' };
  throw new AuditError('AUDIT-KEY', {
    zh: '没有签名私钥：设置环境变量 GOVERN_AUDIT_KEY（PEM 文本，来自流水线机密）或用 --private-key FILE 指定；未签名的记录不会写入',
    en: 'no signing key: set GOVERN_AUDIT_KEY (the PEM text, from the workflow secret) or pass --private-key FILE; unsigned entries are never written',
  });
}

export const command: CommandSpec = {
  name: 'audit append',
  summary: { zh: '向审计台账追加一条已应用变更的签名记录', en: 'append a signed record of an applied change to the audit ledger' },
  usage:
    '(--pr N [--pr-url URL] [--commit SHA] [--requests ID,...] --requester LOGIN --check check.json --plan plan.json --apply-result apply.json... --approvals approvals.json | --entry-json FILE) [--private-key FILE] [--ledger FILE] [--public-key FILE] [--format text|json]',
  options: {
    ...LEDGER_OPTIONS,
    pr: { type: 'string', arg: 'N', description: { zh: '拉取请求编号', en: 'pull request number' } },
    'pr-url': { type: 'string', arg: 'URL', description: { zh: '拉取请求地址（默认由 GITHUB_SERVER_URL 与 GITHUB_REPOSITORY 推出）', en: 'pull request URL (default from GITHUB_SERVER_URL and GITHUB_REPOSITORY)' } },
    commit: { type: 'string', arg: 'SHA', description: { zh: '已应用的合并提交（默认 GITHUB_SHA）', en: 'the merged commit applied (default GITHUB_SHA)' } },
    requests: { type: 'string', multiple: true, arg: 'ID,...', description: { zh: '申请编号（默认取 plan.json 中各变更对应的申请）', en: 'request ids (default: the requests behind the changes in plan.json)' } },
    requester: { type: 'string', arg: 'LOGIN', description: { zh: '申请人（拉取请求作者）', en: 'requester (the pull request author)' } },
    check: { type: 'string', arg: 'FILE', description: { zh: 'govern check --format json 的结果', en: 'the output of govern check --format json' } },
    plan: { type: 'string', arg: 'FILE', description: { zh: 'govern plan --format json 的结果', en: 'the output of govern plan --format json' } },
    'apply-result': { type: 'string', multiple: true, arg: 'FILE', description: { zh: '应用结果 {target, stack, changed, summary}（每个栈一个，可重复）', en: 'apply result {target, stack, changed, summary} (one per stack, repeatable)' } },
    approvals: { type: 'string', arg: 'FILE', description: { zh: '合并提交的批准：[{login, reviewId, commit}]', en: 'approvals of the merged commit: [{login, reviewId, commit}]' } },
    'entry-json': { type: 'string', arg: 'FILE', description: { zh: '一次给出全部字段的 JSON 文件（格式见 docs/audit.md）', en: 'one JSON file with every field (format in docs/audit.md)' } },
    'private-key': { type: 'string', arg: 'FILE', description: { zh: '签名私钥 PEM 文件（默认读环境变量 GOVERN_AUDIT_KEY）', en: 'signing private key PEM file (default: env GOVERN_AUDIT_KEY)' } },
    format: { type: 'string', arg: 'text|json', description: { zh: '输出格式（默认 text）', en: 'output format (default text)' } },
  },
  async run(args, ctx) {
    const fmt = format(args, ['text', 'json']);
    const paths = ledgerPaths(args, ctx);
    const input = inputFromOptions(args, ctx);
    const { pem, source } = privateKeyPem(args, ctx);
    const privateKey = parsePrivateKey(pem, source);
    try {
      const entry = appendEntry(input, {
        ledgerFile: paths.ledger,
        displayName: paths.ledgerName,
        publicKeys: readPublicKeys(paths),
        privateKey,
        now: ctx.now(),
      });
      ctx.io.out(
        fmt === 'json'
          ? JSON.stringify(entry, null, 2)
          : localize({ zh: '已追加第 {seq} 条记录到 {file}，哈希 {hash}', en: 'appended entry {seq} to {file}, hash {hash}' }, ctx.lang, {
              seq: entry.seq,
              file: paths.ledgerName,
              hash: entry.hash,
            }),
      );
      return EXIT.ok;
    } catch (e) {
      if (!(e instanceof LedgerTamperedError)) throw e;
      ctx.io.err(
        localize({ zh: '拒绝追加：台账未通过验证。{msg}', en: 'refusing to append: the ledger does not verify. {msg}' }, ctx.lang, { msg: e.tamper.message[ctx.lang] }),
      );
      return EXIT.rejected;
    }
  },
};
