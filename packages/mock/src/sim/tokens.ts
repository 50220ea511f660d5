import { MiroError } from './errors.js';
import type { ResolvedOptions, SimulatedClient } from './options.js';
import type { Store, TokenRecord } from './store.js';

export interface IssueTokenInput {
  readonly clientId: string;
  readonly userId: string;
  readonly teamId: string;
  readonly scope: string;
  /** Overrides the access token's lifetime; `null` never expires. */
  readonly expiresInSeconds?: number | null | undefined;
  readonly accessToken?: string | undefined;
}

/** Mints an access/refresh token pair. */
export function issueTokens(store: Store, options: ResolvedOptions, input: IssueTokenInput): TokenRecord {
  const now = options.now();
  const ttl = input.expiresInSeconds === undefined ? options.accessTokenTtlSeconds : input.expiresInSeconds;
  const record: TokenRecord = {
    accessToken: input.accessToken ?? store.ids.token('mock_at'),
    refreshToken: store.ids.token('mock_rt'),
    clientId: input.clientId,
    userId: input.userId,
    teamId: input.teamId,
    scope: input.scope,
    issuedAt: now,
    expiresAt: ttl === null ? null : now + ttl * 1000,
    refreshExpiresAt: now + options.refreshTokenTtlSeconds * 1000,
    revoked: false,
    rotated: false,
  };
  store.tokens.set(record.accessToken, record);
  if (record.refreshToken) store.refreshTokens.set(record.refreshToken, record);
  return record;
}

/** Body of a successful token response, in Miro's shape. */
export function tokenResponse(record: TokenRecord, now: number): Record<string, unknown> {
  const body: Record<string, unknown> = {
    access_token: record.accessToken,
    token_type: 'bearer',
    scope: record.scope,
    user_id: record.userId,
    team_id: record.teamId,
  };
  if (record.refreshToken) body.refresh_token = record.refreshToken;
  if (record.expiresAt !== null) body.expires_in = Math.round((record.expiresAt - now) / 1000);
  return body;
}

/** Why a token cannot be used now, or `undefined` when it can. */
export function tokenProblem(record: TokenRecord | undefined, now: number): string | undefined {
  if (!record) return 'The access token is not valid';
  if (record.rotated) return 'The access token was replaced: its refresh token has been exchanged for a new pair';
  if (record.revoked) return 'The access token has been revoked';
  if (record.expiresAt !== null && now >= record.expiresAt) return 'The access token has expired';
  return undefined;
}

function unauthorized(code: string, message: string): MiroError {
  return new MiroError(401, code, message, undefined, {
    'www-authenticate': `Bearer realm="miro", error="invalid_token", error_description="${message}"`,
  });
}

/** The token of an API request (`Authorization: Bearer`), or a 401 that says what was wrong. */
export function authenticate(store: Store, request: Request, now: number): TokenRecord {
  const header = request.headers.get('authorization');
  if (!header) throw unauthorized('tokenNotProvided', 'No access token: send it as "Authorization: Bearer <token>"');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('tokenNotProvided', 'The Authorization header must be "Bearer <token>"');
  const record = store.tokens.get(match[1] as string);
  const problem = tokenProblem(record, now);
  if (problem) throw unauthorized(record && problem.includes('expired') ? 'tokenExpired' : 'tokenNotFound', problem);
  return record as TokenRecord;
}

/** The scopes a board request needs by default: reads `boards:read`, writes `boards:write`. */
export function boardScopes(method: string): readonly string[] {
  return [method === 'GET' ? 'boards:read' : 'boards:write'];
}

/** 403 unless the token carries every scope in `needed`. */
export function checkScope(record: TokenRecord, needed: readonly string[]): void {
  const granted = record.scope.split(/\s+/);
  const missing = needed.filter((scope) => !granted.includes(scope));
  if (missing.length > 0) {
    throw new MiroError(
      403,
      'insufficientPermissions',
      `This request needs the ${missing.join(' and ')} scope${missing.length > 1 ? 's' : ''}; the token has "${record.scope}"`,
    );
  }
}

export function findClient(options: ResolvedOptions, clientId: string): SimulatedClient | undefined {
  return options.clients.find((c) => c.clientId === clientId);
}
