import { DEFAULT_SCOPE } from './options.js';
import { html, redirect } from './responses.js';
import { readForm, type OpenRoute, type RequestContext } from './router.js';
import { findClient } from './tokens.js';
import { escapeMarkup } from '../view/markup.js';

const CODE_TTL_MS = 10 * 60 * 1000; // Miro: an authorization code expires 10 minutes after issue.
const FIELDS = ['response_type', 'client_id', 'redirect_uri', 'state', 'scope', 'team_id'] as const;

function errorPage(message: string): Response {
  return html(
    400,
    `<!doctype html><html><head><title>Authorization error</title></head><body><h1>Authorization error</h1><p id="error">${escapeMarkup(message)}</p></body></html>`,
  );
}

interface AuthorizeRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | null;
  readonly scope: string;
  readonly params: URLSearchParams;
}

/** Validates an authorize request; an error page when the client or redirect URI can't be trusted. */
function parse(ctx: RequestContext, params: URLSearchParams): AuthorizeRequest | Response {
  const clientId = params.get('client_id');
  if (!clientId) return errorPage('Missing client_id');
  const client = findClient(ctx.options, clientId);
  if (!client) return errorPage(`Unknown client_id ${clientId}`);
  const redirectUri = params.get('redirect_uri');
  if (!redirectUri) return errorPage('Missing redirect_uri');
  try {
    new URL(redirectUri);
  } catch {
    return errorPage(`redirect_uri ${redirectUri} is not an absolute URL`);
  }
  if (client.redirectUris && !client.redirectUris.includes(redirectUri)) {
    return errorPage(`Redirect URI mismatch: ${redirectUri} is not registered for client ${clientId}`);
  }
  const request: AuthorizeRequest = {
    clientId,
    redirectUri,
    state: params.get('state'),
    scope: params.get('scope') || client.defaultScope || DEFAULT_SCOPE,
    params,
  };
  if (params.get('response_type') !== 'code') return back(request, { error: 'unsupported_response_type' });
  return request;
}

function back(request: AuthorizeRequest, values: Record<string, string>): Response {
  const url = new URL(request.redirectUri);
  for (const [key, value] of Object.entries(values)) url.searchParams.set(key, value);
  if (request.state !== null) url.searchParams.set('state', request.state);
  return redirect(url.toString());
}

function approve(ctx: RequestContext, request: AuthorizeRequest): Response {
  const code = ctx.store.ids.token('mock_code');
  ctx.store.codes.set(code, {
    code,
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    scope: request.scope,
    userId: ctx.store.defaultUser.id,
    teamId: ctx.store.team.id,
    expiresAt: ctx.now + CODE_TTL_MS,
    used: false,
    issued: [],
  });
  ctx.store.counters.authorizations += 1;
  return back(request, { code });
}

function approvePage(request: AuthorizeRequest): Response {
  const hidden = FIELDS.map((name) => {
    const value = request.params.get(name);
    return value === null ? '' : `<input type="hidden" name="${name}" value="${escapeMarkup(value)}">`;
  }).join('');
  return html(
    200,
    `<!doctype html><html><head><title>Authorize app</title></head><body>` +
      `<h1>Install app ${escapeMarkup(request.clientId)}</h1><p>Scopes: ${escapeMarkup(request.scope)}</p>` +
      `<form method="post" action="/oauth/authorize">${hidden}` +
      `<button type="submit" id="approve" name="decision" value="approve">Approve</button> ` +
      `<button type="submit" id="deny" name="decision" value="deny">Deny</button>` +
      `</form></body></html>`,
  );
}

function showAuthorize(ctx: RequestContext): Response {
  const request = parse(ctx, ctx.query);
  if (request instanceof Response) return request;
  return ctx.options.autoApprove ? approve(ctx, request) : approvePage(request);
}

async function submitAuthorize(ctx: RequestContext): Promise<Response> {
  const form = await readForm(ctx.request);
  const request = parse(ctx, form);
  if (request instanceof Response) return request;
  if (form.get('decision') === 'deny') return back(request, { error: 'access_denied' });
  return approve(ctx, request);
}

export const authorizeRoutes: readonly OpenRoute[] = [
  { kind: 'open', method: 'GET', path: '/oauth/authorize', handler: showAuthorize },
  { kind: 'open', method: 'POST', path: '/oauth/authorize', handler: submitAuthorize },
];
