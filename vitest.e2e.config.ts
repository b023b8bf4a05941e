import { defineConfig } from 'vitest/config';

// Real-browser tests (test/e2e/): they load the production build from .output/, so build first
// (`npm run test:e2e` does). One browser at a time: the machines have 2 cores, and the Firefox
// suite's stand-in needs port 443 for itself.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
