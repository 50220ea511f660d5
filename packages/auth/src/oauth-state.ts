import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '@miro/api';
import { MiroInvalidArgumentError } from './errors.js';

/** Ten minutes: long enough to log in and approve, short enough that a leaked state soon dies. */
export const DEFAULT_OAUTH_STATE_TTL_MS = 10 * 60 * 1000;
/** A shorter secret is refused: the MAC is only as strong as what signs it. */
export const MIN_OAUTH_STATE_SECRET_LENGTH = 32;

export interface OAuthStateOptions {
  /** How long the state stays valid; default 10 minutes. */
  ttlMs?: number;
  clock?: Pick<Clock, 'now'>;
}

/** `nonce.expiry.mac`: 16 random bytes and a SHA-256 MAC in base64url, the expiry in base 36. */
const STATE_FORMAT = /^([A-Za-z0-9_-]{22})\.([0-9a-z]{1,11})\.([A-Za-z0-9_-]{43})$/;

/** States verified in this process, until they expire: a state verifies once. */
const used = new Map<string, number>();

/**
 * A CSRF `state` for the authorization URL, bound to the user's session: `nonce.expiry.mac` where
 * mac = HMAC-SHA256(secret, sessionId.nonce.expiry). Check it on the callback with
 * `verifyOAuthState`; a state minted for another session, altered, expired or used fails.
 */
export function createOAuthState(sessionId: string, secret: string, options: OAuthStateOptions = {}): string {
  requireText('sessionId', sessionId);
  requireSecret(secret);
  const ttlMs = options.ttlMs ?? DEFAULT_OAUTH_STATE_TTL_MS;
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new MiroInvalidArgumentError(`createOAuthState: ttlMs must be a positive number, got ${String(ttlMs)}`);
  }
  const nonce = randomBytes(16).toString('base64url');
  const expiry = Math.floor(now(options) + ttlMs).toString(36);
  return `${nonce}.${expiry}.${mac(secret, sessionId, nonce, expiry)}`;
}

/**
 * True when `state` was made by `createOAuthState` for this session and secret, has not expired,
 * and has not verified before in this process: a state is spent by verifying it. (A state is
 * one-time across processes when the app keeps it where only the user's browser has it, such as
 * a cookie it deletes on the callback; see the README.)
 */
export function verifyOAuthState(
  state: string | null | undefined,
  sessionId: string,
  secret: string,
  options: Pick<OAuthStateOptions, 'clock'> = {},
): boolean {
  requireText('sessionId', sessionId);
  requireSecret(secret);
  if (typeof state !== 'string') return false;
  const parts = STATE_FORMAT.exec(state);
  if (!parts) return false;
  const [, nonce, expiry, given] = parts as unknown as [string, string, string, string];
  const expiresAt = Number.parseInt(expiry, 36);
  const at = now(options);
  if (at > expiresAt) return false;
  // Compared as text: decoding would let the unused low bits of the last character vary.
  if (!timingSafeEqual(Buffer.from(given), Buffer.from(mac(secret, sessionId, nonce, expiry)))) return false;
  forgetExpired(at);
  if (used.has(given)) return false;
  used.set(given, expiresAt);
  return true;
}

function forgetExpired(at: number): void {
  for (const [key, expiresAt] of used) if (expiresAt < at) used.delete(key);
}

function now(options: Pick<OAuthStateOptions, 'clock'>): number {
  return options.clock?.now() ?? Date.now();
}

function mac(secret: string, sessionId: string, nonce: string, expiry: string): string {
  return createHmac('sha256', secret).update(`${sessionId}.${nonce}.${expiry}`).digest('base64url');
}

function requireText(name: string, value: unknown): void {
  if (typeof value !== 'string' || value.length === 0) {
    throw new MiroInvalidArgumentError(`OAuth state: ${name} must be a non-empty string`);
  }
}

function requireSecret(secret: unknown): void {
  if (typeof secret !== 'string' || secret.length < MIN_OAUTH_STATE_SECRET_LENGTH) {
    throw new MiroInvalidArgumentError(
      `OAuth state: secret must be a string of at least ${MIN_OAUTH_STATE_SECRET_LENGTH} characters (e.g. 32 random bytes in base64url)`,
    );
  }
}
