import { describe, expect, it } from 'vitest';
import { csrfToken, deriveKeys, verifyCsrf } from './session.js';

describe('session keys', () => {
  it('derives a different key for each purpose, and different keys from different secrets', () => {
    const keys = deriveKeys('a'.repeat(32));
    expect(new Set([keys.cookie, keys.oauthState, keys.csrf]).size).toBe(3);
    expect(deriveKeys('b'.repeat(32)).csrf).not.toBe(keys.csrf);
  });
});

describe('CSRF tokens', () => {
  const keys = deriveKeys('a'.repeat(32));

  it('verify for their own session only', () => {
    const token = csrfToken('session-one-xxxxxxxxxxxx', keys);
    expect(verifyCsrf('session-one-xxxxxxxxxxxx', token, keys)).toBe(true);
    expect(verifyCsrf('session-two-xxxxxxxxxxxx', token, keys)).toBe(false);
  });

  it('refuse missing, altered and foreign-key tokens', () => {
    const token = csrfToken('sid-xxxxxxxxxxxxxxxxxxxx', keys);
    expect(verifyCsrf('sid-xxxxxxxxxxxxxxxxxxxx', undefined, keys)).toBe(false);
    expect(verifyCsrf('sid-xxxxxxxxxxxxxxxxxxxx', `${token}x`, keys)).toBe(false);
    expect(verifyCsrf('sid-xxxxxxxxxxxxxxxxxxxx', token, deriveKeys('b'.repeat(32)))).toBe(false);
  });
});
