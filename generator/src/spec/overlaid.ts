import { join } from 'node:path';
import { parseSpecText, type JsonObject } from './load.js';
import { readPinnedSpec } from './materialize.js';
import { applyOverlays, loadOverlays } from './overlay.js';

/**
 * The pinned spec (from `MIRO_SPEC_SOURCE` or the cache `pnpm spec:fetch` fills, checked against
 * the pin) with `spec/overlays` applied: the document the IR is built from, before the IR. The
 * contract tests' independent oracles read it (they must not go through the IR).
 */
export async function loadOverlaidSpec(root: string): Promise<{ spec: JsonObject; sha256: string }> {
  const source = await readPinnedSpec(root);
  const spec = parseSpecText(source.text, source.location);
  applyOverlays(spec, await loadOverlays(join(root, 'spec', 'overlays')));
  return { spec, sha256: source.sha256 };
}
