import { createOAuthState } from '@miro/auth';
import { DEMO_CLIENT } from '@miro/mock';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { csrfToken, deriveKeys, OAUTH_STATE_COOKIE, SESSION_COOKIE } from './session.js';
import { createHarness, SESSION_SECRET } from './test-support/harness.js';

const NO_STACK = /\n\s+at |Error:/;

async function boardNamesOn(response: Response): Promise<string[]> {
  const text = await response.text();
  return [...text.matchAll(/<td><a href="\/boards\/[^"]+">([^<]*)<\/a><\/td>/g)].map((m) => m[1] ?? '');
}

describe('not authorized', () => {
  it('shows the "Connect to Miro" page and starts a signed session', async () => {
    const h = createHarness();
    const response = await h.request('/');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('Connect to Miro');
    expect(text).toContain('href="/connect"');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('sends security headers: CSP without scripts, no referrer (the callback URL holds the code)', async () => {
    const response = await createHarness().request('/');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).not.toContain('script-src');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('redirects POST /boards to the start page without calling Miro', async () => {
    const h = createHarness();
    await h.request('/');
    // A session of its own with a valid CSRF token, but no Miro tokens.
    const response = await h.post('/boards', {
      csrf: csrfToken(h.sid(), deriveKeys(SESSION_SECRET)),
      name: 'x',
      sticky: 'y',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?notice=reconnect');
    expect(h.sim.state.boardIds()).toHaveLength(0);
  });
});

describe('the OAuth callback', () => {
  it('connects with a state bound to this session and comes back authorized', async () => {
    const h = createHarness();
    const connect = await h.request('/connect');
    expect(connect.status).toBe(302);
    const authorizeUrl = new URL(connect.headers.get('location') ?? '');
    expect(authorizeUrl.pathname).toBe('/oauth/authorize');
    expect(authorizeUrl.searchParams.get('state')).toMatch(/^[\w-]+\.[0-9a-z]+\.[\w-]+$/);
    const back = await h.connect();
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/');
    expect(h.sim.state.counters.codeExchanges).toBe(1);
    expect(await (await h.request('/')).text()).toContain('Your boards');
  });

  it('rejects a state made for another session, and exchanges no code', async () => {
    const victim = createHarness();
    const toMiro = await victim.request('/connect');
    const authorizeUrl = toMiro.headers.get('location') ?? '';
    const back = await victim.sim.handle(new Request(authorizeUrl));
    const callback = new URL(back.headers.get('location') ?? '');

    // The attacker's browser (another session) replays the victim's callback.
    victim.jar.clear();
    const response = await victim.request(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('OAuth state did not match');
    expect(text).not.toMatch(NO_STACK);
    expect(victim.sim.state.counters.codeExchanges).toBe(0);
  });

  it('rejects a missing or altered state', async () => {
    const h = createHarness();
    await h.request('/');
    expect((await h.request('/auth/callback?code=abc')).status).toBe(403);
    const sid = h.sid();
    const good = createOAuthState(sid, deriveKeys(SESSION_SECRET).oauthState);
    const altered = `${good.slice(0, -2)}AA`;
    expect((await h.request(`/auth/callback?code=abc&state=${altered}`)).status).toBe(403);
    // The same state made with the raw session secret (not the derived key) does not verify either.
    const wrongKey = createOAuthState(sid, SESSION_SECRET);
    expect((await h.request(`/auth/callback?code=abc&state=${wrongKey}`)).status).toBe(403);
    expect(h.sim.state.counters.codeExchanges).toBe(0);
  });

  it('refuses a replayed callback: the state is spent by its first use', async () => {
    const h = createHarness();
    const toMiro = await h.request('/connect');
    expect(h.stateCookie()).toBe(new URL(toMiro.headers.get('location') ?? '').searchParams.get('state'));
    const back = await h.sim.handle(new Request(toMiro.headers.get('location') ?? ''));
    const callback = new URL(back.headers.get('location') ?? '');
    expect((await h.request(`${callback.pathname}${callback.search}`)).status).toBe(303);
    expect(h.stateCookie()).toBeUndefined();
    const replayed = await h.request(`${callback.pathname}${callback.search}`);
    expect(replayed.status).toBe(403);
    expect(await replayed.text()).toContain('was already used');
    expect(h.sim.state.counters.codeExchanges).toBe(1);
  });

  it('refuses a callback whose state verifies but was not the one this browser was sent off with', async () => {
    const h = createHarness();
    await h.request('/connect');
    // A second state for the same session (another tab) does not replace the one in the cookie.
    const other = createOAuthState(h.sid(), deriveKeys(SESSION_SECRET).oauthState);
    const response = await h.request(`/auth/callback?code=abc&state=${other}`);
    expect(response.status).toBe(403);
    expect(h.sim.state.counters.codeExchanges).toBe(0);
  });

  it('starts a new session at login: a session id planted before login gets nothing', async () => {
    const h = createHarness();
    await h.request('/');
    const planted = h.sid(); // the attacker's id, planted in the victim's browser
    const plantedCookie = h.jar.get(SESSION_COOKIE) ?? '';
    await h.connect();
    expect(h.sid()).not.toBe(planted);
    expect(await h.miro.isAuthorized(h.sid())).toBe(true);
    expect(await h.miro.isAuthorized(planted)).toBe(false);
    // The attacker, with the planted cookie, still sees the connect page.
    const attacker = createHarness();
    const page = await attacker.request('/', { headers: { cookie: `${SESSION_COOKIE}=${plantedCookie}` } });
    expect(await page.text()).toContain('Connect to Miro');
  });

  it('revokes the tokens of the session a reconnect replaces', async () => {
    const h = createHarness();
    await h.connect();
    const first = h.sid();
    await h.connect();
    expect(h.sid()).not.toBe(first);
    expect(await h.miro.isAuthorized(first)).toBe(false);
    expect(h.sim.state.counters.revocations).toBe(1);
  });

  it('shows a readable page when the user denies access', async () => {
    const h = createHarness({ simulation: { autoApprove: false } });
    const toMiro = await h.request('/connect');
    const authorize = new URL(toMiro.headers.get('location') ?? '');
    const form = new URLSearchParams(authorize.searchParams);
    form.set('decision', 'deny');
    const denied = await h.sim.handle(
      new Request(`${authorize.origin}/oauth/authorize`, { method: 'POST', body: form }),
    );
    const callback = new URL(denied.headers.get('location') ?? '');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    const response = await h.request(`${callback.pathname}${callback.search}`);
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).toContain('Miro access was not granted');
    expect(text).toContain('access_denied');
    expect(await h.miro.isAuthorized('anyone')).toBe(false);
  });
});

describe('authorized', () => {
  it('lists boards a page at a time with next and previous links (offset paging)', async () => {
    const h = createHarness({ pageSize: 10 });
    const api = h.api();
    for (let i = 1; i <= 25; i++) await api.createBoard({ name: `Board ${String(i).padStart(2, '0')}` });
    await h.connect();

    const first = await h.request('/');
    const firstText = await first.clone().text();
    expect(await boardNamesOn(first)).toEqual([
      'Board 25',
      'Board 24',
      'Board 23',
      'Board 22',
      'Board 21',
      'Board 20',
      'Board 19',
      'Board 18',
      'Board 17',
      'Board 16',
    ]);
    expect(firstText).toContain('href="/?offset=10"');
    expect(firstText).not.toContain('id="prev"');
    expect(firstText).toContain('Boards 1–10 of 25');

    const second = await (await h.request('/?offset=10')).text();
    expect(second).toContain('id="prev" href="/?offset=0"');
    expect(second).toContain('id="next" href="/?offset=20"');

    const last = await h.request('/?offset=20');
    expect(await boardNamesOn(last.clone())).toEqual(['Board 05', 'Board 04', 'Board 03', 'Board 02', 'Board 01']);
    const lastText = await last.text();
    expect(lastText).toContain('id="prev" href="/?offset=10"');
    expect(lastText).not.toContain('id="next"');
  });

  it('shows the credits left in the rate-limit window from the list call', async () => {
    const h = createHarness({ simulation: { budget: { limit: 5000, windowMs: 60_000 } } });
    await h.connect();
    const text = await (await h.request('/')).text();
    // The list call costs 50 credits (level 1), the first call of this user's window.
    expect(text).toMatch(
      /4,950 of 5,000 credits left in the current rate-limit window \(the window resets at \d\d:\d\d:\d\d UTC\)/,
    );
  });

  it('rejects an offset that is not a whole number, readably', async () => {
    const h = createHarness();
    await h.connect();
    const response = await h.request('/?offset=-3');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('The page offset must be a whole number of 0 or more');
    expect(text).toContain('&quot;-3&quot;');
  });

  it('creates a board with a sticky note and lists it first, highlighted', async () => {
    const h = createHarness();
    await h.connect();
    const response = await h.post('/boards', { name: 'Retro', sticky: 'What went well?' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    const [boardId] = h.sim.state.boardIds();
    expect(location).toBe(`/?created=${encodeURIComponent(boardId ?? '')}`);
    expect(h.sim.state.itemCount(boardId ?? '')).toBe(1);

    const page = await h.request(location);
    const text = await page.clone().text();
    expect(await boardNamesOn(page)).toEqual(['Retro']);
    expect(text).toContain(`<tr class="created" data-board-id="${boardId}">`);
    expect(text).toContain('Board created with a sticky note.');

    const board = await (await h.request(`/boards/${boardId}`)).text();
    expect(board).toContain('<h1 id="board-title">Retro</h1>');
    expect(board).toContain('What went well?');
  });

  it('escapes board names and sticky note text from Miro', async () => {
    const h = createHarness();
    await h.connect();
    const evil = '<img src=x onerror=alert(1)>';
    await h.post('/boards', { name: evil, sticky: `<script>alert(2)</script>` });
    const [boardId] = h.sim.state.boardIds();
    const list = await (await h.request('/')).text();
    expect(list).not.toContain(evil);
    expect(list).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const board = await (await h.request(`/boards/${boardId}`)).text();
    expect(board).not.toContain('<script>alert(2)');
    expect(board).not.toContain(evil);
  });

  it('refuses a form post without the session CSRF token', async () => {
    const h = createHarness();
    await h.connect();
    const response = await h.post('/boards', { csrf: 'forged', name: 'Retro', sticky: 'x' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('did not come from this app');
    expect(h.sim.state.boardIds()).toHaveLength(0);
  });

  it('asks for a board name and sticky text before calling Miro', async () => {
    const h = createHarness();
    await h.connect();
    const noName = await h.post('/boards', { name: '  ', sticky: 'x' });
    expect(noName.status).toBe(400);
    expect(await noName.text()).toContain('Give the board a name.');
    const noSticky = await h.post('/boards', { name: 'Retro', sticky: '' });
    expect(noSticky.status).toBe(400);
    expect(h.sim.state.boardIds()).toHaveLength(0);
  });

  it("shows Miro's error message, not a stack trace, when Miro refuses a call", async () => {
    const h = createHarness();
    await h.connect();
    const response = await h.post('/boards', { name: 'x'.repeat(61), sticky: 'note' });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('Could not create the board');
    expect(text).toMatch(/<p id="error-message">Miro says: [^<]*name[^<]*<\/p>/);
    expect(text).toContain('HTTP status: 400');
    expect(text).not.toMatch(NO_STACK);
    expect(text).not.toContain('createBoard failed');
    expect(h.errors.join('\n')).toContain('MiroBadRequestError');
    expect(h.errors.join('\n')).not.toMatch(/\n\s+at /); // a refusal by Miro is logged in one line
  });

  it('shows a readable 404 for a board Miro does not know', async () => {
    const h = createHarness();
    await h.connect();
    const response = await h.request('/boards/uXjVNoSuchBoard=');
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain('Could not open the board');
    expect(text).toContain('Miro says:');
    expect(text).not.toMatch(NO_STACK);
  });

  it("never shows or logs the access token, even when Miro's error message echoes it", async () => {
    const tokens = new Set<string>();
    const h = createHarness({
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const token = request.headers.get('authorization')?.replace(/^Bearer /, '');
        if (token) tokens.add(token);
        if (token && new URL(request.url).pathname === '/v2/boards/echo') {
          const message = `Invalid header Authorization: Bearer ${token} (sent as ?t=${encodeURIComponent(token)})`;
          return Response.json({ status: 400, code: 'invalidHeader', message, type: 'error' }, { status: 400 });
        }
        return h.sim.handle(request);
      },
    });
    await h.connect();
    const response = await h.request('/boards/echo');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('Miro says: Invalid header Authorization: Bearer [REDACTED]');
    expect(tokens.size).toBeGreaterThan(0);
    for (const token of tokens) {
      expect(text).not.toContain(token);
      expect(h.errors.join('\n')).not.toContain(token);
    }
    expect(h.errors.join('\n')).toContain('MiroBadRequestError');
  });

  it('says Miro could not be reached when the network fails', async () => {
    let online = true;
    const h = createHarness({
      fetch: (input, init) =>
        online ? h.sim.handle(new Request(input, init)) : Promise.reject(new TypeError('fetch failed')),
    });
    await h.connect();
    online = false;
    const response = await h.request('/');
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(text).toContain('Miro could not be reached');
    expect(text).not.toContain('fetch failed');
    expect(h.errors.at(-1)).toMatch(/-> 502: Could not list your boards: MiroConnectionError[^\n]*\n\s+at /); // with its stack
  });

  it('asks to connect again when Miro no longer accepts the stored tokens', async () => {
    const h = createHarness();
    await h.connect();
    h.sim.reset(); // Miro forgets every token: the refresh is refused, auth deletes the tokens
    const response = await h.request('/');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?notice=reconnect');
    const text = await (await h.request('/?notice=reconnect')).text();
    expect(text).toContain('Your Miro authorization has expired or was revoked');
    expect(text).toContain('Connect to Miro');
  });
});

describe('sign out', () => {
  it('revokes the token at Miro, ends the session and asks to connect again', async () => {
    const h = createHarness();
    await h.connect();
    expect(h.sim.state.tokens().filter((t) => t.active)).toHaveLength(1);
    const sid = h.sid();
    const response = await h.post('/signout', {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/?notice=signed-out');
    expect(h.sim.state.counters.revocations).toBe(1);
    expect(h.sim.state.tokens().filter((t) => t.active)).toHaveLength(0);
    expect(await h.storage.get(sid)).toBeUndefined();
    expect(response.headers.getSetCookie().join()).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`, 'i'));

    const after = await (await h.request('/?notice=signed-out')).text();
    expect(after).toContain('You have signed out');
    expect(after).toContain('Connect to Miro');
  });

  it('only shows known notices: text in the URL is never echoed', async () => {
    const text = await (await createHarness().request('/?notice=%3Cb%3Ezqxj')).text();
    expect(text).not.toContain('zqxj');
    expect(text).not.toContain('class="notice"');
  });
});

describe('cookies', () => {
  const cookiesOf = (response: Response) => response.headers.getSetCookie();

  it('over plain http: HttpOnly, SameSite=Lax, no Secure, no prefix', async () => {
    const h = createHarness();
    const cookies = cookiesOf(await h.request('/connect'));
    expect(cookies.map((c) => c.split('=')[0])).toEqual([SESSION_COOKIE, OAUTH_STATE_COOKIE]);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      expect(cookie).not.toMatch(/Secure/);
    }
  });

  it('over https: __Host- prefixed, Secure, Path=/ and no Domain', async () => {
    const h = createHarness({ appOrigin: 'https://app.test' });
    const cookies = cookiesOf(await h.request('/connect'));
    expect(cookies.map((c) => c.split('=')[0])).toEqual([`__Host-${SESSION_COOKIE}`, `__Host-${OAUTH_STATE_COOKIE}`]);
    for (const cookie of cookies) {
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
    }
    await h.connect();
    expect(await (await h.request('/')).text()).toContain('Your boards');
  });

  it('behind a TLS proxy: __Host- and Secure when trustProxy is set and the proxy says https, not otherwise', async () => {
    const proxied = { headers: { 'x-forwarded-proto': 'https' } };
    const trusted = createHarness({ ...proxied, trustProxy: true });
    expect(cookiesOf(await trusted.request('/'))[0]).toMatch(new RegExp(`^__Host-${SESSION_COOKIE}=.*; Secure`));
    await trusted.connect();
    expect(await (await trusted.request('/')).text()).toContain('Your boards');
    const untrusted = createHarness(proxied);
    expect(cookiesOf(await untrusted.request('/'))[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(cookiesOf(await untrusted.request('/'))[0] ?? '').not.toMatch(/Secure/);
  });
});

describe('the Web SDK endpoint', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (secret = DEMO_CLIENT.clientSecret, alg = 'HS256', exp = now() + 600) =>
    new SignJWT({ user: '3458764517517819000', team: '3458764517517818867' })
      .setProtectedHeader({ alg })
      .setIssuer('miro')
      .setSubject(DEMO_CLIENT.clientId)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
  const call = (h: ReturnType<typeof createHarness>, token?: string) =>
    h.request('/api/web-sdk/whoami', token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

  it('answers who the user is for a token Miro signed for this app, and sets no cookie', async () => {
    const h = createHarness();
    const response = await call(h, await sign());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ user: '3458764517517819000', team: '3458764517517818867' });
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a missing, forged, unsigned or expired token with 401 and the reason', async () => {
    const h = createHarness();
    const none = new UnsecuredJWT({ user: '1', team: '2', sub: DEMO_CLIENT.clientId })
      .setIssuedAt()
      .setExpirationTime(now() + 600)
      .encode();
    for (const [token, reason] of [
      [undefined, 'missing'],
      [await sign('another-secret-another-secret-xx'), 'signature'],
      [none, 'algorithm'],
      [await sign(DEMO_CLIENT.clientSecret, 'HS512'), 'algorithm'],
      [await sign(DEMO_CLIENT.clientSecret, 'HS256', now() - 3600), 'expired'],
    ] as const) {
      const response = await call(h, token);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toEqual({ error: 'invalid_token', reason });
    }
  });
});

describe('unknown pages', () => {
  it('answer a readable 404 with the path escaped', async () => {
    const response = await createHarness().request('/%3Cscript%3E');
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain('Page not found');
    expect(text).not.toContain('<script>');
  });
});
