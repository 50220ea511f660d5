import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  MiroApiError,
  MiroAuthenticationError,
  MiroBadRequestError,
  MiroConflictError,
  MiroConnectionError,
  MiroInternalServerError,
  MiroNotFoundError,
  MiroPayloadTooLargeError,
  MiroPermissionDeniedError,
  MiroRateLimitError,
  MiroUnexpectedStatusError,
} from './errors.js';
import { ops } from './test-support/operations.js';
import { API, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';

const server = useMockServer();
const api = new TestApi({ accessToken: 'secret-token-1', maxRetries: 0, budget: false });

async function failure(
  status: number,
  body: BodyInit | null,
  headers: Record<string, string> = {},
): Promise<MiroApiError> {
  server.use(http.get(`${API}/v2/boards/:id`, () => new HttpResponse(body, { status, headers })));
  const error: unknown = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MiroApiError);
  return error as MiroApiError;
}

describe('typed errors', () => {
  it.each([
    [400, MiroBadRequestError],
    [401, MiroAuthenticationError],
    [403, MiroPermissionDeniedError],
    [404, MiroNotFoundError],
    [409, MiroConflictError],
    [413, MiroPayloadTooLargeError],
    [429, MiroRateLimitError],
    [500, MiroInternalServerError],
    [502, MiroInternalServerError],
    [422, MiroUnexpectedStatusError],
  ])('maps %i to %o', async (status, ErrorClass) => {
    const error = await failure(status, JSON.stringify({ status, code: 'someCode', message: 'went wrong' }), {
      'content-type': 'application/json',
    });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.name).toBe(ErrorClass.name);
  });

  it("carries Miro's code, message, context, type and the request id", async () => {
    const body = {
      status: 404,
      code: 'notFound',
      message: 'Board not found',
      context: { fields: ['id'] },
      type: 'error',
    };
    const error = await failure(404, JSON.stringify(body), {
      'content-type': 'application/json',
      'X-Request-Id': 'req-123',
    });
    expect(error).toMatchObject({
      code: 'notFound',
      context: { fields: ['id'] },
      type: 'error',
      requestId: 'req-123',
      operationId: 'getBoard',
      method: 'GET',
      url: `${API}/v2/boards/b1`,
      body,
    });
    expect(error.message).toBe('getBoard failed with 404 notFound: Board not found');
    expect(error.headers?.get('x-request-id')).toBe('req-123');
  });

  it('names the method the user called in the message, and keeps the operationId as a field', async () => {
    server.use(
      http.get(`${API}/v2/boards/:id`, () =>
        HttpResponse.json({ code: 'notFound', message: 'Board not found' }, { status: 404 }),
      ),
    );
    const op = { ...ops.getBoard, operationId: 'get-specific-board', methodName: 'getSpecificBoard' };
    const error = (await api.call(op, ['b1']).catch((e: unknown) => e)) as MiroApiError;
    expect(error.message).toBe('getSpecificBoard failed with 404 notFound: Board not found');
    expect(error).toMatchObject({ operationId: 'get-specific-board', methodName: 'getSpecificBoard', method: 'GET' });
  });

  it('turns an HTML error page into the typed error with the raw text, truncated', async () => {
    const html = `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(5000)}</body></html>`;
    const error = await failure(502, html, { 'content-type': 'text/html' });
    expect(error).toBeInstanceOf(MiroInternalServerError);
    expect(error.code).toBeUndefined();
    expect(error.message).toContain('non-JSON response: <html><body><h1>502 Bad Gateway</h1>');
    expect(error.message.length).toBeLessThan(400);
    expect(typeof error.body).toBe('string');
    expect(error.body as string).toMatch(/^<html><body><h1>502 Bad Gateway<\/h1>x+… \(\d+ more characters\)$/);
    expect((error.body as string).length).toBeLessThan(2100);
  });

  it('reads SCIM error bodies (detail, scimType)', async () => {
    const error = await failure(409, JSON.stringify({ status: '409', scimType: 'uniqueness', detail: 'User exists' }));
    expect(error).toBeInstanceOf(MiroConflictError);
    expect(error.code).toBe('uniqueness');
    expect(error.message).toContain('User exists');
  });

  it('reports a connection failure as MiroConnectionError without a status', async () => {
    server.use(http.get(`${API}/v2/boards/:id`, () => HttpResponse.error()));
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroConnectionError);
    expect((error as MiroConnectionError).status).toBeUndefined();
    expect((error as MiroConnectionError).url).toBe(`${API}/v2/boards/b1`);
  });

  it('rejects a success response that is not valid JSON with a clear error', async () => {
    server.use(
      http.get(
        `${API}/v2/boards/:id`,
        () => new HttpResponse('{"id": ', { headers: { 'content-type': 'application/json' } }),
      ),
    );
    await expect(api.call(ops.getBoard, ['b1'])).rejects.toThrow('getBoard: the 200 response is not valid JSON');
  });
});
