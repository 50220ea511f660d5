import { afterEach, describe, expect, it, vi } from 'vitest';
import { MiroAbortError, MiroTimeoutError } from './errors.js';
import { ops } from './test-support/operations.js';
import { TestApi } from './test-support/test-api.js';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A fetch that answers the calls `answers` says to answer, and leaves the others until their signal aborts. */
function recordingFetch(answers: (n: number) => boolean = () => false) {
  const signals: (AbortSignal | undefined)[] = [];
  const fetch = (_url: string, init: RequestInit): Promise<Response> => {
    const signal = init.signal ?? undefined;
    signals.push(signal);
    if (answers(signals.length - 1)) return Promise.resolve(Response.json({ id: 'b1' }));
    return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
  };
  return { fetch, signals };
}

function outcome(promise: Promise<unknown>): { settled: unknown } {
  const seen: { settled: unknown } = { settled: undefined };
  void promise.then(
    (value) => (seen.settled = value),
    (error: unknown) => (seen.settled = error),
  );
  return seen;
}

describe('the timeout of attempts started in the same millisecond', () => {
  it('is one controller and one timer for all of them, and times each of them out at timeoutMs', async () => {
    vi.useFakeTimers();
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const { fetch, signals } = recordingFetch();
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 5000, maxRetries: 0, budget: false, fetch });
    const calls = [1, 2, 3].map(() => outcome(api.call(ops.getBoard, ['b1'])));
    await vi.advanceTimersByTimeAsync(0);
    expect(signals).toHaveLength(3);
    expect(new Set(signals).size).toBe(1);
    expect(timers.mock.calls.filter(([, ms]) => ms === 5000)).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(4999);
    expect(calls.map((c) => c.settled)).toEqual([undefined, undefined, undefined]);
    await vi.advanceTimersByTimeAsync(1);
    for (const call of calls) expect(call.settled).toBeInstanceOf(MiroTimeoutError);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('leaves an attempt that finished alone, and gives a later millisecond a timeout of its own', async () => {
    vi.useFakeTimers();
    const { fetch, signals } = recordingFetch((n) => n === 0);
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 5000, maxRetries: 0, budget: false, fetch });
    const answered = outcome(api.call(ops.getBoard, ['b1']));
    const early = outcome(api.call(ops.getBoard, ['b1']));
    await vi.advanceTimersByTimeAsync(1);
    const late = outcome(api.call(ops.getBoard, ['b1']));
    await vi.advanceTimersByTimeAsync(0);
    expect(signals[1]).toBe(signals[0]);
    expect(signals[2]).not.toBe(signals[0]);

    await vi.advanceTimersByTimeAsync(4999);
    expect(answered.settled).toEqual({ id: 'b1' });
    expect(early.settled).toBeInstanceOf(MiroTimeoutError);
    expect(late.settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(late.settled).toBeInstanceOf(MiroTimeoutError);
  });

  it("keeps a call with the caller's signal apart: its abort stops that call only", async () => {
    vi.useFakeTimers();
    const { fetch, signals } = recordingFetch();
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 5000, maxRetries: 0, budget: false, fetch });
    const controller = new AbortController();
    const own = outcome(api.call(ops.getBoard, ['b1'], undefined, undefined, { signal: controller.signal }));
    const other = outcome(api.call(ops.getBoard, ['b1']));
    await vi.advanceTimersByTimeAsync(0);
    expect(signals[0]).not.toBe(signals[1]);
    controller.abort(new Error('stop'));
    await vi.advanceTimersByTimeAsync(0);
    expect(own.settled).toBeInstanceOf(MiroAbortError);
    expect(other.settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(5000);
    expect(other.settled).toBeInstanceOf(MiroTimeoutError);
  });

  it('leaves no timer holding the process open once the calls have ended', async () => {
    const timers = vi.spyOn(globalThis, 'setTimeout');
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    const { fetch } = recordingFetch(() => true);
    const api = new TestApi({ accessToken: 'tok', timeoutMs: 7000, budget: false, fetch });
    await Promise.all([api.call(ops.getBoard, ['b1']), api.call(ops.getBoard, ['b1'])]);
    const timeouts = timers.mock.results
      .filter((_result, i) => timers.mock.calls[i]?.[1] === 7000)
      .map((result) => result.value as NodeJS.Timeout);
    expect(timeouts.length).toBeGreaterThan(0);
    // Each is cleared, or left armed for the next calls of the millisecond without holding the process.
    const wasCleared = (timer: NodeJS.Timeout) => cleared.mock.calls.some(([t]) => t === timer);
    for (const timer of timeouts) expect(wasCleared(timer) || !timer.hasRef()).toBe(true);
  });
});
