import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WxtVitest does not apply wxt.config.ts's vite() block, so preact() is added here too.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    include: [
      'core/**/*.test.ts',
      'components/**/*.test.tsx',
      'entrypoints/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    // Browser tests (the bench's smoke run among them) belong to vitest.e2e.config.ts.
    exclude: ['**/node_modules/**', '**/*.e2e.test.ts'],
    restoreMocks: true,
  },
});
