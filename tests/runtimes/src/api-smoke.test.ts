import { VERSION } from '@miro/api';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEsmBuild, launchChromium, runInBrowser } from './harness/browser.js';
import { runInChild } from './harness/child-runtimes.js';
import { startApiMocks, type ApiMocks } from './harness/mocks.js';
import type { ApiSmokeEnv, ApiSmokeReport } from './scenario/api-smoke.ts';

const FILE_BYTES = [137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3, 4];

/** What every runtime must see, the same on each. */
const EXPECTED: ApiSmokeReport = {
  version: VERSION,
  boardName: 'Runtime smoke',
  itemsCreated: 15,
  itemsIterated: 15,
  iteratedInCreationOrder: true,
  pages: 2,
  uploads: [
    { type: 'image', title: 'From a Blob', bytesBack: FILE_BYTES },
    { type: 'image', title: 'bytes.png', bytesBack: FILE_BYTES },
    { type: 'document', title: 'From a stream', bytesBack: FILE_BYTES },
  ],
  notFound: { isNotFoundError: true, isApiError: true, status: 404, code: 'notFound' },
  withResponse: { status: 200, name: 'Runtime smoke', limit: 100_000, remainingBelowLimit: true, resetAtIsDate: true },
  timeout: { isTimeoutError: true, name: 'MiroTimeoutError' },
};

let mocks: ApiMocks;
let browser: Browser;

beforeAll(async () => {
  mocks = await startApiMocks();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await mocks?.close();
});

function env(): ApiSmokeEnv {
  return { baseUrl: mocks.mock.url, slowBaseUrl: mocks.slow.url, accessToken: mocks.accessToken };
}

/** The board the run made, as the mock holds it: checked so a report cannot claim what did not happen. */
function lastBoardOnMock() {
  const ids = mocks.mock.simulation.state.boardIds();
  const board = mocks.mock.simulation.state.board(ids[ids.length - 1] ?? '');
  return { boards: ids.length, name: board?.name, items: board?.items.length, uploads: board?.resources.length };
}

describe('the @miro/api smoke scenario (board, items, pages, uploads, a typed error, withResponse, a timeout)', () => {
  it.each(['deno', 'bun'] as const)('runs on %s, from its npm package', async (runtime) => {
    const before = mocks.mock.simulation.state.boardIds().length;
    expect(await runInChild(runtime, 'api', env())).toEqual(EXPECTED);
    expect(lastBoardOnMock()).toEqual({ boards: before + 1, name: 'Runtime smoke', items: 15, uploads: 3 });
  });

  it('runs in headless Chromium, loading the ESM build from another origin (CORS)', async () => {
    const before = mocks.mock.simulation.state.boardIds().length;
    expect(await runInBrowser(browser, await apiEsmBuild(), env())).toEqual({ ok: true, report: EXPECTED });
    expect(lastBoardOnMock()).toEqual({ boards: before + 1, name: 'Runtime smoke', items: 15, uploads: 3 });
  });
});
