// A separate process that appends entries to a shared ledger, so the concurrency test races real
// processes on a real file: `node bin/run.mjs tests/audit/append-worker.ts LEDGER PUB PRIV COUNT TAG`.
import { readFileSync } from 'node:fs';
import { appendEntry, parsePrivateKey, parsePublicKeys } from '../../src/audit/index.ts';
import { sampleInput } from './helpers.ts';

export async function main(args: string[]): Promise<number> {
  const [ledger, pub, priv, count, tag] = args as [string, string, string, string, string];
  const publicKeys = parsePublicKeys(readFileSync(pub, 'utf8'), pub);
  const privateKey = parsePrivateKey(readFileSync(priv, 'utf8'), priv);
  for (let i = 1; i <= Number(count); i++) {
    appendEntry({ ...sampleInput(i), requester: `${tag}-${i}` }, { ledgerFile: ledger, publicKeys, privateKey, now: new Date() });
  }
  return 0;
}
