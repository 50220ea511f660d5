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

/**
 * Wait before retrying a 429 (or a 5xx that carries `Retry-After`): the server's `Retry-After`,
 * else until `X-RateLimit-Reset`, else backoff; never more than `maxRetryDelayMs`.
 */
export function serverDelay(headers: Headers, now: number, retry: number, policy: BackoffPolicy): number {
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  const resetAt = parseResetHeader(headers.get('x-ratelimit-reset'), now);
  const delay = retryAfter ?? (resetAt !== undefined ? Math.max(0, resetAt - now) : backoffDelay(retry, policy));
  return Math.min(delay, policy.maxRetryDelayMs);
}
