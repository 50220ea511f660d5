import type { DeferredApiResult } from './api-promise.js';
import { abortError, attempt } from './attempt.js';
import { encodeBody } from './body.js';
import { checkPositive, type ClientConfig } from './config.js';
import { errorFromResponse, requestIdOf, truncate, MAX_RAW_BODY_CHARS } from './error-response.js';
import { MiroApiError, MiroConnectionError, type CallOrigin } from './errors.js';
import type { LogFields } from './logger.js';
import { itemsInBody, resolveOperation, type OperationDescriptor, type ResolvedOperation } from './operation.js';
import type { RequestOptions } from './options.js';
import { hasRateLimitState, rateLimitInfo, rateLimitState } from './rate-limit.js';
import { redact } from './redact.js';
import { backoffDelay, isIdempotent, refusedWaitNote, serverWait, type ServerWait } from './retry.js';
import { knownTokenKey, tokenKey } from './token-key.js';
import { buildTarget } from './url.js';

/**
 * Runs one call: budget, request, retries, 401 refresh, parsing. A POST/PATCH is sent again only
 * after a 429 or 401, where the server has said it did not process it.
 *
 * The success path does only what every call needs: the URL is redacted, and the request id and
 * rate-limit headers are parsed, when an error, a log line, the budget or `withResponse()` reads them.
 */
export async function send<T>(
  config: ClientConfig,
  descriptor: OperationDescriptor,
  pathArgs: readonly (string | number)[],
  body: unknown,
  query: object | undefined,
  options: RequestOptions | undefined,
): Promise<DeferredApiResult<T>> {
  const op = resolveOperation(descriptor);
  const target = buildTarget(op, config.baseUrls[op.server], pathArgs, query);
  const pending = encodeBody(op, body);
  const encoded = pending instanceof Promise ? await pending : pending;
  const maxRetries = options?.maxRetries ?? config.maxRetries;
  const timeoutMs = options?.timeoutMs ?? config.timeoutMs;
  const maxResponseBytes =
    options?.maxResponseBytes === undefined
      ? config.maxResponseBytes
      : checkPositive(options.maxResponseBytes, 'maxResponseBytes');
  const signal = options?.signal;
  const { clock, log, budget } = config;
  const waitBudget = budget !== undefined && options?.budget !== false;
  const credits = op.creditsPerItem ? op.credits * itemsInBody(body) : op.credits;

  const first = config.tokens.get();
  let token = typeof first === 'string' ? first : await first;
  /** The token a 401 turned down, once refreshed: still a secret. */
  let rejectedToken: string | undefined;
  let refreshed = false;
  let retries = 0;
  let firstStarted: number | undefined;
  // What errors and log lines must not show, and the call's origin for errors: built when needed.
  let secretList: readonly string[] | undefined;
  const secrets = (): readonly string[] =>
    (secretList ??= [token, ...(rejectedToken === undefined ? [] : [rejectedToken]), ...config.secrets]);
  let callOrigin: CallOrigin | undefined;
  const origin = (): CallOrigin =>
    (callOrigin ??= {
      operationId: op.operationId,
      methodName: op.methodName,
      method: op.method,
      url: redact(target.url, secrets()),
      secrets: secrets(),
    });

  const pause = async (ms: number): Promise<void> => {
    try {
      await clock.sleep(ms, signal);
    } catch {
      throw abortError(origin(), signal);
    }
  };

  for (;;) {
    const key = budget ? (config.budgetKey ?? knownTokenKey(token) ?? (await tokenKey(token))) : '';
    if (waitBudget) {
      try {
        await budget.acquire(key, credits, signal);
      } catch (error) {
        throw signal?.aborted ? abortError(origin(), signal) : error;
      }
    }
    const headers = requestHeaders(config, op, target.headers, encoded.contentType, options, token);
    // The log shows a Headers object's view (lower-cased, sorted), built only when someone logs.
    log?.(
      'debug',
      `${op.method} ${target.url}`,
      { operationId: op.operationId, headers: new Headers(headers), body: encoded.summary, retries },
      secrets(),
    );
    const started = clock.now();
    firstStarted ??= started;
    let outcome;
    try {
      outcome = await attempt(
        config.fetch,
        target.url,
        // A redirect becomes an error (MiroRedirectError): following it would re-send the call elsewhere.
        encoded.body === undefined
          ? { method: op.method, headers, redirect: 'manual' }
          : { method: op.method, headers, body: encoded.body, redirect: 'manual' },
        signal,
        timeoutMs,
        maxResponseBytes,
        origin,
      );
    } catch (error) {
      const retryable = error instanceof MiroConnectionError && isIdempotent(op.method) && retries < maxRetries;
      log?.(
        retryable ? 'warn' : 'debug',
        `${op.method} ${target.url} failed: ${(error as Error).message}`,
        { durationMs: clock.now() - started, retries },
        secrets(),
      );
      if (!retryable) {
        throw error instanceof MiroConnectionError
          ? withAttempts(error, retries + 1, clock.now() - firstStarted, origin())
          : error;
      }
      await pause(backoffDelay(retries, config.backoff));
      retries++;
      continue;
    }

    const { response, text, truncated } = outcome;
    const now = clock.now();
    const durationMs = now - started;
    if (budget) {
      const limits = rateLimitState(response.headers, now);
      if (hasRateLimitState(limits)) {
        const updating = budget.update(key, limits);
        if (updating) await updating;
      }
    }
    const summary = (): LogFields => ({
      operationId: op.operationId,
      status: response.status,
      durationMs,
      retries,
      requestId: requestIdOf(response.headers),
    });

    if (response.ok) {
      log?.(
        'debug',
        `${op.method} ${target.url} -> ${response.status} in ${durationMs} ms (retries: ${retries})`,
        summary(),
        secrets(),
      );
      return settled(parseSuccess(op, response, text, origin) as T, response, retries, now, origin);
    }

    if (response.status === 401 && config.tokens.refresh && !refreshed) {
      refreshed = true;
      const fresh = await config.tokens.refresh(token);
      if (fresh !== token) {
        rejectedToken = token;
        token = fresh;
        secretList = undefined;
        callOrigin = undefined;
        log?.('debug', `${op.method} ${target.url} -> 401; retrying once with a refreshed token`, summary(), secrets());
        continue;
      }
    }

    const wait = retryWait(config, op, response, retries, maxRetries, now);
    if (wait?.kind !== 'wait') {
      const note = wait && refusedWaitNote(wait, config.backoff, now);
      log?.(
        'debug',
        `${op.method} ${target.url} -> ${response.status} in ${durationMs} ms (retries: ${retries})`,
        summary(),
        secrets(),
      );
      throw errorFromResponse(origin(), response, { text, truncated }, now, note);
    }
    log?.(
      'warn',
      `${op.method} ${target.url} -> ${response.status}; retry ${retries + 1} of ${maxRetries} in ${wait.ms} ms`,
      summary(),
      secrets(),
    );
    await pause(wait.ms);
    retries++;
  }
}

/** The last attempt's connection error (or timeout), saying how many attempts the call made and for how long. */
function withAttempts(error: MiroConnectionError, attempts: number, totalMs: number, origin: CallOrigin): MiroApiError {
  const ErrorClass = error.constructor as typeof MiroConnectionError;
  const tried = `gave up after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'} in ${totalMs} ms`;
  return new ErrorClass(`${error.message}; ${tried}`, { ...origin, cause: error.cause });
}

/** A call's outcome; the metadata `withResponse()` hands out is built only if it is asked for. */
function settled<T>(
  data: T,
  response: Response,
  retries: number,
  receivedAt: number,
  origin: () => CallOrigin,
): DeferredApiResult<T> {
  return {
    data,
    result: () => ({
      data,
      response: {
        status: response.status,
        headers: response.headers,
        requestId: requestIdOf(response.headers),
        rateLimit: rateLimitInfo(rateLimitState(response.headers, receivedAt)),
        url: origin().url,
        retries,
      },
    }),
  };
}

/** How long to wait before retrying this error response, or undefined when it is not retried at all. */
function retryWait(
  config: ClientConfig,
  op: ResolvedOperation,
  response: Response,
  retries: number,
  maxRetries: number,
  now: number,
): ServerWait | undefined {
  if (retries >= maxRetries) return undefined;
  if (response.status === 429) return serverWait(response.headers, now, retries, config.backoff);
  if (response.status >= 500 && isIdempotent(op.method)) {
    return response.headers.has('retry-after')
      ? serverWait(response.headers, now, retries, config.backoff)
      : { kind: 'wait', ms: backoffDelay(retries, config.backoff) };
  }
  return undefined;
}

/**
 * A plain header object (fetch takes one; a `Headers` object would only be copied again), with
 * lower-case names so that later sources replace earlier ones. Precedence, lowest first: client
 * headers (lower-cased and validated by `resolveConfig`), header parameters, per-call headers;
 * identification and auth always ours. Header parameters and per-call headers, both rare, go
 * through `Headers`, which validates them and rejects a bad one with a TypeError, as fetch would.
 */
function requestHeaders(
  config: ClientConfig,
  op: ResolvedOperation,
  parameterHeaders: Record<string, string>,
  contentType: string | undefined,
  options: RequestOptions | undefined,
  token: string,
): Record<string, string> {
  const headers: Record<string, string> = { ...config.headers };
  headers['accept'] =
    op.body?.kind === 'scim' || op.server === 'scim' ? 'application/scim+json, application/json' : 'application/json';
  if (contentType) headers['content-type'] = contentType;
  for (const _ in parameterHeaders) {
    copyHeaders(parameterHeaders, headers);
    break;
  }
  if (options?.headers) copyHeaders(options.headers, headers);
  if (config.clientId) {
    headers['user-agent'] = config.clientId;
    headers['x-miro-client'] = config.clientId;
  }
  // The token was checked where it came from (config: tokenSource), so it is a valid header value.
  headers['authorization'] = `Bearer ${token}`;
  return headers;
}

/** Each name replaces what came before it, as `Headers.set` does. */
function copyHeaders(from: Readonly<Record<string, string>>, to: Record<string, string>): void {
  const checked = new Headers();
  for (const [name, value] of Object.entries(from)) checked.set(name, value);
  checked.forEach((value, name) => {
    to[name] = value;
  });
}

function parseSuccess(op: ResolvedOperation, response: Response, text: string, origin: () => CallOrigin): unknown {
  if (response.status === 204 || op.responseKind === 'empty' || text.trim() === '') return undefined;
  // Only a `text` operation looks at the content type: JSON is parsed as JSON whatever it says.
  if (op.responseKind === 'text' && !/[/+]json\b/i.test(response.headers.get('content-type') ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new MiroApiError(`${op.methodName}: the ${response.status} response is not valid JSON`, {
      ...origin(),
      status: response.status,
      headers: response.headers,
      requestId: requestIdOf(response.headers),
      body: truncate(text, MAX_RAW_BODY_CHARS),
      cause,
    });
  }
}
