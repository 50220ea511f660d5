import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from './demo.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(packageDir, 'dist', 'cli.js');
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'web-app-demo-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  if (!existsSync(cli))
    throw new Error(`${cli} is missing: build the package first (pnpm --filter @miro/example-web-app build)`);
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, ...args],
      {
        // Only what the CLI needs: no Miro credentials from the developer's shell.
        env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: '0', ...env },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

describe('startDemo', () => {
  it('against the mock, also listening on every interface (a plain-http redirect URL off loopback)', async () => {
    const demo = await startDemo({
      env: { DATA_DIR: dataDir, HOST: '0.0.0.0' },
      port: 0,
      mockPort: 0,
      sampleBoards: 0,
    });
    try {
      expect(demo.app.redirectUrl).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/auth\/callback$/);
    } finally {
      await demo.close();
    }
  });

  it('without Miro credentials: starts the mock with sample boards and wires the app to it', async () => {
    const demo = await startDemo({ env: { DATA_DIR: dataDir }, port: 0, sampleBoards: 3 });
    try {
      expect(demo.mock).toBeDefined();
      expect(demo.mock?.simulation.state.boardIds()).toHaveLength(3);
      expect(demo.app.redirectUrl).toBe(`${demo.app.url}/auth/callback`);
      expect(demo.tokenStore).toBe(`SQLite (${join(dataDir, 'tokens.db')})`);
      const connect = await fetch(`${demo.app.url}/connect`, { redirect: 'manual' });
      const location = new URL(connect.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe(`${demo.mock?.url}/oauth/authorize`);
      expect(location.searchParams.get('client_id')).toBe('demo-client-id');
      expect(location.searchParams.get('redirect_uri')).toBe(demo.app.redirectUrl);
    } finally {
      await demo.close();
    }
  });

  it('with MIRO_CLIENT_ID, MIRO_CLIENT_SECRET and MIRO_REDIRECT_URL: no mock, sends users to Miro', async () => {
    const env = {
      DATA_DIR: dataDir,
      MIRO_CLIENT_ID: 'real-client',
      MIRO_CLIENT_SECRET: 'real-secret',
      MIRO_REDIRECT_URL: 'https://example.test/auth/callback',
    };
    const demo = await startDemo({ env, port: 0 });
    try {
      expect(demo.mock).toBeUndefined();
      expect(demo.app.redirectUrl).toBe('https://example.test/auth/callback');
      const connect = await fetch(`${demo.app.url}/connect`, { redirect: 'manual' });
      const location = new URL(connect.headers.get('location') ?? '');
      expect(`${location.origin}${location.pathname}`).toBe('https://miro.com/oauth/authorize');
      expect(location.searchParams.get('client_id')).toBe('real-client');
    } finally {
      await demo.close();
    }
  });

  it('refuses a partial Miro configuration by naming what is missing', async () => {
    await expect(startDemo({ env: { DATA_DIR: dataDir, MIRO_CLIENT_ID: 'x' }, port: 0 })).rejects.toThrow(
      /missing: MIRO_CLIENT_SECRET, MIRO_REDIRECT_URL/,
    );
  });
});

describe('the demo CLI (what `pnpm demo` runs after building)', () => {
  it('--smoke starts mock and app, checks the URL answers, and exits 0', async () => {
    const { code, stdout } = await runCli(['--smoke'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/Miro: +simulated by @miro\/mock at http:\/\/127\.0\.0\.1:\d+/);
    expect(stdout).toMatch(/Open http:\/\/127\.0\.0\.1:\d+ and click "Connect to Miro"\./);
    expect(stdout).toContain('smoke: GET authorize page -> 200 with the approve button');
    expect(stdout).toContain('Smoke check passed.');
  });

  it('MIRO_DEMO_SMOKE=1 does the same as --smoke', async () => {
    const { code, stdout } = await runCli([], { MIRO_DEMO_SMOKE: '1' });
    expect(code).toBe(0);
    expect(stdout).toContain('Smoke check passed.');
  });

  it('--help prints the usage and exits 0 without starting anything', async () => {
    const { code, stdout } = await runCli(['--help'], {});
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: pnpm demo \[--smoke\]/);
    expect(stdout).not.toContain('Miro example web app');
  });

  it('exits 1 with a one-line reason on a configuration mistake', async () => {
    const bad = await runCli(['--smoke'], { TOKEN_STORE: 'mongo' });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('Configuration error: TOKEN_STORE must be sqlite, redis or postgres, got "mongo"');
    const unknown = await runCli(['--fast'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown argument "--fast"');
  });
});
