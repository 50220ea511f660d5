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

export interface RefreshLockOptions {
  /**
   * How long the lock outlives a holder that stops renewing it (a crashed process). `Miro` passes
   * its token request timeout plus a small margin, so a live holder's token request always ends
   * before its lease can; adapters fall back to their `lockTtlMs`.
   */
  readonly leaseMs?: number;
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
   * another process) has it. `fn` must read and write through the handle it is given; what it
   * wrote is durable once the returned promise resolves.
   */
  withRefreshLock?<T>(
    userId: string,
    fn: (locked: LockedTokenState) => Promise<T>,
    options?: RefreshLockOptions,
  ): Promise<T>;
}

/** The official client's user id type: your app's id for the user. */
export type ExternalUserId = string | number;
