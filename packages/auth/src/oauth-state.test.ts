import { describe, expect, it } from 'vitest';
import { createOAuthState, verifyOAuthState } from './oauth-state.js';

const secret = 'state-signing-secret-of-32-chars!';
const at = (time: number) => ({ clock: { now: () => time } });

describe('OAuth state', () => {
  it('verifies a state for the session it was made for', () => {
    const state = createOAuthState('session-1', secret);
    expect(verifyOAuthState(state, 'session-1', secret)).toBe(true);
  });

  it('verifies a state once: a replayed state is refused', () => {
    const state = createOAuthState('session-1', secret);
    expect(verifyOAuthState(state, 'session-1', secret)).toBe(true);
    expect(verifyOAuthState(state, 'session-1', secret)).toBe(false);
  });

  it('refuses a state made for another session', () => {
    const state = createOAuthState('session-1', secret);
    expect(verifyOAuthState(state, 'session-2', secret)).toBe(false);
  });

  it('refuses a state signed with another secret', () => {
    const state = createOAuthState('session-1', 'another-secret-that-is-32-chars-x');
    expect(verifyOAuthState(state, 'session-1', secret)).toBe(false);
  });

  it('refuses a state once it has expired', () => {
    const state = createOAuthState('session-1', secret, { ttlMs: 60_000, ...at(1_000_000) });
    expect(verifyOAuthState(state, 'session-1', secret, at(1_060_001))).toBe(false);
    const fresh = createOAuthState('session-1', secret, { ttlMs: 60_000, ...at(1_000_000) });
    expect(verifyOAuthState(fresh, 'session-1', secret, at(1_060_000))).toBe(true);
  });

  it('refuses an altered expiry, an altered or extended mac, and malformed input', () => {
    const state = createOAuthState('s', secret, at(5_000));
    const [nonce, expiry, mac] = state.split('.') as [string, string, string];
    const later = (Number.parseInt(expiry, 36) + 1_000_000).toString(36);
    // The last base64url character of a 32-byte MAC carries two unused bits: changing them is still a change.
    const lowBits = `${mac.slice(0, -1)}${String.fromCharCode(mac.charCodeAt(42) ^ 1)}`;
    for (const forged of [
      `${nonce}.${later}.${mac}`,
      `${nonce}.${expiry}.${mac.slice(0, -2)}AA`,
      `${nonce}.${expiry}.${lowBits}`,
      `${nonce}.${expiry}.${mac}x`,
      `${nonce}.${expiry}.${mac}==`,
      `${nonce}.${expiry}.+${mac.slice(1)}`,
      `${nonce}.${expiry}.x`,
      `${state} `,
      'garbage',
      undefined,
    ]) {
      expect(forged).not.toBe(state);
      expect(verifyOAuthState(forged, 's', secret, at(5_000))).toBe(false);
    }
    expect(verifyOAuthState(state, 's', secret, at(5_000))).toBe(true);
  });

  it('makes a different state each time', () => {
    expect(createOAuthState('s', secret)).not.toBe(createOAuthState('s', secret));
  });

  it('refuses a secret shorter than 32 characters, naming the minimum', () => {
    expect(() => createOAuthState('s', '')).toThrow(/secret must be a string of at least 32 characters/);
    expect(() => createOAuthState('s', 'x'.repeat(31))).toThrow(/at least 32 characters/);
    expect(() => verifyOAuthState('a.b.c', 's', 'short')).toThrow(/at least 32 characters/);
  });
});
