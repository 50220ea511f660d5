import type { ApiResponse, ApiResult } from './api-promise.js';
import { abortError, attempt } from './attempt.js';
import { encodeBody, type EncodedBody } from './body.js';
import type { ClientConfig } from './config.js';
import { errorFromResponse, requestIdOf, truncate, MAX_RAW_BODY_CHARS } from './error-response.js';
import { MiroApiError, MiroConnectionError, type MiroErrorOrigin } from './errors.js';
import type { OperationDescriptor } from './operation.js';
import type { RequestOptions } from './options.js';
import { hasRateLimitState, rateLimitInfo, rateLimitState } from './rate-limit.js';
import { redact } from './redact.js';
import { backoffDelay, isIdempotent, serverDelay } from './retry.js';
import { tokenKey } from './token-key.js';
import { buildTarget } from './url.js';

/**
 * Runs one call: budget, request, retries, 401 refresh, parsing. A POST/PATCH is sent again only
 * after a 429 or 401, where the server has said it did not process it.
 */
export async function send<T>(
  config: ClientConfig,
  op: OperationDescriptor,
  pathArgs: readonly (string | number)[],
  body: unknown,
  query: object | undefined,
  options: RequestOptions | undefined,
): Promise<ApiResult<T>> {
  const target = buildTarget(op, config.baseUrls[op.server], pathArgs, query);
  const encoded = await encodeBody(op, body);
  const origin: MiroErrorOrigin = { operationId: op.operationId, method: op.method, url: redact(target.url) };
  const maxRetries = options?.maxRetries ?? config.maxRetries;
  const timeoutMs = options?.timeoutMs ?? config.timeoutMs;
  const signal = options?.signal;
  const { clock, log, budget } = config;
  const waitBudget = budget !== undefined && options?.budget !== false;

  let token = await config.tokens.get();
  let refreshed = false;
  let retries = 0;

  const pause = async (ms: number): Promise<void> => {
    try {
      await clock.sleep(ms, signal);
    } catch {
      throw abortError(origin, signal);
    }
  };

  for (;;) {
    const key = budget ? (config.budgetKey ?? (await tokenKey(token))) : '';
    if (waitBudget) {
      try {
        await budget.acquire(key, op.credits, signal);
      } catch (error) {
        throw signal?.aborted ? abortError(origin, signal) : error;
      }
    }
    const headers = requestHeaders(config, op, target.headers, encoded, options, token);
    log?.('debug', `${op.method} ${target.url}`, { operationId: op.operationId, headers, body: encoded.summary, retries }, [token]);
    const started = clock.now();
    let outcome;
    try {
      outcome = await attempt(config.fetch, target.url, { method: op.method, headers, body: encoded.body }, signal, timeoutMs, origin);
    } catch (error) {
      const retryable = error instanceof MiroConnectionError && isIdempotent(op.method) && retries < maxRetries;
      log?.(retryable ? 'warn' : 'debug', `${op.method} ${target.url} failed: ${(error as Error).message}`, { durationMs: clock.now() - started, retries }, [token]);
      if (!retryable) throw error;
      await pause(backoffDelay(retries, config.backoff));
      retries++;
      continue;
    }

    const { response, text } = outcome;
    const now = clock.now();
    const durationMs = now - started;
    const limits = rateLimitState(response.headers, now);
    if (budget && hasRateLimitState(limits)) await budget.update(key, limits);
    const summary = { operationId: op.operationId, status: response.status, durationMs, retries, requestId: requestIdOf(response.headers) };

    if (response.ok) {
      log?.('debug', `${op.method} ${target.url} -> ${response.status} in ${durationMs} ms (retries: ${retries})`, summary, [token]);
      const meta: ApiResponse = {
        status: response.status,
        headers: response.headers,
        requestId: summary.requestId,
        rateLimit: rateLimitInfo(limits),
        url: origin.url,
        retries,
      };
      return { data: parseSuccess(op, response, text, origin) as T, response: meta };
    }

    if (response.status === 401 && config.tokens.refresh && !refreshed) {
      refreshed = true;
      const fresh = await config.tokens.refresh(token);
      if (fresh !== token) {
        log?.('debug', `${op.method} ${target.url} -> 401; retrying once with a refreshed token`, summary, [token, fresh]);
        token = fresh;
        continue;
      }
    }

    const error = errorFromResponse(origin, response.status, response.headers, text);
    const delay = retryDelay(config, op, response, retries, maxRetries);
    if (delay === undefined) {
      log?.('debug', `${op.method} ${target.url} -> ${response.status} in ${durationMs} ms (retries: ${retries})`, summary, [token]);
      throw error;
    }
    log?.('warn', `${op.method} ${target.url} -> ${response.status}; retry ${retries + 1} of ${maxRetries} in ${delay} ms`, summary, [token]);
    await pause(delay);
    retries++;
  }
}

/** Ms to wait before retrying this error response, or undefined when it must not be retried. */
function retryDelay(
  config: ClientConfig,
  op: OperationDescriptor,
  response: Response,
  retries: number,
  maxRetries: number,
): number | undefined {
  if (retries >= maxRetries) return undefined;
  const now = config.clock.now();
  if (response.status === 429) return serverDelay(response.headers, now, retries, config.backoff);
  if (response.status >= 500 && isIdempotent(op.method)) {
    return response.headers.has('retry-after')
      ? serverDelay(response.headers, now, retries, config.backoff)
      : backoffDelay(retries, config.backoff);
  }
  return undefined;
}

/** Precedence, lowest first: client headers, header parameters, per-call headers; auth always ours. */
function requestHeaders(
  config: ClientConfig,
  op: OperationDescriptor,
  parameterHeaders: Record<string, string>,
  encoded: EncodedBody,
  options: RequestOptions | undefined,
  token: string,
): Headers {
  const headers = new Headers(config.headers);
  headers.set('accept', op.body?.kind === 'scim' || op.server === 'scim' ? 'application/scim+json, application/json' : 'application/json');
  if (encoded.contentType) headers.set('content-type', encoded.contentType);
  for (const [name, value] of Object.entries(parameterHeaders)) headers.set(name, value);
  for (const [name, value] of Object.entries(options?.headers ?? {})) headers.set(name, value);
  if (config.clientId) {
    headers.set('user-agent', config.clientId);
    headers.set('x-miro-client', config.clientId);
  }
  headers.set('authorization', `Bearer ${token}`);
  return headers;
}

function parseSuccess(op: OperationDescriptor, response: Response, text: string, origin: MiroErrorOrigin): unknown {
  if (response.status === 204 || text.trim() === '' || op.responseKind === 'empty') return undefined;
  const isJson = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
  if (op.responseKind === 'text' && !isJson) return text;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MiroApiError(`${op.operationId}: the ${response.status} response is not valid JSON`, {
      ...origin,
      status: response.status,
      headers: response.headers,
      requestId: requestIdOf(response.headers),
      body: truncate(text, MAX_RAW_BODY_CHARS),
      cause,
    });
  }
}
