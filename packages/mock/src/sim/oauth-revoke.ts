import { MiroError } from './errors.js';
import { noContent, json } from './responses.js';
import { readJsonObject, type OpenRoute, type RequestContext } from './router.js';
import { findClient, tokenProblem } from './tokens.js';
import { reqString } from './validate.js';

function revoke(ctx: RequestContext, accessToken: string): boolean {
  const record = ctx.store.tokens.get(accessToken);
  if (!record || record.revoked || record.rotated) return false;
  // Revoking the access token also kills its refresh token (they share the record).
  record.revoked = true;
  ctx.store.counters.revocations += 1;
  return true;
}

/** `POST /v1/oauth/revoke?access_token=` (deprecated by Miro because the token sits in the URL). */
function revokeV1(ctx: RequestContext): Response {
  const accessToken = ctx.query.get('access_token');
  if (!accessToken) throw new MiroError(400, 'invalidParameters', 'Query parameter access_token is required');
  if (!revoke(ctx, accessToken))
    throw new MiroError(400, 'invalidToken', 'Failed to revoke token: unknown or already revoked');
  return noContent();
}

/** `POST /v2/oauth/revoke` with `{ accessToken, clientId, clientSecret }`. */
async function revokeV2(ctx: RequestContext): Promise<Response> {
  const body = await readJsonObject(ctx.request);
  const accessToken = reqString(body, 'accessToken', 'accessToken');
  const clientId = reqString(body, 'clientId', 'clientId');
  const clientSecret = reqString(body, 'clientSecret', 'clientSecret');
  const client = findClient(ctx.options, clientId);
  if (!client || client.clientSecret !== clientSecret)
    throw new MiroError(404, 'notFound', 'Failed to revoke token: wrong clientId or clientSecret');
  const record = ctx.store.tokens.get(accessToken);
  if (!record || record.clientId !== clientId || !revoke(ctx, accessToken)) {
    throw new MiroError(404, 'notFound', 'Failed to revoke token: unknown or already revoked for this client');
  }
  return noContent();
}

/** `GET /v1/oauth-token`: what a token grants, from the header or the `access_token` query. */
function tokenInfo(ctx: RequestContext): Response {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.request.headers.get('authorization') ?? '');
  const accessToken = bearer?.[1] ?? ctx.query.get('access_token');
  if (!accessToken) throw new MiroError(400, 'invalidToken', 'Invalid token provided: none was sent');
  const record = ctx.store.tokens.get(accessToken);
  const problem = tokenProblem(record, ctx.now);
  if (problem || !record) throw new MiroError(400, 'invalidToken', `Invalid token provided: ${problem}`);
  const user = ctx.store.users.get(record.userId);
  const userInfo = { type: 'user', id: record.userId, name: user?.name ?? 'Unknown user' };
  return json(200, {
    type: 'oauth_token',
    organization: { type: 'organization', id: ctx.store.organization.id, name: ctx.store.organization.name },
    team: { type: 'team', id: record.teamId, name: ctx.store.team.name },
    createdBy: userInfo,
    user: userInfo,
    scopes: record.scope.split(/\s+/).filter((s) => s !== ''),
  });
}

export const revokeRoutes: readonly OpenRoute[] = [
  { kind: 'open', method: 'POST', path: '/v1/oauth/revoke', handler: revokeV1 },
  { kind: 'open', method: 'POST', path: '/v2/oauth/revoke', handler: revokeV2 },
  { kind: 'open', method: 'GET', path: '/v1/oauth-token', handler: tokenInfo },
];
