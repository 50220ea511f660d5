import type { Logger } from '@miro/api';
import { logLine } from '../log.js';
import type { LockedTokenState, TokenState, TokenStorage } from '../types.js';
import { checkUserId } from '../user-id.js';
import { KeyedMutex } from './keyed-mutex.js';
import { unlockedHandle } from './unlocked-handle.js';

export interface MemoryTokenStorageOptions {
  /** Receives a one-time warning that this store is not for production. */
  logger?: Logger;
}

/**
 * Keeps tokens in this process's memory: the default store, fine for development and tests. Tokens
 * are lost on restart and not shared between processes, so production needs SQLite, Redis or
 * PostgreSQL.
 */
export class MemoryTokenStorage implements TokenStorage {
  readonly #states = new Map<string, TokenState>();
  readonly #locks = new KeyedMutex();

  constructor(options: MemoryTokenStorageOptions = {}) {
    logLine(options.logger)(
      'warn',
      '@miro/auth: tokens are kept in memory (MemoryTokenStorage): they are lost on restart and not shared between processes. Pass a SQLite, Redis or PostgreSQL storage in production.',
    );
  }

  async get(userId: string): Promise<TokenState | undefined> {
    const state = this.#states.get(checkUserId(userId));
    return state && { ...state };
  }

  async set(userId: string, state: TokenState): Promise<void> {
    this.#states.set(checkUserId(userId), { ...state });
  }

  async delete(userId: string): Promise<void> {
    this.#states.delete(checkUserId(userId));
  }

  /** In-process lock: several `Miro` instances sharing this store still refresh one at a time. */
  async withRefreshLock<T>(userId: string, fn: (locked: LockedTokenState) => Promise<T>): Promise<T> {
    return this.#locks.run(checkUserId(userId), () => fn(unlockedHandle(this, userId)));
  }
}
