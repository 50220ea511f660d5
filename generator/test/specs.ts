import { SpecError } from '../src/errors.js';
import { buildIR } from '../src/ir/build.js';
import type { ApiIR } from '../src/ir/types.js';
import { loadSpec, REPO_ROOT } from '../src/pipeline.js';
import { readTestSpec } from '../src/spec/materialize.js';

/**
 * Miro's published specs, as the tests get them: each pinned in spec/test-specs.json and read from
 * MIRO_SPEC_DIR, `.spec-cache/` or its pinned URL (MIRO_SPEC_SOURCE too, for the build's version).
 * Call these inside a test, never at import: a spec that cannot be had then fails each test that
 * needs it with one line naming the file and how to get it, and the other tests run.
 */

const files = new Map<string, Promise<string>>();
const irs = new Map<string, Promise<ApiIR>>();

/** A file holding the pinned bytes of the spec published on that date. */
export function testSpecFile(published: string): Promise<string> {
  let file = files.get(published);
  if (!file) {
    file = readTestSpec(REPO_ROOT, published).then(
      (source) => source.file,
      (error: unknown) => {
        // An expected condition, not a defect here: the message is the whole story, so no stack.
        if (error instanceof SpecError) error.stack = `${error.name}: ${error.message}`;
        throw error;
      },
    );
    files.set(published, file);
  }
  return file;
}

/** The IR of the spec published on that date, with the overlays applied (built once per test file). */
export function testSpecIR(published: string): Promise<ApiIR> {
  let ir = irs.get(published);
  if (!ir) {
    ir = testSpecFile(published).then(async (spec) => buildIR((await loadSpec({ spec })).spec));
    irs.set(published, ir);
  }
  return ir;
}
