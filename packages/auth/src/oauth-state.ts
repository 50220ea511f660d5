import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { MiroInvalidArgumentError } from './errors.js';
import type { Clock } from './types.js';

/** Ten minutes: long enough to log in and approve, short enough that a leaked state soon dies. */
export const DEFAULT_OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

export interface OAuthStateOptions {
  /** How long the state stays valid; default 10 minutes. */
  ttlMs?: number;
  now?: Clock;
}

/**
 * A CSRF `state` for the authorization URL, bound to the user's session: `nonce.expiry.mac` where
 * mac = HMAC-SHA256(secret, sessionId.nonce.expiry). Check it on the callback with
 * `verifyOAuthState`; a state minted for another session, altered, or expired fails.
 */
export function createOAuthState(sessionId: string, secret: string, options: OAuthStateOptions = {}): string {
  requireText('sessionId', sessionId);
  requireText('secret', secret);
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? DEFAULT_OAUTH_STATE_TTL_MS;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new MiroInvalidArgumentError(`createOAuthState: ttlMs must be a positive number, got ${String(ttlMs)}`);
  }
  const nonce = randomBytes(16).toString('base64url');
  const expiry = Math.floor(now() + ttlMs).toString(36);
  return `${nonce}.${expiry}.${mac(secret, sessionId, nonce, expiry)}`;
}

/** True when `state` was made by `createOAuthState` for this session and secret and has not expired. */
export function verifyOAuthState(
  state: string | null | undefined,
  sessionId: string,
  secret: string,
  options: Pick<OAuthStateOptions, 'now'> = {},
): boolean {
  requireText('sessionId', sessionId);
  requireText('secret', secret);
  if (typeof state !== 'string') return false;
  const parts = state.split('.');
  if (parts.length !== 3) return false;
  const [nonce, expiry, given] = parts as [string, string, string];
  const expiresAt = Number.parseInt(expiry, 36);
  if (!Number.isFinite(expiresAt) || (options.now ?? Date.now)() > expiresAt) return false;
  const expected = Buffer.from(mac(secret, sessionId, nonce, expiry), 'base64url');
  const actual = Buffer.from(given, 'base64url');
  // timingSafeEqual needs equal lengths; a length mismatch reveals nothing secret.
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function mac(secret: string, sessionId: string, nonce: string, expiry: string): string {
  return createHmac('sha256', secret).update(`${sessionId}.${nonce}.${expiry}`).digest('base64url');
}

function requireText(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new MiroInvalidArgumentError(`OAuth state: ${name} must be a non-empty string`);
  }
}
