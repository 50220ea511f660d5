import { codeFromRequest, parseAuthorizationCode, type AuthorizationCodeRequest } from './authorization-code.js';
import {
  MiroAuthorizationRequiredError,
  MiroConfigError,
  MiroInvalidArgumentError,
  MiroTokenRequestError,
} from './errors.js';
import { MemoryTokenStorage } from './storage/memory.js';
import { unlockedHandle } from './storage/unlocked-handle.js';
import { isInvalidGrant, requestToken, revokeAccessToken, type TokenEndpointConfig } from './token-endpoint.js';
import type { Clock, ExternalUserId, LockedTokenState, Logger, TokenState, TokenStorage } from './types.js';

export const DEFAULT_BASE_URL = 'https://api.miro.com';
export const DEFAULT_AUTHORIZE_URL = 'https://miro.com/oauth/authorize';
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;
export const DEFAULT_TOKEN_REQUEST_TIMEOUT_MS = 15_000;

export interface MiroOptions {
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
  logger?: Logger;
  /** Fetch implementation for token requests (and for `as()` clients). */
  fetch?: typeof fetch;
  /** Refresh this long before the access token expires; default 60 s. */
  refreshMarginMs?: number;
  /** Abort a token or revoke request after this long; default 15 s. */
  tokenRequestTimeoutMs?: number;
  /** Current time in epoch ms; default `Date.now`. */
  now?: Clock;
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
  protected readonly logger: Logger;
  protected readonly fetchImpl: typeof fetch;
  protected readonly now: Clock;
  readonly #refreshMarginMs: number;
  readonly #endpoint: TokenEndpointConfig;
  readonly #inflight = new Map<string, Promise<string>>();

  constructor(options: MiroOptions = {}) {
    this.clientId = setting(options.clientId, 'clientId', 'MIRO_CLIENT_ID');
    const clientSecret = setting(options.clientSecret, 'clientSecret', 'MIRO_CLIENT_SECRET');
    this.redirectUrl = setting(options.redirectUrl, 'redirectUrl', 'MIRO_REDIRECT_URL');
    requireUrl('redirectUrl', this.redirectUrl);
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    requireUrl('baseUrl', this.baseUrl);
    this.authorizeUrl = options.authorizeUrl ?? DEFAULT_AUTHORIZE_URL;
    requireUrl('authorizeUrl', this.authorizeUrl);
    this.logger = options.logger ?? {};
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.now = options.now ?? Date.now;
    this.#refreshMarginMs = nonNegative('refreshMarginMs', options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS);
    // Without a logger the warning still has to reach someone: the console, once per process.
    this.storage = options.storage ?? new MemoryTokenStorage({ logger: options.logger ?? consoleWarnOnce });
    this.#endpoint = {
      baseUrl: this.baseUrl,
      clientId: this.clientId,
      clientSecret,
      fetch: this.fetchImpl,
      timeoutMs: nonNegative(
        'tokenRequestTimeoutMs',
        options.tokenRequestTimeoutMs ?? DEFAULT_TOKEN_REQUEST_TIMEOUT_MS,
      ),
    };
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
   * Exchanges the code from the redirect (the full redirect URL or the bare code) for tokens,
   * stores them for `userId`, and returns the access token.
   */
  async exchangeCodeForAccessToken(userId: ExternalUserId, urlOrCode: string): Promise<string> {
    const id = userKey(userId);
    const code = parseAuthorizationCode(urlOrCode);
    const state = await requestToken(
      this.#endpoint,
      { grant_type: 'authorization_code', code, redirect_uri: this.redirectUrl },
      this.now(),
    );
    await this.storage.set(id, state);
    this.logger.info?.('@miro/auth: stored new tokens after authorization', { userId: id });
    return state.accessToken;
  }

  /** Reads the code from the redirect request (Node `IncomingMessage` or Fetch `Request`) and exchanges it. */
  async handleAuthorizationCodeRequest(userId: ExternalUserId, req: AuthorizationCodeRequest): Promise<void> {
    await this.exchangeCodeForAccessToken(userId, codeFromRequest(req));
  }

  /** True when tokens are stored for the user (an expired access token still counts: it refreshes). */
  async isAuthorized(userId: ExternalUserId): Promise<boolean> {
    return Boolean((await this.storage.get(userKey(userId)))?.accessToken);
  }

  /** A valid access token for the user, refreshed first when it expires within the margin. */
  async getAccessToken(userId: ExternalUserId): Promise<string> {
    return this.tokenFor(userKey(userId));
  }

  /** Revokes the user's tokens at Miro and deletes them from the store. */
  async revokeToken(userId: ExternalUserId): Promise<void> {
    const id = userKey(userId);
    let accessToken: string;
    try {
      accessToken = await this.tokenFor(id);
    } catch (error) {
      if (error instanceof MiroAuthorizationRequiredError) return; // nothing valid left to revoke
      throw error;
    }
    try {
      await revokeAccessToken(this.#endpoint, accessToken);
    } catch (error) {
      // 400/401: Miro no longer knows the token, which is what revoking wanted.
      const gone = error instanceof MiroTokenRequestError && (error.status === 400 || error.status === 401);
      if (!gone) throw error;
    }
    await this.storage.delete(id);
    this.logger.info?.('@miro/auth: revoked and deleted tokens', { userId: id });
  }

  /**
   * The token provider handed to API clients: a valid token, or after a 401 (`context`) a
   * refreshed one, unless the store already holds a token other than the rejected one.
   */
  protected tokenFor(id: string, context?: TokenRequestContext): Promise<string> {
    return this.#tokenFor(id, context?.reason === 'unauthorized' ? context.rejectedToken : undefined);
  }

  async #tokenFor(id: string, rejectedToken: string | undefined): Promise<string> {
    const state = await this.storage.get(id);
    if (!state) throw new MiroAuthorizationRequiredError(id, 'no tokens are stored for this user');
    if (!this.#needsRefresh(state, rejectedToken)) return state.accessToken;
    const running = this.#inflight.get(id);
    if (running) {
      const token = await running;
      // The refresh we joined may have found the very token that was rejected: force one more.
      return token === rejectedToken ? this.#startRefresh(id, rejectedToken) : token;
    }
    return this.#startRefresh(id, rejectedToken);
  }

  #startRefresh(id: string, rejectedToken: string | undefined): Promise<string> {
    const existing = this.#inflight.get(id);
    if (existing) return existing;
    const run = (locked: LockedTokenState) => this.#refreshLocked(id, locked, rejectedToken);
    const refresh = (
      this.storage.withRefreshLock ? this.storage.withRefreshLock(id, run) : run(unlockedHandle(this.storage, id))
    ).finally(() => this.#inflight.delete(id));
    this.#inflight.set(id, refresh);
    return refresh;
  }

  async #refreshLocked(id: string, locked: LockedTokenState, rejectedToken: string | undefined): Promise<string> {
    // Re-read under the lock: another process may have refreshed while we waited for it.
    const state = await locked.get();
    if (!state) throw new MiroAuthorizationRequiredError(id, 'no tokens are stored for this user');
    if (!this.#needsRefresh(state, rejectedToken)) {
      this.logger.debug?.('@miro/auth: tokens were refreshed by another holder of the lock', { userId: id });
      return state.accessToken;
    }
    if (!state.refreshToken) {
      await locked.delete();
      const why = rejectedToken === undefined ? 'the access token expired' : 'Miro rejected the access token';
      throw new MiroAuthorizationRequiredError(id, `${why} and there is no refresh token`);
    }
    let next: TokenState;
    try {
      next = await requestToken(
        this.#endpoint,
        { grant_type: 'refresh_token', refresh_token: state.refreshToken },
        this.now(),
      );
    } catch (error) {
      if (!isInvalidGrant(error)) throw error;
      // A store without a lock may have been updated by another process meanwhile: keep its tokens.
      const current = await locked.get();
      if (current && current.refreshToken !== state.refreshToken && !this.#needsRefresh(current, rejectedToken)) {
        return current.accessToken;
      }
      await locked.delete();
      this.logger.warn?.('@miro/auth: Miro refused the refresh token; deleted the stored tokens', { userId: id });
      throw new MiroAuthorizationRequiredError(
        id,
        'Miro refused the refresh token (invalid_grant); the stored tokens were deleted',
        {
          cause: error,
        },
      );
    }
    const merged: TokenState = {
      ...next,
      refreshToken: next.refreshToken ?? state.refreshToken,
      ...((next.teamId ?? state.teamId) ? { teamId: next.teamId ?? state.teamId } : {}),
      ...((next.miroUserId ?? state.miroUserId) ? { miroUserId: next.miroUserId ?? state.miroUserId } : {}),
      ...((next.scope ?? state.scope) ? { scope: next.scope ?? state.scope } : {}),
    };
    // Stored before it is returned: the old refresh token is spent, so losing the new one logs the user out.
    await locked.set(merged);
    this.logger.info?.('@miro/auth: refreshed the access token', { userId: id });
    return merged.accessToken;
  }

  #needsRefresh(state: TokenState, rejectedToken: string | undefined): boolean {
    if (rejectedToken !== undefined && state.accessToken === rejectedToken) return true;
    return state.expiresAt !== undefined && this.now() >= state.expiresAt - this.#refreshMarginMs;
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

function requireUrl(option: string, value: string): void {
  if (!URL.canParse(value)) throw new MiroConfigError(`Miro: ${option} is not a valid absolute URL: "${value}"`);
}

function nonNegative(option: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new MiroConfigError(`Miro: ${option} must be a non-negative number of milliseconds, got ${String(value)}`);
  }
  return value;
}

/** The store key of a user id (the official client accepts numbers too). */
export function userKey(userId: ExternalUserId): string {
  if ((typeof userId !== 'string' && typeof userId !== 'number') || String(userId) === '') {
    throw new MiroInvalidArgumentError('userId must be a non-empty string or a number');
  }
  return String(userId);
}
