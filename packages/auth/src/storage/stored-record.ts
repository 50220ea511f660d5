import { createHash } from 'node:crypto';
import { MiroStorageError } from '../errors.js';
import type { TokenState } from '../types.js';

/** Ids of this shape are their own store key: short, and free of `{`, `}` and anything unprintable. */
const PLAIN_KEY = /^[\w.@+=:-]{1,128}$/;

/**
 * The key a user's record is stored under: the id itself when it is short and plain (readable in
 * the store), else `#` and the base64url SHA-256 of its UTF-8 (fixed length, any characters, any
 * length). The two forms never meet: a plain id cannot contain `#`.
 */
export function storageKey(userId: string): string {
  if (PLAIN_KEY.test(userId)) return userId;
  return `#${createHash('sha256').update(userId, 'utf8').digest('base64url')}`;
}

/** The stored text of a record: the token state, with the user id kept beside it. */
export function encodeRecord(userId: string, state: TokenState): string {
  return JSON.stringify({ ...state, user: userId });
}

const STRING_FIELDS = ['refreshToken', 'scope', 'teamId', 'miroUserId'] as const;

/**
 * Reads a stored record back, checking that it is one: a JSON object with a string `accessToken`,
 * the optional fields of the right types, and (when present) the user id it was written for. The
 * JSON parser's message is dropped because it would quote the tokens.
 */
export function decodeRecord(store: string, userId: string, text: string): TokenState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw notARecord(store, userId, 'it is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw notARecord(store, userId, 'it is not a JSON object');
  const { user, ...state } = value as Record<string, unknown>;
  if (typeof state.accessToken !== 'string' || state.accessToken === '') {
    throw notARecord(store, userId, 'it has no accessToken string');
  }
  for (const field of STRING_FIELDS) {
    if (state[field] !== undefined && typeof state[field] !== 'string') {
      throw notARecord(store, userId, `its ${field} is not a string`);
    }
  }
  if (state.expiresAt !== undefined && !Number.isFinite(state.expiresAt)) {
    throw notARecord(store, userId, 'its expiresAt is not a number');
  }
  if (user !== undefined && user !== userId) {
    throw new MiroStorageError(
      store,
      `the record stored under the key of user "${userId}" was written for another user`,
    );
  }
  return state as unknown as TokenState;
}

function notARecord(store: string, userId: string, why: string): MiroStorageError {
  return new MiroStorageError(
    store,
    `the stored value of user "${userId}" is not a @miro/auth token record (${why}); expected JSON like {"accessToken": "...", "refreshToken": "...", "expiresAt": 1700000000000, "user": "..."}`,
  );
}
