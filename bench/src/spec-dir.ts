import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { BenchSetupError } from './setup-error.js';

/**
 * The published versions of Miro's spec the scaling section generates from, oldest first, under
 * the file names the spec folder uses. (Issue 13 pins these for the tests with `MIRO_SPEC_DIR`;
 * the bench takes the folder from the same variable.)
 */
export const PUBLISHED_SPEC_VERSIONS = ['2024-04-15', '2025-02-05', '2026-02-13', '2026-04-22'] as const;

export function specFileName(version: string): string {
  return `miro-openapi-${version}.json`;
}

export interface SpecVersionFile {
  readonly version: string;
  readonly path: string;
}

/**
 * Every published spec version as a local file, from the folder `MIRO_SPEC_DIR` names (relative to
 * where pnpm was started). Unset, or a file missing: a one-line setup error saying what to set.
 */
export function resolveSpecVersions(env: NodeJS.ProcessEnv = process.env): SpecVersionFile[] {
  const names = PUBLISHED_SPEC_VERSIONS.map(specFileName);
  const value = env['MIRO_SPEC_DIR']?.trim();
  if (!value) {
    throw new BenchSetupError(
      `bench: the scaling section generates from every published spec version: set MIRO_SPEC_DIR to a folder holding ${names.join(', ')} (or leave scaling out: --only)`,
    );
  }
  const dir = isAbsolute(value) ? value : resolve(env['INIT_CWD'] ?? process.cwd(), value);
  const files = PUBLISHED_SPEC_VERSIONS.map((version) => ({ version, path: join(dir, specFileName(version)) }));
  const missing = files.filter((f) => !existsSync(f.path)).map((f) => specFileName(f.version));
  if (missing.length) {
    throw new BenchSetupError(
      `bench: MIRO_SPEC_DIR (${dir}) lacks ${missing.join(', ')}; the scaling section needs every published spec version`,
    );
  }
  return files;
}
