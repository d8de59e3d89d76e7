import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chinaDate, convertIssue, parseSections, readIssueForm, renderFormReport, type FiledIssue } from '../../src/forms/index.ts';
import { loadRepository } from '../../src/load/index.ts';
import { main as formToRequest } from '../../scripts/form-to-request.ts';
import { CLOUD_RESOURCE_BODY, PORT_OPENING_BODY } from './bodies.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const portForm = readIssueForm(readFileSync(join(ROOT, '.github/ISSUE_TEMPLATE/port-opening.yml'), 'utf8'));
const cloudForm = readIssueForm(readFileSync(join(ROOT, '.github/ISSUE_TEMPLATE/cloud-resource.yml'), 'utf8'));

const issue = (body: string, number = 42): FiledIssue => ({ number, body, createdAt: '2026-11-24T17:30:00Z', author: 'dong-xin-gh' });

/** The sample county's inventory plus one generated file, loaded by the real loader with every cross-file check. */
async function loadWith(file: string, yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'govern-forms-'));
  cpSync(join(ROOT, 'inventory'), join(dir, 'inventory'), { recursive: true });
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), yaml);
  return loadRepository(dir);
}

describe('issue body sections', () => {
  it('reads each ### label and its answer, with the body line it starts on, and empties _No response_', () => {
    const s = parseSections(CLOUD_RESOURCE_BODY.replace(/\n/g, '\r\n'));
    expect(s.get('申请单位')).toEqual({ text: 'caiyuan-town', line: 3 });
    expect(s.get('本单位安全管理岗')).toMatchObject({ text: '' });
  });
});

describe('a filed port-opening form', () => {
  it('becomes requests/<unit>/<id>.yaml with the schema line, dated in China time, that the loader accepts', async () => {
    const r = convertIssue('PortOpeningRequest', portForm, issue(PORT_OPENING_BODY));
    expect(r.problems).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.id).toBe('REQ-2026-0042');
    expect(r.file).toBe('requests/health-bureau/req-2026-0042.yaml');
    expect(r.yaml!.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/port-opening-request.json');
    const doc = parse(r.yaml!) as Record<string, unknown>;
    expect(doc).toMatchObject({
      kind: 'PortOpeningRequest',
      unit: 'health-bureau',
      requester: 'dong-xin',
      // 17:30 UTC on the 24th is 01:30 on the 25th in Shengsi.
      submitted: '2026-11-25',
      dataClassification: 'sensitive',
      securityOfficerSignoff: { officer: 'fang-lijun', date: '2026-11-04' },
      ports: [
        {
          port: 443,
          protocol: 'tcp',
          source: { zone: 'extranet-public', cidrs: ['10.72.0.0/20'] },
          destination: { system: 'health-public-health', address: '10.81.1.40' },
          validUntil: '2027-11-09',
          purpose: '乡镇卫生院医生录入居民健康档案、慢病随访记录（HTTPS）',
        },
      ],
    });
    const loaded = await loadWith(r.file!, r.yaml!);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.repository!.requests.map((q) => q.doc.id)).toEqual(['REQ-2026-0042']);
  });

  it('collects every problem of a badly filled form, naming the field and the body line', () => {
    const body = PORT_OPENING_BODY.replace('dong-xin\n', '_No response_\n')
      .replace('443 | tcp |', '443 | tcp | extranet-public |\nhttps | tcp |')
      .replace('- [X]', '- [ ]')
      .replace('2026-11-04', '_No response_');
    const r = convertIssue('PortOpeningRequest', portForm, issue(body));
    expect(r.ok).toBe(false);
    const found = r.problems.map((p) => [p.code, p.field, p.line]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['FORM-MISSING', '申请人', 11],
        ['FORM-MISSING', '安全管理岗确认日期', 0],
        ['FORM-CONFIRM', '确认', 0],
        ['FORM-ROW', '开放端口', 23],
        ['FORM-ROW', '开放端口', 24],
      ]),
    );
    const report = renderFormReport(r, issue(body));
    expect(report).toContain('表单有误，未生成申请');
    expect(report).toContain('**开放端口**（议题正文第 24 行 / issue body line 24）：端口“https”无效');
  });

  it('reports what the model rejects, such as a CIDR with host bits, with the loader message', () => {
    const r = convertIssue('PortOpeningRequest', portForm, issue(PORT_OPENING_BODY.replace('10.72.0.0/20', '10.72.0.1/20')));
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E-CIDR-HOST-BITS']);
  });

  it('never turns a unit that is not an id into a path', () => {
    const r = convertIssue('PortOpeningRequest', portForm, issue(PORT_OPENING_BODY.replace('health-bureau', '../../.github/workflows')));
    expect(r.ok).toBe(false);
    expect(r.file).toBeUndefined();
    expect(r.problems.map((p) => p.code)).toContain('FORM-UNIT');
  });

  it('reads a permanent opening as permanent: true', () => {
    const r = convertIssue('PortOpeningRequest', portForm, issue(PORT_OPENING_BODY.replace('| 2027-11-09 |', '| 长期 |')));
    expect(r.ok).toBe(true);
    const doc = parse(r.yaml!) as { ports: Record<string, unknown>[] };
    expect(doc.ports[0]).toMatchObject({ permanent: true });
    expect(doc.ports[0]).not.toHaveProperty('validUntil');
  });
});

describe('a filed cloud-resource form', () => {
  it('becomes a CloudResourceRequest the loader accepts, code fences and empty optional fields tolerated', async () => {
    const r = convertIssue('CloudResourceRequest', cloudForm, issue(CLOUD_RESOURCE_BODY, 7));
    expect([...r.problems, ...r.diagnostics]).toEqual([]);
    expect(r.file).toBe('requests/caiyuan-town/req-2026-0007.yaml');
    const doc = parse(r.yaml!) as Record<string, unknown>;
    expect(doc).not.toHaveProperty('securityOfficerSignoff');
    expect(doc).toMatchObject({
      instances: [{ name: 'grid-db-02', image: 'img-uos-20-1070', vcpu: 4, memoryGiB: 16, diskGiB: 500, software: [{ id: 'dm8', version: '8.1.3.140' }] }],
      securityGroupRules: [{ port: 5236, instances: ['grid-db-02'], validUntil: '2027-11-30' }],
    });
    const loaded = await loadWith(r.file!, r.yaml!);
    expect(loaded.diagnostics).toEqual([]);
  });

  it('names a non-numeric vCPU', () => {
    const r = convertIssue('CloudResourceRequest', cloudForm, issue(CLOUD_RESOURCE_BODY.replace('| 4 | 16 |', '| four | 16 |')));
    expect(r.problems.map((p) => [p.code, p.message.en])).toEqual([['FORM-ROW', 'vCPU "four" is not a whole number']]);
  });
});

describe('chinaDate', () => {
  it('dates an instant in UTC+8', () => {
    expect(chinaDate('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(chinaDate('2026-12-31T15:59:59Z')).toBe('2026-12-31');
  });
});

describe('scripts/form-to-request.ts (the workflow step)', () => {
  const saved = process.env.GITHUB_OUTPUT;
  afterEach(() => {
    if (saved === undefined) delete process.env.GITHUB_OUTPUT;
    else process.env.GITHUB_OUTPUT = saved;
  });

  function workspace(labels: string[], body: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'govern-form-script-'));
    cpSync(join(ROOT, '.github/ISSUE_TEMPLATE'), join(dir, '.github/ISSUE_TEMPLATE'), { recursive: true });
    writeFileSync(
      join(dir, 'event.json'),
      JSON.stringify({ action: 'opened', issue: { number: 42, title: '[端口开放] x', body, created_at: '2026-11-24T17:30:00Z', labels: labels.map((name) => ({ name })), user: { login: 'dong-xin-gh' } } }),
    );
    process.env.GITHUB_OUTPUT = join(dir, 'github-output');
    return dir;
  }

  it('writes the request file, the commit message and the step outputs', async () => {
    const dir = workspace(['变更申请', '端口开放'], PORT_OPENING_BODY);
    expect(await formToRequest(['--event', join(dir, 'event.json'), '--out-dir', dir])).toBe(0);
    expect(readFileSync(join(dir, 'requests/health-bureau/req-2026-0042.yaml'), 'utf8')).toContain('kind: PortOpeningRequest');
    expect(readFileSync(join(dir, 'github-output'), 'utf8')).toBe('file=requests/health-bureau/req-2026-0042.yaml\nbranch=form/issue-42\nissue=42\n');
    expect(readFileSync(join(dir, 'form-commit.txt'), 'utf8').split('\n')[0]).toBe('申请 REQ-2026-0042：基本公共卫生服务系统向乡镇卫生院开放（议题 #42）');
  });

  it('exits 1 with a report and writes no request for a form with problems', async () => {
    const dir = workspace(['变更申请', '端口开放'], PORT_OPENING_BODY.replace('- [X]', '- [ ]'));
    expect(await formToRequest(['--event', join(dir, 'event.json'), '--out-dir', dir])).toBe(1);
    expect(readFileSync(join(dir, 'form-report.md'), 'utf8')).toContain('FORM-CONFIRM');
    expect(() => readFileSync(join(dir, 'requests/health-bureau/req-2026-0042.yaml'))).toThrow();
  });

  it('exits 1 for an issue without a form label', async () => {
    const dir = workspace(['变更申请'], PORT_OPENING_BODY);
    expect(await formToRequest(['--event', join(dir, 'event.json'), '--out-dir', dir])).toBe(1);
    expect(readFileSync(join(dir, 'form-report.md'), 'utf8')).toContain('FORM-KIND');
  });
});
