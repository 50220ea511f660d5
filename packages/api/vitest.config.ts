import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    // msw patches the global fetch per file; isolation keeps files from seeing each other's handlers.
    isolate: true,
  },
});
