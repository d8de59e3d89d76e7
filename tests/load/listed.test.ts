// loadRepository's onListed: a caller learns how many request files the county has before they are
// read (govern check starts its worker thread then, to parse the policies meanwhile).
import { describe, expect, it } from 'vitest';
import { loadRepository } from '../../src/load/index.ts';
import { PACKAGE_ROOT } from '../../src/paths.ts';

describe('loading a county', () => {
  it('tells once how many request files there are', async () => {
    const told: number[] = [];
    const result = await loadRepository(PACKAGE_ROOT, { cache: false, onListed: ({ requests }) => void told.push(requests) });
    expect(result.repository!.requests.length).toBeGreaterThan(0);
    expect(told).toEqual([result.repository!.requests.length]);
  });
});
