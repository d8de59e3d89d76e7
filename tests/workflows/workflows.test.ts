// The repository's GitHub Actions workflows, held to the schema (action-validator, SchemaStore's
// github-workflow.json compiled into wasm) and to the hardening rules of docs/audit.md "Pipeline
// hardening": pinned actions, least permissions, no pull_request_target, no untrusted expressions in
// shell scripts, no persisted credentials. Each rule is also run against a bad workflow to prove it bites.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = join(ROOT, '.github/workflows');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).sort();

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: unknown;
  uses?: string;
  steps?: Step[];
  environment?: unknown;
  'runs-on'?: unknown;
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  concurrency?: unknown;
  jobs: Record<string, Job>;
}

function load(text: string): Workflow {
  return parse(text) as Workflow;
}

const workflows = FILES.map((f) => ({ file: f, text: readFileSync(join(DIR, f), 'utf8') }));

/** Every `uses:` line, with its trailing comment. */
function usesLines(text: string): { line: number; ref: string; comment: string }[] {
  const out: { line: number; ref: string; comment: string }[] = [];
  text.split('\n').forEach((l, i) => {
    const m = /^\s*(?:-\s+)?uses:\s*([^\s#]+)\s*(?:#\s*(.*))?$/.exec(l);
    if (m) out.push({ line: i + 1, ref: m[1]!, comment: m[2] ?? '' });
  });
  return out;
}

export function unpinned(text: string): string[] {
  return usesLines(text)
    .filter((u) => !u.ref.startsWith('./'))
    .filter((u) => !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(u.ref) || !/^v\d+\.\d+\.\d+$/.test(u.comment.trim()))
    .map((u) => `line ${u.line}: ${u.ref} # ${u.comment}`);
}

function triggers(w: Workflow): string[] {
  if (typeof w.on === 'string') return [w.on];
  if (Array.isArray(w.on)) return w.on.map(String);
  return Object.keys(w.on as object);
}

export function jobsWithoutPermissions(w: Workflow): string[] {
  return Object.entries(w.jobs)
    .filter(([, j]) => j.permissions === undefined)
    .map(([name]) => name);
}

/** Top level: `{}` or read-only scopes only; the write scopes are granted per job. */
export function topLevelTooWide(w: Workflow): boolean {
  const p = w.permissions;
  if (p === undefined || typeof p === 'string') return true;
  return Object.values(p as Record<string, string>).some((v) => v !== 'read' && v !== 'none');
}

/** `run:` scripts that contain a `${{ }}` expression (template injection: expressions go through env). */
export function interpolatingRuns(w: Workflow): string[] {
  const bad: string[] = [];
  for (const [name, job] of Object.entries(w.jobs)) {
    for (const [i, s] of (job.steps ?? []).entries()) if (s.run && /\$\{\{/.test(s.run)) bad.push(`${name} step ${i + 1}`);
  }
  return bad;
}

export function persistedCheckouts(w: Workflow): string[] {
  const bad: string[] = [];
  for (const [name, job] of Object.entries(w.jobs)) {
    for (const [i, s] of (job.steps ?? []).entries()) {
      if (s.uses?.startsWith('actions/checkout@') && s.with?.['persist-credentials'] !== false) bad.push(`${name} step ${i + 1}`);
    }
  }
  return bad;
}

describe('every workflow', () => {
  it('exists: ci, pr, pr-report, apply, scheduled, opa, form-to-pr', () => {
    expect(FILES).toEqual(['apply.yml', 'ci.yml', 'form-to-pr.yml', 'opa.yml', 'pr-report.yml', 'pr.yml', 'scheduled.yml']);
  });

  it.each(workflows)('$file passes the GitHub Actions linter (action-validator)', ({ text }) => {
    expect(validateWorkflow(text).errors).toEqual([]);
  });

  it.each(workflows)('$file pins every action to a full commit SHA with a # vX.Y.Z comment', ({ text }) => {
    expect(usesLines(text).length).toBeGreaterThan(0);
    expect(unpinned(text)).toEqual([]);
  });

  it.each(workflows)('$file does not use pull_request_target', ({ text }) => {
    expect(triggers(load(text))).not.toContain('pull_request_target');
  });

  it.each(workflows)('$file grants nothing at the top level and explicit permissions in every job', ({ text }) => {
    const w = load(text);
    expect(topLevelTooWide(w)).toBe(false);
    expect(jobsWithoutPermissions(w)).toEqual([]);
  });

  it.each(workflows)('$file interpolates no ${{ }} expression into a run: script', ({ text }) => {
    expect(interpolatingRuns(load(text))).toEqual([]);
  });

  it.each(workflows)('$file checks out with persist-credentials: false', ({ text }) => {
    expect(persistedCheckouts(load(text))).toEqual([]);
  });
});

describe('the rules bite on a bad workflow', () => {
  const bad = `name: bad
on:
  pull_request_target:
permissions: write-all
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: echo "\${{ github.event.pull_request.title }}"
`;

  it('the linter rejects a job without runs-on', () => {
    expect(validateWorkflow('on: push\njobs:\n  a:\n    runz-on: ubuntu-latest\n').errors.length).toBeGreaterThan(0);
  });

  it('flags the tag-pinned action, pull_request_target, write-all, the missing job permissions, the interpolated title and the persisted checkout', () => {
    const w = load(bad);
    expect(unpinned(bad)).toEqual(['line 9: actions/checkout@v4 # ']);
    expect(unpinned('      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n')).toHaveLength(1);
    expect(triggers(w)).toContain('pull_request_target');
    expect(topLevelTooWide(w)).toBe(true);
    expect(jobsWithoutPermissions(w)).toEqual(['build']);
    expect(interpolatingRuns(w)).toEqual(['build step 2']);
    expect(persistedCheckouts(w)).toEqual(['build step 1']);
  });
});

describe('the pull request pipeline', () => {
  const pr = load(readFileSync(join(DIR, 'pr.yml'), 'utf8'));
  const report = load(readFileSync(join(DIR, 'pr-report.yml'), 'utf8'));
  const prText = readFileSync(join(DIR, 'pr.yml'), 'utf8');

  it('gives the untrusted half a read-only token and no secrets', () => {
    expect(pr.jobs.check!.permissions).toEqual({ contents: 'read' });
    expect(prText).not.toMatch(/secrets\./);
  });

  it('runs validate, check as json and sarif, plan, and uploads the results as an artifact', () => {
    const runs = pr.jobs.check!.steps!.map((s) => s.run ?? s.uses ?? '').join('\n');
    for (const cmd of ['govern.mjs validate', 'check --format json', 'check --format sarif', 'plan --format json', 'actions/upload-artifact@']) expect(runs).toContain(cmd);
    expect(prText).toContain('github/codeql-action/upload-sarif@');
  });

  it('reports from workflow_run on the base branch, without checking out the pull request', () => {
    expect(triggers(report)).toEqual(['workflow_run']);
    const checkout = report.jobs.report!.steps!.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBe('${{ github.event.repository.default_branch }}');
    // No step checks out anything the pull request names (its head SHA, branch or repository).
    const refs = report.jobs.report!.steps!.filter((s) => s.uses?.startsWith('actions/checkout@')).map((s) => String(s.with?.ref ?? '') + String(s.with?.repository ?? ''));
    expect(refs.filter((r) => /workflow_run|pull_request|head/.test(r))).toEqual([]);
    // The job that touches the pull request's data holds no secret.
    expect(JSON.stringify(report.jobs.report)).not.toContain('secrets.');
    const runs = report.jobs.report!.steps!.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('pr comment --pr "$PR"');
    expect(runs).not.toMatch(/npm (ci|install)[^\n]*untrusted|bash untrusted|node untrusted/);
  });

  it('runs the gate in its own job: the only secret, base code and inventory, the trusted check result', () => {
    const gate = report.jobs.gate!;
    expect(gate.needs).toBe('report');
    const text = JSON.stringify(gate);
    expect(text).toContain('secrets.GOVERN_APP_KEY');
    expect(text).not.toMatch(/pr-results|tarball|untrusted/);
    const checkout = gate.steps!.find((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.ref).toBe('${{ github.event.repository.default_branch }}');
    const download = gate.steps!.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with?.name).toBe('trusted-check');
    expect(gate.steps!.map((s) => s.run ?? '').join('\n')).toContain('pr gate --pr "$PR" --check out/check.json');
  });
});

describe('the apply pipeline', () => {
  const apply = load(readFileSync(join(DIR, 'apply.yml'), 'utf8'));
  const job = apply.jobs.apply!;
  const runs = job.steps!.map((s) => s.run ?? '').join('\n');

  it('runs one at a time on push to main, in the protected production environment', () => {
    expect(apply.on).toEqual({ push: { branches: ['main'] } });
    expect(apply.concurrency).toEqual({ group: 'apply', 'cancel-in-progress': false });
    expect(job.environment).toBe('production');
  });

  it('re-verifies the gate for the merged commit, applies per stack, appends to the ledger and comments', () => {
    const order = ['pr gate --pr "$PR" --sha "$GITHUB_SHA"', 'govern.mjs apply --stack', 'audit append', 'gh pr comment'].map((s) => runs.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
});
