import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkPublishedPackage } from '../../../packaging.shared.js';

/** Checks the built package (dist/), as published: run after `pnpm --filter @miro/mock build`. */

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
/** `require` as a CommonJS user's code has it: through the package's own exports map. */
const requireFromPackage = createRequire(join(pkgDir, 'package.json'));

describe('published package', () => {
  checkPublishedPackage(pkgDir, '@miro/mock', [
    'index.js',
    'index.cjs',
    'index.d.cts',
    'msw.cjs',
    'msw.d.cts',
    'cli.js',
  ]);

  it("works for CommonJS users: require('@miro/mock') simulates Miro, require('@miro/mock/msw') has the contract handlers", async () => {
    const mock = requireFromPackage('@miro/mock') as typeof import('@miro/mock');
    const esm = await import('@miro/mock');
    expect(Object.keys(mock).sort()).toEqual(Object.keys(esm).sort());
    const sim = mock.createMiroSimulation({ budget: false });
    const { accessToken } = sim.issueToken();
    const response = await sim.handle(
      new Request(`${sim.baseUrl}/v2/boards`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'from CommonJS' }),
      }),
    );
    expect(response.status).toBe(201);
    expect(sim.state.boardIds()).toHaveLength(1);

    const msw = requireFromPackage('@miro/mock/msw') as typeof import('@miro/mock/msw');
    expect(msw.handlers.length).toBeGreaterThan(100);
    expect(typeof msw.createContractHandlers).toBe('function');
  });
});
