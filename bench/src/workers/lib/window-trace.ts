import type { FetchLike } from '@miro/api';

/** Epoch ms with sub-millisecond precision, comparable across processes on one machine. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * A `fetch` that notes when each request went out and which `X-RateLimit-Reset` answered it
 * (every answer of one server window names the same reset), to see how promptly the client
 * starts each budget window. Costs two clock reads and a header lookup per request.
 */
export function windowTrace(): { fetch: FetchLike; firstSends: Record<string, number> } {
  const firstSends: Record<string, number> = {};
  return {
    firstSends,
    fetch: async (url, init) => {
      const sentAt = epochNow();
      const response = await fetch(url, init);
      const reset = response.headers.get('x-ratelimit-reset');
      if (reset !== null && !((firstSends[reset] ?? Number.POSITIVE_INFINITY) <= sentAt)) firstSends[reset] = sentAt;
      return response;
    },
  };
}

/**
 * For each window after the first: its first request's send time minus the previous window's
 * end (that window's first request plus `windowMs`, real ms). The mock opens a window when the
 * first request arrives, so a request sent the instant a window ends lags by about 0. Several
 * processes' first sends are merged by taking the earliest per window.
 */
export function windowStartLags(firstSends: readonly Record<string, number>[], windowMs: number): number[] {
  const merged = new Map<string, number>();
  for (const sends of firstSends) {
    for (const [reset, at] of Object.entries(sends)) merged.set(reset, Math.min(at, merged.get(reset) ?? at));
  }
  const starts = [...merged.values()].sort((a, b) => a - b);
  return starts.slice(1).map((start, i) => start - ((starts[i] as number) + windowMs));
}
