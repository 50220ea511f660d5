import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);

/** The ESM build of @miro/api as published: what `import '@miro/api'` loads in a browser. */
export async function apiEsmBuild(): Promise<string> {
  const manifest = require.resolve('@miro/api/package.json');
  const file = join(dirname(manifest), 'dist', 'index.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run pnpm build first`);
  return readFile(file, 'utf8');
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>@miro/api in the browser</title>
<script type="importmap">{"imports":{"@miro/api":"/node_modules/@miro/api/dist/index.js"}}</script>
<script>
// Loads the scenario (and so @miro/api) when called: a module that fails to load is reported like a failed run.
window.runScenario = async (env) => {
  try {
    const scenario = await import('/src/scenario/api-smoke.ts');
    return { ok: true, report: await scenario.runApiSmoke(env) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.name + ': ' + error.message : String(error) };
  }
};
</script>
</head><body></body></html>`;

/**
 * A page origin of its own (so every call to the mock is cross-origin, through CORS): the page, the
 * given source of @miro/api's ESM build under its import-map name, and the scenario modules with
 * their types stripped (esbuild `transform`: no bundling, the imports stay as written).
 */
async function servePage(apiSource: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    };
    if (path === '/') send(200, 'text/html; charset=utf-8', PAGE);
    else if (path === '/favicon.ico') send(204, 'image/x-icon', '');
    else if (path === '/node_modules/@miro/api/dist/index.js') send(200, 'text/javascript', apiSource);
    else if (/^\/src\/scenario\/[a-z-]+\.ts$/.test(path)) {
      readFile(join(packageDir, path), 'utf8')
        .then((ts) => transform(ts, { loader: 'ts', format: 'esm', target: 'es2022' }))
        .then(({ code }) => send(200, 'text/javascript', code))
        .catch((error: unknown) => send(500, 'text/plain', String(error)));
    } else send(404, 'text/plain', `not found: ${path}`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

export type BrowserOutcome<Report> = { ok: true; report: Report } | { ok: false; error: string };

/**
 * Runs `runApiSmoke` of src/scenario/api-smoke.ts in a fresh Chromium page that loads `apiSource`
 * as @miro/api. A failure to load the module or to finish the scenario is returned, not thrown,
 * with the browser's message.
 */
export async function runInBrowser<Report>(
  browser: Browser,
  apiSource: string,
  env: object,
): Promise<BrowserOutcome<Report>> {
  const { url, server } = await servePage(apiSource);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    // A module that fails to load an import rejects `import()` with a generic message; the
    // console names the import (Chromium takes `node:x` for a URL of an unknown scheme).
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`${error.name}: ${error.message}`));
    await page.goto(url);
    const outcome = await page.evaluate(
      (input) =>
        (window as unknown as { runScenario(env: object): Promise<BrowserOutcome<Report>> }).runScenario(input),
      env,
    );
    return outcome.ok ? outcome : { ok: false, error: [outcome.error, ...consoleErrors].join('\n') };
  } finally {
    await context.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
