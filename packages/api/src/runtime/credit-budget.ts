/**
 * Miro's rate limit is a budget of credits per user and app per window (100,000 per minute). A
 * `CreditBudget` decides when a call may go, so bulk work runs at the limit instead of into 429s.
 * The in-memory implementation serves one process; a shared one (the Redis adapter of
 * `@miro/auth`) lets several processes spend one budget.
 */
export interface CreditBudget {
  /**
   * Reserve `credits` for one call under `key` (one key per user and app: the access token's hash
   * by default). Resolves when the call may be sent; waits while the window's credits are spent.
   * Rejects with the signal's reason when `signal` aborts while waiting.
   */
  acquire(key: string, credits: number, signal?: AbortSignal): Promise<void>;
  /**
   * Re-sync from the server's word after a response: `remaining` credits in the window
   * (`X-RateLimit-Remaining`), the window's size (`X-RateLimit-Limit`), and when it resets
   * (`X-RateLimit-Reset`, as epoch milliseconds). Fields the response did not carry are absent.
   */
  update(key: string, state: RateLimitState): Promise<void> | void;
}

export interface RateLimitState {
  readonly limit?: number;
  readonly remaining?: number;
  /** Epoch milliseconds at which the window resets. */
  readonly resetAt?: number;
}

/**
 * `X-RateLimit-Reset` comes in whole seconds (Miro documents epoch seconds), so the instant it
 * names may be up to this much later than the server's real reset.
 */
export const RESET_RESOLUTION_MS = 1000;

/**
 * When the server's window ends, as precisely as a response tells it: the `resetAt` the server
 * sent, pulled earlier to `receivedAt + windowMs` when that falls within the header's last second.
 * The pull is safe: the server counted the request in this window before it answered, so its
 * window began before `receivedAt` and ends by `receivedAt + windowMs`, whatever the clocks say
 * (a causal bound, in the receiver's own time). A reset further away than a whole window means the
 * server's window is longer than `windowMs`, and the header is taken as it is.
 */
export function serverWindowEnd(resetAt: number, receivedAt: number, windowMs: number): number {
  const bound = receivedAt + windowMs;
  return bound < resetAt && bound > resetAt - RESET_RESOLUTION_MS ? bound : resetAt;
}
