import { delay, http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MiroAbortError, MiroTimeoutError } from './errors.js';
import { ops } from './test-support/operations.js';
import { API, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';

const server = useMockServer();

afterEach(() => {
  vi.useRealTimers();
});

/** Advances fake time in small steps until `promise` settles; returns its outcome. */
async function settle(promise: Promise<unknown>, stepMs = 100, maxSteps = 1000): Promise<unknown> {
  let done = false;
  let outcome: unknown;
  void promise.then(
    (value) => ((done = true), (outcome = value)),
    (error: unknown) => ((done = true), (outcome = error)),
  );
  for (let i = 0; i < maxSteps && !done; i++) await vi.advanceTimersByTimeAsync(stepMs);
  if (!done) throw new Error('promise did not settle');
  return outcome;
}

/** A server that answers only after 10 minutes. */
function slowServer() {
  const seen = { count: 0 };
  server.use(
    http.get(`${API}/v2/boards/:id`, async () => {
      seen.count++;
      await delay(600_000);
      return HttpResponse.json({ id: 'late' });
    }),
  );
  return seen;
}

describe('timeouts', () => {
  it('fails with MiroTimeoutError after the client timeoutMs', async () => {
    vi.useFakeTimers();
    slowServer();
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 5000, maxRetries: 0, budget: false });
    let settled = false;
    const call = api.call(ops.getBoard, ['b1']).catch((error: unknown) => {
      settled = true;
      return error;
    });
    await vi.advanceTimersByTimeAsync(4999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await call;
    expect(error).toBeInstanceOf(MiroTimeoutError);
    expect((error as MiroTimeoutError).message).toContain('5000 ms');
  });

  it('lets a per-call timeoutMs override the client default and retries a timed-out GET', async () => {
    vi.useFakeTimers();
    const seen = slowServer();
    const api = new TestApi({ accessToken: 'tok', maxRetries: 1, random: () => 0, budget: false });
    const started = Date.now();
    const error = await settle(api.call(ops.getBoard, ['b1'], undefined, undefined, { timeoutMs: 1000 }));
    expect(error).toBeInstanceOf(MiroTimeoutError);
    expect(seen.count).toBe(2);
    // Two attempts of 1 s each, far below the 30 s default.
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('the timeout message', () => {
  it('says how many attempts were made and how long the call took in all', async () => {
    vi.useFakeTimers();
    const seen = slowServer();
    // Backoff with random() = 0.5 and base 500 ms: 250 ms, then 500 ms.
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 500, maxRetries: 2, random: () => 0.5, budget: false });
    const error = await settle(api.call(ops.getBoard, ['b1']), 10);
    expect(error).toBeInstanceOf(MiroTimeoutError);
    expect(seen.count).toBe(3);
    const message = (error as MiroTimeoutError).message;
    expect(message).toMatch(/^getBoard: no response within 500 ms; gave up after 3 attempts in (\d+) ms$/);
    const totalMs = Number(/in (\d+) ms$/.exec(message)?.[1]);
    expect(totalMs).toBeGreaterThanOrEqual(3 * 500 + 250 + 500);
    expect(totalMs).toBeLessThan(3 * 500 + 250 + 500 + 100);
  });

  it('says one attempt when there was no retry', async () => {
    vi.useFakeTimers();
    slowServer();
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 500, maxRetries: 0, budget: false });
    const error = await settle(api.call(ops.getBoard, ['b1']), 10);
    expect((error as MiroTimeoutError).message).toMatch(
      /^getBoard: no response within 500 ms; gave up after 1 attempt in \d+ ms$/,
    );
  });
});

/** A fetch that never answers on its own: it settles only when its signal aborts. */
function hangingFetch() {
  const signals: (AbortSignal | undefined)[] = [];
  const fetch = (_url: string, init: RequestInit): Promise<Response> => {
    const signal = init.signal ?? undefined;
    signals.push(signal);
    return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
  };
  return { fetch, signals };
}

describe('the request signal', () => {
  it('aborts the request that timed out, not only the wait for it', async () => {
    vi.useFakeTimers();
    const { fetch, signals } = hangingFetch();
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 5000, maxRetries: 0, budget: false, fetch });
    const error = await settle(api.call(ops.getBoard, ['b1']));
    expect(error).toBeInstanceOf(MiroTimeoutError);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('passes the abort of the caller signal on to a request with a timeout', async () => {
    const { fetch, signals } = hangingFetch();
    const controller = new AbortController();
    const api = new TestApi({ accessToken: 'tok', budget: false, fetch });
    const call = api
      .call(ops.getBoard, ['b1'], undefined, undefined, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    controller.abort(new Error('stop'));
    expect(await call).toBeInstanceOf(MiroAbortError);
    expect(signals[0]).not.toBe(controller.signal);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('without a timeout, hands fetch the caller signal as it is, or none', async () => {
    const { fetch, signals } = hangingFetch();
    const controller = new AbortController();
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 0, budget: false, fetch });
    const call = api
      .call(ops.getBoard, ['b1'], undefined, undefined, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    expect(signals[0]).toBe(controller.signal);
    controller.abort(new Error('stop'));
    expect(await call).toBeInstanceOf(MiroAbortError);

    const answered = new TestApi({
      accessToken: 'tok',
      timeoutMs: 0,
      budget: false,
      fetch: async (_url, init) => (signals.push(init.signal ?? undefined), Response.json({})),
    });
    await answered.call(ops.getBoard, ['b1']);
    expect(signals[1]).toBeUndefined();
  });
});

describe('abort', () => {
  it('rejects with MiroAbortError when the signal aborts mid-request, without retrying', async () => {
    const seen = slowServer();
    const controller = new AbortController();
    const api = new TestApi({ accessToken: 'tok', maxRetries: 3, budget: false });
    const call = api
      .call(ops.getBoard, ['b1'], undefined, undefined, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.waitFor(() => expect(seen.count).toBe(1));
    controller.abort(new Error('user gave up'));
    const error = await call;
    expect(error).toBeInstanceOf(MiroAbortError);
    expect((error as MiroAbortError).cause).toEqual(new Error('user gave up'));
    expect(seen.count).toBe(1);
  });

  it('does not send at all when the signal is already aborted', async () => {
    const seen = slowServer();
    const api = new TestApi({ accessToken: 'tok', budget: false });
    await expect(
      api.call(ops.getBoard, ['b1'], undefined, undefined, { signal: AbortSignal.abort() }),
    ).rejects.toBeInstanceOf(MiroAbortError);
    expect(seen.count).toBe(0);
  });

  it('aborts a wait between retries', async () => {
    server.use(
      http.get(`${API}/v2/boards/:id`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '30' } })),
    );
    const controller = new AbortController();
    const api = new TestApi({
      accessToken: 'tok',
      budget: false,
      clock: {
        now: () => Date.now(),
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason));
            controller.abort();
          }),
      },
    });
    await expect(
      api.call(ops.getBoard, ['b1'], undefined, undefined, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(MiroAbortError);
  });
});
