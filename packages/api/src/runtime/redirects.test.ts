import { describe, expect, it } from 'vitest';
import { MiroRedirectError, MiroUnexpectedStatusError } from './errors.js';
import { startServer } from './test-support/http-server.js';
import { ops } from './test-support/operations.js';
import { TestApi } from './test-support/test-api.js';

describe('redirects (real HTTP servers: what fetch itself would do)', () => {
  it('a cross-origin 307 on a POST becomes MiroRedirectError and sends nothing to the other origin', async () => {
    const other = await startServer((_request, response) => {
      response.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"evil"}');
    });
    const api = await startServer((request, response) => {
      response.writeHead(307, { location: `${other.url}${request.url}` }).end();
    });
    const client = new TestApi({ accessToken: 'tok-redirect', baseUrl: api.url, budget: false });
    const error = await client
      .call(ops.createSticky, ['b1'], { data: { content: 'secret plans' } })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(MiroRedirectError);
    expect(error).toBeInstanceOf(MiroUnexpectedStatusError);
    const redirect = error as MiroRedirectError;
    expect(redirect.status).toBe(307);
    expect(redirect.location).toBe(`${other.url}/v2/boards/b1/sticky_notes`);
    expect(redirect.message).toContain(`307 with a redirect to ${other.url}/v2/boards/b1/sticky_notes`);
    expect(api.requests).toHaveLength(1);
    expect(other.requests).toEqual([]);
  });

  it('does not follow a same-origin 302 on a GET either, and resolves a relative Location', async () => {
    const api = await startServer((request, response) => {
      if (request.url === '/v2/boards/b1') response.writeHead(302, { location: '/v2/boards/b2' }).end();
      else response.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"b2"}');
    });
    const client = new TestApi({ accessToken: 'tok', baseUrl: api.url, budget: false, maxRetries: 2 });
    const error = (await client.call(ops.getBoard, ['b1']).catch((e: unknown) => e)) as MiroRedirectError;
    expect(error).toBeInstanceOf(MiroRedirectError);
    expect(error.location).toBe(`${api.url}/v2/boards/b2`);
    expect(api.requests.map((r) => r.url)).toEqual(['/v2/boards/b1']);
  });

  it("reports a browser's opaque redirect (status and target hidden) as MiroRedirectError", async () => {
    // Browsers answer `redirect: 'manual'` with a status-0 response of type `opaqueredirect`.
    const opaque = Object.defineProperties(new Response(null), {
      type: { value: 'opaqueredirect' },
      status: { value: 0 },
      ok: { value: false },
    });
    const seen: RequestInit[] = [];
    const client = new TestApi({
      accessToken: 'tok',
      budget: false,
      fetch: async (_url, init) => (seen.push(init), opaque),
    });
    const error = (await client.call(ops.getBoard, ['b1']).catch((e: unknown) => e)) as MiroRedirectError;
    expect(error).toBeInstanceOf(MiroRedirectError);
    expect(error.location).toBeUndefined();
    expect(error.message).toContain('the browser hides its status and target');
    expect(seen.map((init) => init.redirect)).toEqual(['manual']);
  });
});
