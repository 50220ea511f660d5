import { systemClock, type Clock } from './clock.js';
import type { CreditBudget } from './credit-budget.js';
import { InMemoryCreditBudget } from './in-memory-credit-budget.js';
import { createLogSink, isDebugEnv, type LogSink } from './logger.js';
import type { ServerKey } from './operation.js';
import type { AccessTokenProvider, FetchLike, MiroClientOptions } from './options.js';
import type { BackoffPolicy } from './retry.js';
import { VERSION } from './version.js';

export const DEFAULT_BASE_URL = 'https://api.miro.com';
export const DEFAULT_SCIM_BASE_URL = 'https://miro.com/api/v1/scim';
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_DELAY_MS = 60_000;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
/** Far above any response of Miro's API (its largest pages are a few megabytes). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface TokenSource {
  /** A fixed token comes back as is, sparing the call an await. */
  get(): string | Promise<string>;
  /** Present when the token comes from a function, which can be asked for a fresh one after a 401. */
  readonly refresh: ((rejectedToken: string) => Promise<string>) | undefined;
}

/** Everything a call needs, validated once per client. */
export interface ClientConfig {
  readonly baseUrls: Readonly<Record<ServerKey, string>>;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly maxResponseBytes: number;
  readonly backoff: BackoffPolicy;
  readonly budget: CreditBudget | undefined;
  readonly budgetKey: string | undefined;
  readonly log: LogSink | undefined;
  /** The `secrets` option: redacted, with the call's tokens, from every error and log line. */
  readonly secrets: readonly string[];
  /** The `headers` option, validated, with lower-case names (as a `Headers` object holds them). */
  readonly headers: Readonly<Record<string, string>>;
  /** Undefined in browsers, where custom identification headers are dropped or break CORS. */
  readonly clientId: string | undefined;
  readonly clock: Clock;
  readonly tokens: TokenSource;
}

export function resolveConfig(input: string | MiroClientOptions): ClientConfig {
  const options: MiroClientOptions = typeof input === 'string' ? { accessToken: input } : input;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('MiroApi: expected an access token string or an options object');
  }
  const clock = options.clock ?? systemClock;
  return {
    baseUrls: {
      api: checkUrl(options.baseUrl ?? DEFAULT_BASE_URL, 'baseUrl'),
      scim: checkUrl(options.scimBaseUrl ?? DEFAULT_SCIM_BASE_URL, 'scimBaseUrl'),
    },
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    timeoutMs: checkCount(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'timeoutMs'),
    maxRetries: checkCount(options.maxRetries ?? DEFAULT_MAX_RETRIES, 'maxRetries'),
    maxResponseBytes: checkPositive(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
    backoff: {
      baseDelayMs: checkCount(options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS, 'retryBaseDelayMs'),
      maxRetryDelayMs: checkCount(options.maxRetryDelayMs ?? DEFAULT_MAX_RETRY_DELAY_MS, 'maxRetryDelayMs'),
      random: options.random ?? Math.random,
    },
    budget: resolveBudget(options.budget, clock),
    budgetKey: options.budgetKey,
    log: createLogSink(options.logger, isDebugEnv()),
    secrets: checkSecrets(options.secrets),
    headers: checkHeaders(options.headers, 'headers'),
    clientId: isBrowser() ? undefined : clientId(options.userAgent),
    clock,
    tokens: tokenSource(options.accessToken),
  };
}

function resolveBudget(budget: MiroClientOptions['budget'], clock: Clock): CreditBudget | undefined {
  if (budget === false) return undefined;
  if (budget && typeof (budget as CreditBudget).acquire === 'function') return budget as CreditBudget;
  const settings = (budget ?? {}) as { limit?: number; windowMs?: number };
  return new InMemoryCreditBudget({ ...settings, clock });
}

/**
 * The one message for a token that cannot be one. Fixed, so that the token (a secret, maybe pasted
 * with a line break or a `Bearer ` prefix) never reaches an error, a log or a header.
 */
export const INVALID_TOKEN_MESSAGE =
  'MiroApi: the access token is not valid: it contains a space, a line break or another character an OAuth token cannot have (check for a trailing newline or a "Bearer " prefix); it was not sent';

/** Visible ASCII only: RFC 6750's token characters and more, never whitespace or control characters. */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;

function checkToken(token: string): string {
  if (!TOKEN_PATTERN.test(token)) throw new TypeError(INVALID_TOKEN_MESSAGE);
  return token;
}

function tokenSource(accessToken: string | AccessTokenProvider): TokenSource {
  if (typeof accessToken === 'string') {
    if (accessToken.trim() === '') throw new TypeError('MiroApi: accessToken must not be empty');
    checkToken(accessToken);
    return { get: () => accessToken, refresh: undefined };
  }
  if (typeof accessToken !== 'function') {
    throw new TypeError('MiroApi: accessToken must be a string or a function returning a token');
  }
  const checked = async (context?: Parameters<AccessTokenProvider>[0]): Promise<string> => {
    const token = await (context ? accessToken(context) : accessToken());
    if (typeof token !== 'string' || token === '') {
      throw new TypeError('MiroApi: the accessToken function returned no token');
    }
    return checkToken(token);
  };
  return {
    get: () => checked(),
    refresh: (rejectedToken) => checked({ reason: 'unauthorized', rejectedToken }),
  };
}

function checkSecrets(secrets: readonly string[] | undefined): readonly string[] {
  if (secrets === undefined) return [];
  if (!Array.isArray(secrets) || secrets.some((secret) => typeof secret !== 'string')) {
    throw new TypeError('MiroApi: secrets must be an array of strings');
  }
  return [...secrets];
}

function checkUrl(value: string, name: string): string {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new TypeError(`MiroApi: ${name} must be an absolute http(s) URL, got ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, '');
}

/** Names lower-cased, values trimmed and checked, repeated names joined: what `new Headers(headers)` does. */
function checkHeaders(headers: Readonly<Record<string, string>> | undefined, option: string): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    new Headers(headers).forEach((value, name) => {
      out[name] = value;
    });
  } catch (error) {
    throw new TypeError(`MiroApi: ${option}: ${(error as Error).message}`, { cause: error });
  }
  return out;
}

function checkCount(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`MiroApi: ${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

export function checkPositive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`MiroApi: ${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/** A browser page or worker (where `User-Agent` cannot be set and custom headers meet CORS). */
/** `User-Agent` / `X-Miro-Client`: the caller's product, then ours. */
function clientId(userAgent: string | undefined): string {
  const value = [userAgent, `miro-api-js/${VERSION}`].filter(Boolean).join(' ');
  checkHeaders({ 'user-agent': value }, 'userAgent');
  return value;
}

function isBrowser(): boolean {
  const g = globalThis as { document?: unknown; importScripts?: unknown; Deno?: unknown };
  return g.document !== undefined || (typeof g.importScripts === 'function' && g.Deno === undefined);
}
