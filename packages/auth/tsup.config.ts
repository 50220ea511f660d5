import { defineConfig } from 'tsup';

// One entry per subpath export in package.json; each storage adapter is its own entry so an app
// loads (and needs the driver of) only the adapter it imports.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'storage/memory': 'src/storage/memory.ts',
    'storage/sqlite': 'src/storage/sqlite.ts',
    'storage/redis': 'src/storage/redis/index.ts',
    'storage/postgres': 'src/storage/postgres.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  // Shared chunks in both formats, so `instanceof MiroStorageError` holds whichever entry threw it.
  splitting: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  // import.meta.url in the CommonJS build (drivers are resolved from this package's location).
  shims: true,
});
