import { MiroInvalidArgumentError } from './errors.js';
import type { ExternalUserId } from './types.js';

/**
 * The store key of an app's user id. A string must be non-empty, well-formed Unicode (a lone
 * surrogate would be replaced when encoded as UTF-8 and collide with another id); a number must be
 * a safe integer (a larger one, or NaN, would share its text with other values).
 */
export function toUserId(userId: ExternalUserId): string {
  if (typeof userId === 'number') {
    if (Number.isSafeInteger(userId)) return String(userId);
    throw new MiroInvalidArgumentError(
      `userId must be a non-empty string or a safe integer, got the number ${String(userId)}`,
    );
  }
  return checkUserId(userId);
}

/** The same check for ids handed to a store directly, which takes strings only. */
export function checkUserId(userId: unknown): string {
  if (typeof userId !== 'string') {
    throw new MiroInvalidArgumentError(`userId must be a non-empty string or a safe integer, got ${typeof userId}`);
  }
  if (userId === '') throw new MiroInvalidArgumentError('userId must be a non-empty string, got ""');
  // With the u flag a surrogate pair is one code point, so this matches only a lone surrogate.
  if (/\p{Surrogate}/u.test(userId)) {
    throw new MiroInvalidArgumentError('userId must be well-formed Unicode text: it contains a lone surrogate');
  }
  return userId;
}
