import { relative } from 'node:path';
import { REPO_ROOT } from './pipeline.js';
import { fetchPinnedSpecs } from './spec/materialize.js';
import { specFileName } from './spec/pin.js';

/**
 * `pnpm spec:fetch`: puts the build's spec (spec/pin.json) and every spec the tests read
 * (spec/test-specs.json) in `.spec-cache/`, each from MIRO_SPEC_SOURCE (the build's), the folder
 * MIRO_SPEC_DIR names, or its pinned URL, and each checked against its pinned sha256.
 */
export async function main(): Promise<number> {
  const outcomes = await fetchPinnedSpecs(REPO_ROOT);
  for (const { pin, cached, note } of outcomes) {
    if (cached)
      process.stdout.write(`spec:fetch: ${specFileName(pin)} from ${note} -> ${relative(REPO_ROOT, cached)}\n`);
    else process.stderr.write(`spec:fetch: ${note}\n`);
  }
  return outcomes.every((o) => o.cached) ? 0 : 1;
}
