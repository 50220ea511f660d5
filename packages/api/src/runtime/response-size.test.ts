import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from './config.js';
import { type MiroApiError, MiroBadRequestError, MiroResponseTooLargeError } from './errors.js';
import { MAX_ERROR_BODY_BYTES } from './read-body.js';
import { startServer, streamRepeated } from './test-support/http-server.js';
import { ops } from './test-support/operations.js';
import { TestApi } from './test-support/test-api.js';

const MiB = 1024 * 1024;
const HUGE = 400 * MiB;

/** Runs `work` while sampling the process RSS; returns its outcome and how far RSS rose above where it started. */
async function peakRssGrowth<T>(work: () => Promise<T>): Promise<{ outcome: T; growth: number }> {
  globalThis.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const outcome = await work();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { outcome, growth: peak - start };
  } finally {
    clearInterval(sampler);
  }
}

/** A server whose answer to every request is `totalBytes` of JSON-looking text, streamed without a Content-Length. */
async function hugeBodyServer(status: number, totalBytes: number, declareLength = false) {
  const sent = { bytes: 0 };
  const server = await startServer(async (_request, response) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      'x-request-id': 'req-huge',
      ...(declareLength ? { 'content-length': String(totalBytes) } : {}),
    });
    response.write('{"message":"');
    sent.bytes = await streamRepeated(response, Buffer.alloc(64 * 1024, 'x'), totalBytes);
  });
  return { server, sent };
}

/** The first request loads and compiles undici's code paths: keep that out of the measurement. */
async function warmUp(api: TestApi): Promise<void> {
  await api.call(ops.getBoard, ['warm-up'], undefined, undefined, { maxResponseBytes: 1 }).catch(() => undefined);
}

describe('response size limits (streamed from a local server; nothing of it is held by the test)', () => {
  it('stops a 400 MB response at the default limit as it streams in, with RSS growing by a few times the limit at most', async () => {
    const { server, sent } = await hugeBodyServer(200, HUGE);
    const api = new TestApi({ accessToken: 'tok', baseUrl: server.url, budget: false, maxRetries: 0 });
    await warmUp(api);
    const { outcome, growth } = await peakRssGrowth(() => api.call(ops.getBoard, ['b1']).catch((e: unknown) => e));
    expect(outcome).toBeInstanceOf(MiroResponseTooLargeError);
    const error = outcome as MiroResponseTooLargeError;
    expect(error.limit).toBe(DEFAULT_MAX_RESPONSE_BYTES);
    expect(error.status).toBe(200);
    expect(error.requestId).toBe('req-huge');
    expect(error.message).toBe(
      `getBoard: the 200 response is larger than the ${DEFAULT_MAX_RESPONSE_BYTES}-byte limit (maxResponseBytes); reading stopped there`,
    );
    expect(growth).toBeLessThan(4 * DEFAULT_MAX_RESPONSE_BYTES);
    expect(sent.bytes).toBeLessThan(HUGE / 4);
  });

  it('applies a per-call maxResponseBytes', async () => {
    const { server, sent } = await hugeBodyServer(200, HUGE);
    const api = new TestApi({ accessToken: 'tok', baseUrl: server.url, budget: false, maxRetries: 0 });
    const error = await api
      .call(ops.getBoard, ['b1'], undefined, undefined, { maxResponseBytes: MiB })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroResponseTooLargeError);
    expect((error as MiroResponseTooLargeError).limit).toBe(MiB);
    expect(sent.bytes).toBeLessThan(HUGE / 4);
  });

  it("applies the client's maxResponseBytes, whatever Content-Length declares", async () => {
    const { server, sent } = await hugeBodyServer(200, HUGE, true);
    const api = new TestApi({
      accessToken: 'tok',
      baseUrl: server.url,
      budget: false,
      maxRetries: 0,
      maxResponseBytes: MiB,
    });
    const error = await api.call(ops.getBoard, ['b1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroResponseTooLargeError);
    expect((error as MiroResponseTooLargeError).limit).toBe(MiB);
    expect(sent.bytes).toBeLessThan(HUGE / 4);
  });

  it('reads a body just under the limit whole', async () => {
    const body = JSON.stringify({ id: 'b1', description: 'é'.repeat(1000) });
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    const api = new TestApi({ accessToken: 'tok', baseUrl: server.url, budget: false });
    const limit = Buffer.byteLength(body);
    await expect(api.call(ops.getBoard, ['b1'], undefined, undefined, { maxResponseBytes: limit })).resolves.toEqual(
      JSON.parse(body),
    );
  });

  it('keeps at most the first 64 KiB of a 50 MB error body, with RSS growing by a few MB at most', async () => {
    const { server, sent } = await hugeBodyServer(400, 50 * MiB);
    const api = new TestApi({ accessToken: 'tok', baseUrl: server.url, budget: false, maxRetries: 0 });
    await warmUp(api);
    const { outcome, growth } = await peakRssGrowth(() => api.call(ops.getBoard, ['b1']).catch((e: unknown) => e));
    expect(outcome).toBeInstanceOf(MiroBadRequestError);
    const error = outcome as MiroApiError;
    expect(typeof error.body).toBe('string');
    expect((error.body as string).length).toBeLessThan(2100);
    expect(error.message).toMatch(
      new RegExp(
        `^getBoard failed with 400: a response body over ${MAX_ERROR_BODY_BYTES} bytes, not kept whole: \\{"message":"x+`,
      ),
    );
    expect(error.message.length).toBeLessThan(400);
    expect(growth).toBeLessThan(16 * MiB);
    expect(sent.bytes).toBeLessThan(25 * MiB);
  });

  it('rejects a maxResponseBytes that is not a positive integer, naming the option', () => {
    expect(() => new TestApi({ accessToken: 't', maxResponseBytes: 0 })).toThrow(
      'maxResponseBytes must be a positive integer, got 0',
    );
  });
});
