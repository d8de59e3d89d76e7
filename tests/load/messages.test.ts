// The message catalogue: every code says what and how in both languages, and every code the loader can
// raise is documented for users in docs/request-files.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOAD_MESSAGES } from '../../src/load/index.ts';
import { REF_TARGETS, closest } from '../../src/load/messages.ts';
import { corpusCases } from './corpus-cases.ts';
import { ROOT } from './helpers.ts';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+?)(?:_en)?\}/g)].map((m) => m[1]!).sort();

describe('message catalogue', () => {
  it('has a Chinese and an English message and fix for every code, with the same placeholders', () => {
    for (const [code, e] of Object.entries(LOAD_MESSAGES)) {
      for (const part of [e.message, e.hint]) {
        expect(part.zh.length, code).toBeGreaterThan(0);
        expect(part.en.length, code).toBeGreaterThan(0);
        expect(part.zh, code).toMatch(/[\u4e00-\u9fff]/);
        expect(new Set(placeholders(part.en)), code).toEqual(new Set(placeholders(part.zh)));
      }
    }
  });

  it('documents every code a user can see in docs/request-files.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/request-files.md'), 'utf8');
    const internal = new Set(['E-VSWITCH-VPC']); // a message variant of E-REF-VSWITCH, not a code
    for (const code of Object.keys(LOAD_MESSAGES)) if (!internal.has(code)) expect(doc, code).toContain(code);
    for (const t of Object.keys(REF_TARGETS)) if (t !== 'REQUEST') expect(doc).toContain(`E-REF-${t}`);
    for (const c of corpusCases()) expect(doc, c.code).toContain(c.code);
  });

  it('suggests a close name for a typo and nothing for an unrelated word', () => {
    expect(closest('purpos', ['port', 'purpose', 'protocol'])).toBe('purpose');
    expect(closest('hospital-apointment', ['hospital-appointment', 'hospital-his'])).toBe('hospital-appointment');
    expect(closest('zzzzzz', ['purpose', 'protocol'])).toBeUndefined();
  });
});
