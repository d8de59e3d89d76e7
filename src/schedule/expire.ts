// Removing what has expired: the scheduled job edits the request files so that main says exactly
// what is allowed today (art. 14: openings exist only for their approved window), and the workflow
// opens a pull request with the result for the bureau to merge. Comments and layout of the YAML are
// kept (yaml's Document API), so the diff shows only the removed items.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Repository } from '../model/index.ts';
import { expiries, type Expiry } from './index.ts';

export interface ExpireEdit {
  readonly file: string;
  readonly request: string;
  /** removed-items: some items deleted; removed-file: nothing of the request remains in force. */
  readonly action: 'removed-items' | 'removed-file';
  readonly items: readonly Expiry[];
}

/** What removing every expired item would do, without writing anything (plan and apply share this). */
export function planExpiry(repo: Repository, asOf: string): ExpireEdit[] {
  const expired = expiries(repo, asOf, -1).filter((e) => e.status === 'expired');
  const byFile = new Map<string, Expiry[]>();
  for (const e of expired) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const edits: ExpireEdit[] = [];
  for (const [file, items] of [...byFile].sort((a, b) => a[0].localeCompare(b[0]))) {
    const req = repo.requests.find((r) => r.file === file);
    if (!req) continue;
    const d = req.doc;
    const total = d.kind === 'PortOpeningRequest' ? d.ports.length : d.kind === 'CloudResourceRequest' ? -1 : 0;
    const wholeRequest = items.some((i) => i.path === '') || (total > 0 && items.length >= total);
    edits.push({ file, request: d.id, action: wholeRequest ? 'removed-file' : 'removed-items', items });
  }
  return edits;
}

/** Applies the edits to the files under `root`. Returns the edits applied. */
export async function applyExpiry(root: string, edits: readonly ExpireEdit[]): Promise<void> {
  for (const edit of edits) {
    const path = join(root, edit.file);
    if (edit.action === 'removed-file') {
      await rm(path);
      continue;
    }
    const doc = parseDocument(await readFile(path, 'utf8'));
    // delete from the highest index down so earlier indices stay valid
    const paths = edit.items
      .map((i) => i.path.split('.'))
      .sort((a, b) => (a[0] === b[0] ? Number(b[1]) - Number(a[1]) : a[0]!.localeCompare(b[0]!)));
    for (const [field, index] of paths) doc.deleteIn([field, Number(index)]);
    await writeFile(path, doc.toString());
  }
}
