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
 */
export async function attempt(
  fetch: FetchLike,
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
  timeoutMs: number,
  origin: MiroErrorOrigin,
): Promise<AttemptResult> {
  if (signal?.aborted) throw abortError(origin, signal);
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  const onAbort = (): void => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    const text = await response.text();
    return { response, text };
  } catch (cause) {
    if (signal?.aborted) throw abortError(origin, signal);
    if (timedOut) {
      throw new MiroTimeoutError(`${origin.operationId}: no response within ${timeoutMs} ms`, { ...origin, cause });
    }
    const reason = cause instanceof Error ? causeMessage(cause) : String(cause);
    throw new MiroConnectionError(`${origin.operationId}: connection failed: ${reason}`, { ...origin, cause });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
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
