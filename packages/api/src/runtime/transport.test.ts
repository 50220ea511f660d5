import { describe, expect, it, vi } from 'vitest';
import type { MiroApiError } from './errors.js';
import type { FetchLike, MiroClientOptions } from './options.js';
import { ops } from './test-support/operations.js';
import { TestApi } from './test-support/test-api.js';

/** A JSON response whose header reads are counted. */
function countingResponse(body: unknown, headers: Record<string, string>): { response: Response; reads: () => number } {
  const response = Response.json(body, { headers });
  const get = vi.spyOn(response.headers, 'get');
  const has = vi.spyOn(response.headers, 'has');
  return { response, reads: () => get.mock.calls.length + has.mock.calls.length };
}

/** A client whose fetch answers `response` (a fresh copy each time when given a function). */
function apiAnswering(response: Response | (() => Response), options: Partial<MiroClientOptions> = {}) {
  const fetch = vi.fn<FetchLike>(async () => (typeof response === 'function' ? response() : response));
  return { api: new TestApi({ accessToken: 'tok', budget: false, fetch, ...options }), fetch };
}

const RATE_LIMIT_HEADERS = {
  'x-request-id': 'r-1',
  'x-ratelimit-limit': '100000',
  'x-ratelimit-remaining': '99950',
  'x-ratelimit-reset': '1735689660',
};

describe('the success path', () => {
  it('reads no response header for a JSON answer when nobody asks for the metadata', async () => {
    const { response, reads } = countingResponse({ id: 'b1' }, RATE_LIMIT_HEADERS);
    const { api } = apiAnswering(response);
    await expect(api.call(ops.getBoard, ['b1'])).resolves.toEqual({ id: 'b1' });
    expect(reads()).toBe(0);
  });

  it('parses the request id and rate limit when withResponse() asks, once, as plain data', async () => {
    const { response, reads } = countingResponse({ id: 'b1' }, RATE_LIMIT_HEADERS);
    const { api } = apiAnswering(response);
    const promise = api.call(ops.getBoard, ['b1']);
    const first = await promise.withResponse();
    expect(first.response).toEqual({
      status: 200,
      headers: response.headers,
      requestId: 'r-1',
      rateLimit: { limit: 100000, remaining: 99950, resetAt: new Date(1735689660 * 1000) },
      url: 'https://api.miro.com/v2/boards/b1',
      retries: 0,
    });
    expect(reads()).toBeGreaterThan(0);
    expect(await promise.withResponse()).toBe(first);
    expect(await promise).toEqual({ id: 'b1' });
  });

  it('reads the rate-limit headers when a budget is on', async () => {
    const { response, reads } = countingResponse({ id: 'b1' }, RATE_LIMIT_HEADERS);
    const update = vi.fn();
    const { api } = apiAnswering(response, { budget: { acquire: async () => {}, update } });
    await api.call(ops.getBoard, ['b1']);
    expect(reads()).toBeGreaterThan(0);
    expect(update).toHaveBeenCalledWith(expect.stringMatching(/^token:/), {
      limit: 100000,
      remaining: 99950,
      resetAt: 1735689660 * 1000,
    });
  });

  it('redacts the URL of the metadata and of errors', async () => {
    const { api } = apiAnswering(Response.json({}));
    const { response } = await api.call(ops.exchangeToken, [], {}, { code: 'sekret-code' }).withResponse();
    expect(response.url).toBe('https://api.miro.com/v1/oauth/token?code=[REDACTED]');
    const failing = apiAnswering(new Response('nope', { status: 400 })).api;
    const error = (await failing
      .call(ops.exchangeToken, [], {}, { code: 'sekret-code' })
      .catch((e: unknown) => e)) as MiroApiError;
    expect(error.url).toBe('https://api.miro.com/v1/oauth/token?code=[REDACTED]');
  });
});

describe('request headers', () => {
  it('sends a plain object with lower-case names: ours replace the client headers whatever their case', async () => {
    const { api, fetch } = apiAnswering(Response.json({}), { headers: { Accept: 'text/html', 'X-Team': ' a ' } });
    await api.call(ops.getBoard, ['b1'], undefined, undefined, {
      headers: { 'X-TEAM': 'b', AUTHORIZATION: 'Bearer other' },
    });
    const headers = fetch.mock.calls[0]?.[1].headers as Record<string, string>;
    expect(headers).toMatchObject({ accept: 'application/json', 'x-team': 'b', authorization: 'Bearer tok' });
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it('sends header parameters, a per-call header replacing one of them', async () => {
    const { api, fetch } = apiAnswering(() => Response.json({}));
    await api.call(ops.search, [], undefined, { q: 'x', trace: 't-1' });
    await api.call(ops.search, [], undefined, { q: 'x', trace: 't-1' }, { headers: { 'x-trace': 't-2' } });
    expect(fetch.mock.calls.map(([, init]) => (init.headers as Record<string, string>)['x-trace'])).toEqual([
      't-1',
      't-2',
    ]);
  });

  it('rejects a bad per-call header with a TypeError before sending, without retrying', async () => {
    const { api, fetch } = apiAnswering(Response.json({}));
    await expect(
      api.call(ops.getBoard, ['b1'], undefined, undefined, { headers: { 'x-a': 'line\nbreak' } }),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(api.call(ops.search, [], undefined, { q: 'x', trace: 'a\r\nb' })).rejects.toBeInstanceOf(TypeError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('rejects bad client headers and user agents when the client is made, naming the option', () => {
    expect(() => new TestApi({ accessToken: 't', headers: { 'x-a': 'a\nb' } })).toThrow('MiroApi: headers:');
    expect(() => new TestApi({ accessToken: 't', headers: { 'bad name': 'a' } })).toThrow('MiroApi: headers:');
    expect(() => new TestApi({ accessToken: 't', userAgent: 'app\r\n' + 'x' })).toThrow('MiroApi: userAgent:');
  });
});

describe('credits of a call priced per item', () => {
  it("reserves the level's credits once per item of the body, and once for a call priced per call", async () => {
    const acquired: number[] = [];
    const { api } = apiAnswering(() => Response.json({ data: [] }, { status: 201 }), {
      budget: { acquire: async (_key, credits) => void acquired.push(credits), update: () => {} },
    });
    await api.call(
      ops.createItemsInBulk,
      ['b1'],
      Array.from({ length: 7 }, () => ({ type: 'text' })),
    );
    await api.call(ops.createItemsInBulk, ['b1'], []);
    await api.call(ops.createSticky, ['b1'], [{}, {}, {}]);
    expect(acquired).toEqual([700, 100, 100]);
  });
});
