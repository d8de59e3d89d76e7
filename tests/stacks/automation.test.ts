import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OperationalError } from '../../src/cli/types.ts';
import { findPulumi, pulumiApply } from '../../src/targets/pulumi/automation.ts';
import { REPO_ROOT, SAMPLE_AS_OF } from '../plan/sample.ts';

const base = { repoRoot: REPO_ROOT, stack: 'cloud-node', asOf: SAMPLE_AS_OF, env: 'county' } as const;

describe('pulumiApply', () => {
  it('says first, in Chinese, that the pulumi CLI is missing and how to install it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-pulumi-'));
    const e = await pulumiApply({ ...base, preview: true, processEnv: { PATH: empty, PULUMI_CONFIG_PASSPHRASE: 'x' } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OperationalError);
    const { zh, en } = (e as OperationalError).localized;
    expect(zh).toMatch(/^找不到 pulumi 命令行工具/);
    expect(zh).toContain('curl -fsSL https://get.pulumi.com | sh');
    expect(zh).toContain('官方安装包');
    expect(en).toContain('the pulumi CLI was not found');
  });

  it('checks the CLI before anything else, even without a passphrase', async () => {
    const e = await pulumiApply({ ...base, processEnv: { PATH: '' } }).catch((x: unknown) => x);
    expect((e as OperationalError).localized.en).toContain('pulumi CLI was not found');
  });

  it('refuses to run without a passphrase for the secrets provider (no default passphrase)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'fake-pulumi-'));
    // An executable named pulumi satisfies the PATH check; the passphrase check stops before it runs.
    writeFileSync(join(bin, 'pulumi'), '#!/bin/sh\nexit 1\n');
    chmodSync(join(bin, 'pulumi'), 0o755);
    expect(await findPulumi({ PATH: bin })).toBe(join(bin, 'pulumi'));
    const e = await pulumiApply({ ...base, processEnv: { PATH: bin } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OperationalError);
    expect((e as OperationalError).localized.zh).toContain('PULUMI_CONFIG_PASSPHRASE');
  });

});
