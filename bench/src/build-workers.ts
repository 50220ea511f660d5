import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { BENCH_DIR, WORKERS_DIR } from './paths.js';

/**
 * Compiles src/workers/*.ts to plain ESM. Packages stay external, so each child imports the real
 * installed @miro/api, @mirohq/miro-api and @miro/mock, as an application would.
 */
export async function buildWorkers(): Promise<void> {
  const sourceDir = join(BENCH_DIR, 'src', 'workers');
  const entryPoints = readdirSync(sourceDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => join(sourceDir, name));
  await build({
    entryPoints,
    outdir: WORKERS_DIR,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}
