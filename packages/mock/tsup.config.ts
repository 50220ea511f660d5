import { defineConfig } from 'tsup';

// Named entries keep flat output names: dist/index.js, dist/msw.js, dist/cli.js (the bin loads ../dist/cli.js).
const shared = { target: 'node20', platform: 'node', sourcemap: true } as const;

export default defineConfig([
  {
    // The library, for `import` and `require`: dist/index.{js,cjs,d.ts,d.cts}, dist/msw.*, as the exports map says.
    ...shared,
    entry: { index: 'src/index.ts', msw: 'src/msw.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    // The two builds run at once: this one empties dist/ except what the CLI build writes.
    clean: ['!cli.*'],
  },
  {
    // The CLI is an ES module run by bin/miro-mock.mjs only.
    ...shared,
    entry: { cli: 'src/server/cli.ts' },
    format: ['esm'],
    dts: false,
    clean: false,
  },
]);
