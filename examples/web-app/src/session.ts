import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';

/** Cookie names; over https the browser sees them with the `__Host-` prefix. */
export const SESSION_COOKIE = 'miro_example_session';
export const OAUTH_STATE_COOKIE = 'miro_example_oauth_state';
/** A week: the tokens in the store outlive a browser session, the cookie that finds them should too. */
const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;
/** As long as the OAuth state it carries is valid. */
const OAUTH_STATE_MAX_AGE_SECONDS = 10 * 60;

/** One secret, separate keys per use, so a value made for one purpose never verifies for another. */
export interface SessionKeys {
  readonly cookie: string;
  readonly oauthState: string;
  readonly csrf: string;
}

export function deriveKeys(secret: string): SessionKeys {
  const derive = (purpose: string) => createHmac('sha256', secret).update(purpose).digest('base64url');
  return { cookie: derive('session-cookie'), oauthState: derive('oauth-state'), csrf: derive('csrf') };
}

/**
 * Whether the browser reached the app over https: the request's own URL says so, or, when the app
 * is told it sits behind a TLS-terminating proxy (`trustProxy`), the proxy's `X-Forwarded-Proto`.
 * Without `trustProxy` that header is ignored: anyone can send it.
 */
export function servedOverHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  if (!trustProxy) return false;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/**
 * Over https a cookie is `__Host-` prefixed and `Secure`: the browser then refuses it from plain
 * http, from another path, and from a sibling subdomain (no `Domain`), so nobody can plant one.
 */
function cookieOptions(https: boolean, maxAge: number): CookieOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax', // sent on the top-level redirect back from Miro, not on cross-site posts
    maxAge,
    ...(https ? { secure: true, prefix: 'host' as const } : {}),
  };
}

const prefix = (https: boolean) => (https ? 'host' : undefined);

/**
 * The session id from the signed cookie, or a new one (set on the response). The id is also the
 * user id under which the user's Miro tokens are stored: this app has no accounts of its own.
 */
export async function sessionId(c: Context, keys: SessionKeys, https: boolean): Promise<string> {
  const existing = await getSignedCookie(c, keys.cookie, SESSION_COOKIE, prefix(https));
  if (typeof existing === 'string' && /^[A-Za-z0-9_-]{22,}$/.test(existing)) return existing;
  const id = newSessionId();
  await startSession(c, keys, https, id);
  return id;
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

/** Makes `id` the browser's session (a new id at login, so a session planted before it is worthless). */
export async function startSession(c: Context, keys: SessionKeys, https: boolean, id: string): Promise<void> {
  await setSignedCookie(c, SESSION_COOKIE, id, keys.cookie, cookieOptions(https, SESSION_MAX_AGE_SECONDS));
}

export function endSession(c: Context, https: boolean): void {
  deleteCookie(c, SESSION_COOKIE, cookieOptions(https, 0));
}

/** Keeps the OAuth state where only this browser has it, until the callback takes it. */
export function rememberOAuthState(c: Context, state: string, https: boolean): void {
  setCookie(c, OAUTH_STATE_COOKIE, state, cookieOptions(https, OAUTH_STATE_MAX_AGE_SECONDS));
}

/** The OAuth state this browser was sent off with, deleted as it is read: a callback uses it once. */
export function takeOAuthState(c: Context, https: boolean): string | undefined {
  const state = getCookie(c, OAUTH_STATE_COOKIE, prefix(https));
  if (state !== undefined) deleteCookie(c, OAUTH_STATE_COOKIE, cookieOptions(https, 0));
  return state || undefined;
}

/** The token forms carry, bound to the session: a cross-site form post cannot know it. */
export function csrfToken(sid: string, keys: SessionKeys): string {
  return createHmac('sha256', keys.csrf).update(sid).digest('base64url');
}

export function verifyCsrf(sid: string, given: unknown, keys: SessionKeys): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfToken(sid, keys));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
