import type { FetchLike } from '@miro/api';

/**
 * A `fetch` that notes when each request went out and which `X-RateLimit-Reset` answered it
 * (every answer of one server window names the same reset), to see how promptly the client
 * starts each budget window. Costs two clock reads and a header lookup per request.
 */
export function windowTrace(): { fetch: FetchLike; startLags(windowMs: number): number[] } {
  const firstSend = new Map<string, number>();
  return {
    fetch: async (url, init) => {
      const sentAt = performance.now();
      const response = await fetch(url, init);
      const reset = response.headers.get('x-ratelimit-reset');
      if (reset !== null && (firstSend.get(reset) ?? Number.POSITIVE_INFINITY) > sentAt) firstSend.set(reset, sentAt);
      return response;
    },
    /**
     * For each window after the first: its first request's send time minus the previous window's
     * end (that window's first request plus `windowMs`, real ms). The mock opens a window when the
     * first request arrives, so a request sent the instant a window ends lags by about 0.
     */
    startLags(windowMs) {
      const starts = [...firstSend.values()].sort((a, b) => a - b);
      return starts.slice(1).map((start, i) => start - ((starts[i] as number) + windowMs));
    },
  };
}
