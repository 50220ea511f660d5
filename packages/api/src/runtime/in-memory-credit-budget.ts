import { systemClock, type Clock } from './clock.js';
import { serverWindowEnd, type CreditBudget, type RateLimitState } from './credit-budget.js';

export interface InMemoryCreditBudgetOptions {
  /**
   * Credits per window (default 100,000, Miro's documented budget). When set explicitly it is a
   * cap: a larger `X-RateLimit-Limit` from the server is not used, a smaller one is.
   */
  readonly limit?: number;
  /** Window length in ms (default 60,000). */
  readonly windowMs?: number;
  readonly clock?: Clock;
}

export const DEFAULT_CREDIT_LIMIT = 100_000;
export const DEFAULT_WINDOW_MS = 60_000;

interface Window {
  endsAt: number;
  /** Credits reserved locally or reported spent by the server, whichever is larger. */
  spent: number;
  limit: number;
  /** The server's `X-RateLimit-Reset` that `endsAt` was derived from, once a response said it. */
  serverReset?: number;
  /**
   * The reset the window before this one was derived from: a late answer naming it counts credits
   * of that window, which may close before its rounded-up reset, and says nothing of this one.
   */
  closedReset?: number;
}

/**
 * A fixed-window credit budget for one process. `acquire` reserves credits in the current window
 * or waits for the next one; `update` folds in the server's view so that credits spent elsewhere
 * (another process, another app instance) slow this one down too.
 */
export class InMemoryCreditBudget implements CreditBudget {
  readonly limit: number;
  readonly windowMs: number;
  readonly #explicitLimit: boolean;
  readonly #clock: Clock;
  readonly #windows = new Map<string, Window>();

  constructor(options: InMemoryCreditBudgetOptions = {}) {
    this.limit = positive(options.limit ?? DEFAULT_CREDIT_LIMIT, 'limit');
    this.windowMs = positive(options.windowMs ?? DEFAULT_WINDOW_MS, 'windowMs');
    this.#explicitLimit = options.limit !== undefined;
    this.#clock = options.clock ?? systemClock;
  }

  async acquire(key: string, credits: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(credits) || credits < 0) {
      throw new RangeError(`InMemoryCreditBudget.acquire: credits must be a non-negative number, got ${credits}`);
    }
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#clock.now();
      const window = this.#current(key, now);
      // A call dearer than a whole window still goes, alone, in a fresh window.
      if (window.spent + credits <= window.limit || window.spent === 0) {
        window.spent += credits;
        return;
      }
      await this.#clock.sleep(window.endsAt - now, signal);
    }
  }

  update(key: string, state: RateLimitState): void {
    const now = this.#clock.now();
    let window = this.#current(key, now);
    if (state.resetAt !== undefined && window.closedReset !== undefined && state.resetAt <= window.closedReset) return;
    if (state.resetAt !== undefined && state.resetAt > now) {
      // A reset later than ours means the server already counts a newer window.
      if (state.resetAt > window.endsAt + this.windowMs / 2) {
        window = { endsAt: state.resetAt, spent: 0, limit: window.limit, ...closed(window) };
        this.#windows.set(key, window);
      }
      // Every response of one server window names the same reset; the earliest received bounds it best.
      const endsAt = serverWindowEnd(state.resetAt, now, this.windowMs);
      window.endsAt = window.serverReset === state.resetAt ? Math.min(window.endsAt, endsAt) : endsAt;
      window.serverReset = state.resetAt;
    }
    const serverLimit = state.limit !== undefined && state.limit > 0 ? state.limit : undefined;
    if (serverLimit !== undefined) {
      window.limit = this.#explicitLimit ? Math.min(this.limit, serverLimit) : serverLimit;
    }
    if (state.remaining !== undefined) {
      const spentOnServer = (serverLimit ?? window.limit) - state.remaining;
      window.spent = Math.max(window.spent, spentOnServer);
    }
  }

  /** Credits still available under `key` in the current window. */
  available(key: string): number {
    const window = this.#current(key, this.#clock.now());
    return Math.max(0, window.limit - window.spent);
  }

  #current(key: string, now: number): Window {
    const existing = this.#windows.get(key);
    if (existing && now < existing.endsAt) return existing;
    if (!existing) this.#prune(now);
    const window: Window = {
      endsAt: now + this.windowMs,
      spent: 0,
      limit: existing?.limit ?? this.limit,
      ...(existing && closed(existing)),
    };
    this.#windows.set(key, window);
    return window;
  }

  /** Drops windows of keys (tokens) that have been idle for a while, so the map stays small. */
  #prune(now: number): void {
    for (const [key, window] of this.#windows) {
      if (window.endsAt + this.windowMs < now) this.#windows.delete(key);
    }
  }
}

/** What a window that follows `previous` remembers of it. */
function closed(previous: Window): Pick<Window, 'closedReset'> {
  const reset = previous.serverReset ?? previous.closedReset;
  return reset === undefined ? {} : { closedReset: reset };
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`InMemoryCreditBudget: ${name} must be a positive number, got ${value}`);
  }
  return value;
}
