import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import { packageTestConfig } from '../../vitest.shared.js';

const source = (path: string): string => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));

export default mergeConfig(
  packageTestConfig(import.meta.dirname, { include: ['src/**/*.test.ts'] }),
  defineConfig({
    // The packages' sources rather than their builds: a change to the runtime or to the generated
    // output is tested without rebuilding (what `pnpm test:mutations` relies on).
    resolve: {
      alias: [
        { find: /^@miro\/api$/, replacement: source('api/src/index.ts') },
        { find: /^@miro\/mock\/msw$/, replacement: source('mock/src/msw.ts') },
        { find: /^@miro\/mock$/, replacement: source('mock/src/index.ts') },
        { find: /^@miro\/generator\/overlaid-spec$/, replacement: source('../generator/src/spec/overlaid.ts') },
      ],
    },
    test: {
      environment: 'node',
      globalSetup: ['src/harness/global-setup.ts'],
      // msw patches the global fetch per file; isolation keeps files from seeing each other's handlers.
      isolate: true,
    },
  }),
);
