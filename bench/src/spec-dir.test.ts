import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SPEC_VERSIONS, resolveSpecVersions, specFileName } from './spec-dir.js';
import { BenchSetupError } from './setup-error.js';

describe('the spec versions of the scaling section', () => {
  it('takes every published version from MIRO_SPEC_DIR, relative to where pnpm was started', () => {
    const root = mkdtempSync(join(tmpdir(), 'miro-bench-specdir-'));
    for (const v of PUBLISHED_SPEC_VERSIONS) writeFileSync(join(root, specFileName(v)), '{}');
    const files = resolveSpecVersions({ MIRO_SPEC_DIR: '.', INIT_CWD: root });
    expect(files.map((f) => f.version)).toEqual([...PUBLISHED_SPEC_VERSIONS]);
    expect(files[0]?.path).toBe(join(root, 'miro-openapi-2024-04-15.json'));
  });

  it('fails with one line naming the variable when it is unset', () => {
    const attempt = () => resolveSpecVersions({});
    expect(attempt).toThrow(BenchSetupError);
    expect(attempt).toThrow(/^bench: .*set MIRO_SPEC_DIR to a folder holding miro-openapi-2024-04-15\.json, [^\n]*$/);
  });

  it('fails with one line naming each missing file', () => {
    const root = mkdtempSync(join(tmpdir(), 'miro-bench-specdir-'));
    writeFileSync(join(root, specFileName('2026-04-22')), '{}');
    const attempt = () => resolveSpecVersions({ MIRO_SPEC_DIR: root });
    expect(attempt).toThrow(BenchSetupError);
    expect(attempt).toThrow(
      `MIRO_SPEC_DIR (${root}) lacks miro-openapi-2024-04-15.json, miro-openapi-2025-02-05.json, miro-openapi-2026-02-13.json;`,
    );
  });
});
