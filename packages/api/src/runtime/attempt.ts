import { MiroAbortError, MiroConnectionError, MiroTimeoutError, type MiroErrorOrigin } from './errors.js';
import type { FetchLike } from './options.js';

export interface AttemptResult {
  readonly response: Response;
  /** The whole body, read within the same timeout as the headers. */
  readonly text: string;
}

/**
 * Sends one HTTP request and reads its body. Failures without a response become
 * `MiroAbortError` (the caller's signal), `MiroTimeoutError` (our timer) or `MiroConnectionError`.
 * `origin` is called only to build such an error.
 *
 * The timeout needs a signal of our own to abort the request: one `AbortController` and one
 * `setTimeout`, cleared on completion (measured cheaper than `AbortSignal.timeout`, whose timer
 * cannot be cleared, or `AbortSignal.any`). Without a timeout, the caller's signal (if any) goes
 * to fetch as it is.
 */
export async function attempt(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  origin: () => MiroErrorOrigin,
): Promise<AttemptResult> {
  if (signal?.aborted) throw abortError(origin(), signal);
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  if (timeoutMs > 0) {
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
    const text = await response.text();
    return { response, text };
  } catch (cause) {
    if (signal?.aborted) throw abortError(origin(), signal);
    if (timedOut) {
      throw new MiroTimeoutError(`${origin().operationId}: no response within ${timeoutMs} ms`, { ...origin(), cause });
    }
    const reason = cause instanceof Error ? causeMessage(cause) : String(cause);
    throw new MiroConnectionError(`${origin().operationId}: connection failed: ${reason}`, { ...origin(), cause });
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

export function abortError(origin: MiroErrorOrigin, signal: AbortSignal | undefined): MiroAbortError {
  return new MiroAbortError(`${origin.operationId}: aborted`, { ...origin, cause: signal?.reason });
}

/** Node's fetch reports "fetch failed" and hides the socket error in `cause`. */
function causeMessage(error: Error): string {
  const inner = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${inner}`;
}
