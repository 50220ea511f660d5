import { MiroStorageError } from '../../src/errors.js';
import type { LockedTokenState, RefreshLockOptions, TokenState, TokenStorage } from '../../src/types.js';

type LockingStorage = TokenStorage & Required<Pick<TokenStorage, 'withRefreshLock'>>;

/**
 * A store's faults where there is no connection to cut (memory, and a write's lost answer for
 * SQLite): `down` fails every operation as an unreachable store would; `cutNextWrite` lets the
 * next write through and then fails it, as when the connection drops before the answer arrives.
 */
export class FaultyStorage implements TokenStorage {
  down = false;
  #cutNextWrite: (() => void) | undefined;

  constructor(
    readonly inner: LockingStorage,
    readonly name: string,
  ) {}

  /** Arms the cut; resolves once a write went through and was reported as failed. */
  cutNextWrite(): Promise<void> {
    return new Promise((resolve) => (this.#cutNextWrite = resolve));
  }

  async get(userId: string): Promise<TokenState | undefined> {
    this.#check('reading');
    return this.inner.get(userId);
  }

  async set(userId: string, state: TokenState): Promise<void> {
    this.#check('writing');
    await this.inner.set(userId, state);
    this.#afterWrite();
  }

  async delete(userId: string): Promise<void> {
    this.#check('deleting');
    await this.inner.delete(userId);
  }

  async withRefreshLock<T>(
    userId: string,
    fn: (locked: LockedTokenState) => Promise<T>,
    options?: RefreshLockOptions,
  ): Promise<T> {
    this.#check('taking the refresh lock');
    return this.inner.withRefreshLock(
      userId,
      (locked) =>
        fn({
          get: async () => {
            this.#check('reading under the lock');
            return locked.get();
          },
          set: async (state) => {
            this.#check('writing under the lock');
            await locked.set(state);
            this.#afterWrite();
          },
          delete: async () => {
            this.#check('deleting under the lock');
            await locked.delete();
          },
        }),
      options,
    );
  }

  #check(what: string): void {
    if (this.down) throw new MiroStorageError(this.name, `${what} failed: the store is down`);
  }

  #afterWrite(): void {
    const cut = this.#cutNextWrite;
    if (!cut) return;
    this.#cutNextWrite = undefined;
    cut();
    throw new MiroStorageError(this.name, 'the connection dropped before the write was acknowledged');
  }
}
