// A client for the local GitHub server, with waits shrunk so retries and write spacing cost milliseconds.
import { createGitHubClient, type GitHubClient } from '../../src/github/client.ts';
import type { GitHubServer } from './github-server.ts';

export function envFor(server: GitHubServer): Record<string, string> {
  return { GITHUB_API_URL: server.url, GITHUB_TOKEN: server.token, GITHUB_REPOSITORY: `${server.owner}/${server.repo}` };
}

/** Client options the commands accept through the context env (see src/github/client.ts). */
export const FAST = { retries: 2, waitUnitMs: 1, writeSpacingMs: 0 } as const;

export function clientFor(server: GitHubServer): GitHubClient {
  return createGitHubClient({ env: envFor(server), ...FAST });
}
