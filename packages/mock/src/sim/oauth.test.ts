import { describe, expect, it } from 'vitest';
import { DEMO_CLIENT } from './options.js';
import { createMiroSimulation, type MiroSimulation } from './simulation.js';
import { send } from './test-helpers.js';

const REDIRECT = 'https://app.example.com/callback';

async function approve(sim: MiroSimulation, state = 'xyz'): Promise<string> {
  const page = await sim.handle(new Request(sim.authorizeUrl({ redirectUri: REDIRECT, state })));
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('id="approve"');
  const form = new URLSearchParams({
    response_type: 'code',
    client_id: DEMO_CLIENT.clientId,
    redirect_uri: REDIRECT,
    state,
    decision: 'approve',
  });
  const approved = await sim.handle(
    new Request(`${sim.authorizeBase}/oauth/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    }),
  );
  expect(approved.status).toBe(302);
  const location = new URL(approved.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe(state);
  return location.searchParams.get('code') ?? '';
}

async function tokenRequest(
  sim: MiroSimulation,
  params: Record<string, string>,
  query = '',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await sim.handle(
    new Request(`${sim.baseUrl}/v1/oauth/token${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: DEMO_CLIENT.clientId,
        client_secret: DEMO_CLIENT.clientSecret,
        ...params,
      }),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function exchange(sim: MiroSimulation, code: string) {
  return tokenRequest(sim, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT });
}

describe('OAuth', () => {
  it('exchanges a code for tokens, refreshes with rotation and refuses the old refresh token', async () => {
    const sim = createMiroSimulation();
    const code = await approve(sim);
    const first = await exchange(sim, code);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      scope: 'boards:read boards:write',
      user_id: sim.state.defaultUser.id,
      team_id: sim.state.team.id,
    });
    expect(typeof first.body.access_token).toBe('string');
    expect((await send(sim, 'GET', '/v2/boards', undefined, first.body.access_token as string)).status).toBe(200);

    const second = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token as string,
    });
    expect(second.status).toBe(200);
    expect(second.body.access_token).not.toBe(first.body.access_token);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);

    const reused = await tokenRequest(sim, {
      grant_type: 'refresh_token',
      refresh_token: first.body.refresh_token as string,
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');
    expect(String(reused.body.error_description)).toContain('already used');

    // Documented choice: a refresh retires the previous access token at once.
    expect((await send(sim, 'GET', '/v2/boards', undefined, first.body.access_token as string)).status).toBe(401);
    expect((await send(sim, 'GET', '/v2/boards', undefined, second.body.access_token as string)).status).toBe(200);
    expect(sim.state.counters).toMatchObject({
      tokenRequests: 3,
      codeExchanges: 1,
      refreshes: 1,
      failedTokenRequests: 1,
      authorizations: 1,
    });
  });

  it('uses a code once, and revokes its tokens when it is replayed', async () => {
    const sim = createMiroSimulation();
    const code = await approve(sim);
    const first = await exchange(sim, code);
    const replay = await exchange(sim, code);
    expect(replay.status).toBe(400);
    expect(replay.body).toMatchObject({ error: 'invalid_grant', status: 400, type: 'error' });
    expect((await send(sim, 'GET', '/v2/boards', undefined, first.body.access_token as string)).status).toBe(401);
  });

  it('checks the client secret, the redirect URI and the grant type', async () => {
    const sim = createMiroSimulation();
    const wrongSecret = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code: await approve(sim),
      redirect_uri: REDIRECT,
      client_secret: 'nope',
    });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body.error).toBe('invalid_client');
    const mismatch = await tokenRequest(sim, {
      grant_type: 'authorization_code',
      code: await approve(sim),
      redirect_uri: 'https://evil.example.com/cb',
    });
    expect(mismatch.status).toBe(400);
    expect(String(mismatch.body.error_description)).toContain('does not match');
    const grant = await tokenRequest(sim, { grant_type: 'password' });
    expect(grant.body.error).toBe('unsupported_grant_type');
  });

  it('rejects a client_secret in the URL query string even when the body is right', async () => {
    const sim = createMiroSimulation();
    const code = await approve(sim);
    const leaked = await tokenRequest(
      sim,
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
      `?client_secret=${DEMO_CLIENT.clientSecret}`,
    );
    expect(leaked.status).toBe(400);
    expect(leaked.body.error).toBe('invalid_request');
    expect(String(leaked.body.error_description)).toContain('query string');
  });

  it('accepts client credentials by HTTP Basic', async () => {
    const sim = createMiroSimulation();
    const code = await approve(sim);
    const basic = Buffer.from(`${DEMO_CLIENT.clientId}:${DEMO_CLIENT.clientSecret}`).toString('base64');
    const response = await sim.handle(
      new Request(`${sim.baseUrl}/v1/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }),
      }),
    );
    expect(response.status).toBe(200);
  });

  it('answers 401 for an expired access token (injected clock)', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const sim = createMiroSimulation({ now: () => now, accessTokenTtlSeconds: 60 });
    const tokens = await exchange(sim, await approve(sim));
    expect(tokens.body.expires_in).toBe(60);
    now += 59_000;
    expect((await send(sim, 'GET', '/v2/boards', undefined, tokens.body.access_token as string)).status).toBe(200);
    now += 1_000;
    const expired = await send(sim, 'GET', '/v2/boards', undefined, tokens.body.access_token as string);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ status: 401, code: 'tokenExpired', type: 'error' });
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    // The refresh token outlives the access token.
    expect(
      (await tokenRequest(sim, { grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token as string }))
        .status,
    ).toBe(200);
  });

  it('redirects at once with autoApprove, and with access_denied on Deny', async () => {
    const sim = createMiroSimulation({ autoApprove: true });
    const response = await sim.handle(new Request(sim.authorizeUrl({ redirectUri: REDIRECT, state: 's1' })));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('code')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('s1');

    const denied = await sim.handle(
      new Request(`${sim.authorizeBase}/oauth/authorize`, {
        method: 'POST',
        body: new URLSearchParams({
          response_type: 'code',
          client_id: DEMO_CLIENT.clientId,
          redirect_uri: REDIRECT,
          decision: 'deny',
        }),
      }),
    );
    expect(new URL(denied.headers.get('location') ?? '').searchParams.get('error')).toBe('access_denied');
  });

  it('shows an error page for an unknown client or an unregistered redirect URI', async () => {
    const sim = createMiroSimulation({ clients: [{ clientId: 'c1', clientSecret: 's1', redirectUris: [REDIRECT] }] });
    const unknown = await sim.handle(new Request(sim.authorizeUrl({ redirectUri: REDIRECT, clientId: 'c2' })));
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Unknown client_id c2');
    const unregistered = await sim.handle(
      new Request(sim.authorizeUrl({ redirectUri: 'https://other.example.com/cb', clientId: 'c1' })),
    );
    expect(unregistered.status).toBe(400);
    expect(await unregistered.text()).toContain('Redirect URI mismatch');
  });

  it('revokes with v1 (query) and v2 (JSON body), after which the token is refused', async () => {
    const sim = createMiroSimulation();
    const a = sim.issueToken().accessToken;
    const b = sim.issueToken().accessToken;
    const v1 = await sim.handle(new Request(`${sim.baseUrl}/v1/oauth/revoke?access_token=${a}`, { method: 'POST' }));
    expect(v1.status).toBe(204);
    expect((await send(sim, 'GET', '/v2/boards', undefined, a)).status).toBe(401);
    const again = await sim.handle(new Request(`${sim.baseUrl}/v1/oauth/revoke?access_token=${a}`, { method: 'POST' }));
    expect(again.status).toBe(400);

    const wrongSecret = await send(sim, 'POST', '/v2/oauth/revoke', {
      accessToken: b,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: 'x',
    });
    expect(wrongSecret.status).toBe(404);
    const v2 = await send(sim, 'POST', '/v2/oauth/revoke', {
      accessToken: b,
      clientId: DEMO_CLIENT.clientId,
      clientSecret: DEMO_CLIENT.clientSecret,
    });
    expect(v2.status).toBe(204);
    expect((await send(sim, 'GET', '/v2/boards', undefined, b)).status).toBe(401);
    expect(sim.state.counters.revocations).toBe(2);
    expect(sim.state.tokens().filter((t) => t.active)).toHaveLength(0);
  });

  it('describes a token at GET /v1/oauth-token', async () => {
    const sim = createMiroSimulation();
    const token = sim.issueToken({ scope: 'boards:read' }).accessToken;
    const info = await send(sim, 'GET', '/v1/oauth-token', undefined, token);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({
      user: { id: sim.state.defaultUser.id, type: 'user' },
      team: { id: sim.state.team.id, type: 'team' },
      scopes: ['boards:read'],
    });
    expect((await send(sim, 'GET', '/v1/oauth-token', undefined, 'bogus')).status).toBe(400);
  });
});
