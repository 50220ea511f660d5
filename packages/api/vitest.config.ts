import { defineConfig, mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared.js';

export default mergeConfig(
  packageTestConfig(import.meta.dirname, { include: ['src/**/*.test.ts', 'test/**/*.test.ts'] }),
  defineConfig({
    test: {
      environment: 'node',
      // msw patches the global fetch per file; isolation keeps files from seeing each other's handlers.
      isolate: true,
    },
  }),
);
