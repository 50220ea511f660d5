import { defineConfig } from 'tsup';

export default defineConfig({
  // Named entries keep flat output names: dist/index.js, dist/cli.js (the bin loads ../dist/cli.js).
  entry: {
    index: 'src/index.ts',
    cli: 'src/server/cli.ts',
    msw: 'src/msw.ts',
  },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  sourcemap: true,
  clean: true,
});
