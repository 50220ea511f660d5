import { inspect } from 'node:util';
import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { INVALID_TOKEN_MESSAGE } from './config.js';
import { MiroApiError, MiroBadRequestError, MiroConnectionError } from './errors.js';
import type { FetchLike } from './options.js';
import { secretForms } from './redact.js';
import { API, useMockServer } from './test-support/msw.js';
import { ops } from './test-support/operations.js';
import { TestApi } from './test-support/test-api.js';

const server = useMockServer();

/** A token whose raw, URL-encoded and JSON-escaped forms all differ. */
const TOKEN = 'at-1234/abcd+efgh=="quote"\\back';
const URL_ENCODED = encodeURIComponent(TOKEN);
const JSON_ESCAPED = JSON.stringify(TOKEN).slice(1, -1);
const CLIENT_SECRET = 'cs-configured-secret-99';

/** Every text a user, a logger or a crash report could see of an error. */
function everyView(error: unknown): Record<string, string> {
  const e = error as MiroApiError;
  return {
    message: e.message,
    string: String(e),
    stack: e.stack ?? '',
    json: JSON.stringify(e),
    inspect: inspect(e, { depth: Number.POSITIVE_INFINITY }),
    inspectHidden: inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    body: String(JSON.stringify(e.body)),
    cause: inspect(e.cause, { depth: Number.POSITIVE_INFINITY }),
    headers: JSON.stringify([...(e.headers?.entries() ?? [])]),
  };
}

function expectNoSecret(views: Record<string, string>, secrets: readonly string[]): void {
  for (const [view, text] of Object.entries(views)) {
    for (const secret of secrets) expect(text, `${view} shows ${secret}`).not.toContain(secret);
  }
}

const forms = [TOKEN, URL_ENCODED, JSON_ESCAPED, CLIENT_SECRET];

describe('redaction of the access token and configured secrets', () => {
  it('the token forms differ, so each is tested', () => {
    expect(new Set([TOKEN, URL_ENCODED, JSON_ESCAPED]).size).toBe(3);
    expect(secretForms(TOKEN)).toEqual(expect.arrayContaining([TOKEN, URL_ENCODED, JSON_ESCAPED]));
  });

  it('a JSON error body echoing the token (raw, URL-encoded, JSON-escaped) shows it nowhere, util.inspect included', async () => {
    server.use(
      http.get(`${API}/v2/boards/:id`, ({ request }) =>
        HttpResponse.json(
          {
            status: 400,
            code: 'invalidHeader',
            message: `Invalid header ${request.headers.get('authorization')} (client secret ${CLIENT_SECRET})`,
            context: { echoed: TOKEN, query: `?access=${URL_ENCODED}`, escaped: JSON_ESCAPED },
            type: 'error',
          },
          { status: 400, headers: { 'x-echo': TOKEN, 'x-request-id': 'req-echo' } },
        ),
      ),
    );
    const lines: unknown[] = [];
    const api = new TestApi({
      accessToken: TOKEN,
      secrets: [CLIENT_SECRET],
      budget: false,
      logger: (level, message, fields) => lines.push({ level, message, fields }),
    });
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroBadRequestError);
    const views = everyView(error);
    expectNoSecret(views, forms);
    expectNoSecret({ log: JSON.stringify(lines) }, forms);
    // What is left is still useful.
    expect((error as MiroApiError).message).toBe(
      'getBoard failed with 400 invalidHeader: Invalid header Bearer [REDACTED] (client secret [REDACTED])',
    );
    expect((error as MiroApiError).context).toEqual({
      echoed: '[REDACTED]',
      query: '?access=[REDACTED]',
      escaped: '[REDACTED]',
    });
    expect(JSON.parse(views.json ?? '{}')).toMatchObject({
      name: 'MiroBadRequestError',
      message: (error as MiroApiError).message,
      status: 400,
      code: 'invalidHeader',
      requestId: 'req-echo',
    });
    expect((error as MiroApiError).headers?.get('x-echo')).toBe('[REDACTED]');
  });

  it('a text error body with every form of the token in it shows none of them', async () => {
    server.use(
      http.get(
        `${API}/v2/boards/:id`,
        () =>
          new HttpResponse(`<pre>token=${TOKEN} url=/x?t=${URL_ENCODED} json={"t":"${JSON_ESCAPED}"}</pre>`, {
            status: 502,
            headers: { 'content-type': 'text/html' },
          }),
      ),
    );
    const api = new TestApi({ accessToken: TOKEN, budget: false, maxRetries: 0 });
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroApiError);
    expectNoSecret(everyView(error), forms);
    expect((error as MiroApiError).body).toBe(
      '<pre>token=[REDACTED] url=/x?t=[REDACTED] json={"t":"[REDACTED]"}</pre>',
    );
  });

  it("removes the token from a connection failure's message and cause chain", async () => {
    const fetch: FetchLike = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error(`socket closed while sending Bearer ${TOKEN} to ${URL_ENCODED}`), {
          code: 'UND_ERR_SOCKET',
          sent: { authorization: `Bearer ${TOKEN}` },
        }),
      });
    };
    const api = new TestApi({ accessToken: TOKEN, budget: false, maxRetries: 0, fetch });
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroConnectionError);
    expectNoSecret(everyView(error), forms);
    const cause = (error as Error).cause as Error & { cause: Error & { code: string } };
    expect(cause.message).toBe('fetch failed');
    expect(cause.cause.code).toBe('UND_ERR_SOCKET');
  });

  it('refuses a token with a line break or a space before any request, with a message that does not contain it', async () => {
    for (const token of ['secret-part-1\nsecret-part-2', 'Bearer secret-part-1', 'secret-part-1\r']) {
      let thrown: unknown;
      try {
        new TestApi({ accessToken: token });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toBe(INVALID_TOKEN_MESSAGE);
      expect((thrown as Error).message).not.toContain('secret-part');
    }
    const fetch = vi.fn<FetchLike>(async () => Response.json({}));
    const api = new TestApi({ accessToken: async () => 'secret-part-1\nsecret-part-2', budget: false, fetch });
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(INVALID_TOKEN_MESSAGE);
    expect(fetch).not.toHaveBeenCalled();
  });
});
