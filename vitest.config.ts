import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every test loads the files themselves unless it opens a load cache on purpose
    // (tests/load/cache.test.ts): a cache left by an earlier run must not decide a result.
    env: { GOVERN_NO_CACHE: '1' },
    // The JSON report lets .ci/run print the plain closing line `N passed, M failed`.
    reporters: ['default', 'json'],
    outputFile: { json: '.govern/test-report.json' },
  },
});
