import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BenchSetupError } from './setup-error.js';
import { resolveSpecVersions } from './spec-dir.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A repository with two pinned test specs (the newer one also the build's), and a folder holding their bytes. */
function repoWithPins() {
  const root = mkdtempSync(join(tmpdir(), 'miro-bench-specdir-'));
  const specs = { '2025-01-01': '{"openapi":"3.0.1","old":true}', '2026-01-01': '{"openapi":"3.0.1"}' };
  const pin = (published: keyof typeof specs) => ({
    published,
    commit: 'c0ffee',
    url: `https://example.invalid/${published}.json`,
    sha256: sha256(specs[published]),
  });
  mkdirSync(join(root, 'spec'));
  writeFileSync(join(root, 'spec', 'pin.json'), JSON.stringify(pin('2026-01-01')));
  writeFileSync(join(root, 'spec', 'test-specs.json'), JSON.stringify([pin('2026-01-01'), pin('2025-01-01')]));
  const dir = join(root, 'specs');
  mkdirSync(dir);
  return { root, dir, specs };
}

describe('the spec versions of the scaling section', () => {
  it('takes every pinned version, oldest first, from MIRO_SPEC_DIR through the shared helper', async () => {
    const { root, dir, specs } = repoWithPins();
    for (const [published, text] of Object.entries(specs))
      writeFileSync(join(dir, `miro-openapi-${published}.json`), text);
    const files = await resolveSpecVersions({ MIRO_SPEC_DIR: dir }, root);
    expect(files.map((f) => f.version)).toEqual(['2025-01-01', '2026-01-01']);
    // Kept in .spec-cache/ under the pinned hash, as the generator's tests keep them.
    expect(files[0]?.path).toBe(join(root, '.spec-cache', `${sha256(specs['2025-01-01'])}.json`));
  });

  it('fails with one line naming the missing file and MIRO_SPEC_DIR when a version cannot be had', async () => {
    const { root, dir, specs } = repoWithPins();
    writeFileSync(join(dir, 'miro-openapi-2026-01-01.json'), specs['2026-01-01']);
    const attempt = resolveSpecVersions({ MIRO_SPEC_DIR: dir }, root);
    await expect(attempt).rejects.toBeInstanceOf(BenchSetupError);
    await expect(resolveSpecVersions({ MIRO_SPEC_DIR: dir }, root)).rejects.toThrow(
      /^bench: the scaling section generates from every published spec version: miro-openapi-2025-01-01\.json .*MIRO_SPEC_DIR[^\n]*$/,
    );
  });

  it('refuses a file whose bytes are not the pinned ones', async () => {
    const { root, dir } = repoWithPins();
    writeFileSync(join(dir, 'miro-openapi-2025-01-01.json'), '{"edited":true}');
    await expect(resolveSpecVersions({ MIRO_SPEC_DIR: dir }, root)).rejects.toThrow(/sha256/);
  });
});
