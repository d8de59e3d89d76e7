// Every `govern` command, loaded lazily so that `govern validate` does not pay for Pulumi or Octokit.
// Add a line here when you add a command module (it must export `command: CommandSpec`).
import type { CommandSpec } from './types.ts';

export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<{ command: CommandSpec }>;
}

export const COMMANDS: readonly CommandEntry[] = [
];
