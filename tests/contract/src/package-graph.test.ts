import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The client does not depend on the mock, in its manifest or its sources: tests that need both
 * live here. (`@miro/mock` may depend on `@miro/api`; turbo refuses a cycle between packages.)
 */

const api = fileURLToPath(new URL('../../../packages/api/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sources(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) ? [path] : [];
  });
}

describe('@miro/api stands alone', () => {
  it('lists no @miro/mock among any of its dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(api, 'package.json'), 'utf8')) as Record<string, unknown>;
    const kinds = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
    const listed = kinds.flatMap((kind) => Object.keys((manifest[kind] as Record<string, string>) ?? {}));
    expect(listed.filter((name) => name === '@miro/mock')).toEqual([]);
  });

  it("imports nothing of the mock's, by package name or by path", () => {
    const offenders = sources(api).filter((file) =>
      // `@miro/mock...` by name, or a relative path up into the mock package (`../../../mock/src/msw.ts`).
      /['"`](@miro\/mock|(\.\.\/)+mock\/)/.test(readFileSync(file, 'utf8')),
    );
    expect(offenders.map((file) => file.slice(api.length))).toEqual([]);
  });
});
