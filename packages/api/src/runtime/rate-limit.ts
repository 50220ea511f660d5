import type { RateLimitState } from './credit-budget.js';

/** Miro's rate-limit headers of one response, parsed. */
export interface RateLimitInfo {
  /** `X-RateLimit-Limit`: credits per window. */
  readonly limit: number | undefined;
  /** `X-RateLimit-Remaining`: credits left in the current window. */
  readonly remaining: number | undefined;
  /** `X-RateLimit-Reset`: when the window resets. */
  readonly resetAt: Date | undefined;
}

/**
 * Miro documents `X-RateLimit-Reset` as a UNIX epoch timestamp (seconds). Other servers (and
 * proxies or mocks) send seconds-until-reset, epoch milliseconds or an HTTP date, so all are
 * accepted: values below 1e9 are a delay in seconds, below 1e12 epoch seconds, else epoch ms.
 * Returns epoch milliseconds.
 */
export function parseResetHeader(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) {
    if (n < 0) return undefined;
    if (n < 1e9) return now + n * 1000;
    if (n < 1e12) return n * 1000;
    return n;
  }
  const date = Date.parse(value);
  return Number.isFinite(date) ? date : undefined;
}

/** `Retry-After` as a delay in ms: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return n >= 0 ? n * 1000 : undefined;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function parseCount(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The budget-facing view (epoch ms); fields the response lacks are absent. */
export function rateLimitState(headers: Headers, now: number): RateLimitState {
  const limit = parseCount(headers.get('x-ratelimit-limit'));
  const remaining = parseCount(headers.get('x-ratelimit-remaining'));
  const resetAt = parseResetHeader(headers.get('x-ratelimit-reset'), now);
  return {
    ...(limit !== undefined && { limit }),
    ...(remaining !== undefined && { remaining }),
    ...(resetAt !== undefined && { resetAt }),
  };
}

export function rateLimitInfo(state: RateLimitState): RateLimitInfo {
  return {
    limit: state.limit,
    remaining: state.remaining,
    resetAt: state.resetAt === undefined ? undefined : new Date(state.resetAt),
  };
}

export function hasRateLimitState(state: RateLimitState): boolean {
  return state.limit !== undefined || state.remaining !== undefined || state.resetAt !== undefined;
}
