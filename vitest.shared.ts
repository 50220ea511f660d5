import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * Every package's vitest config: besides the console report, a JSON report per package in
 * `.artifacts/vitest/`, which `.ci/run` sums into its closing `N passed, N failed` line.
 */
export function packageTestConfig(packageDir: string, overrides: { testTimeout?: number; include?: string[] } = {}) {
  return defineConfig({
    test: {
      testTimeout: overrides.testTimeout ?? 30_000,
      hookTimeout: 60_000,
      ...(overrides.include ? { include: overrides.include } : {}),
      reporters: ['default', 'json'],
      outputFile: { json: join(root, '.artifacts', 'vitest', `${basename(packageDir)}.json`) },
    },
  });
}
