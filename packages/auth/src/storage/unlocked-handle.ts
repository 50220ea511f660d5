import type { LockedTokenState, TokenStorage } from '../types.js';

/** A handle that reads and writes the store directly, for stores without their own lock. */
export function unlockedHandle(storage: TokenStorage, userId: string): LockedTokenState {
  return {
    get: () => storage.get(userId),
    set: (state) => storage.set(userId, state),
    delete: () => storage.delete(userId),
  };
}
