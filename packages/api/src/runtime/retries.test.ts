import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MiroConnectionError, MiroInternalServerError, MiroRateLimitError } from './errors.js';
import { ops } from './test-support/operations.js';
import { API, steppingClock, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';

const server = useMockServer();

function client(extra: Record<string, unknown> = {}) {
  const clock = steppingClock();
  const api = new TestApi({ accessToken: 'tok', clock, random: () => 0.5, budget: false, ...extra });
  return { api, clock };
}

/** Answers with each response in turn, counting requests. */
function sequence(method: 'get' | 'post' | 'patch', url: string, responses: (() => Response)[]) {
  const seen = { count: 0 };
  server.use(
    http[method](url, () => {
      const next = responses[Math.min(seen.count, responses.length - 1)];
      seen.count++;
      return next!();
    }),
  );
  return seen;
}

const ok = () => HttpResponse.json({ id: 'b1' });

describe('retries', () => {
  it('waits Retry-After seconds after a 429 and then succeeds', async () => {
    const seen = sequence('get', `${API}/v2/boards/b1`, [
      () => HttpResponse.json({ status: 429 }, { status: 429, headers: { 'Retry-After': '7' } }),
      ok,
    ]);
    const { api, clock } = client();
    const { data, response } = await api.call(ops.getBoard, ['b1']).withResponse();
    expect(data).toEqual({ id: 'b1' });
    expect(seen.count).toBe(2);
    expect(clock.sleeps).toEqual([7000]);
    expect(response.retries).toBe(1);
  });

  it('retries a 429 on a POST too: the server refused it unprocessed', async () => {
    const seen = sequence('post', `${API}/v2/boards/b1/sticky_notes`, [
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }),
      () => HttpResponse.json({ id: 's1' }, { status: 201 }),
    ]);
    const { api } = client();
    await expect(api.call(ops.createSticky, ['b1'], { data: {} })).resolves.toEqual({ id: 's1' });
    expect(seen.count).toBe(2);
  });

  it('waits until X-RateLimit-Reset when a 429 has no Retry-After', async () => {
    const { api, clock } = client();
    const resetEpochSeconds = clock.time / 1000 + 42;
    sequence('get', `${API}/v2/boards/b1`, [
      () =>
        new HttpResponse(null, {
          status: 429,
          headers: { 'X-RateLimit-Reset': String(resetEpochSeconds), 'X-RateLimit-Remaining': '0' },
        }),
      ok,
    ]);
    await api.call(ops.getBoard, ['b1']);
    expect(clock.sleeps).toEqual([42_000]);
  });

  it('caps a wait until X-RateLimit-Reset at maxRetryDelayMs (it is read against our clock)', async () => {
    const { api, clock } = client({ maxRetryDelayMs: 5000 });
    sequence('get', `${API}/v2/boards/b1`, [
      () => new HttpResponse(null, { status: 429, headers: { 'X-RateLimit-Reset': String(clock.time / 1000 + 3600) } }),
      ok,
    ]);
    await api.call(ops.getBoard, ['b1']);
    expect(clock.sleeps).toEqual([5000]);
  });

  it('throws MiroRateLimitError once retries are used up, saying when to retry', async () => {
    const seen = sequence('get', `${API}/v2/boards/b1`, [
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }),
    ]);
    const { api, clock } = client({ maxRetries: 1 });
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroRateLimitError);
    expect((error as MiroRateLimitError).retryAt).toEqual(new Date(clock.time + 1000));
    expect(seen.count).toBe(2);
  });

  it('retries a 503 on a GET with full-jitter exponential backoff', async () => {
    const seen = sequence('get', `${API}/v2/boards/b1`, [
      () => new HttpResponse('busy', { status: 503 }),
      () => new HttpResponse('busy', { status: 503 }),
      ok,
    ]);
    const { api, clock } = client({ retryBaseDelayMs: 1000 });
    await expect(api.call(ops.getBoard, ['b1'])).resolves.toEqual({ id: 'b1' });
    expect(seen.count).toBe(3);
    // random() = 0.5 of ceilings 1000 and 2000.
    expect(clock.sleeps).toEqual([500, 1000]);
  });

  it('retries a reset connection on a GET', async () => {
    const seen = sequence('get', `${API}/v2/boards/b1`, [() => HttpResponse.error(), ok]);
    const { api } = client();
    await expect(api.call(ops.getBoard, ['b1'])).resolves.toEqual({ id: 'b1' });
    expect(seen.count).toBe(2);
  });

  it('does not resend a POST answered 500', async () => {
    const seen = sequence('post', `${API}/v2/boards/b1/sticky_notes`, [
      () => HttpResponse.json({ status: 500 }, { status: 500 }),
    ]);
    const { api } = client({ maxRetries: 5 });
    await expect(api.call(ops.createSticky, ['b1'], { data: {} })).rejects.toBeInstanceOf(MiroInternalServerError);
    expect(seen.count).toBe(1);
  });

  it('does not resend a PATCH whose connection failed', async () => {
    const seen = sequence('patch', `${API}/v2/boards/b1/sticky_notes/s1`, [() => HttpResponse.error(), ok]);
    const { api } = client({ maxRetries: 5 });
    await expect(api.call(ops.patchSticky, ['b1', 's1'], { data: {} })).rejects.toBeInstanceOf(MiroConnectionError);
    expect(seen.count).toBe(1);
  });

  it('honours maxRetries per call over the client setting', async () => {
    const seen = sequence('get', `${API}/v2/boards/b1`, [() => new HttpResponse(null, { status: 500 })]);
    const { api } = client({ maxRetries: 5 });
    await expect(api.call(ops.getBoard, ['b1'], undefined, undefined, { maxRetries: 0 })).rejects.toBeInstanceOf(
      MiroInternalServerError,
    );
    expect(seen.count).toBe(1);
  });
});

describe('Retry-After: digits or an HTTP date, and never a wait longer than maxRetryDelayMs', () => {
  const HOUR_S = 3600;

  it.each([
    ['1e9', 'its Retry-After "1e9" is neither seconds nor an HTTP date, so it was not retried'],
    ['0x10', 'its Retry-After "0x10" is neither seconds nor an HTTP date, so it was not retried'],
  ])('fails at once on a 429 whose Retry-After is %s, instead of reading it as a number', async (value, note) => {
    const seen = sequence('get', `${API}/v2/boards/b1`, [
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': value } }),
      ok,
    ]);
    const { api, clock } = client({ maxRetries: 2 });
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroRateLimitError);
    expect((error as Error).message).toBe(`getBoard failed with 429: empty response body; ${note}`);
    expect(seen.count).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    ['1000000000 seconds', String(1e9), 1e12],
    ['an HTTP date an hour away', 'http-date', HOUR_S * 1000],
  ])('fails at once with MiroRateLimitError carrying retryAt when Retry-After is %s', async (_what, value, aheadMs) => {
    const { api, clock } = client({ maxRetries: 2 });
    const retryAt = clock.time + aheadMs;
    const header = value === 'http-date' ? new Date(retryAt).toUTCString() : value;
    const seen = sequence('get', `${API}/v2/boards/b1`, [
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': header } }),
      ok,
    ]);
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroRateLimitError);
    expect((error as MiroRateLimitError).retryAt).toEqual(new Date(retryAt));
    expect((error as Error).message).toContain(
      `the server asks to retry at ${new Date(retryAt).toISOString()} (in ${aheadMs / 1000} s), later than maxRetryDelayMs (60000 ms) allows, so it was not retried`,
    );
    expect(seen.count).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('fails at once on a 503 of a GET whose Retry-After is too far away, carrying retryAt', async () => {
    const seen = sequence('get', `${API}/v2/boards/b1`, [
      () => new HttpResponse('down for maintenance', { status: 503, headers: { 'Retry-After': String(HOUR_S) } }),
      ok,
    ]);
    const { api, clock } = client();
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroInternalServerError);
    expect((error as MiroInternalServerError).retryAt).toEqual(new Date(clock.time + HOUR_S * 1000));
    expect(seen.count).toBe(1);
  });

  it('waits a Retry-After HTTP date that is within maxRetryDelayMs', async () => {
    const { api, clock } = client();
    sequence('get', `${API}/v2/boards/b1`, [
      () =>
        new HttpResponse(null, { status: 429, headers: { 'Retry-After': new Date(clock.time + 9000).toUTCString() } }),
      ok,
    ]);
    await expect(api.call(ops.getBoard, ['b1'])).resolves.toEqual({ id: 'b1' });
    expect(clock.sleeps).toEqual([9000]);
  });
});
