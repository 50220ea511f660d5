import { MiroLockTimeoutError } from '../errors.js';

export interface LeaseOptions {
  /** How long a held lock lives without renewal; a crashed holder blocks others at most this long. */
  lockTtlMs?: number;
  /** How long to wait for a lock held by someone else before giving up. */
  lockWaitMs?: number;
}

export const DEFAULT_LOCK_TTL_MS = 30_000;
export const DEFAULT_LOCK_WAIT_MS = 60_000;

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
