import { defineConfig } from 'tsup';

/**
 * Dual ESM + CJS build with declarations for each, matching the `exports` map in package.json:
 * dist/index.js (ESM), dist/index.cjs, dist/index.d.ts, dist/index.d.cts. `platform: 'neutral'`
 * keeps Node-only shims out: the package must run on Node, Deno, Bun, browsers and edge runtimes.
 */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  outDir: 'dist',
});
