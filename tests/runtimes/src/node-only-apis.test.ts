import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEsmBuild, launchChromium, runInBrowser } from './harness/browser.js';
import { startApiMocks, type ApiMocks } from './harness/mocks.js';

/**
 * Refactors that would tie @miro/api to Node, applied to a copy of its ESM build. Deno and Bun
 * implement these Node APIs, so only the browser run can catch them: each copy must fail there.
 */
const BREAKAGES = [
  {
    what: 'a node: import (a request id from node:crypto)',
    change: (source: string) => `import { randomUUID } from "node:crypto";\n${source}`,
    marker: 'from "node:crypto"',
    failure: /script at 'node:crypto' .* blocked/,
  },
  {
    what: 'the Buffer global (upload bytes copied with Buffer.from)',
    change: (source: string) =>
      source.replace(
        'function copyBytes(view) {',
        'function copyBytes(view) {\n  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);',
      ),
    marker: 'return Buffer.from(view.buffer',
    failure: /ReferenceError: Buffer is not defined/,
  },
  {
    what: 'a Node stream (upload streams read through node:stream)',
    change: (source: string) =>
      `import { Readable } from "node:stream";\n${source.replace('const reader = stream.getReader();', 'const reader = Readable.fromWeb(stream).iterator();')}`,
    marker: 'Readable.fromWeb(stream)',
    failure: /script at 'node:stream' .* blocked/,
  },
  {
    what: 'the process global (an environment variable overriding the base URL)',
    change: (source: string) =>
      source.replace(
        'checkUrl(options.baseUrl ?? DEFAULT_BASE_URL,',
        'checkUrl(process.env.MIRO_API_BASE_URL ?? options.baseUrl ?? DEFAULT_BASE_URL,',
      ),
    marker: 'process.env.MIRO_API_BASE_URL',
    failure: /ReferenceError: process is not defined/,
  },
] as const;

let mocks: ApiMocks;
let browser: Browser;
let build: string;

beforeAll(async () => {
  mocks = await startApiMocks();
  browser = await launchChromium();
  build = await apiEsmBuild();
});

afterAll(async () => {
  await browser?.close();
  await mocks?.close();
});

describe('the browser run fails when @miro/api uses a Node-only API', () => {
  it.each(BREAKAGES)('$what', async ({ change, marker, failure }) => {
    const broken = change(build);
    expect(broken).toContain(marker); // the change applied: the build still has the code it edits
    const outcome = await runInBrowser(browser, broken, {
      baseUrl: mocks.mock.url,
      slowBaseUrl: mocks.slow.url,
      accessToken: mocks.accessToken,
    });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error).toMatch(failure);
  });
});
