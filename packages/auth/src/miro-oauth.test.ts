import { inspect } from 'node:util';
import type { Logger } from '@miro/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clockAt } from '../test/helpers/clock.js';
import { CALLBACK_STATE, startTokenServer, type TokenServer } from '../test/helpers/token-server.js';
import {
  MiroAuthorizationRequiredError,
  MiroConfigError,
  MiroInvalidArgumentError,
  MiroStateMismatchError,
  MiroTokenRequestError,
} from './errors.js';
import { MiroOAuth, type MiroOAuthOptions } from './miro-oauth.js';
import { MemoryTokenStorage } from './storage/memory.js';
import type { TokenState } from './types.js';

let server: TokenServer;
let now: number;
let logLines: string[];
const logger: Logger = {
  debug: (m, meta) => logLines.push(`debug ${m} ${JSON.stringify(meta ?? {})}`),
  info: (m, meta) => logLines.push(`info ${m} ${JSON.stringify(meta ?? {})}`),
  warn: (m, meta) => logLines.push(`warn ${m} ${JSON.stringify(meta ?? {})}`),
  error: (m, meta) => logLines.push(`error ${m} ${JSON.stringify(meta ?? {})}`),
};

function miro(options: MiroOAuthOptions = {}) {
  return new MiroOAuth({
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    redirectUrl: 'https://app.example/auth/callback',
    baseUrl: server.url,
    storage: new MemoryTokenStorage(),
    logger,
    clock: clockAt(() => now),
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

describe('strict inputs', () => {
  const base = { clientId: 'a', clientSecret: 'b', storage: new MemoryTokenStorage() };

  it('takes https: URLs, and plain http: only on loopback hosts', () => {
    for (const redirectUrl of [
      'https://app.example/cb',
      'http://localhost:3000/cb',
      'http://127.0.0.1:3000/cb',
      'http://[::1]:3000/cb',
      'http://app.localhost/cb',
    ]) {
      expect(() => new MiroOAuth({ ...base, redirectUrl })).not.toThrow();
    }
  });

  it('refuses http: on a public host, other schemes and fragments, naming the option', () => {
    const cases: [Partial<MiroOAuthOptions>, RegExp][] = [
      [{ redirectUrl: 'http://app.example/cb' }, /redirectUrl must use https:.*got http:\/\/app\.example/],
      [{ redirectUrl: 'javascript:alert(1)' }, /redirectUrl must be an https: URL, got the javascript: scheme/],
      [{ redirectUrl: 'https://app.example/cb#frag' }, /redirectUrl must not have a fragment/],
      [{ redirectUrl: 'https://app.example/cb', baseUrl: 'http://api.example' }, /baseUrl must use https:/],
      [
        { redirectUrl: 'https://app.example/cb', authorizeUrl: 'ftp://miro.example/a' },
        /authorizeUrl must be an https: URL/,
      ],
      [{ redirectUrl: 'not a url' }, /redirectUrl is not a valid absolute URL/],
    ];
    for (const [options, message] of cases) {
      expect(() => new MiroOAuth({ ...base, ...options })).toThrow(MiroConfigError);
      expect(() => new MiroOAuth({ ...base, ...options })).toThrow(message);
    }
  });

  it('accepts http: anywhere with allowInsecureUrls, and still no other scheme', () => {
    expect(
      () => new MiroOAuth({ ...base, redirectUrl: 'http://app.example/cb', allowInsecureUrls: true }),
    ).not.toThrow();
    expect(() => new MiroOAuth({ ...base, redirectUrl: 'javascript:x', allowInsecureUrls: true })).toThrow(
      /javascript: scheme/,
    );
  });

  it('takes a non-empty well-formed string or a safe integer as user id, and refuses anything else', async () => {
    const client = miro();
    for (const userId of [Number.NaN, Number.POSITIVE_INFINITY, 1.5, 2 ** 53, '', 'lone \uD800 surrogate']) {
      await expect(client.isAuthorized(userId)).rejects.toBeInstanceOf(MiroInvalidArgumentError);
    }
    await expect(client.isAuthorized(-7)).resolves.toBe(false);
    await expect(client.isAuthorized('pair 😀')).resolves.toBe(false);
  });

  it('with tokenRequestTimeoutMs: 0, waits for a slow token endpoint (0 means no timeout)', async () => {
    const slow = await startTokenServer({ latencyMs: 50 });
    try {
      const client = miro({
        baseUrl: slow.url,
        clientId: slow.clientId,
        clientSecret: slow.clientSecret,
        tokenRequestTimeoutMs: 0,
      });
      await expect(client.exchangeCodeForAccessToken('u', slow.issueCallback(), CALLBACK_STATE)).resolves.toMatch(
        /^at-/,
      );
    } finally {
      await slow.close();
    }
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
      's',
    );
    expect(token).toMatch(/^at-/);
    const stored = await client.storage.get('u1');
    expect(stored).toMatchObject({ accessToken: token, expiresAt: now + 3599_000, teamId: '3458764517517818867' });
    expect(stored?.refreshToken).toMatch(/^rt-/);
  });

  it('takes a numeric user id as its text', async () => {
    const client = miro();
    await client.exchangeCodeForAccessToken(42, server.issueCallback(), CALLBACK_STATE);
    expect(await client.isAuthorized(42)).toBe(true);
    expect(await client.isAuthorized('42')).toBe(true);
  });

  it('refuses a callback whose state is missing or another, and exchanges nothing', async () => {
    const client = miro();
    const code = server.issueCode();
    for (const [input, reason] of [
      [`https://app.example/auth/callback?code=${code}`, 'missing'],
      [code, 'missing'],
      [`https://app.example/auth/callback?code=${code}&state=forged`, 'different'],
    ] as const) {
      const failure = client.exchangeCodeForAccessToken('u1', input, CALLBACK_STATE);
      await expect(failure).rejects.toBeInstanceOf(MiroStateMismatchError);
      await expect(failure).rejects.toMatchObject({ reason });
    }
    expect(server.requests).toEqual([]);
    expect(await client.isAuthorized('u1')).toBe(false);
  });

  it('handles a Node-style callback request and a Fetch Request', async () => {
    const client = miro();
    await client.handleAuthorizationCodeRequest(
      'node',
      { url: `/auth/callback?code=${server.issueCode()}&state=s1` },
      's1',
    );
    await client.handleAuthorizationCodeRequest(
      'fetch',
      new Request(`https://app.example/auth/callback?code=${server.issueCode()}&state=s2`),
      's2',
    );
    expect(await client.isAuthorized('node')).toBe(true);
    expect(await client.isAuthorized('fetch')).toBe(true);
  });

  it('sends client id, secret and code in a form body, never in the URL', async () => {
    const client = miro();
    const code = server.issueCode();
    await client.exchangeCodeForAccessToken('u1', `https://app.example/auth/callback?code=${code}&state=s`, 's');
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
    const failure = client.exchangeCodeForAccessToken('u1', 'https://app.example/cb?code=not-a-code&state=s', 's');
    await expect(failure).rejects.toBeInstanceOf(MiroTokenRequestError);
    await expect(failure).rejects.toMatchObject({
      kind: 'MIRO_AUTH_TOKEN_REQUEST_FAILED',
      status: 400,
      oauthError: 'invalid_grant',
    });
    expect(await client.isAuthorized('u1')).toBe(false);
  });
});

describe('tokens', () => {
  async function authorized(client: MiroOAuth, userId = 'u1') {
    await client.exchangeCodeForAccessToken(userId, server.issueCallback(), CALLBACK_STATE);
    return (await client.storage.get(userId))!;
  }

  it('isAuthorized is false for an unknown user and getAccessToken says authorization is required', async () => {
    const client = miro();
    expect(await client.isAuthorized('nobody')).toBe(false);
    await expect(client.getAccessToken('nobody')).rejects.toMatchObject({
      kind: 'MIRO_AUTH_AUTHORIZATION_REQUIRED',
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
    await expect(failure).rejects.toMatchObject({ kind: 'MIRO_AUTH_AUTHORIZATION_REQUIRED' });
    expect(await client.isAuthorized('u1')).toBe(false);
  });

  it('keeps the stored tokens when the client credentials are wrong (invalid_client)', async () => {
    const storage = new MemoryTokenStorage();
    const state = await authorized(miro({ storage }));
    const wrong = miro({ storage, clientSecret: 'wrong-secret' });
    now = state.expiresAt! + 1;
    await expect(wrong.getAccessToken('u1')).rejects.toMatchObject({
      kind: 'MIRO_AUTH_TOKEN_REQUEST_FAILED',
      oauthError: 'invalid_client',
      retryable: false,
    });
    expect(await wrong.isAuthorized('u1')).toBe(true);
  });

  it('raises a typed error naming the endpoint when the token server is unreachable', async () => {
    const client = miro({ baseUrl: 'http://127.0.0.1:1' });
    const failure = client.exchangeCodeForAccessToken('u1', 'https://app.example/cb?code=c&state=s', 's');
    await expect(failure).rejects.toThrow(/Request to http:\/\/127.0.0.1:1\/v1\/oauth\/token failed: no answer/);
    await expect(failure).rejects.toMatchObject({ retryable: true, status: undefined });
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

  it('revokes the stored access token as it is, without refreshing it first', async () => {
    const client = miro();
    const state = await authorized(client);
    now = state.expiresAt! + 1;
    await client.revokeToken('u1');
    expect(server.counts.refreshes).toBe(0);
    const revoke = server.requests.find((r) => r.url === '/v2/oauth/revoke');
    expect(JSON.parse(revoke!.body).accessToken).toBe(state.accessToken);
    expect(await client.isAuthorized('u1')).toBe(false);
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
    await client.exchangeCodeForAccessToken('u1', `https://app.example/auth/callback?code=${code}&state=s`, 's');
    const first = (await client.storage.get('u1'))!;
    now = first.expiresAt! + 1;
    await client.getAccessToken('u1');
    const second = (await client.storage.get('u1'))!;
    await client
      .exchangeCodeForAccessToken('u2', 'https://app.example/cb?code=bogus-code-value&state=s', 's')
      .catch((e: Error) => errors.push(`${e.message} ${String(e.cause ?? '')}`));
    await miro({ clientSecret: 'wrong-secret-value' })
      .exchangeCodeForAccessToken('u3', server.issueCallback(), CALLBACK_STATE)
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

describe('token endpoint hygiene', () => {
  const secret = 'client-secret-under-test';
  const refresh = 'rt-refresh/token+with "odd" chars';
  const expired: TokenState = { accessToken: 'at-old-access', refreshToken: refresh, expiresAt: 1 };
  /** A client whose token endpoint answers `answer`, and the requests it got. */
  async function answering(answer: () => Response | Promise<Response>) {
    const seen: RequestInit[] = [];
    const storage = new MemoryTokenStorage();
    await storage.set('u', expired);
    const client = miro({
      clientSecret: secret,
      storage,
      fetch: async (_url, init) => {
        seen.push(init ?? {});
        return answer();
      },
    });
    const error = await client.getAccessToken('u').catch((e: unknown) => e);
    return { client, storage, seen, error: error as MiroTokenRequestError };
  }
  const echo = [refresh, encodeURIComponent(refresh), JSON.stringify(refresh).slice(1, -1), secret].join(' / ');
  const texts = (error: Error) => [error.message, String(error), inspect(error, { depth: 5 }), JSON.stringify(error)];

  it('asks fetch not to follow redirects, and refuses one naming where it pointed', async () => {
    for (const status of [302, 307, 308]) {
      const { seen, error, storage } = await answering(
        () => new Response(null, { status, headers: { location: `https://elsewhere.example/steal?token=${secret}` } }),
      );
      expect(seen[0]?.redirect).toBe('manual');
      expect(error).toBeInstanceOf(MiroTokenRequestError);
      expect(error).toMatchObject({ status, retryable: false });
      expect(error.message).toContain(`HTTP ${status} redirecting to https://elsewhere.example/steal;`);
      expect(error.message).not.toContain(secret);
      expect(await storage.get('u')).toEqual(expired);
    }
  });

  it('refuses an answer that a fetch implementation got by following a redirect', async () => {
    const followed = new Response(JSON.stringify({ access_token: 'at-evil', expires_in: 3600 }));
    Object.defineProperty(followed, 'redirected', { value: true });
    const { error, storage } = await answering(() => followed);
    expect(error.message).toMatch(/followed a redirect/);
    expect(await storage.get('u')).toEqual(expired);
  });

  it('redacts the secret and the refresh token in raw, URL-encoded and JSON-escaped form from the error', async () => {
    const { error } = await answering(() =>
      Response.json({ error: 'invalid_request', error_description: `cannot parse ${echo}` }, { status: 400 }),
    );
    expect(error).toMatchObject({ status: 400, oauthError: 'invalid_request', retryable: false });
    for (const text of texts(error)) {
      expect(text).toContain('invalid_request');
      for (const form of echo.split(' / ')) expect(text).not.toContain(form);
    }
  });

  it('does not echo an error field that is not an OAuth error code, nor a page body', async () => {
    const odd = await answering(() => Response.json({ error: `<b>${echo}</b>` }, { status: 400 }));
    expect(odd.error.oauthError).toBeUndefined();
    expect(odd.error.message).toContain('an error code that is not an OAuth error code');
    const page = await answering(
      () => new Response(`<html>proxy error ${echo}</html>`, { status: 400, headers: { 'content-type': 'text/html' } }),
    );
    expect(page.error.message).toBe(
      'Token endpoint refused the refresh_token grant with HTTP 400 (a text/html body that is not an OAuth answer)',
    );
    for (const error of [odd.error, page.error]) {
      for (const text of texts(error)) for (const form of echo.split(' / ')) expect(text).not.toContain(form);
    }
  });

  it('redacts a transport error kept as the cause', async () => {
    const { error } = await answering(() => {
      throw new TypeError(`connect failed while sending ${echo}`, { cause: new Error(`socket said ${refresh}`) });
    });
    expect(error).toMatchObject({ retryable: true, status: undefined });
    for (const text of texts(error)) for (const form of echo.split(' / ')) expect(text).not.toContain(form);
    expect(inspect(error, { depth: 5 })).toContain('connect failed while sending');
  });

  it('reads Retry-After of a 429 as a retryable failure', async () => {
    const { error } = await answering(
      () => new Response('slow down', { status: 429, headers: { 'retry-after': '30' } }),
    );
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 30_000 });
  });
});

describe('tokens Miro issued are never lost', () => {
  /** A memory store whose writes fail while `down` is true. */
  class FlakyStorage extends MemoryTokenStorage {
    down = false;
    override async set(userId: string, state: TokenState): Promise<void> {
      if (this.down) throw new Error('store is down');
      return super.set(userId, state);
    }
  }

  it('keeps the tokens of a login the store could not take, serves them, and stores them later', async () => {
    const storage = new FlakyStorage();
    storage.down = true;
    const client = miro({ storage });
    const token = await client.exchangeCodeForAccessToken('u1', server.issueCallback(), CALLBACK_STATE);
    expect(await client.isAuthorized('u1')).toBe(true);
    expect(await client.getAccessToken('u1')).toBe(token);
    expect(logLines.filter((l) => l.startsWith('error'))).toEqual([
      'error @miro/auth: could not store the new tokens; keeping them in memory and retrying {"userId":"u1","error":"store is down"}',
    ]);
    storage.down = false;
    await vi.waitFor(async () => expect((await storage.get('u1'))?.accessToken).toBe(token), { timeout: 5_000 });
    expect(logLines).toContain('info @miro/auth: stored the tokens kept in memory {"userId":"u1"}');
  });

  it('flushTokens stores what is kept in memory now, and says how much is still only there', async () => {
    const storage = new FlakyStorage();
    storage.down = true;
    const client = miro({ storage });
    const token = await client.exchangeCodeForAccessToken('u1', server.issueCallback(), CALLBACK_STATE);
    expect(await client.flushTokens()).toBe(1);
    storage.down = false;
    expect(await client.flushTokens()).toBe(0);
    expect((await storage.get('u1'))?.accessToken).toBe(token);
  });

  it('never sends a refresh token it exchanged again, even when the store hands the old pair back', async () => {
    const client = miro();
    await client.exchangeCodeForAccessToken('u1', server.issueCallback(), CALLBACK_STATE);
    const first = (await client.storage.get('u1'))!;
    now = first.expiresAt! + 1;
    const second = await client.getAccessToken('u1');
    // The store loses the write (a failover to a replica that missed it): it holds the spent pair again.
    await client.storage.set('u1', first);
    expect(await client.getAccessToken('u1')).toBe(second);
    expect(server.counts).toMatchObject({ refreshes: 1, reusedRefreshTokens: 0 });
    expect((await client.storage.get('u1'))?.accessToken).toBe(second);
    expect(logLines).toContain(
      'warn @miro/auth: the store returned tokens this process had already refreshed; stored the newer ones again {"userId":"u1"}',
    );
  });
});
