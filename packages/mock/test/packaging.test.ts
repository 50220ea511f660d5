import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { attwProblems, PACK_TIMEOUT_MS, publintMessages } from '../../../packaging.shared.js';

/** Checks the built package (dist/), as published: run after `pnpm --filter @miro/mock build`. */

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
/** `require` as a CommonJS user's code has it: through the package's own exports map. */
const requireFromPackage = createRequire(join(pkgDir, 'package.json'));

beforeAll(() => {
  for (const file of ['index.js', 'index.cjs', 'index.d.cts', 'msw.cjs', 'msw.d.cts', 'cli.js']) {
    if (!existsSync(join(pkgDir, 'dist', file))) {
      throw new Error(`dist/${file} is missing: run \`pnpm --filter @miro/mock build\` before the packaging tests`);
    }
  }
});

describe('published package', () => {
  it(
    'passes publint without a message',
    async () => expect(await publintMessages(pkgDir)).toEqual([]),
    PACK_TIMEOUT_MS,
  );

  it(
    'has types that resolve for node10, node16 (CJS and ESM) and bundlers (attw)',
    async () => expect(await attwProblems(pkgDir)).toEqual([]),
    PACK_TIMEOUT_MS,
  );

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
