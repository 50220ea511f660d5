import { describe, expect, it } from 'vitest';
import { knownTokenKey, tokenKey } from './token-key.js';

describe('tokenKey', () => {
  it('hashes a token into a key that does not contain it, the same key each time', async () => {
    const key = await tokenKey('token-key-test-secret');
    expect(key).toMatch(/^token:[0-9a-f]{32}$/);
    expect(key).not.toContain('token-key-test-secret');
    expect(await tokenKey('token-key-test-secret')).toBe(key);
    expect(await tokenKey('token-key-test-other')).not.toBe(key);
  });

  it('knows a key without a promise once its hash has settled', async () => {
    expect(knownTokenKey('token-key-test-later')).toBeUndefined();
    const pending = tokenKey('token-key-test-later');
    const key = await pending;
    expect(knownTokenKey('token-key-test-later')).toBe(key);
  });
});
