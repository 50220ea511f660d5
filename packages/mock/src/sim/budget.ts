import type { BudgetOptions } from './options.js';

interface Window {
  startedAt: number;
  spent: number;
}

export interface ChargeResult {
  readonly allowed: boolean;
  readonly credits: number;
  readonly headers: Record<string, string>;
}

/**
 * Fixed-window credit accounting per key (user and app, as Miro counts). A call that costs more than
 * what is left is refused whole and charges nothing.
 */
export class CreditLedger {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly budget: BudgetOptions | false,
    private readonly now: () => number,
  ) {}

  /** `credits`: what the call costs (its operation's credits, per item for a bulk call; see pricing.ts). */
  charge(key: string, credits: number): ChargeResult {
    if (this.budget === false) return { allowed: true, credits: 0, headers: {} };
    const window = this.window(key);
    const allowed = window.spent + credits <= this.budget.limit;
    if (allowed) window.spent += credits;
    return { allowed, credits: allowed ? credits : 0, headers: this.headers(window, !allowed) };
  }

  /** Credits left in the key's current window, or `undefined` with the budget off. */
  remaining(key: string): number | undefined {
    if (this.budget === false) return undefined;
    return this.budget.limit - this.window(key).spent;
  }

  private window(key: string): Window {
    if (this.budget === false) throw new Error('no budget');
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.startedAt + this.budget.windowMs) {
      window = { startedAt: now, spent: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  // Miro documents X-RateLimit-Reset as a UNIX epoch timestamp in seconds.
  private headers(window: Window, refused: boolean): Record<string, string> {
    if (this.budget === false) return {};
    const resetAt = window.startedAt + this.budget.windowMs;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.budget.limit),
      'x-ratelimit-remaining': String(this.budget.limit - window.spent),
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    };
    if (refused) headers['retry-after'] = String(Math.max(1, Math.ceil((resetAt - this.now()) / 1000)));
    return headers;
  }
}
