import { responseTooLargeError } from './error-response.js';
import { MiroAbortError, MiroApiError, MiroConnectionError, MiroTimeoutError, type CallOrigin } from './errors.js';
import type { FetchLike } from './options.js';
import { BodyTooLarge, MAX_ERROR_BODY_BYTES, readText, type BodyText } from './read-body.js';
import { joinTimeout, leaveTimeout, type SharedTimeout } from './shared-timeout.js';

export interface AttemptResult extends BodyText {
  readonly response: Response;
}

/**
 * Sends one HTTP request and reads its body, within one timeout: a success body whole (at most
 * `maxResponseBytes`, else `MiroResponseTooLargeError`), an error body up to
 * `MAX_ERROR_BODY_BYTES`, a redirect's not at all (`init` asks fetch not to follow it). Failures
 * without a response become `MiroAbortError` (the caller's signal), `MiroTimeoutError` (our timer)
 * or `MiroConnectionError`. `origin` is called only to build an error.
 *
 * The timeout needs a signal of our own to abort the request. Without a caller's signal it is
 * the shared timeout of the attempts started in the same millisecond (see shared-timeout.ts);
 * with one, one `AbortController` and one `setTimeout` of its own, cleared on completion
 * (measured cheaper than `AbortSignal.timeout`, whose timer cannot be cleared, or
 * `AbortSignal.any`). Without a timeout, the caller's signal (if any) goes to fetch as it is.
 */
export async function attempt(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  maxResponseBytes: number,
  origin: () => CallOrigin,
): Promise<AttemptResult> {
  if (signal?.aborted) throw abortError(origin(), signal);
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  let shared: SharedTimeout | undefined;
  if (timeoutMs > 0 && !signal) {
    shared = joinTimeout(timeoutMs);
    init = { ...init, signal: shared.signal };
  } else if (timeoutMs > 0) {
    const controller = new AbortController();
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    if (signal) {
      onAbort = () => controller.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    init = { ...init, signal: controller.signal };
  } else if (signal) {
    init = { ...init, signal };
  }
  try {
    const response = await fetch(url, init);
    if (isRedirect(response)) {
      void response.body?.cancel().catch(() => undefined);
      return { response, text: '', truncated: false };
    }
    try {
      const { text, truncated } = response.ok
        ? await readText(response, maxResponseBytes, false)
        : await readText(response, MAX_ERROR_BODY_BYTES, true);
      return { response, text, truncated };
    } catch (error) {
      if (error instanceof BodyTooLarge) throw responseTooLargeError(origin(), response, error.limit);
      throw error;
    }
  } catch (cause) {
    if (cause instanceof MiroApiError) throw cause;
    if (signal?.aborted) throw abortError(origin(), signal);
    if (timedOut || shared?.timedOut) {
      throw new MiroTimeoutError(`${origin().methodName}: no response within ${timeoutMs} ms`, { ...origin(), cause });
    }
    const reason = cause instanceof Error ? causeMessage(cause) : String(cause);
    throw new MiroConnectionError(`${origin().methodName}: connection failed: ${reason}`, { ...origin(), cause });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    if (shared) leaveTimeout(shared);
  }
}

export function abortError(origin: CallOrigin, signal: AbortSignal | undefined): MiroAbortError {
  return new MiroAbortError(`${origin.methodName}: aborted`, { ...origin, cause: signal?.reason });
}

/** Node's fetch reports "fetch failed" and hides the socket error in `cause`. */
function causeMessage(error: Error): string {
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`;
}

/** A 3xx that points somewhere (fetch with `redirect: 'manual'`), or a browser's opaque stand-in for one. */
export function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400 && response.headers.has('location'))
  );
}
