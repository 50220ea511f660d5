import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  packageTestConfig(fileURLToPath(new URL('.', import.meta.url)), {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  }),
  defineConfig({
    resolve: {
      // Tests run against @miro/api's and @miro/mock's sources, so they need no build of them first.
      alias: {
        '@miro/api': fileURLToPath(new URL('../api/src/index.ts', import.meta.url)),
        '@miro/mock': fileURLToPath(new URL('../mock/src/index.ts', import.meta.url)),
      },
    },
  }),
);
