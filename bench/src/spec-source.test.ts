import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BenchSetupError } from './setup-error.js';
import { resolveSpecFile } from './spec-source.js';

function repoWithPin(): string {
  const root = mkdtempSync(join(tmpdir(), 'miro-bench-spec-'));
  mkdirSync(join(root, 'spec'));
  writeFileSync(join(root, 'spec', 'pin.json'), JSON.stringify({ sha256: 'abc' }));
  return root;
}

describe('the spec file for the generation benchmark', () => {
  it('takes MIRO_SPEC_SOURCE relative to where pnpm was started, else the spec:fetch cache', () => {
    const root = repoWithPin();
    writeFileSync(join(root, 'spec.json'), '{}');
    expect(resolveSpecFile(undefined, { MIRO_SPEC_SOURCE: 'spec.json', INIT_CWD: root }, root)).toBe(
      join(root, 'spec.json'),
    );
    mkdirSync(join(root, '.spec-cache'));
    writeFileSync(join(root, '.spec-cache', 'abc.json'), '{}');
    expect(
      resolveSpecFile(undefined, { MIRO_SPEC_SOURCE: 'https://example.com/spec.json', INIT_CWD: root }, root),
    ).toBe(join(root, '.spec-cache', 'abc.json'));
  });

  it('without one, fails with a setup error that names every place it looked and what to do', () => {
    const root = repoWithPin();
    const attempt = (): string => resolveSpecFile('missing.json', { INIT_CWD: root }, root);
    expect(attempt).toThrow(BenchSetupError);
    expect(attempt).toThrow(`looked at ${join(root, 'missing.json')}, ${join(root, '.spec-cache', 'abc.json')}`);
    expect(attempt).toThrow(/Set MIRO_SPEC_SOURCE/);
  });
});
