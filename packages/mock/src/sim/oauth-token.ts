import { MiroError, OAuthError } from './errors.js';
import { faultResponse, type TokenRequestRecord } from './oauth-faults.js';
import type { SimulatedClient } from './options.js';
import { json } from './responses.js';
import { readForm, type OpenRoute, type RequestContext } from './router.js';
import type { TokenRecord } from './store.js';
import { findClient, issueTokens, tokenResponse } from './tokens.js';

type Param = (name: string) => string | undefined;

function required(param: Param, name: string): string {
  const value = param(name);
  if (!value) throw new OAuthError(400, 'invalid_request', `Missing parameter ${name}`);
  return value;
}

/** Client authentication: `client_id`/`client_secret` in the body, or HTTP Basic. */
function authenticateClient(ctx: RequestContext, param: Param): SimulatedClient {
  let clientId = param('client_id');
  let secret = param('client_secret');
  const basic = /^Basic\s+(\S+)$/i.exec(ctx.request.headers.get('authorization') ?? '');
  if (basic) {
    const [id, ...rest] = Buffer.from(basic[1] as string, 'base64')
      .toString('utf8')
      .split(':');
    clientId = decodeURIComponent(id ?? '');
    secret = decodeURIComponent(rest.join(':'));
  }
  if (!clientId) throw new OAuthError(400, 'invalid_request', 'Missing parameter client_id');
  const client = findClient(ctx.options, clientId);
  if (!client) throw new OAuthError(401, 'invalid_client', `Unknown client_id ${clientId}`);
  if (!secret) throw new OAuthError(401, 'invalid_client', 'Missing client_secret: send it in the form body');
  if (secret !== client.clientSecret)
    throw new OAuthError(401, 'invalid_client', `Wrong client_secret for client ${clientId}`);
  return client;
}

function exchangeCode(ctx: RequestContext, client: SimulatedClient, param: Param): TokenRecord {
  const code = required(param, 'code');
  const record = ctx.store.codes.get(code);
  if (!record || record.clientId !== client.clientId)
    throw new OAuthError(400, 'invalid_grant', 'Unknown authorization code');
  if (record.used) {
    // A replayed code may be stolen: revoke what it issued (RFC 6749 section 4.1.2).
    for (const accessToken of record.issued) {
      const issued = ctx.store.tokens.get(accessToken);
      if (issued) issued.revoked = true;
    }
    throw new OAuthError(
      400,
      'invalid_grant',
      'Authorization code already used; the tokens issued from it are revoked',
    );
  }
  if (ctx.now >= record.expiresAt)
    throw new OAuthError(400, 'invalid_grant', 'Authorization code expired (codes last 10 minutes)');
  const redirectUri = required(param, 'redirect_uri');
  if (redirectUri !== record.redirectUri) {
    throw new OAuthError(
      400,
      'invalid_grant',
      `redirect_uri ${redirectUri} does not match the one of the authorization request (${record.redirectUri})`,
    );
  }
  record.used = true;
  const tokens = issueTokens(ctx.store, ctx.options, {
    clientId: client.clientId,
    userId: record.userId,
    teamId: record.teamId,
    scope: record.scope,
  });
  record.issued.push(tokens.accessToken);
  ctx.store.counters.codeExchanges += 1;
  return tokens;
}

/**
 * Refresh with rotation, as Miro documents it: the new pair replaces the old one, so the used refresh
 * token is refused from then on and the old access token stops working at once.
 */
function refresh(ctx: RequestContext, client: SimulatedClient, param: Param): TokenRecord {
  const refreshToken = required(param, 'refresh_token');
  const old = ctx.store.refreshTokens.get(refreshToken);
  if (!old || old.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'Unknown refresh token');
  if (old.rotated)
    throw new OAuthError(
      400,
      'invalid_grant',
      'Refresh token already used: refresh tokens rotate, use the one from the latest token response',
    );
  if (old.revoked) throw new OAuthError(400, 'invalid_grant', 'Refresh token revoked');
  if (old.refreshExpiresAt !== null && ctx.now >= old.refreshExpiresAt)
    throw new OAuthError(400, 'invalid_grant', 'Refresh token expired');
  old.rotated = true;
  const tokens = issueTokens(ctx.store, ctx.options, {
    clientId: client.clientId,
    userId: old.userId,
    teamId: old.teamId,
    scope: old.scope,
  });
  ctx.store.counters.refreshes += 1;
  return tokens;
}

/** What a token request carried, for the record of an attached `TokenEndpointFaults`. */
function describeRequest(ctx: RequestContext, param: Param): Omit<TokenRequestRecord, 'outcome'> {
  const grantType = param('grant_type');
  const refreshToken = grantType === 'refresh_token' ? param('refresh_token') : undefined;
  const reused = refreshToken !== undefined && ctx.store.refreshTokens.get(refreshToken)?.rotated === true;
  return { grantType, refreshToken, reused };
}

async function token(ctx: RequestContext): Promise<Response> {
  ctx.store.counters.tokenRequests += 1;
  const faults = ctx.options.tokenEndpointFaults;
  let seen: Omit<TokenRequestRecord, 'outcome'> = { grantType: undefined, refreshToken: undefined, reused: false };
  try {
    // The mock is stricter than Miro here on purpose: a secret in the URL ends up in logs and proxies.
    if (ctx.query.has('client_secret')) {
      throw new OAuthError(
        400,
        'invalid_request',
        'client_secret must not be sent in the URL query string; send it in the form body (application/x-www-form-urlencoded)',
      );
    }
    const form = await readForm(ctx.request);
    const param: Param = (name) => form.get(name) ?? ctx.query.get(name) ?? undefined;
    seen = describeRequest(ctx, param);
    const fault = faults?.take();
    if (fault) {
      ctx.store.counters.failedTokenRequests += 1;
      faults?.record({ ...seen, outcome: fault.kind });
      return await faultResponse(fault);
    }
    const grantType = required(param, 'grant_type');
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw new OAuthError(
        400,
        'unsupported_grant_type',
        `grant_type ${grantType} is not supported; use authorization_code or refresh_token`,
      );
    }
    const client = authenticateClient(ctx, param);
    const tokens = grantType === 'authorization_code' ? exchangeCode(ctx, client, param) : refresh(ctx, client, param);
    faults?.record({ ...seen, outcome: 'issued' });
    await faults?.issued();
    return json(200, tokenResponse(tokens, ctx.now), { 'cache-control': 'no-store' });
  } catch (error) {
    ctx.store.counters.failedTokenRequests += 1;
    faults?.record({ ...seen, outcome: 'refused' });
    if (error instanceof OAuthError) return json(error.status, error.body(), { 'cache-control': 'no-store' });
    if (error instanceof MiroError)
      return json(error.status, { ...error.body(), error: 'invalid_request', error_description: error.message });
    throw error;
  }
}

export const tokenRoutes: readonly OpenRoute[] = [
  { kind: 'open', method: 'POST', path: '/v1/oauth/token', handler: token },
];
