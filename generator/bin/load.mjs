// Loads a generator entry: the esbuild bundle in dist/ when it is newer than every source file
// (turbo builds it before generating), else the TypeScript source through tsx, so that editing the
// generator never runs stale code. The runtime files src/runtime.ts imports by path are sources too.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The files outside src/ that src/runtime.ts re-exports (`from '../../packages/...js'`). */
function borrowedSources() {
  const text = readFileSync(join(root, 'src', 'runtime.ts'), 'utf8');
  return [...text.matchAll(/from '(\.\.\/[^']+)\.js'/g)].map((m) => join(root, 'src', `${m[1]}.ts`));
}

export async function load(name) {
  const bundle = join(root, 'dist', `${name}.js`);
  const newest = Math.max(newestSource(join(root, 'src')), ...borrowedSources().map((f) => statSync(f).mtimeMs));
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newest) {
    return import(pathToFileURL(bundle).href);
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import(pathToFileURL(join(root, 'src', `${name}.ts`)).href);
}
