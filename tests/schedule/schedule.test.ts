// The scheduled jobs on the sample county: expiries, MLPS due dates, notices, the periodic report,
// and `govern expire --write` editing a copy of the repository.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadRepository } from '../../src/load/index.ts';
import type { Repository } from '../../src/model/index.ts';
import { addDays, daysBetween, expiries, exposures, mlpsDue, noticeStatus, renderReport } from '../../src/schedule/index.ts';
import { planExpiry } from '../../src/schedule/expire.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let repo: Repository;

beforeAll(async () => {
  const r = await loadRepository(ROOT);
  expect(r.diagnostics).toEqual([]);
  repo = r.repository!;
});

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { io: { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') }, cwd: ROOT });
  return { code, out, err };
}

describe('date arithmetic', () => {
  it('counts days across month and year ends', () => {
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2027-01-15', '2026-11-25')).toBe(-51);
  });
});

describe('expiries', () => {
  it('lists an opening as expiring within the window and as expired the day after its last day', () => {
    const before = expiries(repo, '2027-01-01', 30).filter((e) => e.request === 'REQ-2026-0103');
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ status: 'expiring', daysLeft: 14, validUntil: '2027-01-15', path: 'ports.0' });
    const onLastDay = expiries(repo, '2027-01-15', 0).filter((e) => e.request === 'REQ-2026-0103');
    expect(onLastDay[0]?.status).toBe('expiring');
    const after = expiries(repo, '2027-01-16', 0).filter((e) => e.request === 'REQ-2026-0103');
    expect(after[0]?.status).toBe('expired');
  });

  it('does not list openings far from their end date', () => {
    expect(expiries(repo, '2026-11-25', 30).map((e) => e.request)).not.toContain('REQ-2026-0103');
  });

  it('plans to remove a request file whose every opening has expired, and nothing before that', () => {
    expect(planExpiry(repo, '2027-01-15')).toEqual([]);
    const edits = planExpiry(repo, '2027-01-16');
    expect(edits.find((e) => e.request === 'REQ-2026-0103')?.action).toBe('removed-file');
  });
});

describe('exposures', () => {
  it('counts an opening only inside its validity window', () => {
    expect(exposures(repo, '2026-11-25').map((e) => e.request)).not.toContain('REQ-2026-0103');
    expect(exposures(repo, '2026-12-01').map((e) => e.request)).toContain('REQ-2026-0103');
    expect(exposures(repo, '2027-01-16').map((e) => e.request)).not.toContain('REQ-2026-0103');
  });
});

describe('MLPS re-assessment', () => {
  it('reports a level-3 system as overdue one cycle (365 days) after its last assessment', () => {
    const s = repo.systems.find((x) => x.mlps.level === 3 && x.mlps.lastAssessment)!;
    const due = addDays(s.mlps.lastAssessment!, 365);
    expect(mlpsDue(repo, addDays(due, -31), 30).map((d) => d.system)).not.toContain(s.id);
    expect(mlpsDue(repo, addDays(due, -30), 30).find((d) => d.system === s.id)?.status).toBe('due-soon');
    expect(mlpsDue(repo, addDays(due, 1), 30).find((d) => d.system === s.id)).toMatchObject({ status: 'overdue', due, warnOnly: false });
  });

  it('marks level-2 reminders as warnings only (no legal cycle for level 2)', () => {
    const s = repo.systems.find((x) => x.mlps.level === 2 && x.mlps.lastAssessment)!;
    const due = addDays(s.mlps.lastAssessment!, 730);
    expect(mlpsDue(repo, addDays(due, 1), 0).find((d) => d.system === s.id)?.warnOnly).toBe(true);
  });
});

describe('rectification notices', () => {
  it('is open before its deadline, overdue after it, and closed once closed', () => {
    const open = repo.rectification.find((n) => !n.closed)!;
    expect(noticeStatus(repo, open.deadline).find((n) => n.id === open.id)?.status).toBe('open');
    expect(noticeStatus(repo, addDays(open.deadline, 1)).find((n) => n.id === open.id)?.status).toBe('overdue');
    const closed = repo.rectification.find((n) => n.closed);
    if (closed) expect(noticeStatus(repo, '2099-01-01').find((n) => n.id === closed.id)?.status).toBe('closed');
  });
});

describe('periodic report', () => {
  it('cites art. 26 and lists exposure, expiries, MLPS and notices in Chinese', () => {
    const md = renderReport({ repo, asOf: '2027-01-10', withinDays: 30 }, 'zh');
    expect(md).toContain('第二十六条');
    expect(md).toMatch(/对互联网开放: \d+/);
    expect(md).toContain('REQ-2026-0103');
    expect(md).toContain('整改通知');
  });

  it('is printed by govern report, in English with --lang en', async () => {
    const r = await run(['report', '--as-of', '2027-01-10', '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('periodic report (2027-01-10)');
    const j = await run(['report', '--as-of', '2027-01-10', '--format', 'json']);
    expect(JSON.parse(j.out).expiries.map((e: { request: string }) => e.request)).toContain('REQ-2026-0103');
  });

  it('rejects a malformed --as-of with exit 2', async () => {
    const r = await run(['report', '--as-of', '2027-13-45']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--as-of');
  });
});

describe('govern expire', () => {
  let copy: string;
  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'govern-expire-'));
    await cp(join(ROOT, 'inventory'), join(copy, 'inventory'), { recursive: true });
    await cp(join(ROOT, 'requests'), join(copy, 'requests'), { recursive: true });
  });
  afterAll(async () => {
    await rm(copy, { recursive: true, force: true });
  });

  it('exits 1 while an expired opening is still in the repository, and names it', async () => {
    const r = await run(['expire', '--repo', copy, '--as-of', '2027-01-16']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('REQ-2026-0103');
  });

  it('removes the expired request with --write, after which the repository is clean and valid', async () => {
    const file = join(copy, 'requests/education-bureau/req-2026-0103.yaml');
    expect(existsSync(file)).toBe(true);
    const w = await run(['expire', '--repo', copy, '--as-of', '2027-01-16', '--write']);
    expect(w.code).toBe(0);
    expect(existsSync(file)).toBe(false);
    const again = await run(['expire', '--repo', copy, '--as-of', '2027-01-16', '--within', '0']);
    expect(again.code).toBe(0);
    const v = await loadRepository(copy);
    expect(v.diagnostics).toEqual([]);
  });

  it('removes only the expired ports of a request and keeps the rest of the file, comments included', async () => {
    const file = join(copy, 'requests/education-bureau/req-2026-0103.yaml');
    await cp(join(ROOT, 'requests/education-bureau/req-2026-0103.yaml'), file);
    const text = await readFile(file, 'utf8');
    // give the request a second port that stays valid
    const extended = text.replace(
      /(ports:\n)/,
      `$1  - port: 8443\n    protocol: tcp\n    purpose: 招生报名系统管理后台，仅县大数据管理中心运维网段访问\n    source: { zone: extranet-public, cidrs: [10.72.0.0/24] }\n    destination: { system: edu-enrollment, address: ${repo.systems.find((s) => s.id === 'edu-enrollment')!.addresses[0]} }\n    validFrom: 2026-12-01\n    validUntil: 2027-06-30\n`,
    );
    await writeFile(file, extended);
    const loaded = await loadRepository(copy);
    expect(loaded.diagnostics).toEqual([]);
    const edits = planExpiry(loaded.repository!, '2027-01-16');
    expect(edits).toEqual([expect.objectContaining({ request: 'REQ-2026-0103', action: 'removed-items' })]);
    const w = await run(['expire', '--repo', copy, '--as-of', '2027-01-16', '--write']);
    expect(w.code).toBe(0);
    const after = await readFile(file, 'utf8');
    expect(after).toContain('# yaml-language-server: $schema=');
    expect(after).toContain('port: 8443');
    expect(after).not.toContain('validUntil: 2027-01-15');
    expect((await loadRepository(copy)).diagnostics).toEqual([]);
  });
});
