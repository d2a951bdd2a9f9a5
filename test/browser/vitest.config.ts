import { defineConfig } from 'vitest/config';

// Browser tests drive the production build (dist/) in Debian's headless Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
