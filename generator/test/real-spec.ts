import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../src/pipeline.js';

/** The folder of real published specs (beside the repository, as on CI). */
export const SPEC_DIR = resolve(REPO_ROOT, '..', 'shared', 'spec');

/** The pinned real spec: MIRO_SPEC_SOURCE when set, else the copy beside the repository. */
export const PINNED_SPEC = process.env.MIRO_SPEC_SOURCE
  ? resolve(REPO_ROOT, process.env.MIRO_SPEC_SOURCE)
  : join(SPEC_DIR, 'miro-openapi-2026-04-22.json');

if (!existsSync(PINNED_SPEC))
  throw new Error(`The real spec is needed for these tests: set MIRO_SPEC_SOURCE (missing: ${PINNED_SPEC})`);
