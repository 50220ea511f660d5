import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'miro_example_session';
/** A week: the tokens in the store outlive a browser session, the cookie that finds them should too. */
const SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

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

function cookieOptions(c: Context) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax' as const, // sent on the top-level redirect back from Miro, not on cross-site posts
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: SESSION_MAX_AGE_SECONDS,
  };
}

/**
 * The session id from the signed cookie, or a new one (set on the response). The id is also the
 * user id under which the user's Miro tokens are stored: this app has no accounts of its own.
 */
export async function sessionId(c: Context, keys: SessionKeys): Promise<string> {
  const existing = await getSignedCookie(c, keys.cookie, SESSION_COOKIE);
  if (typeof existing === 'string' && /^[A-Za-z0-9_-]{22,}$/.test(existing)) return existing;
  const id = randomBytes(18).toString('base64url');
  await setSignedCookie(c, SESSION_COOKIE, id, keys.cookie, cookieOptions(c));
  return id;
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: new URL(c.req.url).protocol === 'https:' });
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
