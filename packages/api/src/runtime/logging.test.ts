import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogFields, LogLevel } from './logger.js';
import { ops } from './test-support/operations.js';
import { API, steppingClock, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';

const server = useMockServer();

const SECRETS = ['sekret-access-token', 'sekret-query-token', 'sekret-oauth-code', 'sekret-refresh', 'sekret-client'];

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A token exchange that carries every kind of secret, first throttled then answered. */
async function leakyCall(extra: Record<string, unknown>) {
  let count = 0;
  server.use(
    http.post(`${API}/v1/oauth/token`, () =>
      ++count === 1
        ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } })
        : HttpResponse.json({ access_token: 'sekret-refresh', ok: true }),
    ),
  );
  const api = new TestApi({ accessToken: 'sekret-access-token', clock: steppingClock(), budget: false, ...extra });
  await api.call(
    ops.exchangeToken,
    [],
    { grant_type: 'refresh_token', refresh_token: 'sekret-refresh', client_secret: 'sekret-client' },
    { code: 'sekret-oauth-code', accessToken: 'sekret-query-token', clientId: 'app-1' },
    { headers: { Authorization: 'Bearer sekret-access-token' } },
  );
}

describe('logging', () => {
  it('logs method, URL, status, duration and retries to a logger object, with every secret redacted', async () => {
    const lines: { level: LogLevel; message: string; fields: LogFields | undefined }[] = [];
    const record = (level: LogLevel) => (message: string, fields?: LogFields) => lines.push({ level, message, fields });
    await leakyCall({ logger: { debug: record('debug'), warn: record('warn') } });
    const output = JSON.stringify(lines);
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    expect(output).toContain('[REDACTED]');
    expect(lines.map((l) => l.level)).toEqual(['debug', 'warn', 'debug', 'debug']);
    expect(lines[1]?.message).toMatch(
      /^POST https:\/\/api\.miro\.com\/v1\/oauth\/token\?code=\[REDACTED\]&access_token=\[REDACTED\]&client_id=app-1 -> 429; retry 1 of 2 in 1000 ms$/,
    );
    expect(lines[3]?.message).toMatch(/-> 200 in \d+ ms \(retries: 1\)$/);
    expect(lines[3]?.fields).toMatchObject({ status: 200, retries: 1, durationMs: expect.any(Number) });
    expect(lines[0]?.fields?.['headers']).toMatchObject({ authorization: '[REDACTED]' });
  });

  it('prints redacted debug output to the console when MIRO_DEBUG=1', async () => {
    vi.stubEnv('MIRO_DEBUG', '1');
    const printed: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void printed.push(args));
    await leakyCall({});
    const output = JSON.stringify(printed);
    expect(printed.length).toBe(4);
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    expect(output).toContain('[miro-api] POST https://api.miro.com/v1/oauth/token');
  });

  it('accepts a logger function', async () => {
    const logger = vi.fn();
    await leakyCall({ logger });
    expect(logger).toHaveBeenCalledWith(
      'warn',
      expect.stringContaining('-> 429'),
      expect.objectContaining({ status: 429 }),
    );
  });

  it('logs nothing without a logger or MIRO_DEBUG', async () => {
    const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    await leakyCall({});
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
