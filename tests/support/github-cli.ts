// Runs `govern` in-process, the way the workflows call it, against the local GitHub server.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.ts';
import type { CheckResult } from '../../src/policy/types.ts';
import type { GitHubServer } from './github-server.ts';
import { envFor } from './github-client.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function govern(server: GitHubServer, argv: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    cwd,
    io: { out: (t) => void (out += t + '\n'), err: (t) => void (err += t + '\n') },
    // Waits shrunk to milliseconds; the counts and the code paths are GitHub's.
    env: { ...envFor(server), GOVERN_GITHUB_RETRIES: '2', GOVERN_GITHUB_WAIT_UNIT_MS: '1', GOVERN_GITHUB_WRITE_SPACING_MS: '0', ...extraEnv },
    now: () => new Date('2026-11-25T08:00:00Z'),
  });
  return { code, out, err };
}

export function writeJson(value: unknown, name = 'check.json'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'govern-json-')), name);
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

/** A check result for one port-opening request of county-health, allowed, with its approvals. */
export function checkFor(file = 'requests/county-health/his-443.yaml'): CheckResult {
  return {
    requests: [
      {
        id: 'REQ-2026-0012',
        file,
        kind: 'PortOpeningRequest',
        unit: 'county-health',
        decision: 'allow',
        violations: [],
        approvals: [
          { role: 'bureau-reviewer', count: 1, why: { zh: '第十四条：开放端口须经县大数据局核准备案', en: 'art. 14: opening a port needs the bureau\'s approval' } },
          { role: 'unit-security-officer', count: 1, unit: 'county-health', why: { zh: '第十九条：本单位网络信息安全管理岗签字', en: "art. 19: the unit's security officer signs off" } },
        ],
      },
    ],
    state: { violations: [] },
    summary: { requests: 1, allowed: 1, denied: 0, warnings: 0 },
  };
}
