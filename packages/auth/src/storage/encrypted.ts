import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { MiroConfigError, MiroTokenDecryptionError } from '../errors.js';
import type { LockedTokenState, TokenState, TokenStorage } from '../types.js';
import { decodeRecord } from './stored-record.js';

/** A 32-byte AES-256 key: raw bytes, or a string of 64 hex characters or 44 characters of base64. */
export type EncryptionKey = Uint8Array | string;

export interface EncryptionOptions {
  /** Encrypts new writes and decrypts data written with it. */
  key: EncryptionKey;
  /** Older keys, still accepted for reading, so a key can be rotated without logging users out. */
  previousKeys?: readonly EncryptionKey[];
  /**
   * Read records that are not encrypted with this format (plaintext, or the per-field format of
   * @miro/auth 0.1), and encrypt them on the spot. Off by default: such a record is refused, since
   * anyone who can write to the store could plant it. Turn it on once to migrate a store.
   */
  migrateUnencrypted?: boolean;
}

const PREFIX = 'enc:v2:';
const V1_PREFIX = 'enc:v1:';
const NAME = 'encryption';

interface Key {
  readonly id: string;
  readonly bytes: Buffer;
}

/**
 * Wraps any store so that each user's whole record (tokens, expiry, team and user ids) is sealed
 * with AES-256-GCM before it reaches the store, bound to the user's id: a record altered in the
 * store, moved to another user, or planted unencrypted is refused with `MiroTokenDecryptionError`.
 * The inner store sees `{ accessToken: "enc:v2:<key id>:<iv>:<ciphertext>:<tag>" }`.
 */
export function encryptTokenStorage(inner: TokenStorage, options: EncryptionOptions): TokenStorage {
  const current = toKey(options.key, 'key');
  const keys = new Map<string, Key>([[current.id, current]]);
  options.previousKeys?.forEach((k, i) => {
    const key = toKey(k, `previousKeys[${i}]`);
    if (!keys.has(key.id)) keys.set(key.id, key);
  });
  const migrate = options.migrateUnencrypted === true;
  const seal = (userId: string, state: TokenState): TokenState => ({ accessToken: encrypt(current, userId, state) });

  /** The record, and whether it was read from an unencrypted (migrated) form. */
  const open = (userId: string, stored: TokenState | undefined): { state?: TokenState; migrated: boolean } => {
    if (!stored) return { migrated: false };
    if (stored.accessToken.startsWith(PREFIX)) {
      const extra = Object.keys(stored).filter((field) => field !== 'accessToken');
      if (extra.length > 0) {
        throw new MiroTokenDecryptionError(
          userId,
          `the stored record has fields outside its sealed part (${extra.join(', ')}): it was altered`,
        );
      }
      return { state: decrypt(keys, userId, stored.accessToken), migrated: false };
    }
    if (!migrate) {
      throw new MiroTokenDecryptionError(
        userId,
        'the stored record is not encrypted (plaintext, or an older format), so it is refused; to encrypt such records, open the store once with migrateUnencrypted: true',
      );
    }
    return { state: openUnencrypted(keys, userId, stored), migrated: true };
  };

  const wrapHandle = (userId: string, locked: LockedTokenState): LockedTokenState => ({
    get: async () => {
      const { state, migrated } = open(userId, await locked.get());
      if (state && migrated) await locked.set(seal(userId, state));
      return state;
    },
    set: (state) => locked.set(seal(userId, state)),
    delete: () => locked.delete(),
  });

  const wrapped: TokenStorage = {
    get: async (userId) => {
      const stored = await inner.get(userId);
      const { state, migrated } = open(userId, stored);
      if (state && migrated) await reseal(userId, stored as TokenState, state);
      return state;
    },
    set: (userId, state) => inner.set(userId, seal(userId, state)),
    delete: (userId) => inner.delete(userId),
  };

  /** Encrypts a migrated record in place, unless a writer replaced it meanwhile. */
  const reseal = async (userId: string, seen: TokenState, state: TokenState): Promise<void> => {
    if (!inner.withRefreshLock) return inner.set(userId, seal(userId, state));
    await inner.withRefreshLock(userId, async (locked) => {
      const again = await locked.get();
      if (again && JSON.stringify(again) === JSON.stringify(seen)) await locked.set(seal(userId, state));
    });
  };

  if (inner.withRefreshLock) {
    const withLock = inner.withRefreshLock.bind(inner);
    wrapped.withRefreshLock = (userId, fn, lockOptions) =>
      withLock(userId, (locked) => fn(wrapHandle(userId, locked)), lockOptions);
  }
  return wrapped;
}

function encrypt(key: Key, userId: string, state: TokenState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(aad(userId));
  const body = Buffer.concat([cipher.update(JSON.stringify(state), 'utf8'), cipher.final()]);
  return `${PREFIX}${key.id}:${iv.toString('base64url')}:${body.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
}

function decrypt(keys: Map<string, Key>, userId: string, value: string): TokenState {
  const text = openSealed(keys, userId, value.slice(PREFIX.length), aad(userId));
  // The sealed JSON was written by `encrypt`; checking its shape still guards against a key misuse.
  return decodeRecord(NAME, userId, text);
}

/** `keyId:iv:body:tag`, authenticated with `associated`. */
function openSealed(keys: Map<string, Key>, userId: string, sealed: string, associated: Buffer): string {
  const parts = sealed.split(':');
  const [keyId, iv, body, tag] = parts;
  if (parts.length !== 4 || keyId === undefined || iv === undefined || body === undefined || tag === undefined) {
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
    decipher.setAAD(associated);
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new MiroTokenDecryptionError(userId, 'the authentication tag does not match: the stored data was altered', {
      cause,
    });
  }
}

/** A plaintext record, or one of the 0.1 format (tokens sealed per field, the rest in clear). */
function openUnencrypted(keys: Map<string, Key>, userId: string, stored: TokenState): TokenState {
  const field = (name: 'accessToken' | 'refreshToken', value: string): string =>
    value.startsWith(V1_PREFIX)
      ? openSealed(keys, userId, value.slice(V1_PREFIX.length), Buffer.from(`miro-auth:${userId}:${name}`, 'utf8'))
      : value;
  return {
    ...stored,
    accessToken: field('accessToken', stored.accessToken),
    ...(stored.refreshToken === undefined ? {} : { refreshToken: field('refreshToken', stored.refreshToken) }),
  };
}

function aad(userId: string): Buffer {
  return Buffer.from(`miro-auth:v2:${userId}`, 'utf8');
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

function toKey(key: EncryptionKey, name: string): Key {
  let bytes: Buffer | undefined;
  if (typeof key === 'string') {
    if (HEX_KEY.test(key)) bytes = Buffer.from(key, 'hex');
    // Strict: the text must be exactly what encoding 32 bytes gives (a passphrase is not a key).
    else if (BASE64_KEY.test(key) && Buffer.from(key, 'base64').toString('base64') === key) {
      bytes = Buffer.from(key, 'base64');
    }
  } else if (key instanceof Uint8Array && key.length === 32) {
    bytes = Buffer.from(key);
  }
  if (!bytes || bytes.length !== 32) {
    const got =
      typeof key === 'string'
        ? `a string of ${key.length} characters that is neither`
        : key instanceof Uint8Array
          ? `${key.length} bytes`
          : typeof key;
    throw new MiroConfigError(
      `Token encryption: ${name} must be 32 bytes (AES-256): a Uint8Array of 32 bytes, 64 hex characters, or 44 characters of base64 (e.g. \`openssl rand -base64 32\`); got ${got}`,
    );
  }
  // A short fingerprint names the key in stored values: a wrong key is told apart from altered data.
  return { id: createHash('sha256').update(bytes).digest('base64url').slice(0, 8), bytes };
}
