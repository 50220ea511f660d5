import { defineConfig } from 'vitest/config';

/**
 * The runtime's unit tests alone, for Stryker (`pnpm test:stryker`): the packaging and
 * type-check suites under test/ build and compile, which no mutant of the runtime needs.
 */
export default defineConfig({
  test: {
    include: ['src/runtime/**/*.test.ts'],
    environment: 'node',
    // One environment for all files: Stryker reruns a few tests per mutant, and isolating each
    // file costs more than those tests. msw servers are started and closed per file.
    isolate: false,
    testTimeout: 30_000,
  },
});
