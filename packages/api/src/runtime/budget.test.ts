import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CreditBudget, RateLimitState } from './credit-budget.js';
import { ops } from './test-support/operations.js';
import { API, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';

const server = useMockServer();
const LIMIT = 100_000;
const WINDOW_MS = 60_000;

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A Miro-like server that enforces 100,000 credits per 60 s on POSTs to `path` and answers 429
 * beyond it; `creditsOf` prices a request (a fixed level, or per item of the body).
 */
function budgetEnforcingServer(path: string, creditsOf: (body: unknown) => number) {
  const state = {
    windowStart: -Infinity,
    spent: 0,
    throttled: 0,
    spendPerWindow: [] as number[],
    requestTimes: [] as number[],
  };
  server.use(
    http.post(`${API}${path}`, async ({ request }) => {
      const credits = creditsOf(await request.json());
      const now = Date.now();
      if (now >= state.windowStart + WINDOW_MS) {
        state.windowStart = now;
        state.spent = 0;
        state.spendPerWindow.push(0);
      }
      const headers = (remaining: number) => ({
        'X-RateLimit-Limit': String(LIMIT),
        'X-RateLimit-Remaining': String(remaining),
        'X-RateLimit-Reset': String(Math.ceil((state.windowStart + WINDOW_MS) / 1000)),
      });
      if (state.spent + credits > LIMIT) {
        state.throttled++;
        return HttpResponse.json({ status: 429, code: 'tooManyRequests' }, { status: 429, headers: headers(0) });
      }
      state.spent += credits;
      state.spendPerWindow[state.spendPerWindow.length - 1] = state.spent;
      state.requestTimes.push(now);
      return HttpResponse.json({ id: 's' }, { status: 201, headers: headers(LIMIT - state.spent) });
    }),
  );
  return state;
}

/** Advances fake time while yielding real event-loop turns (WebCrypto hashing runs off-thread). */
async function runUntilSettled(promise: Promise<unknown>, maxSteps = 10_000): Promise<void> {
  let done = false;
  void promise.finally(() => (done = true)).catch(() => {});
  for (let i = 0; i < maxSteps && !done; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(250);
  }
  if (!done) throw new Error('calls did not finish');
}

describe('credit budget', () => {
  it('runs 2,000 level-2 calls (two minutes of budget) at the limit without a single 429', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2025, 0, 1) });
    const mock = budgetEnforcingServer('/v2/boards/:id/sticky_notes', () => ops.createSticky.credits);
    const api = new TestApi({ accessToken: 'user-token', maxRetries: 0 });
    const started = Date.now();
    const calls = Promise.all(
      Array.from({ length: 2000 }, (_, i) => api.call(ops.createSticky, ['b1'], { data: { i } })),
    );
    await runUntilSettled(calls);
    await expect(calls).resolves.toHaveLength(2000);
    expect(mock.throttled).toBe(0);
    expect(mock.spendPerWindow).toEqual([LIMIT, LIMIT]);
    expect(Math.max(...mock.requestTimes) - started).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_MS);
  });

  it('runs 100 bulk creates of 20 items (Miro charges per item: two minutes of budget) without a 429', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.UTC(2025, 0, 1) });
    const mock = budgetEnforcingServer(
      '/v2/boards/:id/items/bulk',
      (body) => ops.createItemsInBulk.credits * (body as unknown[]).length,
    );
    const api = new TestApi({ accessToken: 'user-token', maxRetries: 0 });
    const twentyItems = Array.from({ length: 20 }, (_, i) => ({ type: 'sticky_note', data: { content: String(i) } }));
    const started = Date.now();
    const calls = Promise.all(Array.from({ length: 100 }, () => api.call(ops.createItemsInBulk, ['b1'], twentyItems)));
    await runUntilSettled(calls);
    await expect(calls).resolves.toHaveLength(100);
    expect(mock.throttled).toBe(0);
    expect(mock.spendPerWindow).toEqual([LIMIT, LIMIT]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_MS);
  });

  it('hands each call to a supplied CreditBudget under a token hash, and feeds it the rate-limit headers', async () => {
    server.use(
      http.get(`${API}/v2/boards/:id`, () =>
        HttpResponse.json(
          { id: 'b1' },
          {
            headers: {
              'X-RateLimit-Limit': '100000',
              'X-RateLimit-Remaining': '99950',
              'X-RateLimit-Reset': '1735689660',
            },
          },
        ),
      ),
    );
    const acquired: [string, number][] = [];
    const updates: [string, RateLimitState][] = [];
    const budget: CreditBudget = {
      acquire: async (key, credits) => void acquired.push([key, credits]),
      update: (key, state) => void updates.push([key, state]),
    };
    const api = new TestApi({ accessToken: 'the-user-token', budget });
    await api.call(ops.getBoard, ['b1']);
    expect(acquired).toHaveLength(1);
    const [key, credits] = acquired[0]!;
    expect(credits).toBe(50);
    expect(key).toMatch(/^token:[0-9a-f]{32}$/);
    expect(key).not.toContain('the-user-token');
    expect(updates).toEqual([[key, { limit: 100000, remaining: 99950, resetAt: 1735689660_000 }]]);
  });

  it('skips the budget with budget: false on the client or on the call', async () => {
    server.use(http.get(`${API}/v2/boards/:id`, () => HttpResponse.json({ id: 'b1' })));
    const acquire = vi.fn(async () => {});
    const api = new TestApi({ accessToken: 't', budget: { acquire, update: () => {} }, budgetKey: 'user-42' });
    await api.call(ops.getBoard, ['b1'], undefined, undefined, { budget: false });
    expect(acquire).not.toHaveBeenCalled();
    await api.call(ops.getBoard, ['b1']);
    expect(acquire).toHaveBeenCalledWith('user-42', 50, undefined);
    const off = new TestApi({ accessToken: 't', budget: false });
    await expect(off.call(ops.getBoard, ['b1'])).resolves.toEqual({ id: 'b1' });
  });
});
