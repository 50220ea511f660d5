import { MiroTokenRequestError } from './errors.js';
import { redact } from './redact.js';
import type { TokenState } from './types.js';

export interface TokenEndpointConfig {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly fetch: typeof fetch;
  readonly timeoutMs: number;
}

export type TokenGrant =
  | { readonly grant_type: 'authorization_code'; readonly code: string; readonly redirect_uri: string }
  | { readonly grant_type: 'refresh_token'; readonly refresh_token: string };

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
  scope?: unknown;
  team_id?: unknown;
  user_id?: unknown;
  error?: unknown;
  error_description?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * POSTs a grant to `${baseUrl}/v1/oauth/token`. Everything secret (client id and secret, code,
 * refresh token) travels in the application/x-www-form-urlencoded body, never in the URL, where
 * proxies and access logs would keep it.
 */
export async function requestToken(config: TokenEndpointConfig, grant: TokenGrant, now: number): Promise<TokenState> {
  const body = new URLSearchParams({ ...grant, client_id: config.clientId, client_secret: config.clientSecret });
  const secrets = [config.clientSecret, grant.grant_type === 'refresh_token' ? grant.refresh_token : grant.code];
  const response = await send(config, `${config.baseUrl}/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: body.toString(),
  });
  const text = await response.text().catch(() => '');
  const answer = parseAnswer(text);
  if (!response.ok) {
    const oauthError = stringField(answer?.error) ?? stringField(answer?.code);
    const description = stringField(answer?.error_description) ?? stringField(answer?.message);
    const detail = [oauthError, description && redact(description, secrets).slice(0, 200)].filter(Boolean).join(': ');
    throw new MiroTokenRequestError(
      `Token endpoint refused the ${grant.grant_type} grant with HTTP ${response.status}${detail ? ` (${detail})` : ''}`,
      { status: response.status, ...(oauthError ? { oauthError } : {}) },
    );
  }
  const accessToken = stringField(answer?.access_token);
  if (!answer || !accessToken) {
    throw new MiroTokenRequestError(`Token endpoint answered HTTP ${response.status} without an access_token`, {
      status: response.status,
    });
  }
  const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : Number(answer.expires_in);
  return {
    accessToken,
    ...optional('refreshToken', stringField(answer.refresh_token)),
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresAt: now + expiresIn * 1000 } : {}),
    ...optional('scope', stringField(answer.scope)),
    ...optional('teamId', stringField(answer.team_id)),
    ...optional('miroUserId', stringField(answer.user_id)),
  };
}

/** POSTs to `${baseUrl}/v2/oauth/revoke` (JSON body, as Miro's spec defines it). */
export async function revokeAccessToken(config: TokenEndpointConfig, accessToken: string): Promise<void> {
  const response = await send(config, `${config.baseUrl}/v2/oauth/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ accessToken, clientId: config.clientId, clientSecret: config.clientSecret }),
  });
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) {
    throw new MiroTokenRequestError(`Revoke endpoint answered HTTP ${response.status}`, { status: response.status });
  }
}

/**
 * Whether a failed refresh means the grant itself is dead (revoked, expired or already used
 * refresh token) rather than a misconfigured client or an outage.
 */
export function isInvalidGrant(error: unknown): boolean {
  return (
    error instanceof MiroTokenRequestError &&
    (error.status === 400 || error.status === 401) &&
    error.oauthError !== 'invalid_client'
  );
}

async function send(config: TokenEndpointConfig, url: string, init: RequestInit): Promise<Response> {
  try {
    return await config.fetch(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs) });
  } catch (cause) {
    const reason =
      cause instanceof Error && cause.name === 'TimeoutError' ? `timed out after ${config.timeoutMs} ms` : 'failed';
    // The cause is kept for debugging; its text comes from fetch and never holds the body.
    throw new MiroTokenRequestError(`Request to ${new URL(url).origin}${new URL(url).pathname} ${reason}`, { cause });
  }
}

function parseAnswer(text: string): TokenAnswer | undefined {
  try {
    // Miro's team and user ids exceed 2^53: read them as strings before JSON.parse rounds them.
    const parsed: unknown = JSON.parse(text.replace(/"(team_id|user_id)"\s*:\s*(\d+)/g, '"$1":"$2"'));
    return parsed && typeof parsed === 'object' ? (parsed as TokenAnswer) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
