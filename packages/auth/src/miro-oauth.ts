import { type Clock, DEFAULT_BASE_URL, type Logger } from '@miro/api';
import { callbackUrl, codeForState, type AuthorizationCodeRequest } from './authorization-code.js';
import { checkUrlOption, nonNegativeMs } from './config-checks.js';
import { DEFAULT_TOKEN_REQUEST_TIMEOUT_MS, LEASE_MARGIN_MS } from './defaults.js';
import { MiroConfigError } from './errors.js';
import { logLine, type LogLine } from './log.js';
import { MemoryTokenStorage } from './storage/memory.js';
import { requestToken, type TokenEndpointConfig } from './token-endpoint.js';
import { TokenKeeper } from './token-keeper.js';
import type { ExternalUserId, TokenStorage } from './types.js';
import { toUserId } from './user-id.js';
import { verifyWebSdkToken, type WebSdkTokenClaims, type WebSdkTokenOptions } from './web-sdk-token.js';

export { DEFAULT_TOKEN_REQUEST_TIMEOUT_MS };
export const DEFAULT_AUTHORIZE_URL = 'https://miro.com/oauth/authorize';
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

export interface MiroOAuthOptions {
  /** App's client id; default `process.env.MIRO_CLIENT_ID`. */
  clientId?: string;
  /** App's client secret; default `process.env.MIRO_CLIENT_SECRET`. */
  clientSecret?: string;
  /** Redirect URL registered for the app; default `process.env.MIRO_REDIRECT_URL`. */
  redirectUrl?: string;
  /** Where tokens are kept; default an in-memory store (with a warning: not for production). */
  storage?: TokenStorage;
  /** REST API and token endpoint origin; default `https://api.miro.com`. */
  baseUrl?: string;
  /** Where users are sent to authorize; default `https://miro.com/oauth/authorize`. */
  authorizeUrl?: string;
  /**
   * Accept plain `http:` URLs on any host for `redirectUrl`, `baseUrl` and `authorizeUrl` (test
   * setups with a mock on another machine). Without it, `http:` is accepted on loopback hosts only.
   */
  allowInsecureUrls?: boolean;
  /** `@miro/api`'s logger: an object with level methods (`console` fits) or a function. */
  logger?: Logger;
  /** Fetch implementation for token requests (and for `as()` clients). */
  fetch?: typeof fetch;
  /** Refresh this long before the access token expires; default 60 s. */
  refreshMarginMs?: number;
  /** Abort a token or revoke request after this long; default 15 s; 0: no timeout. */
  tokenRequestTimeoutMs?: number;
  /** `@miro/api`'s clock; its `now()` decides expiry. Default: the system clock. */
  clock?: Clock;
}

/** Why the API client asks for a token again: Miro answered 401 to `rejectedToken`. */
export interface TokenRequestContext {
  readonly reason: 'unauthorized';
  readonly rejectedToken: string;
}

/**
 * Miro OAuth 2.0 for one app and many users: authorization URL, code exchange, tokens kept in a
 * `TokenStorage`, refreshed ahead of expiry and once after a 401, one refresh at a time per user
 * (in this process, and across processes when the store has a refresh lock).
 */
export class MiroOAuth {
  readonly clientId: string;
  readonly redirectUrl: string;
  readonly storage: TokenStorage;
  protected readonly baseUrl: string;
  protected readonly authorizeUrl: string;
  protected readonly logger: Logger | undefined;
  protected readonly fetchImpl: typeof fetch;
  protected readonly clock: Pick<Clock, 'now'>;
  readonly #clientSecret: string;
  readonly #endpoint: TokenEndpointConfig;
  readonly #log: LogLine;
  readonly #keeper: TokenKeeper;

  constructor(options: MiroOAuthOptions = {}) {
    const insecure = options.allowInsecureUrls === true;
    this.clientId = setting(options.clientId, 'clientId', 'MIRO_CLIENT_ID');
    this.#clientSecret = setting(options.clientSecret, 'clientSecret', 'MIRO_CLIENT_SECRET');
    this.redirectUrl = checkUrlOption(
      'redirectUrl',
      setting(options.redirectUrl, 'redirectUrl', 'MIRO_REDIRECT_URL'),
      insecure,
    );
    this.baseUrl = checkUrlOption('baseUrl', options.baseUrl ?? DEFAULT_BASE_URL, insecure).replace(/\/+$/, '');
    this.authorizeUrl = checkUrlOption('authorizeUrl', options.authorizeUrl ?? DEFAULT_AUTHORIZE_URL, insecure);
    this.logger = options.logger;
    this.#log = logLine(options.logger);
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.clock = options.clock ?? { now: () => Date.now() };
    const refreshMarginMs = nonNegativeMs('refreshMarginMs', options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS);
    const timeoutMs = nonNegativeMs(
      'tokenRequestTimeoutMs',
      options.tokenRequestTimeoutMs ?? DEFAULT_TOKEN_REQUEST_TIMEOUT_MS,
    );
    // Without a logger the warning still has to reach someone: the console, once per process.
    this.storage = options.storage ?? new MemoryTokenStorage({ logger: options.logger ?? consoleWarnOnce });
    this.#endpoint = {
      baseUrl: this.baseUrl,
      clientId: this.clientId,
      clientSecret: this.#clientSecret,
      fetch: this.fetchImpl,
      timeoutMs,
    };
    this.#keeper = new TokenKeeper({
      storage: this.storage,
      endpoint: this.#endpoint,
      log: this.#log,
      clock: this.clock,
      refreshMarginMs,
      // The lease outlasts the token request, so a live holder's request ends before its lease can.
      leaseMs: timeoutMs > 0 ? timeoutMs + LEASE_MARGIN_MS : undefined,
    });
  }

  /** The URL to send a user to so they install and authorize the app. */
  getAuthUrl(state?: string, teamId?: string): string {
    const url = new URL(this.authorizeUrl);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('client_id', this.clientId);
    url.searchParams.set('redirect_uri', this.redirectUrl);
    if (state !== undefined) url.searchParams.set('state', state);
    if (teamId !== undefined) url.searchParams.set('team_id', teamId);
    return url.toString();
  }

  /**
   * Exchanges the code of the redirect for tokens, stores them for `userId`, and returns the access
   * token. `redirectUrl` is the whole redirect URL (`...?code=...&state=...`): its `state` must be
   * `expectedState`, the state this session sent to `getAuthUrl`, or nothing is exchanged.
   */
  async exchangeCodeForAccessToken(
    userId: ExternalUserId,
    redirectUrl: string,
    expectedState: string,
  ): Promise<string> {
    const id = toUserId(userId);
    const code = codeForState(redirectUrl, expectedState);
    const state = await requestToken(
      this.#endpoint,
      { grant_type: 'authorization_code', code, redirect_uri: this.redirectUrl },
      this.clock.now(),
    );
    await this.#keeper.keepLogin(id, state);
    return state.accessToken;
  }

  /** Reads the redirect from the callback request (Node `IncomingMessage` or Fetch `Request`) and exchanges it. */
  async handleAuthorizationCodeRequest(
    userId: ExternalUserId,
    req: AuthorizationCodeRequest,
    expectedState: string,
  ): Promise<void> {
    await this.exchangeCodeForAccessToken(userId, callbackUrl(req), expectedState);
  }

  /** True when tokens are kept for the user (an expired access token still counts: it refreshes). */
  async isAuthorized(userId: ExternalUserId): Promise<boolean> {
    return this.#keeper.isAuthorized(toUserId(userId));
  }

  /** A valid access token for the user, refreshed first when it expires within the margin. */
  async getAccessToken(userId: ExternalUserId): Promise<string> {
    return this.#keeper.accessToken(toUserId(userId), undefined);
  }

  /** Revokes the stored access token at Miro (without refreshing it first) and deletes the tokens. */
  async revokeToken(userId: ExternalUserId): Promise<void> {
    await this.#keeper.revoke(toUserId(userId));
  }

  /**
   * Stores now the tokens kept in memory because the store could not take them (they are retried
   * in the background anyway); resolves with how many users' tokens are still only in memory. Call
   * it before a planned shutdown: tokens still in memory when the process ends are lost.
   */
  flushTokens(): Promise<number> {
    return this.#keeper.flush();
  }

  /**
   * Verifies a token from the Web SDK (`miro.board.getIdToken()` in the app's board iframe) with
   * this app's client secret, and that it was made for this app; see `verifyWebSdkToken`.
   */
  verifyWebSdkToken(
    token: string,
    options: Omit<WebSdkTokenOptions, 'clientSecret' | 'clientId'> = {},
  ): Promise<WebSdkTokenClaims> {
    return verifyWebSdkToken(token, {
      clock: this.clock,
      ...options,
      clientSecret: this.#clientSecret,
      clientId: this.clientId,
    });
  }

  /**
   * The token provider handed to API clients: a valid token, or after a 401 (`context`) a
   * refreshed one, unless the store already holds a token other than the rejected one.
   */
  protected tokenFor(id: string, context?: TokenRequestContext): Promise<string> {
    return this.#keeper.accessToken(id, context?.reason === 'unauthorized' ? context.rejectedToken : undefined);
  }
}

let warnedOnConsole = false;
const consoleWarnOnce: Logger = {
  warn: (message) => {
    if (warnedOnConsole) return;
    warnedOnConsole = true;
    console.warn(message);
  },
};

function setting(value: string | undefined, option: string, envName: string): string {
  const resolved = value ?? (typeof process === 'undefined' ? undefined : process.env[envName]);
  if (!resolved) throw new MiroConfigError(`Miro: ${option} is missing: pass options.${option} or set ${envName}`);
  return resolved;
}
