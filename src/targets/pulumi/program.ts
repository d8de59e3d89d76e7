// What every stack program does first: read its config (repoRoot, asOf) and compute the desired
// state of the county from the repository, refusing an invalid repository with its positioned errors.
import { resolve } from 'node:path';
import type * as pulumi from '@pulumi/pulumi';
import { formatDiagnostic } from '../../i18n/index.ts';
import { loadRepository } from '../../load/index.ts';
import { desiredState } from '../../desired/index.ts';
import type { DesiredState } from '../../desired/types.ts';

/** The county's calendar day (UTC+8) of `now`. */
export function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * config `repoRoot` (relative to the stack folder, where Pulumi runs the program) and optional
 * `asOf` (YYYY-MM-DD, default today in China time).
 */
export async function stackDesiredState(config: pulumi.Config, now: Date = new Date()): Promise<DesiredState> {
  const root = resolve(config.require('repoRoot'));
  const asOf = config.get('asOf') ?? chinaDay(now);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(`asOf must be YYYY-MM-DD, got ${asOf} (asOf 须为 YYYY-MM-DD)`);
  const loaded = await loadRepository(root);
  if (!loaded.repository) {
    const lines = loaded.diagnostics.map((d) => formatDiagnostic(d, 'zh'));
    throw new Error(`仓库校验未通过 (the repository at ${root} is invalid):\n${lines.join('\n')}`);
  }
  return desiredState(loaded.repository, asOf);
}
