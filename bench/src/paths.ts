import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench package folder (packages resolve from here: @miro/api, @mirohq/miro-api, ...). */
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(BENCH_DIR, '..');
/** Workers compiled from src/workers by esbuild: children run on plain `node`, with no loader. */
export const WORKERS_DIR = join(BENCH_DIR, 'dist', 'workers');
export const DEFAULT_RESULTS_FILE = join(REPO_ROOT, 'bench-results.json');
export const GENERATE_BIN = join(REPO_ROOT, 'generator', 'bin', 'miro-generate.mjs');
/** The hand-written runtime the generated client imports (`../runtime/index.js` from src/generated). */
export const API_RUNTIME_DIR = join(REPO_ROOT, 'packages', 'api', 'src', 'runtime');

export function workerPath(name: string): string {
  return join(WORKERS_DIR, `${name}.js`);
}
