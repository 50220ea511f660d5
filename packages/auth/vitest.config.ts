import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests run against @miro/api's and @miro/mock's sources, so they need no build of them first.
    alias: {
      '@miro/api': fileURLToPath(new URL('../api/src/index.ts', import.meta.url)),
      '@miro/mock': fileURLToPath(new URL('../mock/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
