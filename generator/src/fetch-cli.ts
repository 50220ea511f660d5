import { SpecError } from './errors.js';
import { REPO_ROOT } from './pipeline.js';
import { materializePinnedSpec } from './spec/materialize.js';

/** `pnpm spec:fetch`: materialize the pinned spec from MIRO_SPEC_SOURCE or the pinned URL. */
export async function main(): Promise<number> {
  try {
    const { path, location, sha256 } = await materializePinnedSpec(REPO_ROOT);
    process.stdout.write(`spec:fetch: ${location} matches the pin (sha256 ${sha256}) -> ${path}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SpecError) {
      process.stderr.write(`spec:fetch: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
