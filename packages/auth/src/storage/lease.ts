import { DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS } from '../defaults.js';
import { MiroConfigError, MiroLockTimeoutError } from '../errors.js';

export { DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS };

export interface LeaseOptions {
  /**
   * How long a held lock lives without renewal when `Miro` does not say (it passes its token
   * request timeout plus 2 s); a crashed holder blocks others at most this long. Default 17 s.
   */
  lockTtlMs?: number;
  /** How long to wait for a lock held by someone else before giving up. Default 60 s. */
  lockWaitMs?: number;
}

/** Checks a lease or wait length given as an option; `what` names it in the error. */
export function positiveMs(store: string, what: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback;
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new MiroConfigError(
      `${store} token storage: ${what} must be a positive number of milliseconds, got ${String(ms)}`,
    );
  }
  return ms;
}

/**
 * Polls `tryAcquire` (returns a fence token, or 0 while another holder has the lock) with a
 * jittered backoff until it succeeds or `waitMs` has passed.
 */
export async function acquireWithin(
  store: string,
  userId: string,
  waitMs: number,
  tryAcquire: () => Promise<number>,
): Promise<number> {
  const deadline = Date.now() + waitMs;
  let delay = 10;
  for (;;) {
    const fence = await tryAcquire();
    if (fence > 0) return fence;
    if (Date.now() >= deadline) throw new MiroLockTimeoutError(store, userId, waitMs);
    await new Promise((resolve) => setTimeout(resolve, delay / 2 + Math.random() * delay));
    delay = Math.min(delay * 2, 200);
  }
}

/**
 * Keeps a lease alive while its holder works: renews every third of the TTL, so a live holder
 * keeps the lock even through a slow token request, and a crashed one loses it after one TTL.
 */
export function keepAlive(ttlMs: number, renew: () => Promise<unknown>): () => void {
  const timer = setInterval(
    () => {
      renew().catch(() => undefined); // a failed renewal shows up later as a fenced write refused
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  timer.unref?.();
  return () => clearInterval(timer);
}
