import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every test loads the files themselves unless it opens a load cache on purpose
    // (tests/load/cache.test.ts): a cache left by an earlier run must not decide a result.
    // Caches the tests make go to a folder of their own, not the user's ~/.cache.
    env: { GOVERN_NO_CACHE: '1', GOVERN_CACHE_DIR: join(tmpdir(), 'govern-test-cache') },
    // The JSON report lets .ci/run print the plain closing line `N passed, M failed`.
    reporters: ['default', 'json'],
    outputFile: { json: '.govern/test-report.json' },
  },
});
