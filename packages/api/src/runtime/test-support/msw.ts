import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Clock } from '../clock.js';

export const API = 'https://api.miro.com';

/** An msw server for one test file; unhandled requests fail the test. */
export function useMockServer(): ReturnType<typeof setupServer> {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** A clock whose sleeps return at once and advance `now`, recording each wait. */
export function steppingClock(start = Date.UTC(2025, 0, 1)): Clock & { readonly sleeps: number[]; time: number } {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    async sleep(ms: number, signal?: AbortSignal) {
      signal?.throwIfAborted();
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}
