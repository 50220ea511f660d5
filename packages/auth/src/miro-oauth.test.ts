import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTokenServer, type TokenServer } from '../test/helpers/token-server.js';
import { MiroAuthorizationRequiredError, MiroConfigError, MiroTokenRequestError } from './errors.js';
import { MiroOAuth, type MiroOptions } from './miro-oauth.js';
import { MemoryTokenStorage } from './storage/memory.js';
import type { Logger } from './types.js';

let server: TokenServer;
let now: number;
let logLines: string[];
const logger: Logger = {
  debug: (m, meta) => logLines.push(`debug ${m} ${JSON.stringify(meta ?? {})}`),
  info: (m, meta) => logLines.push(`info ${m} ${JSON.stringify(meta ?? {})}`),
  warn: (m, meta) => logLines.push(`warn ${m} ${JSON.stringify(meta ?? {})}`),
  error: (m, meta) => logLines.push(`error ${m} ${JSON.stringify(meta ?? {})}`),
};

function miro(options: MiroOptions = {}) {
  return new MiroOAuth({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    redirectUrl: 'https://app.example/auth/callback',
    baseUrl: server.url,
    storage: new MemoryTokenStorage(),
    logger,
    now: () => now,
    ...options,
  });
}

beforeEach(async () => {
  server = await startTokenServer();
  now = 1_700_000_000_000;
  logLines = [];
});
afterEach(() => server.close());

describe('configuration', () => {
  const env = { ...process.env };
  afterEach(() => {
    process.env = { ...env };
  });

  it('reads client id, secret and redirect URL from the environment', () => {
    process.env.MIRO_CLIENT_ID = 'env-id';
    process.env.MIRO_CLIENT_SECRET = 'env-secret';
    process.env.MIRO_REDIRECT_URL = 'https://env.example/cb';
    const client = new MiroOAuth({ storage: new MemoryTokenStorage() });
    expect(client.clientId).toBe('env-id');
    expect(client.redirectUrl).toBe('https://env.example/cb');
  });

  it('names the missing setting and its variable', () => {
    delete process.env.MIRO_CLIENT_SECRET;
    process.env.MIRO_CLIENT_ID = 'env-id';
    process.env.MIRO_REDIRECT_URL = 'https://env.example/cb';
    expect(() => new MiroOAuth()).toThrow(MiroConfigError);
    expect(() => new MiroOAuth()).toThrow(
      /clientSecret is missing: pass options.clientSecret or set MIRO_CLIENT_SECRET/,
    );
  });

  it('without a logger, warns on the console once per process about the memory store', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      new MiroOAuth({ clientId: 'a', clientSecret: 'b', redirectUrl: 'https://x.example/cb' });
      new MiroOAuth({ clientId: 'a', clientSecret: 'b', redirectUrl: 'https://x.example/cb' });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]?.[0])).toMatch(/MemoryTokenStorage/);
    } finally {
      spy.mockRestore();
    }
  });

  it('warns once through the logger when it falls back to the memory store', () => {
    new MiroOAuth({ clientId: 'a', clientSecret: 'b', redirectUrl: 'https://x.example/cb', logger });
    expect(logLines.filter((l) => l.includes('MemoryTokenStorage'))).toHaveLength(1);
  });
});

describe('getAuthUrl', () => {
  it('carries response_type, client_id, redirect_uri, state and team_id', () => {
    const url = new URL(miro().getAuthUrl('state-123', 'team-9'));
    expect(url.origin + url.pathname).toBe('https://miro.com/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: server.clientId,
      redirect_uri: 'https://app.example/auth/callback',
      state: 'state-123',
      team_id: 'team-9',
    });
  });

  it('leaves out state and team_id when not given, and never carries the secret', () => {
    const url = miro({ authorizeUrl: 'https://auth.example/authorize' }).getAuthUrl();
    expect(new URL(url).searchParams.has('state')).toBe(false);
    expect(new URL(url).searchParams.has('team_id')).toBe(false);
    expect(url.startsWith('https://auth.example/authorize?')).toBe(true);
    expect(url).not.toContain(server.clientSecret);
  });
});

describe('code exchange', () => {
  it('exchanges the code from a full redirect URL and stores the tokens', async () => {
    const client = miro();
    const code = server.issueCode();
    const token = await client.exchangeCodeForAccessToken(
      'u1',
      `https://app.example/auth/callback?code=${code}&state=s`,
    );
    expect(token).toMatch(/^at-/);
    const stored = await client.storage.get('u1');
    expect(stored).toMatchObject({ accessToken: token, expiresAt: now + 3599_000, teamId: '3458764517517818867' });
    expect(stored?.refreshToken).toMatch(/^rt-/);
  });

  it('exchanges a bare code', async () => {
    const client = miro();
    await client.exchangeCodeForAccessToken(42, server.issueCode());
    expect(await client.isAuthorized(42)).toBe(true);
    expect(await client.isAuthorized('42')).toBe(true);
  });

  it('handles a Node-style callback request and a Fetch Request', async () => {
    const client = miro();
    await client.handleAuthorizationCodeRequest('node', { url: `/auth/callback?code=${server.issueCode()}` });
    await client.handleAuthorizationCodeRequest(
      'fetch',
      new Request(`https://app.example/auth/callback?code=${server.issueCode()}`),
    );
    expect(await client.isAuthorized('node')).toBe(true);
    expect(await client.isAuthorized('fetch')).toBe(true);
  });

  it('sends client id, secret and code in a form body, never in the URL', async () => {
    const client = miro();
    const code = server.issueCode();
    await client.exchangeCodeForAccessToken('u1', code);
    const request = server.requests.find((r) => r.url.startsWith('/v1/oauth/token'));
    expect(request?.url).toBe('/v1/oauth/token');
    expect(request?.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://app.example/auth/callback',
      client_id: server.clientId,
      client_secret: server.clientSecret,
    });
  });

  it('fails with a typed error for an unknown code and stores nothing', async () => {
    const client = miro();
    const failure = client.exchangeCodeForAccessToken('u1', 'not-a-code');
    await expect(failure).rejects.toBeInstanceOf(MiroTokenRequestError);
    await expect(failure).rejects.toMatchObject({
      code: 'MIRO_AUTH_TOKEN_REQUEST_FAILED',
      status: 400,
      oauthError: 'invalid_grant',
    });
    expect(await client.isAuthorized('u1')).toBe(false);
  });
});

describe('tokens', () => {
  async function authorized(client: MiroOAuth, userId = 'u1') {
    await client.exchangeCodeForAccessToken(userId, server.issueCode());
    return (await client.storage.get(userId))!;
  }

  it('isAuthorized is false for an unknown user and getAccessToken says authorization is required', async () => {
    const client = miro();
    expect(await client.isAuthorized('nobody')).toBe(false);
    await expect(client.getAccessToken('nobody')).rejects.toMatchObject({
      code: 'MIRO_AUTH_AUTHORIZATION_REQUIRED',
      userId: 'nobody',
    });
  });

  it('returns the stored token while it is fresh, without a token request', async () => {
    const client = miro();
    const state = await authorized(client);
    now = state.expiresAt! - 60_001;
    expect(await client.getAccessToken('u1')).toBe(state.accessToken);
    expect(server.counts.refreshes).toBe(0);
  });

  it('refreshes within the margin before expiry and stores the rotated refresh token', async () => {
    const client = miro({ refreshMarginMs: 5_000 });
    const state = await authorized(client);
    now = state.expiresAt! - 5_000;
    const token = await client.getAccessToken('u1');
    expect(token).not.toBe(state.accessToken);
    expect(server.counts.refreshes).toBe(1);
    const stored = await client.storage.get('u1');
    expect(stored?.accessToken).toBe(token);
    expect(stored?.refreshToken).not.toBe(state.refreshToken);
    expect(stored?.expiresAt).toBe(now + 3599_000);
    expect(stored?.teamId).toBe(state.teamId);
  });

  it('refreshes once for 50 concurrent calls with an expired token', async () => {
    const client = miro();
    const state = await authorized(client);
    now = state.expiresAt! + 1;
    const tokens = await Promise.all(Array.from({ length: 50 }, () => client.getAccessToken('u1')));
    expect(server.counts.refreshes).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(state.accessToken);
  });

  it('stores the new refresh token before handing out the new access token', async () => {
    const order: string[] = [];
    const storage = new MemoryTokenStorage();
    const set = storage.set.bind(storage);
    storage.set = async (userId, state) => {
      await set(userId, state);
      order.push(`stored ${state.accessToken}`);
    };
    const client = miro({ storage });
    const state = await authorized(client);
    order.length = 0;
    now = state.expiresAt! + 1;
    const token = await client.getAccessToken('u1');
    order.push(`returned ${token}`);
    expect(order).toEqual([`stored ${token}`, `returned ${token}`]);
  });

  it('after a 401 refreshes the rejected token, and only once for many callers', async () => {
    const client = miro();
    const state = await authorized(client);
    const provider = (ctx: { reason: 'unauthorized'; rejectedToken: string }) =>
      (client as unknown as { tokenFor(id: string, c: typeof ctx): Promise<string> }).tokenFor('u1', ctx);
    const tokens = await Promise.all(
      Array.from({ length: 10 }, () => provider({ reason: 'unauthorized', rejectedToken: state.accessToken })),
    );
    expect(server.counts.refreshes).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(state.accessToken);
    // A late 401 for the old token finds a newer one stored and does not refresh again.
    expect(await provider({ reason: 'unauthorized', rejectedToken: state.accessToken })).toBe(tokens[0]);
    expect(server.counts.refreshes).toBe(1);
  });

  it('on invalid_grant deletes the state and raises MiroAuthorizationRequiredError', async () => {
    const client = miro();
    const state = await authorized(client);
    // Spend the refresh token behind the client's back, as a second app instance with its own store would.
    await fetch(`${server.url}/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: state.refreshToken!,
        client_id: server.clientId,
        client_secret: server.clientSecret,
      }).toString(),
    });
    now = state.expiresAt! + 1;
    const failure = client.getAccessToken('u1');
    await expect(failure).rejects.toBeInstanceOf(MiroAuthorizationRequiredError);
    await expect(failure).rejects.toMatchObject({ code: 'MIRO_AUTH_AUTHORIZATION_REQUIRED' });
    expect(await client.isAuthorized('u1')).toBe(false);
  });

  it('keeps the stored tokens when the client credentials are wrong (invalid_client)', async () => {
    const storage = new MemoryTokenStorage();
    const state = await authorized(miro({ storage }));
    const wrong = miro({ storage, clientSecret: 'wrong-secret' });
    now = state.expiresAt! + 1;
    await expect(wrong.getAccessToken('u1')).rejects.toMatchObject({
      code: 'MIRO_AUTH_TOKEN_REQUEST_FAILED',
      oauthError: 'invalid_client',
    });
    expect(await wrong.isAuthorized('u1')).toBe(true);
  });

  it('raises a typed error naming the endpoint when the token server is unreachable', async () => {
    const client = miro({ baseUrl: 'http://127.0.0.1:1' });
    await expect(client.exchangeCodeForAccessToken('u1', 'code')).rejects.toThrow(
      /Request to http:\/\/127.0.0.1:1\/v1\/oauth\/token failed/,
    );
  });

  it('revokes at Miro and forgets the user', async () => {
    const client = miro();
    const state = await authorized(client);
    await client.revokeToken('u1');
    expect(server.counts.revokes).toBe(1);
    expect(await client.isAuthorized('u1')).toBe(false);
    const revoke = server.requests.find((r) => r.url.startsWith('/v2/oauth/revoke'));
    expect(revoke?.url).toBe('/v2/oauth/revoke');
    expect(JSON.parse(revoke!.body)).toEqual({
      accessToken: state.accessToken,
      clientId: server.clientId,
      clientSecret: server.clientSecret,
    });
  });

  it('revoking an unknown user does nothing', async () => {
    await miro().revokeToken('nobody');
    expect(server.counts.revokes).toBe(0);
  });
});

describe('secrets stay out of URLs, logs and errors', () => {
  it('no token, code or secret appears in any requested URL, log line or error message', async () => {
    const client = miro();
    const errors: string[] = [];
    const code = server.issueCode();
    await client.exchangeCodeForAccessToken('u1', `https://app.example/auth/callback?code=${code}`);
    const first = (await client.storage.get('u1'))!;
    now = first.expiresAt! + 1;
    await client.getAccessToken('u1');
    const second = (await client.storage.get('u1'))!;
    await client
      .exchangeCodeForAccessToken('u2', 'bogus-code-value')
      .catch((e: Error) => errors.push(`${e.message} ${String(e.cause ?? '')}`));
    await miro({ clientSecret: 'wrong-secret-value' })
      .exchangeCodeForAccessToken('u3', server.issueCode())
      .catch((e: Error) => errors.push(e.message));
    // A refresh refused with invalid_grant (the first refresh token was spent above).
    await client.storage.set('u4', { ...first, expiresAt: now - 1 });
    await client
      .getAccessToken('u4')
      .catch((e: Error) => errors.push(`${e.message} ${String((e.cause as Error | undefined)?.message)}`));
    await client.revokeToken('u1');

    expect(errors).toHaveLength(3);
    const secrets = [
      server.clientSecret,
      'wrong-secret-value',
      code,
      'bogus-code-value',
      first.accessToken,
      first.refreshToken!,
      second.accessToken,
      second.refreshToken!,
    ];
    const haystacks = [...server.requests.map((r) => r.url), ...logLines, ...errors];
    expect(logLines.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      for (const text of haystacks) expect(text).not.toContain(secret);
    }
  });
});
