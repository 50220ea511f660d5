import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MiroConfigError, MiroTokenDecryptionError } from '../errors.js';
import { encryptTokenStorage } from './encrypted.js';
import { MemoryTokenStorage } from './memory.js';

const state = { accessToken: 'access-secret', refreshToken: 'refresh-secret', expiresAt: 123 };

describe('encryptTokenStorage', () => {
  it('accepts a key as bytes, hex or base64, and refuses another length naming it', () => {
    const key = randomBytes(32);
    const inner = new MemoryTokenStorage();
    expect(() => encryptTokenStorage(inner, { key })).not.toThrow();
    expect(() => encryptTokenStorage(inner, { key: key.toString('hex') })).not.toThrow();
    expect(() => encryptTokenStorage(inner, { key: key.toString('base64') })).not.toThrow();
    expect(() => encryptTokenStorage(inner, { key: randomBytes(16) })).toThrow(MiroConfigError);
    expect(() => encryptTokenStorage(inner, { key, previousKeys: ['short'] })).toThrow(
      /previousKeys\[0\] must be 32 bytes/,
    );
  });

  it('keeps expiry readable and the tokens encrypted in the inner store', async () => {
    const inner = new MemoryTokenStorage();
    await encryptTokenStorage(inner, { key: randomBytes(32) }).set('u', state);
    const raw = await inner.get('u');
    expect(raw?.expiresAt).toBe(123);
    expect(raw?.accessToken).toMatch(/^enc:v1:/);
    expect(raw?.refreshToken).toMatch(/^enc:v1:/);
  });

  it('refuses tokens copied from another user’s row', async () => {
    const inner = new MemoryTokenStorage();
    const storage = encryptTokenStorage(inner, { key: randomBytes(32) });
    await storage.set('alice', state);
    await inner.set('mallory', (await inner.get('alice'))!);
    await expect(storage.get('mallory')).rejects.toThrow(/user "mallory".*altered/);
  });

  it('says the data was altered when the ciphertext was changed', async () => {
    const inner = new MemoryTokenStorage();
    const storage = encryptTokenStorage(inner, { key: randomBytes(32) });
    await storage.set('u', state);
    const raw = (await inner.get('u'))!;
    await inner.set('u', { ...raw, accessToken: `${raw.accessToken.slice(0, -3)}AAA` });
    await expect(storage.get('u')).rejects.toBeInstanceOf(MiroTokenDecryptionError);
  });

  it('reads tokens stored before encryption was turned on, and encrypts them on the next write', async () => {
    const inner = new MemoryTokenStorage();
    await inner.set('u', state);
    const storage = encryptTokenStorage(inner, { key: randomBytes(32) });
    expect(await storage.get('u')).toEqual(state);
    await storage.set('u', state);
    expect((await inner.get('u'))?.accessToken).toMatch(/^enc:v1:/);
  });

  it('keeps no token in its error messages', async () => {
    const inner = new MemoryTokenStorage();
    await encryptTokenStorage(inner, { key: randomBytes(32) }).set('u', state);
    const error = await encryptTokenStorage(inner, { key: randomBytes(32) })
      .get('u')
      .catch((e: Error) => e);
    expect(String((error as Error).message)).not.toContain('secret');
  });

  it('passes the refresh lock through, encrypting writes made under it', async () => {
    const inner = new MemoryTokenStorage();
    const storage = encryptTokenStorage(inner, { key: randomBytes(32) });
    await storage.set('u', state);
    const seen = await storage.withRefreshLock!('u', async (locked) => {
      const current = await locked.get();
      await locked.set({ ...state, accessToken: 'rotated-access' });
      return current;
    });
    expect(seen).toEqual(state);
    expect((await inner.get('u'))?.accessToken).toMatch(/^enc:v1:/);
    expect((await storage.get('u'))?.accessToken).toBe('rotated-access');
  });
});
