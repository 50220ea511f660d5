import type { Clock } from '@miro/api';
import { MiroAuthorizationRequiredError } from './errors.js';
import type { LogLine } from './log.js';
import { optionalField } from './optional-field.js';
import { RecentMap } from './recent-map.js';
import { KeyedMutex } from './storage/keyed-mutex.js';
import { unlockedHandle } from './storage/unlocked-handle.js';
import { isInvalidGrant, requestToken, revokeAccessToken, type TokenEndpointConfig } from './token-endpoint.js';
import type { LockedTokenState, RefreshLockOptions, TokenState, TokenStorage } from './types.js';

export interface TokenKeeperConfig {
  readonly storage: TokenStorage;
  readonly endpoint: TokenEndpointConfig;
  readonly log: LogLine;
  readonly clock: Pick<Clock, 'now'>;
  readonly refreshMarginMs: number;
  /** Passed to `withRefreshLock`; absent: the adapter's own lease. */
  readonly leaseMs: number | undefined;
}

/** Tokens Miro issued that the store does not have yet: served from memory, written when it can be. */
interface Unstored {
  readonly state: TokenState;
  /** The refresh token they replaced; `null` after a login, whose tokens replace whatever is stored. */
  readonly replaces: string | null;
  attempts: number;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** How a run under the lock ended. Errors are raised only after the lock is released (and committed). */
interface LockedOutcome {
  readonly accessToken?: string;
  readonly error?: Error;
  /** Tokens held in memory that the store now has. */
  readonly settled?: Unstored;
}

/** Remembered refresh tokens this process exchanged; beyond this many users the oldest are forgotten. */
const REMEMBERED_REFRESHES = 10_000;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 10_000;

/**
 * Keeps each user's tokens: refreshes them once at a time (in this process, and across processes
 * through the store's refresh lock), never loses a pair Miro issued (held in memory and retried
 * until the store takes it), never sends a refresh token it already exchanged, and deletes a
 * grant only when Miro says `invalid_grant`, committed before the error is raised.
 */
export class TokenKeeper {
  readonly #config: TokenKeeperConfig;
  readonly #lease: RefreshLockOptions | undefined;
  readonly #inflight = new Map<string, Promise<string>>();
  readonly #unstored = new Map<string, Unstored>();
  /** User id and refresh token this process exchanged -> the tokens Miro gave for it. */
  readonly #replacements = new RecentMap<string, TokenState>(REMEMBERED_REFRESHES);
  readonly #mutex = new KeyedMutex();

  constructor(config: TokenKeeperConfig) {
    this.#config = config;
    this.#lease = config.leaseMs === undefined ? undefined : { leaseMs: config.leaseMs };
  }

  async isAuthorized(id: string): Promise<boolean> {
    if (this.#unstored.has(id)) return true;
    return Boolean((await this.#config.storage.get(id))?.accessToken);
  }

  /** A valid access token: refreshed first when it expires within the margin or Miro rejected it. */
  async accessToken(id: string, rejected: string | undefined): Promise<string> {
    const held = this.#unstored.get(id);
    const stored = held ? undefined : await this.#config.storage.get(id);
    const state = held?.state ?? this.#latest(id, stored);
    if (stored && state !== stored) await this.#repair(id);
    if (!state) throw new MiroAuthorizationRequiredError(id, 'no tokens are stored for this user');
    if (!this.#needsRefresh(state, rejected)) return state.accessToken;
    const running = this.#inflight.get(id);
    if (running) {
      const token = await running;
      // The refresh we joined may have found the very token that was rejected: force one more.
      return token === rejected ? this.#refresh(id, rejected) : token;
    }
    return this.#refresh(id, rejected);
  }

  /** Stores the tokens of a login; if the store fails they are kept, served and written later. */
  async keepLogin(id: string, state: TokenState): Promise<void> {
    const held = this.#hold(id, state, null);
    try {
      await this.#config.storage.set(id, state);
      this.#settle(id, held);
      this.#config.log('info', '@miro/auth: stored new tokens after authorization', { userId: id });
    } catch (error) {
      this.#keepTrying(id, held, error);
    }
  }

  /** Revokes the stored access token at Miro (without refreshing it first) and deletes the tokens. */
  async revoke(id: string): Promise<void> {
    await this.#mutex.run(id, () =>
      this.#underLock(id, async (locked) => {
        const current = this.#unstored.get(id)?.state ?? this.#latest(id, await locked.get());
        if (current) await revokeAccessToken(this.#config.endpoint, current.accessToken);
        await locked.delete();
      }),
    );
    const held = this.#unstored.get(id);
    if (held) this.#settle(id, held);
    this.#config.log('info', '@miro/auth: revoked and deleted tokens', { userId: id });
  }

  /** The store handed back a pair this process already replaced: put the newer one back. */
  async #repair(id: string): Promise<void> {
    try {
      const { settled } = await this.#mutex.run(id, () => this.#underLock(id, (locked) => this.#reconcile(id, locked)));
      if (settled) this.#settle(id, settled);
    } catch {
      // The newer tokens are served anyway; the next refresh under the lock repairs the store.
    }
  }

  /** Tries now to store every user's tokens kept in memory; resolves with how many are still only there. */
  async flush(): Promise<number> {
    await Promise.all([...this.#unstored].map(([id, held]) => this.#retryStore(id, held)));
    return this.#unstored.size;
  }

  #refresh(id: string, rejected: string | undefined): Promise<string> {
    const running = this.#inflight.get(id);
    if (running) return running;
    const run = this.#mutex.run(id, () => this.#refreshOnce(id, rejected)).finally(() => this.#inflight.delete(id));
    this.#inflight.set(id, run);
    return run;
  }

  async #refreshOnce(id: string, rejected: string | undefined): Promise<string> {
    let issued: Unstored | undefined;
    let outcome: LockedOutcome;
    try {
      outcome = await this.#underLock(id, async (locked) => {
        const { current, settled } = await this.#reconcile(id, locked);
        const result = await this.#refreshLocked(id, locked, current, rejected, (held) => (issued = held));
        const done = result.settled ?? settled;
        return done ? { ...result, settled: done } : result;
      });
    } catch (error) {
      // The store failed while we hold tokens it does not have (Miro just issued them, or an earlier
      // write failed): serve them from memory and keep trying to store them.
      const held = this.#unstored.get(id);
      if (!held || this.#needsRefresh(held.state, rejected)) throw error;
      if (held === issued) this.#keepTrying(id, held, error);
      else this.#scheduleRetry(id, held);
      return held.state.accessToken;
    }
    if (outcome.settled) this.#settle(id, outcome.settled);
    // Logged once the store has them (for PostgreSQL: committed).
    if (issued && outcome.settled === issued) {
      this.#config.log('info', '@miro/auth: refreshed the access token', { userId: id });
    }
    if (outcome.error) throw outcome.error;
    return outcome.accessToken as string;
  }

  async #refreshLocked(
    id: string,
    locked: LockedTokenState,
    current: TokenState | undefined,
    rejected: string | undefined,
    onIssued: (held: Unstored) => void,
  ): Promise<LockedOutcome> {
    if (!current) return { error: new MiroAuthorizationRequiredError(id, 'no tokens are stored for this user') };
    if (!this.#needsRefresh(current, rejected)) {
      this.#config.log('debug', '@miro/auth: tokens were refreshed by another holder of the lock', { userId: id });
      return { accessToken: current.accessToken };
    }
    const spent = current.refreshToken;
    if (!spent) {
      await locked.delete();
      const why = rejected === undefined ? 'the access token expired' : 'Miro rejected the access token';
      return { error: new MiroAuthorizationRequiredError(id, `${why} and there is no refresh token`) };
    }
    let answer: TokenState;
    try {
      answer = await requestToken(
        this.#config.endpoint,
        { grant_type: 'refresh_token', refresh_token: spent },
        this.#config.clock.now(),
      );
    } catch (error) {
      if (!isInvalidGrant(error)) {
        this.#config.log('warn', '@miro/auth: the token request failed; the stored tokens are kept', {
          userId: id,
          error: (error as Error).message,
        });
        return { error: error as Error };
      }
      // A store without a lock may have been refreshed by another process meanwhile: keep its tokens.
      if (!this.#config.storage.withRefreshLock) {
        const again = await locked.get();
        if (again && again.refreshToken !== spent && !this.#needsRefresh(again, rejected)) {
          return { accessToken: again.accessToken };
        }
      }
      await locked.delete();
      this.#config.log(
        'warn',
        '@miro/auth: Miro refused the refresh token (invalid_grant); deleted the stored tokens',
        {
          userId: id,
        },
      );
      const reason = 'Miro refused the refresh token (invalid_grant); the stored tokens were deleted';
      return { error: new MiroAuthorizationRequiredError(id, reason, { cause: error }) };
    }
    const next: TokenState = {
      ...answer,
      ...{ refreshToken: answer.refreshToken ?? spent },
      ...optionalField('teamId', answer.teamId ?? current.teamId),
      ...optionalField('miroUserId', answer.miroUserId ?? current.miroUserId),
      ...optionalField('scope', answer.scope ?? current.scope),
    };
    // The spent refresh token is never sent again: whatever store hands it back gets `next` instead.
    this.#replacements.set(replacementKey(id, spent), next);
    const held = this.#hold(id, next, spent);
    onIssued(held);
    await locked.set(next);
    return { accessToken: next.accessToken, settled: held };
  }

  /**
   * Brings the store up to date with what this process knows, under the lock: tokens held in
   * memory are written unless the store moved on to others, and a pair this process already
   * replaced is replaced again. Returns the user's current tokens.
   */
  async #reconcile(id: string, locked: LockedTokenState): Promise<{ current?: TokenState; settled?: Unstored }> {
    const stored = await locked.get();
    const latest = this.#latest(id, stored);
    const held = this.#unstored.get(id);
    if (held) {
      if (stored && sameTokens(stored, held.state)) return { current: stored, settled: held };
      if (held.replaces === null || (latest && sameTokens(latest, held.state))) {
        await locked.set(held.state);
        return { current: held.state, settled: held };
      }
      this.#settle(id, held);
      this.#config.log('warn', '@miro/auth: dropped the tokens kept in memory: the store holds other tokens now', {
        userId: id,
      });
    }
    if (stored && latest && latest !== stored) {
      await locked.set(latest);
      this.#config.log(
        'warn',
        '@miro/auth: the store returned tokens this process had already refreshed; stored the newer ones again',
        { userId: id },
      );
    }
    return latest ? { current: latest } : {};
  }

  /** The newest tokens this process knows for a stored state, following the refreshes it made. */
  #latest(id: string, state: TokenState | undefined): TokenState | undefined {
    let current = state;
    for (let hops = 0; hops < 100 && current?.refreshToken; hops++) {
      const next = this.#replacements.get(replacementKey(id, current.refreshToken));
      if (!next) break;
      current = next;
    }
    return current;
  }

  #hold(id: string, state: TokenState, replaces: string | null): Unstored {
    const previous = this.#unstored.get(id);
    if (previous) clearTimeout(previous.timer);
    const held: Unstored = { state, replaces, attempts: 0, timer: undefined };
    this.#unstored.set(id, held);
    return held;
  }

  #settle(id: string, held: Unstored): void {
    clearTimeout(held.timer);
    held.timer = undefined;
    if (this.#unstored.get(id) === held) this.#unstored.delete(id);
  }

  #keepTrying(id: string, held: Unstored, error: unknown): void {
    this.#config.log('error', '@miro/auth: could not store the new tokens; keeping them in memory and retrying', {
      userId: id,
      error: error instanceof Error ? error.message : String(error),
    });
    this.#scheduleRetry(id, held);
  }

  /** Retries the write in the background with a growing delay, until it lands or is superseded. */
  #scheduleRetry(id: string, held: Unstored): void {
    if (held.timer !== undefined || this.#unstored.get(id) !== held) return;
    const delay = Math.min(FIRST_RETRY_MS * 2 ** held.attempts, MAX_RETRY_MS);
    held.timer = setTimeout(() => {
      held.timer = undefined;
      void this.#retryStore(id, held);
    }, delay);
    // Waiting to store tokens does not keep a finished process alive (see the README on what is lost then).
    held.timer.unref?.();
  }

  async #retryStore(id: string, held: Unstored): Promise<void> {
    if (this.#unstored.get(id) !== held) return;
    clearTimeout(held.timer);
    held.timer = undefined;
    try {
      const { settled } = await this.#mutex.run(id, () => this.#underLock(id, (locked) => this.#reconcile(id, locked)));
      if (settled) {
        this.#settle(id, settled);
        this.#config.log('info', '@miro/auth: stored the tokens kept in memory', { userId: id });
      }
    } catch (error) {
      held.attempts++;
      this.#config.log('debug', '@miro/auth: storing the tokens kept in memory failed again; retrying', {
        userId: id,
        attempts: held.attempts,
        error: error instanceof Error ? error.message : String(error),
      });
      this.#scheduleRetry(id, held);
    }
  }

  #underLock<T>(id: string, fn: (locked: LockedTokenState) => Promise<T>): Promise<T> {
    const { storage } = this.#config;
    return storage.withRefreshLock ? storage.withRefreshLock(id, fn, this.#lease) : fn(unlockedHandle(storage, id));
  }

  #needsRefresh(state: TokenState, rejected: string | undefined): boolean {
    if (rejected !== undefined && state.accessToken === rejected) return true;
    return state.expiresAt !== undefined && this.#config.clock.now() >= state.expiresAt - this.#config.refreshMarginMs;
  }
}

function replacementKey(id: string, refreshToken: string): string {
  return `${id}\n${refreshToken}`;
}

function sameTokens(a: TokenState, b: TokenState): boolean {
  return a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;
}
