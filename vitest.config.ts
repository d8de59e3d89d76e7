import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report lets .ci/run print the plain closing line `N passed, M failed`.
    reporters: ['default', 'json'],
    outputFile: { json: '.govern/test-report.json' },
  },
});
