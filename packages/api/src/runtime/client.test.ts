import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { MiroAuthenticationError } from './errors.js';
import type { AccessTokenContext } from './options.js';
import { ops } from './test-support/operations.js';
import { API, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';
import { VERSION } from './version.js';

const server = useMockServer();

describe('MiroApiBase requests', () => {
  it('sends the bearer token, client identification, per-call headers and a JSON body', async () => {
    let seen: Request | undefined;
    let body: unknown;
    server.use(
      http.post(`${API}/v2/boards/:id/sticky_notes`, async ({ request }) => {
        seen = request.clone();
        body = await request.json();
        return HttpResponse.json({ id: 's1' }, { status: 201 });
      }),
    );
    const api = new TestApi({
      accessToken: 'tok-1',
      userAgent: 'my-app/2.0',
      headers: { 'X-Team': 'a', 'X-Call': 'client' },
      budget: false,
    });
    const data = await api.call(ops.createSticky, ['b1'], { data: { content: 'hi' } }, undefined, {
      headers: { 'X-Call': 'per-call' },
    });
    expect(data).toEqual({ id: 's1' });
    expect(body).toEqual({ data: { content: 'hi' } });
    expect(seen?.headers.get('authorization')).toBe('Bearer tok-1');
    expect(seen?.headers.get('content-type')).toBe('application/json');
    expect(seen?.headers.get('x-team')).toBe('a');
    expect(seen?.headers.get('x-call')).toBe('per-call');
    expect(seen?.headers.get('user-agent')).toBe(`my-app/2.0 miro-api-js/${VERSION}`);
    expect(seen?.headers.get('x-miro-client')).toBe(`my-app/2.0 miro-api-js/${VERSION}`);
  });

  it('sends SCIM operations to the SCIM base URL as application/scim+json', async () => {
    let contentType: string | null = null;
    server.use(
      http.post('https://scim.example/v1/Users', ({ request }) => {
        contentType = request.headers.get('content-type');
        return HttpResponse.json({ id: 'u1' }, { status: 201 });
      }),
    );
    const api = new TestApi({ accessToken: 'tok', scimBaseUrl: 'https://scim.example/v1/', budget: false });
    await expect(api.call(ops.createScimUser, [], { userName: 'a' })).resolves.toEqual({ id: 'u1' });
    expect(contentType).toBe('application/scim+json');
  });

  it('resolves 204 to undefined', async () => {
    server.use(http.delete(`${API}/v2/boards/:id`, () => new HttpResponse(null, { status: 204 })));
    const api = new TestApi({ accessToken: 'tok', budget: false });
    await expect(api.call(ops.deleteBoard, ['b1'])).resolves.toBeUndefined();
  });

  it('sends when called, like fetch, and once: withResponse and await share that request', async () => {
    let count = 0;
    server.use(
      http.get(`${API}/v2/boards/:id`, () => {
        count++;
        return HttpResponse.json(
          { id: 'b1' },
          {
            headers: {
              'X-Request-Id': 'r-9',
              'X-RateLimit-Limit': '100000',
              'X-RateLimit-Remaining': '99950',
              'X-RateLimit-Reset': '1735689660',
            },
          },
        );
      }),
    );
    const api = new TestApi({ accessToken: 'tok', budget: false });
    const promise = api.call(ops.getBoard, ['b1']);
    await vi.waitFor(() => expect(count).toBe(1));
    const { data, response } = await promise.withResponse();
    expect(await promise).toBe(data);
    expect(await promise.withResponse()).toMatchObject({ data });
    expect(count).toBe(1);
    expect(response).toMatchObject({ status: 200, requestId: 'r-9', retries: 0, url: `${API}/v2/boards/b1` });
    expect(response.rateLimit).toEqual({ limit: 100000, remaining: 99950, resetAt: new Date(1735689660 * 1000) });
  });

  it('sends a write that nobody awaits', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/v2/boards/:id/sticky_notes`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ id: 's1' }, { status: 201 });
      }),
    );
    const api = new TestApi({ accessToken: 'tok', budget: false });
    void api.call(ops.createSticky, ['b1'], { data: { content: 'fire and forget' } });
    await vi.waitFor(() => expect(bodies).toEqual([{ data: { content: 'fire and forget' } }]));
  });

  it('asks the token function for a new token after a 401 and retries once with it', async () => {
    const tokens: string[] = [];
    server.use(
      http.post(`${API}/v2/boards/:id/sticky_notes`, ({ request }) => {
        const auth = request.headers.get('authorization') ?? '';
        tokens.push(auth);
        return auth === 'Bearer fresh'
          ? HttpResponse.json({ id: 's1' }, { status: 201 })
          : HttpResponse.json({ code: 'tokenExpired' }, { status: 401 });
      }),
    );
    const provider = vi.fn(async (context?: AccessTokenContext) => (context ? 'fresh' : 'stale'));
    const api = new TestApi({ accessToken: provider, budget: false });
    await expect(api.call(ops.createSticky, ['b1'], { data: {} })).resolves.toEqual({ id: 's1' });
    expect(tokens).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(provider).toHaveBeenLastCalledWith({ reason: 'unauthorized', rejectedToken: 'stale' });
  });

  it('gives up with MiroAuthenticationError when the refreshed token is rejected too', async () => {
    let count = 0;
    server.use(
      http.get(`${API}/v2/boards/:id`, () => (count++, HttpResponse.json({ code: 'tokenInvalid' }, { status: 401 }))),
    );
    let n = 0;
    const api = new TestApi({ accessToken: async () => `t${n++}`, budget: false });
    await expect(api.call(ops.getBoard, ['b1'])).rejects.toBeInstanceOf(MiroAuthenticationError);
    expect(count).toBe(2);
  });

  it('does not retry a 401 with a fixed token string', async () => {
    let count = 0;
    server.use(http.get(`${API}/v2/boards/:id`, () => (count++, new HttpResponse(null, { status: 401 }))));
    const api = new TestApi({ accessToken: 'tok', budget: false });
    await expect(api.call(ops.getBoard, ['b1'])).rejects.toBeInstanceOf(MiroAuthenticationError);
    expect(count).toBe(1);
  });

  it('rejects bad options with errors that name the option', () => {
    expect(() => new TestApi('')).toThrow('accessToken must not be empty');
    expect(() => new TestApi({ accessToken: 't', baseUrl: 'api.miro.com' })).toThrow(
      'baseUrl must be an absolute http(s) URL',
    );
    expect(() => new TestApi({ accessToken: 't', maxRetries: -1 })).toThrow(
      'maxRetries must be a non-negative integer',
    );
  });
});
