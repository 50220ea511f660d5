import type { Clock } from '@miro/api';

/**
 * A clock that runs `scale` times faster than real time from `epoch` on: the bench runs Miro's
 * 60-second budget window in a fraction of that, and the mock and our client share the timeline
 * (both read it from `Date.now()`). Everything scales alike, the 1-second resolution of
 * `X-RateLimit-Reset` and `Retry-After` included.
 */
export function scaledNow(epoch: number, scale: number): () => number {
  return scale === 1 ? Date.now : () => epoch + (Date.now() - epoch) * scale;
}

export function scaledClock(epoch: number, scale: number): Clock {
  return {
    now: scaledNow(epoch, scale),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          Math.max(0, ms / scale),
        );
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
