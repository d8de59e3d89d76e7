// The last applied desired state, kept at .govern/state/applied.json by `govern apply` and read by
// `govern plan`. JSON with sorted keys (a clean git diff if a county commits it) and a schema
// version, so a snapshot written by another version of the tool is refused instead of misread.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Localized } from '../i18n/index.ts';
import type { DesiredState } from '../desired/types.ts';
import { stableJson } from './json.ts';

export const SNAPSHOT_SCHEMA_VERSION = 1;
export const DEFAULT_SNAPSHOT_PATH = '.govern/state/applied.json';

export interface SnapshotFile {
  readonly kind: 'AppliedSnapshot';
  readonly schemaVersion: number;
  readonly state: DesiredState;
}

export class SnapshotError extends Error {
  constructor(
    readonly code: string,
    readonly file: string,
    readonly localized: Localized,
  ) {
    super(`${code} ${file}: ${localized.en}`);
    this.name = 'SnapshotError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The lists a plan reads, each an array of objects with a string name. */
const LISTS: readonly (readonly [string, string])[] = [
  ['firewall', 'addressObjects'],
  ['firewall', 'serviceObjects'],
  ['firewall', 'policies'],
  ['firewall', 'nat'],
  ['cloud', 'vpcs'],
  ['cloud', 'vswitches'],
  ['cloud', 'securityGroups'],
  ['cloud', 'securityGroupRules'],
  ['cloud', 'instances'],
  ['cloud', 'natForwards'],
  ['access', 'accounts'],
];

function shapeProblem(state: unknown): string | undefined {
  if (!isObj(state)) return 'state';
  if (typeof state.asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(state.asOf)) return 'state.asOf';
  if (!isObj(state.firewall) || typeof state.firewall.device !== 'string') return 'state.firewall.device';
  if (!isObj(state.cloud) || typeof state.cloud.region !== 'string' || !isObj(state.cloud.endpoints)) return 'state.cloud';
  for (const [part, list] of LISTS) {
    const p = state[part];
    const items = isObj(p) ? p[list] : undefined;
    if (!Array.isArray(items) || !items.every((x) => isObj(x) && typeof x.name === 'string')) return `state.${part}.${list}`;
  }
  return undefined;
}

/** The snapshot at `path`, or undefined when none was written yet. Throws SnapshotError when it cannot be trusted. */
export async function readSnapshot(path: string): Promise<DesiredState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotError('E-SNAPSHOT-READ', path, { zh: `无法读取已应用状态：${(e as Error).message}`, en: `cannot read the applied state: ${(e as Error).message}` });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new SnapshotError('E-SNAPSHOT-JSON', path, {
      zh: `已应用状态不是有效的 JSON（${(e as Error).message}）；请从版本库或备份恢复该文件，或用 govern apply 重新生成`,
      en: `the applied state is not valid JSON (${(e as Error).message}); restore the file from version control or a backup, or regenerate it with govern apply`,
    });
  }
  if (!isObj(doc) || doc.kind !== 'AppliedSnapshot' || doc.schemaVersion !== SNAPSHOT_SCHEMA_VERSION) {
    const v = isObj(doc) ? String(doc.schemaVersion) : '?';
    throw new SnapshotError('E-SNAPSHOT-VERSION', path, {
      zh: `已应用状态的格式版本为 ${v}，本工具只读取 kind: AppliedSnapshot、schemaVersion: ${SNAPSHOT_SCHEMA_VERSION}；请用与写入时相同版本的工具，或用 govern apply 重新生成`,
      en: `the applied state has schema version ${v}; this tool reads kind AppliedSnapshot, schemaVersion ${SNAPSHOT_SCHEMA_VERSION}; use the tool version that wrote it or regenerate it with govern apply`,
    });
  }
  const problem = shapeProblem(doc.state);
  if (problem) {
    throw new SnapshotError('E-SNAPSHOT-SHAPE', path, {
      zh: `已应用状态的字段 ${problem} 缺失或类型不对；该文件可能被手工修改过，请从版本库或备份恢复`,
      en: `field ${problem} of the applied state is missing or has the wrong type; the file may have been edited by hand: restore it from version control or a backup`,
    });
  }
  return doc.state as unknown as DesiredState;
}

/** Writes the snapshot atomically (temporary file, then rename), creating the folder. */
export async function writeSnapshot(path: string, state: DesiredState): Promise<void> {
  const doc: SnapshotFile = { kind: 'AppliedSnapshot', schemaVersion: SNAPSHOT_SCHEMA_VERSION, state };
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, stableJson(doc), 'utf8');
  await rename(tmp, path);
}
