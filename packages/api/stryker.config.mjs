// Stryker on the runtime's files (`pnpm test:stryker` at the root; not part of `pnpm test`).
// The test runner plugin is named by path: under pnpm, Stryker's core cannot see it by name.
import { fileURLToPath } from 'node:url';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  plugins: [fileURLToPath(import.meta.resolve('@stryker-mutator/vitest-runner'))],
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts' },
  mutate: ['src/runtime/**/*.ts', '!src/runtime/**/*.test.ts', '!src/runtime/test-support/**'],
  coverageAnalysis: 'perTest',
  // A mutant that loops is declared timed out after 3 s more than the tests' own time (default 5 s).
  timeoutMS: 3000,
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: '../../.artifacts/stryker/mutation.json' },
  tempDirName: '../../.artifacts/stryker/tmp',
  cleanTempDir: 'always',
};
