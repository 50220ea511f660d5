import type { HttpMethod } from './operation.js';
import { parseResetHeader, parseRetryAfter } from './rate-limit.js';

/** Methods whose repetition has no further effect, so a lost response can be retried safely. */
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['GET', 'HEAD', 'PUT', 'DELETE']);

export function isIdempotent(method: HttpMethod): boolean {
  return IDEMPOTENT_METHODS.has(method);
}

export interface BackoffPolicy {
  /** Delay scale of the first retry (ms). */
  readonly baseDelayMs: number;
  /** Upper bound of any wait before a retry, including `Retry-After` (ms). */
  readonly maxRetryDelayMs: number;
  /** Returns a number in [0, 1). */
  readonly random: () => number;
}

/** Exponential backoff with full jitter: uniform in [0, base * 2^retry], capped. */
export function backoffDelay(retry: number, policy: BackoffPolicy): number {
  const ceiling = Math.min(policy.maxRetryDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(policy.random() * ceiling);
}

/** What a 429 or 5xx answer asks of a retry. */
export type ServerWait =
  /** Retry after `ms` (never more than `maxRetryDelayMs`). */
  | { readonly kind: 'wait'; readonly ms: number }
  /** `Retry-After` asks for longer than `maxRetryDelayMs`: fail now rather than sleep and fail. */
  | { readonly kind: 'too-long'; readonly retryAt: number }
  /** `Retry-After` is neither delta-seconds nor an HTTP-date: how long the server wants is unknown. */
  | { readonly kind: 'unreadable'; readonly retryAfter: string };

/**
 * The wait before retrying a 429 (or a 5xx that carries `Retry-After`): the server's
 * `Retry-After`, else until `X-RateLimit-Reset` (capped at `maxRetryDelayMs`: it is read against
 * our clock, which may run behind the server's), else backoff.
 */
export function serverWait(headers: Headers, now: number, retry: number, policy: BackoffPolicy): ServerWait {
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null && retryAfter !== '') {
    const ms = parseRetryAfter(retryAfter, now);
    if (ms === undefined) return { kind: 'unreadable', retryAfter };
    return ms > policy.maxRetryDelayMs ? { kind: 'too-long', retryAt: now + ms } : { kind: 'wait', ms };
  }
  const resetAt = parseResetHeader(headers.get('x-ratelimit-reset'), now);
  const ms = resetAt !== undefined ? Math.max(0, resetAt - now) : backoffDelay(retry, policy);
  return { kind: 'wait', ms: Math.min(ms, policy.maxRetryDelayMs) };
}

/** Why a wait the server asked for was not taken, for the error message. */
export function refusedWaitNote(wait: ServerWait, policy: BackoffPolicy, now: number): string | undefined {
  if (wait.kind === 'too-long') {
    const seconds = Math.ceil((wait.retryAt - now) / 1000);
    return `the server asks to retry at ${new Date(wait.retryAt).toISOString()} (in ${seconds} s), later than maxRetryDelayMs (${policy.maxRetryDelayMs} ms) allows, so it was not retried`;
  }
  if (wait.kind === 'unreadable') {
    const shown = JSON.stringify(wait.retryAfter.slice(0, 40));
    return `its Retry-After ${shown} is neither seconds nor an HTTP date, so it was not retried`;
  }
  return undefined;
}
