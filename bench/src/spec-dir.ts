// The published spec versions come through the generator's pins (spec/test-specs.json) and the
// same helper its tests use, so the bench needs nothing the tests do not.
import { SpecError } from '@miro/generator/src/errors.js';
import { readTestSpec } from '@miro/generator/src/spec/materialize.js';
import { readTestPins } from '@miro/generator/src/spec/pin.js';
import { REPO_ROOT } from './paths.js';
import { BenchSetupError } from './setup-error.js';

export interface SpecVersionFile {
  /** Its publication date, as pinned. */
  readonly version: string;
  readonly path: string;
}

/**
 * Every published version the tests pin, oldest first, each as a local file with the pinned
 * bytes: from `.spec-cache/`, the folder `MIRO_SPEC_DIR` names (relative to the repository root)
 * or its pinned URL. One that cannot be had is a one-line setup error saying how to get it.
 */
export async function resolveSpecVersions(
  env: NodeJS.ProcessEnv = process.env,
  root = REPO_ROOT,
): Promise<SpecVersionFile[]> {
  const pins = [...(await readTestPins(root))].sort((a, b) => a.published.localeCompare(b.published));
  const files: SpecVersionFile[] = [];
  for (const pin of pins) {
    try {
      files.push({ version: pin.published, path: (await readTestSpec(root, pin.published, env)).file });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      throw new BenchSetupError(
        `bench: the scaling section generates from every published spec version: ${error.message}`,
      );
    }
  }
  return files;
}
