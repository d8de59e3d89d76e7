// How the driver fails when nft itself misbehaves. The misbehaving nft programs here are small
// stand-in scripts (a mock, because a broken or hanging nft cannot be produced with the real one);
// the real nft is exercised in nftables-driver.test.ts.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NftablesDriver } from '../../src/targets/nftables/driver.ts';
import { FirewallTargetError } from '../../src/targets/nftables/errors.ts';
import { countyFirewall } from './firewall-fixture.ts';

function fakeNft(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'govern-fake-nft-'));
  const path = join(dir, 'nft');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

async function failure(driver: NftablesDriver): Promise<FirewallTargetError> {
  const e = await driver.apply(countyFirewall).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(FirewallTargetError);
  return e as FirewallTargetError;
}

describe('nftables driver failures', () => {
  it('says nft is missing and how to install it (NFT-002) when the program does not exist', async () => {
    const e = await failure(new NftablesDriver({ nft: '/nonexistent/nft' }));
    expect(e.code).toBe('NFT-002');
    expect(e.text('zh')).toContain('apt-get install nftables iproute2');
  });

  it('stops a hanging nft at the timeout (NFT-003) instead of waiting forever', async () => {
    const e = await failure(new NftablesDriver({ nft: fakeNft('sleep 5'), timeoutMs: 300 }));
    expect(e.code).toBe('NFT-003');
    expect(e.localized.en).toContain('300 ms');
  });

  it('reports output that is not JSON as a typed error (NFT-006), not a crash', async () => {
    const e = await failure(new NftablesDriver({ nft: fakeNft('echo "table inet x {"') }));
    expect(e.code).toBe('NFT-006');
  });

  it('carries nft’s own error text when nft exits non-zero (NFT-001)', async () => {
    const e = await failure(new NftablesDriver({ nft: fakeNft('echo "Error: Operation not permitted" >&2; exit 1') }));
    expect(e.code).toBe('NFT-001');
    expect(e.localized.zh).toContain('Operation not permitted');
  });
});
