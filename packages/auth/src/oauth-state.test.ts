import { describe, expect, it } from 'vitest';
import { createOAuthState, verifyOAuthState } from './oauth-state.js';

const secret = 'state-signing-secret';

describe('OAuth state', () => {
  it('verifies a state for the session it was made for', () => {
    const state = createOAuthState('session-1', secret);
    expect(verifyOAuthState(state, 'session-1', secret)).toBe(true);
  });

  it('refuses a state made for another session', () => {
    const state = createOAuthState('session-1', secret);
    expect(verifyOAuthState(state, 'session-2', secret)).toBe(false);
  });

  it('refuses a state signed with another secret', () => {
    const state = createOAuthState('session-1', 'other-secret');
    expect(verifyOAuthState(state, 'session-1', secret)).toBe(false);
  });

  it('refuses a state once it has expired', () => {
    let now = 1_000_000;
    const state = createOAuthState('session-1', secret, { ttlMs: 60_000, now: () => now });
    now += 60_000;
    expect(verifyOAuthState(state, 'session-1', secret, { now: () => now })).toBe(true);
    now += 1;
    expect(verifyOAuthState(state, 'session-1', secret, { now: () => now })).toBe(false);
  });

  it('refuses an altered expiry, an altered mac, and malformed input', () => {
    const now = () => 5_000;
    const state = createOAuthState('s', secret, { now });
    const [nonce, expiry, mac] = state.split('.') as [string, string, string];
    const later = (Number.parseInt(expiry, 36) + 1_000_000).toString(36);
    expect(verifyOAuthState(`${nonce}.${later}.${mac}`, 's', secret, { now })).toBe(false);
    expect(verifyOAuthState(`${nonce}.${expiry}.${mac.slice(0, -2)}AA`, 's', secret, { now })).toBe(false);
    expect(verifyOAuthState(`${nonce}.${expiry}.x`, 's', secret, { now })).toBe(false);
    expect(verifyOAuthState('garbage', 's', secret, { now })).toBe(false);
    expect(verifyOAuthState(undefined, 's', secret, { now })).toBe(false);
  });

  it('makes a different state each time', () => {
    expect(createOAuthState('s', secret)).not.toBe(createOAuthState('s', secret));
  });

  it('rejects an empty secret with an error naming it', () => {
    expect(() => createOAuthState('s', '')).toThrow(/secret must be a non-empty string/);
  });
});
