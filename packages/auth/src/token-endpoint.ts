import { parseRetryAfter, redact } from '@miro/api';
import { MiroTokenRequestError } from './errors.js';
import { optionalField } from './optional-field.js';
import type { TokenState } from './types.js';

export interface TokenEndpointConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch: typeof fetch;
  /** 0: no timeout, as in `@miro/api`. */
  readonly timeoutMs: number;
}

export type TokenGrant =
  | { readonly grant_type: 'authorization_code'; readonly code: string; readonly redirect_uri: string }
  | { readonly grant_type: 'refresh_token'; readonly refresh_token: string };

/** RFC 6749 sections 4.1.2.1 and 5.2, RFC 7009 section 2.2.1: the only `error` values echoed back. */
const OAUTH_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'unsupported_response_type',
  'server_error',
  'temporarily_unavailable',
  'unsupported_token_type',
]);

/** OAuth errors that say the server is briefly unable, not that the request is wrong. */
const TRANSIENT_OAUTH_ERRORS = new Set(['server_error', 'temporarily_unavailable']);

/** More than any token answer; a larger body is cut there (it is an error page, not tokens). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs a grant to `${baseUrl}/v1/oauth/token`. Everything secret (client id and secret, code,
 * refresh token) travels in the application/x-www-form-urlencoded body, never in the URL, where
 * proxies and access logs would keep it. Redirects are never followed.
 */
export async function requestToken(config: TokenEndpointConfig, grant: TokenGrant, now: number): Promise<TokenState> {
  const body = new URLSearchParams({ ...grant, client_id: config.clientId, client_secret: config.clientSecret });
  const secrets = [config.clientSecret, grant.grant_type === 'refresh_token' ? grant.refresh_token : grant.code];
  const response = await send(config, '/v1/oauth/token', secrets, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
  });
  const text = await readCapped(response);
  if (!response.ok) throw refusal(`Token endpoint refused the ${grant.grant_type} grant`, response, text, secrets, now);
  const answer = parseObject(text);
  const accessToken = stringField(answer?.access_token);
  if (!answer || !accessToken) {
    throw new MiroTokenRequestError(
      `Token endpoint answered HTTP ${response.status} without an access_token (${describeBody(response, text)})`,
      { status: response.status, retryable: true },
    );
  }
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : Number(answer.expires_in);
  return {
    accessToken,
    ...optionalField('refreshToken', stringField(answer.refresh_token)),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now + expiresIn * 1000 } : {}),
    ...optionalField('scope', stringField(answer.scope)),
    ...optionalField('teamId', stringField(answer.team_id)),
    ...optionalField('miroUserId', stringField(answer.user_id)),
  };
}

/** What became of a revoke request that got an answer. */
export type RevokeOutcome = 'revoked' | 'unknown-token';

/**
 * POSTs to `${baseUrl}/v2/oauth/revoke` (JSON body, as Miro's spec defines it). A 400, 401 or 404
 * means Miro no longer knows the token (expired, already revoked), which is what revoking wanted.
 */
export async function revokeAccessToken(config: TokenEndpointConfig, accessToken: string): Promise<RevokeOutcome> {
  const secrets = [config.clientSecret, accessToken];
  const response = await send(config, '/v2/oauth/revoke', secrets, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ accessToken, clientId: config.clientId, clientSecret: config.clientSecret }),
  });
  const text = await readCapped(response);
  if (response.ok) return 'revoked';
  if (response.status === 400 || response.status === 401 || response.status === 404) return 'unknown-token';
  throw refusal('Revoke endpoint failed', response, text, secrets, Date.now());
}

/** Only an explicit `invalid_grant` means the grant is dead (RFC 6749 section 5.2). */
export function isInvalidGrant(error: unknown): boolean {
  return error instanceof MiroTokenRequestError && error.oauthError === 'invalid_grant';
}

async function send(
  config: TokenEndpointConfig,
  path: string,
  secrets: readonly string[],
  init: RequestInit,
): Promise<Response> {
  const endpoint = `${config.baseUrl}${path}`;
  let response: Response;
  try {
    response = await config.fetch(endpoint, {
      ...init,
      redirect: 'manual',
      ...(config.timeoutMs > 0 ? { signal: AbortSignal.timeout(config.timeoutMs) } : {}),
    });
  } catch (cause) {
    const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
    throw new MiroTokenRequestError(
      `Request to ${endpoint} ${timedOut ? `timed out after ${config.timeoutMs} ms` : 'failed: no answer'}`,
      { retryable: true, cause: redactedError(cause, secrets) },
    );
  }
  // A redirect would carry the client secret and the grant to wherever it points, and bring back
  // tokens from there: it is refused, and nothing is sent on.
  if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect') {
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    throw new MiroTokenRequestError(
      `${endpoint} answered HTTP ${response.status} redirecting to ${location ? describeLocation(location, endpoint) : 'a hidden location'}; token requests never follow redirects, so nothing was sent there`,
      { status: response.status, retryable: false },
    );
  }
  if (response.redirected) {
    await response.body?.cancel().catch(() => undefined);
    throw new MiroTokenRequestError(
      `The fetch implementation followed a redirect from ${endpoint} (it ignored redirect: 'manual'); its answer is refused`,
      { status: response.status, retryable: false },
    );
  }
  return response;
}

function refusal(
  what: string,
  response: Response,
  text: string,
  secrets: readonly string[],
  now: number,
): MiroTokenRequestError {
  const answer = parseObject(text);
  const rawError = stringField(answer?.error);
  const oauthError = rawError !== undefined && OAUTH_ERRORS.has(rawError) ? rawError : undefined;
  let detail: string;
  if (oauthError) {
    const description = stringField(answer?.error_description);
    detail = description ? `${oauthError}: ${redact(description, secrets).slice(0, 200)}` : oauthError;
  } else {
    detail = rawError === undefined ? describeBody(response, text) : 'an error code that is not an OAuth error code';
  }
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  // An OAuth error code says the request was understood and refused as sent: retrying changes
  // nothing. Anything else (rate limit, outage, a proxy's page) may pass later.
  const retryable = oauthError === undefined ? true : TRANSIENT_OAUTH_ERRORS.has(oauthError);
  return new MiroTokenRequestError(`${what} with HTTP ${status} (${detail})`, {
    status,
    retryable: retryable || status === 429 || status >= 500,
    ...(oauthError ? { oauthError } : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

function describeBody(response: Response, text: string): string {
  if (text.trim() === '') return 'an empty body';
  const type = /^[\w.+-]+\/[\w.+-]+/.exec(response.headers.get('content-type') ?? '')?.[0];
  return `a ${type ?? 'untyped'} body that is not an OAuth answer`;
}

/** Origin and path of a redirect target; its query may carry anything and is left out. */
function describeLocation(location: string, base: string): string {
  try {
    const url = new URL(location, base);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'an unreadable location';
  }
}

/** A copy of a transport error with every secret removed from its messages, causes included. */
function redactedError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!(error instanceof Error) || depth > 3)
    return error instanceof Error ? undefined : redact(String(error), secrets);
  const copy = new Error(redact(error.message, secrets), {
    cause: error.cause === undefined ? undefined : redactedError(error.cause, secrets, depth + 1),
  });
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.assign(copy, { code });
  return copy;
}

async function readCapped(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size >= MAX_ANSWER_BYTES) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch {
    // A body cut off mid-way reads as what arrived; an answer without its end is not tokens.
  }
  return Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES).toString('utf8');
}

type Answer = Record<string, unknown>;

function parseObject(text: string): Answer | undefined {
  try {
    // Miro's team and user ids exceed 2^53: read them as strings before JSON.parse rounds them.
    const parsed: unknown = JSON.parse(text.replace(/"(team_id|user_id)"\s*:\s*(\d+)/g, '"$1":"$2"'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Answer) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
