import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { MiroConfigError, MiroTokenDecryptionError } from '../errors.js';
import type { LockedTokenState, TokenState, TokenStorage } from '../types.js';

/** A 32-byte AES-256 key: raw bytes, or a string of base64 (44 chars) or hex (64 chars). */
export type EncryptionKey = Uint8Array | string;

export interface EncryptionOptions {
  /** Encrypts new writes and decrypts data written with it. */
  key: EncryptionKey;
  /** Older keys, still accepted for reading, so a key can be rotated without logging users out. */
  previousKeys?: readonly EncryptionKey[];
}

const PREFIX = 'enc:v1:';

interface Key {
  readonly id: string;
  readonly bytes: Buffer;
}

/**
 * Wraps any store so tokens are AES-256-GCM encrypted before they reach it. The access and
 * refresh tokens are encrypted (expiry and ids stay readable for operations); each ciphertext is
 * bound to its user and field, so it cannot be moved to another user's row. Values written before
 * encryption was turned on are read as they are and encrypted on their next write.
 */
export function encryptTokenStorage(inner: TokenStorage, options: EncryptionOptions): TokenStorage {
  const current = toKey(options.key, 'key');
  const keys = new Map<string, Key>([[current.id, current]]);
  options.previousKeys?.forEach((k, i) => {
    const key = toKey(k, `previousKeys[${i}]`);
    if (!keys.has(key.id)) keys.set(key.id, key);
  });
  const seal = (userId: string, state: TokenState): TokenState => ({
    ...state,
    accessToken: encrypt(current, userId, 'accessToken', state.accessToken),
    ...(state.refreshToken === undefined
      ? {}
      : { refreshToken: encrypt(current, userId, 'refreshToken', state.refreshToken) }),
  });
  const open = (userId: string, state: TokenState | undefined): TokenState | undefined =>
    state && {
      ...state,
      accessToken: decrypt(keys, userId, 'accessToken', state.accessToken),
      ...(state.refreshToken === undefined
        ? {}
        : { refreshToken: decrypt(keys, userId, 'refreshToken', state.refreshToken) }),
    };
  const wrapHandle = (userId: string, locked: LockedTokenState): LockedTokenState => ({
    get: async () => open(userId, await locked.get()),
    set: (state) => locked.set(seal(userId, state)),
    delete: () => locked.delete(),
  });
  const wrapped: TokenStorage = {
    get: async (userId) => open(userId, await inner.get(userId)),
    set: (userId, state) => inner.set(userId, seal(userId, state)),
    delete: (userId) => inner.delete(userId),
  };
  if (inner.withRefreshLock) {
    const withLock = inner.withRefreshLock.bind(inner);
    wrapped.withRefreshLock = (userId, fn) => withLock(userId, (locked) => fn(wrapHandle(userId, locked)));
  }
  return wrapped;
}

function encrypt(key: Key, userId: string, field: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(aad(userId, field));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${key.id}:${iv.toString('base64url')}:${body.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
}

function decrypt(keys: Map<string, Key>, userId: string, field: string, value: string): string {
  if (!value.startsWith(PREFIX)) return value;
  const [keyId, iv, body, tag] = value.slice(PREFIX.length).split(':');
  if (keyId === undefined || iv === undefined || body === undefined || tag === undefined) {
    throw new MiroTokenDecryptionError(userId, 'the stored value is not in the expected encrypted format');
  }
  const key = keys.get(keyId);
  if (!key) {
    throw new MiroTokenDecryptionError(
      userId,
      `it was encrypted with a key (id ${keyId}) that is neither the configured key nor one of previousKeys: wrong encryption key`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
    decipher.setAAD(aad(userId, field));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new MiroTokenDecryptionError(userId, 'the authentication tag does not match: the stored data was altered', {
      cause,
    });
  }
}

function aad(userId: string, field: string): Buffer {
  return Buffer.from(`miro-auth:${userId}:${field}`, 'utf8');
}

function toKey(key: EncryptionKey, name: string): Key {
  let bytes: Buffer;
  if (typeof key === 'string') {
    bytes = /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : Buffer.from(key, 'base64');
  } else if (key instanceof Uint8Array) {
    bytes = Buffer.from(key);
  } else {
    throw new MiroConfigError(`Token encryption: ${name} must be a Uint8Array or a base64 or hex string`);
  }
  if (bytes.length !== 32) {
    throw new MiroConfigError(
      `Token encryption: ${name} must be 32 bytes (AES-256): 64 hex characters or 44 base64 characters; got ${bytes.length} bytes`,
    );
  }
  // A short fingerprint names the key in stored values: a wrong key is told apart from altered data.
  return { id: createHash('sha256').update(bytes).digest('base64url').slice(0, 8), bytes };
}
