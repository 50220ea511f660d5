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

/**
 * `Retry-After` as a delay in ms: delta-seconds (digits only) or an HTTP-date (RFC 9110 §10.2.3);
 * anything else (`1e9`, `0x10`, `1.5`, `-1`) is undefined. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = parseHttpDate(value, now);
  return date === undefined ? undefined : Math.max(0, date - now);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';
/** `Sun, 06 Nov 1994 08:49:37 GMT` */
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete) */
const RFC850_DATE = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`,
);
/** `Sun Nov  6 08:49:37 1994` (obsolete, C's asctime) */
const ASCTIME_DATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ( \\d|\\d{2}) ${TIME} (\\d{4})$`);

/**
 * An HTTP-date in any of its three formats (RFC 9110 §5.6.7), as epoch ms; undefined for anything
 * else, including impossible dates. A two-digit year more than 50 years ahead of `now` is read as
 * the century before, as the RFC asks.
 */
export function parseHttpDate(value: string, now: number): number | undefined {
  let day: string | undefined;
  let month: string | undefined;
  let year: number;
  let time: (string | undefined)[];
  let match: RegExpExecArray | null;
  if ((match = IMF_FIXDATE.exec(value))) {
    [, day, month] = match;
    year = Number(match[3]);
    time = match.slice(4, 7);
  } else if ((match = RFC850_DATE.exec(value))) {
    [, day, month] = match;
    const thisYear = new Date(now).getUTCFullYear();
    year = Math.floor(thisYear / 100) * 100 + Number(match[3]);
    if (year > thisYear + 50) year -= 100;
    time = match.slice(4, 7);
  } else if ((match = ASCTIME_DATE.exec(value))) {
    [, month, day] = match;
    year = Number(match[6]);
    time = match.slice(3, 6);
  } else {
    return undefined;
  }
  const [hours, minutes, seconds] = time.map(Number) as [number, number, number];
  const monthIndex = MONTHS.indexOf(month ?? '');
  const date = Number(day);
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const dayStart = Date.UTC(year, monthIndex, date);
  // Date.UTC rolls 31 Feb over into March: such a date is not one.
  if (new Date(dayStart).getUTCDate() !== date) return undefined;
  return dayStart + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * When the server says the call may be tried again, as epoch ms: `Retry-After` on a 429 or 5xx,
 * else `X-RateLimit-Reset` on a 429.
 */
export function retryAtOf(status: number, headers: Headers, now: number): number | undefined {
  if (status !== 429 && status < 500) return undefined;
  const retryAfter = parseRetryAfter(headers.get('retry-after'), now);
  if (retryAfter !== undefined) return now + retryAfter;
  return status === 429 ? parseResetHeader(headers.get('x-ratelimit-reset'), now) : undefined;
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
