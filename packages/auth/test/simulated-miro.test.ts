import { startMockServer, type MockServer } from '@miro/mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Miro } from '../src/miro.js';
import { createOAuthState, verifyOAuthState } from '../src/oauth-state.js';
import { MemoryTokenStorage } from '../src/storage/memory.js';
import { clockAt } from './helpers/clock.js';

const CLIENT = { clientId: 'auth-e2e-client', clientSecret: 'auth-e2e-secret-value' };
const REDIRECT = 'https://app.example/auth/callback';
const STATE_SECRET = 'state-secret-of-at-least-32-chars';

let mock: MockServer;
let now: number;

beforeEach(async () => {
  now = Date.UTC(2026, 0, 1);
  mock = await startMockServer({
    clients: [{ ...CLIENT, redirectUris: [REDIRECT] }],
    autoApprove: true,
    now: () => now,
    latencyMs: 5,
  });
});
afterEach(() => mock.close());

function miro() {
  return new Miro({
    ...CLIENT,
    redirectUrl: REDIRECT,
    baseUrl: mock.url,
    authorizeUrl: `${mock.url}/oauth/authorize`,
    storage: new MemoryTokenStorage(),
    clock: clockAt(() => now),
  });
}

/** The user's browser: follows the authorize URL to the redirect Miro sends it to. */
async function authorizeInBrowser(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

describe('against the simulated Miro (@miro/mock)', () => {
  it('runs the whole flow: authorize, state check, code exchange, API calls, refresh after expiry, revoke', async () => {
    const client = miro();
    const state = createOAuthState('session-1', STATE_SECRET, { clock: { now: () => now } });
    const redirect = await authorizeInBrowser(client.getAuthUrl(state));
    const returned = new URL(redirect).searchParams.get('state');
    expect(verifyOAuthState(returned, 'session-1', STATE_SECRET, { clock: { now: () => now } })).toBe(true);

    await client.exchangeCodeForAccessToken('user-1', redirect, state);
    expect(await client.isAuthorized('user-1')).toBe(true);
    await client.as('user-1').getBoards();
    expect(mock.simulation.state.counters).toMatchObject({ codeExchanges: 1, refreshes: 0 });

    now += 3_600_000; // the hour is over, for Miro and for the app
    const results = await Promise.all(Array.from({ length: 50 }, () => client.as('user-1').getBoards()));
    expect(results).toHaveLength(50);
    expect(mock.simulation.state.counters.refreshes).toBe(1);

    await client.revokeToken('user-1');
    expect(mock.simulation.state.counters.revocations).toBe(1);
    expect(await client.isAuthorized('user-1')).toBe(false);
  });

  it('sends Miro nothing secret in a URL', async () => {
    const client = miro();
    const seen: string[] = [];
    const spy = new Miro({
      ...CLIENT,
      redirectUrl: REDIRECT,
      baseUrl: mock.url,
      storage: client.storage,
      clock: clockAt(() => now),
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await spy.exchangeCodeForAccessToken('u', await authorizeInBrowser(client.getAuthUrl('s-1')), 's-1');
    now += 3_600_000;
    await spy.as('u').getBoards();
    const stored = (await client.storage.get('u'))!;
    expect(seen.some((url) => url.endsWith('/v1/oauth/token'))).toBe(true);
    for (const url of seen) {
      for (const secret of [CLIENT.clientSecret, stored.accessToken, stored.refreshToken!])
        expect(url).not.toContain(secret);
      expect(url).not.toMatch(/[?&](code|client_secret|refresh_token)=/);
    }
  });
});
