import { MiroApi } from '@miro/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockAt } from '../test/helpers/clock.js';
import { CALLBACK_STATE, startTokenServer, type TokenServer } from '../test/helpers/token-server.js';
import { Miro } from './miro.js';
import { MemoryTokenStorage } from './storage/memory.js';

let server: TokenServer;
let now: number;
let logLines: string[];

function miro(storage = new MemoryTokenStorage()) {
  return new Miro({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    redirectUrl: 'https://app.example/auth/callback',
    baseUrl: server.url,
    storage,
    clock: clockAt(() => now),
    logger: {
      debug: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
      info: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
      warn: (m, f) => logLines.push(`${m} ${JSON.stringify(f ?? {})}`),
    },
  });
}

beforeEach(async () => {
  server = await startTokenServer({ latencyMs: 20 });
  now = Date.now();
  logLines = [];
});
afterEach(() => server.close());

describe('Miro.as', () => {
  it('returns a MiroApi that calls Miro with the user’s token', async () => {
    const client = miro();
    await client.exchangeCodeForAccessToken('u1', server.issueCallback(), CALLBACK_STATE);
    const api = client.as('u1');
    expect(api).toBeInstanceOf(MiroApi);
    const boards = await api.getBoards();
    expect(boards.data).toEqual([]);
    expect(server.counts.boards).toBe(1);
  });

  it('50 concurrent getBoards with an expired token make exactly one token request', async () => {
    const client = miro();
    const seeded = server.seedTokens();
    server.expire(seeded.accessToken);
    await client.storage.set('u1', { ...seeded, expiresAt: now - 1 });
    const results = await Promise.all(Array.from({ length: 50 }, () => client.as('u1').getBoards()));
    expect(results).toHaveLength(50);
    expect(server.counts.refreshes).toBe(1);
    expect(server.counts.boards).toBe(50);
    expect(server.counts.unauthorized).toBe(0);
  });

  it('after a 401 refreshes once and retries, for many concurrent calls', async () => {
    const client = miro();
    await client.exchangeCodeForAccessToken('u1', server.issueCallback(), CALLBACK_STATE);
    const stored = (await client.storage.get('u1'))!;
    // Miro revoked the token early; locally it still looks fresh.
    server.expire(stored.accessToken);
    const api = client.as('u1');
    await Promise.all(Array.from({ length: 20 }, () => api.getBoards()));
    expect(server.counts.refreshes).toBe(1);
    expect(server.counts.boards).toBe(20);
    expect((await client.storage.get('u1'))?.accessToken).not.toBe(stored.accessToken);
  });

  it('keeps tokens and secrets out of requested URLs and log lines', async () => {
    const client = miro();
    await client.exchangeCodeForAccessToken('u1', server.issueCallback(), CALLBACK_STATE);
    const first = (await client.storage.get('u1'))!;
    server.expire(first.accessToken);
    await client.as('u1').getBoards();
    const second = (await client.storage.get('u1'))!;
    const secrets = [
      server.clientSecret,
      first.accessToken,
      first.refreshToken!,
      second.accessToken,
      second.refreshToken!,
    ];
    for (const text of [...server.requests.map((r) => r.url), ...logLines]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
