/** What the store keeps for one user: the tokens Miro issued and when the access token expires. */
export interface TokenState {
  readonly accessToken: string;
  /** Absent for apps whose tokens do not expire. */
  readonly refreshToken?: string;
  /** Epoch milliseconds at which the access token expires (from `expires_in`); absent: never. */
  readonly expiresAt?: number;
  readonly scope?: string;
  readonly teamId?: string;
  /** Miro's id of the user who authorized the app (not the app's own user id). */
  readonly miroUserId?: string;
}

/**
 * A handle on one user's state, valid while the refresh lock is held. Its writes are fenced:
 * when the lock was lost (its lease ran out and another holder took it and wrote), they reject
 * with `MiroLockLostError` instead of overwriting the newer tokens.
 */
export interface LockedTokenState {
  get(): Promise<TokenState | undefined>;
  set(state: TokenState): Promise<void>;
  delete(): Promise<void>;
}

/**
 * Where tokens live, keyed by your app's user id. The refresh lock is optional: stores shared by
 * several processes implement it so that only one of them spends a (rotating) refresh token.
 */
export interface TokenStorage {
  get(userId: string): Promise<TokenState | undefined>;
  set(userId: string, state: TokenState): Promise<void>;
  delete(userId: string): Promise<void>;
  /**
   * Runs `fn` while holding this user's refresh lock, waiting while another holder (in this or
   * another process) has it. `fn` must read and write through the handle it is given.
   */
  withRefreshLock?<T>(userId: string, fn: (locked: LockedTokenState) => Promise<T>): Promise<T>;
}

/** Log sink; `console` fits. Messages never contain tokens, codes or secrets. */
export interface Logger {
  debug?(message: string, meta?: Record<string, unknown>): void;
  info?(message: string, meta?: Record<string, unknown>): void;
  warn?(message: string, meta?: Record<string, unknown>): void;
  error?(message: string, meta?: Record<string, unknown>): void;
}

/** Current time in epoch milliseconds; injectable so tests control expiry. */
export type Clock = () => number;

/** The official client's user id type: your app's id for the user. */
export type ExternalUserId = string | number;
