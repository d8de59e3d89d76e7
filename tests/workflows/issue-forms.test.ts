import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORMS, readIssueForm } from '../../src/forms/index.ts';
import { DataClassification } from '../../src/model/index.ts';
import { IssueForm, IssueTemplateConfig } from './issue-form-schema.ts';

const DIR = resolve(import.meta.dirname, '../../.github/ISSUE_TEMPLATE');
const FORM_FILES = readdirSync(DIR).filter((f) => f !== 'config.yml' && f.endsWith('.yml')).sort();

const read = (f: string): unknown => parse(readFileSync(join(DIR, f), 'utf8'));

describe('issue forms', () => {
  it('are the port-opening and cloud-resource forms, each converted by src/forms', () => {
    expect(FORM_FILES).toEqual(['cloud-resource.yml', 'port-opening.yml']);
    expect(FORMS.map((f) => f.template).sort()).toEqual(FORM_FILES);
  });

  it.each(FORM_FILES)('%s follows GitHub issue-form syntax', (f) => {
    const r = IssueForm.safeParse(read(f));
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it.each(FORMS)('$template carries the label $label that selects it, and the label form-to-pr.yml listens for', ({ template, label }) => {
    const form = readIssueForm(readFileSync(join(DIR, template), 'utf8'));
    expect(form.labels).toEqual(['变更申请', label]);
    expect(readFileSync(join(DIR, '../workflows/form-to-pr.yml'), 'utf8')).toContain("'变更申请'");
  });

  it.each(FORM_FILES)('%s offers only data classifications the model knows, Chinese labels throughout', (f) => {
    const form = readIssueForm(readFileSync(join(DIR, f), 'utf8'));
    const dc = form.fields.get('dataClassification')!;
    expect(dc.options.map((o) => DataClassification.safeParse(o.split(' ')[0]).success)).toEqual(dc.options.map(() => true));
    for (const field of form.fields.values()) expect([field.id, /\p{Script=Han}/u.test(field.label)]).toEqual([field.id, true]);
  });

  it('config.yml disables blank issues and follows its syntax', () => {
    const cfg = read('config.yml');
    expect(IssueTemplateConfig.safeParse(cfg).success).toBe(true);
    expect(cfg).toMatchObject({ blank_issues_enabled: false });
  });

  it('the form schema rejects an unknown element type, a field without a label and duplicate ids', () => {
    const bad = (body: unknown[]) => IssueForm.safeParse({ name: 'x', description: 'y', body }).success;
    expect(bad([{ type: 'select', attributes: { label: 'a' } }])).toBe(false);
    expect(bad([{ type: 'input', id: 'a', attributes: {} }])).toBe(false);
    expect(bad([{ type: 'input', id: 'a', attributes: { label: 'a' } }, { type: 'input', id: 'a', attributes: { label: 'b' } }])).toBe(false);
    expect(bad([{ type: 'input', id: 'a', attributes: { label: 'a' } }])).toBe(true);
  });
});
