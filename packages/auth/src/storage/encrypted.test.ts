import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MiroConfigError, MiroTokenDecryptionError } from '../errors.js';
import type { TokenState } from '../types.js';
import { encryptTokenStorage } from './encrypted.js';
import { MemoryTokenStorage } from './memory.js';

const state: TokenState = {
  accessToken: 'access-secret',
  refreshToken: 'refresh-secret',
  expiresAt: 123,
  teamId: 'team-1',
  miroUserId: 'miro-user-1',
};

/** A store holding `state` for `userId`, sealed with a fresh key. */
async function sealed(userId = 'u') {
  const inner = new MemoryTokenStorage();
  const key = randomBytes(32);
  const storage = encryptTokenStorage(inner, { key });
  await storage.set(userId, state);
  return { inner, key, storage, raw: (await inner.get(userId))! };
}

/** Re-seals `json` for `userId` under `key`, as someone with the key but other intentions would. */
function sealWith(key: Buffer, keyId: string, userId: string, json: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`miro-auth:v2:${userId}`));
  const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return `enc:v2:${keyId}:${iv.toString('base64url')}:${body.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
}

describe('encryptTokenStorage', () => {
  it('accepts a key as 32 bytes, 64 hex characters or 44 base64 characters', () => {
    const key = randomBytes(32);
    const inner = new MemoryTokenStorage();
    for (const form of [key, key.toString('hex'), key.toString('hex').toUpperCase(), key.toString('base64')]) {
      expect(() => encryptTokenStorage(inner, { key: form })).not.toThrow();
    }
  });

  it('refuses anything else as a key, a 43-character passphrase included, naming the option', () => {
    const inner = new MemoryTokenStorage();
    const key = randomBytes(32);
    for (const wrong of [
      randomBytes(16),
      randomBytes(33),
      'correct horse battery staple, thirty-three x', // 44 characters, not base64
      'this passphrase is forty-three characters!!',
      key.toString('base64url'), // 43 characters without padding
      key.toString('base64').replace(/=$/, ''),
      `${key.toString('base64')} `,
      key.toString('hex').slice(1),
      '',
    ]) {
      expect(() => encryptTokenStorage(inner, { key: wrong })).toThrow(MiroConfigError);
    }
    expect(() => encryptTokenStorage(inner, { key: 'x'.repeat(43) })).toThrow(
      /key must be 32 bytes .* got a string of 43 characters that is neither/,
    );
    expect(() => encryptTokenStorage(inner, { key, previousKeys: ['short'] })).toThrow(
      /previousKeys\[0\] must be 32 bytes/,
    );
  });

  it('seals the whole record: the inner store sees one ciphertext and nothing readable', async () => {
    const { raw } = await sealed();
    expect(Object.keys(raw)).toEqual(['accessToken']);
    expect(raw.accessToken).toMatch(/^enc:v2:/);
    for (const value of Object.values(state)) expect(JSON.stringify(raw)).not.toContain(String(value));
  });

  it('round-trips every field', async () => {
    const { storage } = await sealed();
    expect(await storage.get('u')).toEqual(state);
  });

  it('refuses a record moved to another user', async () => {
    const { inner, storage, raw } = await sealed('alice');
    await inner.set('mallory', raw);
    await expect(storage.get('mallory')).rejects.toThrow(/user "mallory".*altered/);
  });

  it('refuses an altered ciphertext, and a field added beside it (an expiry planted in clear)', async () => {
    const { inner, storage, raw } = await sealed();
    await inner.set('u', { accessToken: `${raw.accessToken.slice(0, -3)}AAA` });
    await expect(storage.get('u')).rejects.toBeInstanceOf(MiroTokenDecryptionError);
    await inner.set('u', { ...raw, expiresAt: 9_999_999_999_999 });
    await expect(storage.get('u')).rejects.toThrow(/fields outside its sealed part \(expiresAt\)/);
  });

  it('refuses plaintext and the 0.1 per-field format unless migrating, and then seals them', async () => {
    const inner = new MemoryTokenStorage();
    const key = randomBytes(32);
    await inner.set('u', state);
    await expect(encryptTokenStorage(inner, { key }).get('u')).rejects.toThrow(
      /not encrypted \(plaintext, or an older format\), so it is refused; .* migrateUnencrypted: true/,
    );
    const migrating = encryptTokenStorage(inner, { key, migrateUnencrypted: true });
    expect(await migrating.get('u')).toEqual(state);
    expect((await inner.get('u'))?.accessToken).toMatch(/^enc:v2:/);
    expect(await encryptTokenStorage(inner, { key }).get('u')).toEqual(state);
  });

  it('reads a record sealed under a previous key, and refuses one sealed under an unknown key', async () => {
    const { inner, key } = await sealed();
    const rotated = encryptTokenStorage(inner, { key: randomBytes(32), previousKeys: [key] });
    expect(await rotated.get('u')).toEqual(state);
    await expect(encryptTokenStorage(inner, { key: randomBytes(32) }).get('u')).rejects.toThrow(/wrong encryption key/);
  });

  it('checks the shape of what it decrypts', async () => {
    const { inner, key, raw, storage } = await sealed();
    const keyId = raw.accessToken.split(':')[2]!;
    await inner.set('u', { accessToken: sealWith(key, keyId, 'u', '{"refreshToken":"r"}') });
    await expect(storage.get('u')).rejects.toThrow(/not a @miro\/auth token record \(it has no accessToken string\)/);
  });

  it('keeps no token in its error messages', async () => {
    const { inner } = await sealed();
    const error = await encryptTokenStorage(inner, { key: randomBytes(32) })
      .get('u')
      .catch((e: Error) => e);
    expect(String((error as Error).message)).not.toContain('secret');
  });

  it('passes the refresh lock through, sealing writes made under it', async () => {
    const inner = new MemoryTokenStorage();
    const storage = encryptTokenStorage(inner, { key: randomBytes(32) });
    await storage.set('u', state);
    const seen = await storage.withRefreshLock!('u', async (locked) => {
      const current = await locked.get();
      await locked.set({ ...state, accessToken: 'rotated-access' });
      return current;
    });
    expect(seen).toEqual(state);
    expect((await inner.get('u'))?.accessToken).toMatch(/^enc:v2:/);
    expect((await storage.get('u'))?.accessToken).toBe('rotated-access');
  });
});
