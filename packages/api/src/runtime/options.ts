import type { Clock } from './clock.js';
import type { CreditBudget } from './credit-budget.js';
import type { Logger } from './logger.js';

/** Passed to an access-token function when Miro rejected the token it returned before. */
export interface AccessTokenContext {
  readonly reason: 'unauthorized';
  readonly rejectedToken: string;
}

/**
 * Supplies the access token for each request. Called with no argument normally; called with a
 * context once after a 401, so a token manager (@miro/auth) can refresh and hand back a new one.
 */
export type AccessTokenProvider = (context?: AccessTokenContext) => Promise<string> | string;

/** The subset of `fetch` the client uses. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface CreditBudgetSettings {
  /** Credits per window (default 100,000). */
  readonly limit?: number;
  /** Window length in ms (default 60,000). */
  readonly windowMs?: number;
}

export interface MiroClientOptions {
  readonly accessToken: string | AccessTokenProvider;
  /** Default `https://api.miro.com`. */
  readonly baseUrl?: string;
  /** Base URL of SCIM operations. Default `https://miro.com/api/v1/scim`. */
  readonly scimBaseUrl?: string;
  /** Default: the global `fetch`, looked up at call time. */
  readonly fetch?: FetchLike;
  /** Per attempt, covering the response body too. Default 30,000; 0 disables. */
  readonly timeoutMs?: number;
  /** Retries after the first attempt. Default 2. */
  readonly maxRetries?: number;
  /**
   * Largest response body read, in bytes; a larger one fails with `MiroResponseTooLargeError`
   * while it streams in. Default 32 MiB.
   */
  readonly maxResponseBytes?: number;
  /** Longest wait before any retry. A `Retry-After` asking for longer fails the call at once. Default 60,000. */
  readonly maxRetryDelayMs?: number;
  /** Backoff scale of the first retry. Default 500. */
  readonly retryBaseDelayMs?: number;
  /**
   * Client-side credit budget: an in-memory one per client by default (100,000 credits per 60 s),
   * settings for that one, a shared `CreditBudget` (e.g. Redis), or `false` to switch it off.
   */
  readonly budget?: CreditBudget | CreditBudgetSettings | false;
  /** Budget key; default a hash of the access token. Set it (e.g. to the Miro user id) to keep one budget across token refreshes. */
  readonly budgetKey?: string;
  /** Receives debug lines (requests, responses, retries), already redacted. `MIRO_DEBUG=1` also logs to the console. */
  readonly logger?: Logger;
  /**
   * Strings to keep out of every error and log line besides the access token, which is always
   * removed (e.g. your client secret, a refresh token): each is replaced by `[REDACTED]`, raw,
   * URL-encoded or JSON-escaped. Strings shorter than 4 characters are ignored.
   */
  readonly secrets?: readonly string[];
  /** Prepended to the `User-Agent` / `X-Miro-Client` value, e.g. `my-app/1.2`. */
  readonly userAgent?: string;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Time source for retry and budget waits (tests). */
  readonly clock?: Clock;
  /** Random source in [0, 1) for backoff jitter (tests). */
  readonly random?: () => number;
}

/** Options of one call; each overrides the client's setting for this call only. */
export interface RequestOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly maxRetries?: number;
  /** Overrides the client's `maxResponseBytes` for this call. */
  readonly maxResponseBytes?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** `false` sends this call without waiting on the credit budget. */
  readonly budget?: boolean;
}
