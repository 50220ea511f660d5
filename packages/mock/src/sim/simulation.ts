import { boardExportRoutes, exportArtifactRoutes } from './board-exports.js';
import { boardRoutes } from './boards.js';
import { CreditLedger } from './budget.js';
import { connectorRoutes } from './connectors.js';
import { dataClassificationRoutes } from './data-classification.js';
import { MiroError } from './errors.js';
import { genericItemRoutes } from './generic-items.js';
import { groupRoutes } from './groups.js';
import { bulkRoutes } from './bulk.js';
import { itemRoutes } from './items.js';
import { uploadResourceRoutes } from './uploads.js';
import { memberRoutes } from './members.js';
import { mindmapRoutes } from './mindmaps.js';
import { authorizeRoutes } from './oauth-authorize.js';
import { revokeRoutes } from './oauth-revoke.js';
import { tokenRoutes } from './oauth-token.js';
import { boardViewRoutes } from '../view/routes.js';
import { DEFAULT_SCOPE, resolveOptions, type MiroSimulationOptions, type ResolvedOptions } from './options.js';
import { creditsFor } from './pricing.js';
import { CORS_HEADERS, json, withHeaders } from './responses.js';
import { matchRoute, pathKnown, type ApiContext, type ApiRoute, type RequestContext, type Route } from './router.js';
import { Store, type RequestLogEntry, type SimulationCounters } from './store.js';
import { organizationRoutes } from './organizations.js';
import {
  boardSnapshot,
  type BoardSnapshot,
  type ExportJobSnapshot,
  exportJobSnapshots,
  type OrganizationSnapshot,
  organizationSnapshot,
  type TeamSnapshot,
  teamSnapshots,
  type UserGroupSnapshot,
  userGroupSnapshots,
} from './snapshot.js';
import { tagRoutes } from './tags.js';
import { teamRoutes } from './teams.js';
import { authenticate, boardScopes, checkScope, issueTokens } from './tokens.js';
import { userGroupRoutes } from './user-groups.js';

// Order matters only where paths overlap for one method: `/groups/items` before `/groups/:groupId`
// (inside groupRoutes); no two lists overlap.
export const ROUTES: readonly Route[] = [
  ...authorizeRoutes,
  ...tokenRoutes,
  ...revokeRoutes,
  ...boardRoutes,
  ...itemRoutes,
  ...bulkRoutes,
  ...uploadResourceRoutes,
  ...genericItemRoutes,
  ...connectorRoutes,
  ...tagRoutes,
  ...memberRoutes,
  ...boardViewRoutes,
  ...groupRoutes,
  ...mindmapRoutes,
  ...organizationRoutes,
  ...teamRoutes,
  ...dataClassificationRoutes,
  ...userGroupRoutes,
  ...boardExportRoutes,
  ...exportArtifactRoutes,
];

export interface IssueTokenOptions {
  /** Use this exact access token string (e.g. a fixed token for a test). */
  readonly accessToken?: string;
  readonly clientId?: string;
  /** The user the token acts as; default the simulation's demo user. */
  readonly userId?: string;
  readonly scope?: string;
  /** Lifetime; default `accessTokenTtlSeconds`; `null` never expires. */
  readonly expiresInSeconds?: number | null;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  /** Epoch milliseconds, `null` when it never expires. */
  readonly expiresAt: number | null;
  readonly userId: string;
}

export interface TokenSummary extends IssuedToken {
  readonly clientId: string;
  readonly scope: string;
  /** Usable now: not expired, revoked or replaced by a refresh. */
  readonly active: boolean;
}

/** Read-only views of the simulation's state for assertions in tests. */
export interface SimulationState {
  /** A snapshot of the counters (token requests, refreshes, API requests, 429s...). */
  readonly counters: Readonly<SimulationCounters>;
  /** Recent requests (the last 10,000), oldest first. */
  readonly requests: readonly RequestLogEntry[];
  readonly defaultUser: { readonly id: string; readonly name: string; readonly email: string };
  /** The demo team, where boards go unless a request names another. */
  readonly team: { readonly id: string; readonly name: string };
  /** The demo organization (Enterprise plan; the demo user is its Company Admin), its members and labels. */
  readonly organization: OrganizationSnapshot;
  boardIds(): string[];
  /** Items on a board (connectors not included); throws for an unknown board. */
  itemCount(boardId: string): number;
  /**
   * A copy of a board with everything on it (items, connectors, tags, members, groups, mind map nodes, uploaded
   * files); what the board view draws. `undefined` for an unknown board.
   */
  board(boardId: string): BoardSnapshot | undefined;
  /** Every team, the demo team first. */
  teams(): TeamSnapshot[];
  /** The organization's user groups. */
  userGroups(): UserGroupSnapshot[];
  /** Board export jobs, oldest first, with their status now. */
  exportJobs(): ExportJobSnapshot[];
  tokens(): TokenSummary[];
  /** Credits left in the current window for the token's user and app; `undefined` with no budget or unknown token. */
  creditsRemaining(accessToken: string): number | undefined;
}

export interface AuthorizeUrlInput {
  readonly redirectUri: string;
  readonly clientId?: string;
  readonly state?: string;
  readonly scope?: string;
}

export interface MiroSimulation {
  readonly baseUrl: string;
  readonly authorizeBase: string;
  /** Answers one request as Miro would. Bound: pass it around freely. */
  readonly handle: (request: Request) => Promise<Response>;
  readonly state: SimulationState;
  /** Mints a token without the OAuth dance (for tests that are not about OAuth). */
  issueToken(options?: IssueTokenOptions): IssuedToken;
  /** The URL of the authorize page for a client. */
  authorizeUrl(input: AuthorizeUrlInput): string;
  /** Forgets every board, token and counter; the seed restarts, so ids repeat. */
  reset(): void;
}

function basePath(baseUrl: string): string {
  const path = new URL(baseUrl).pathname;
  return path === '/' ? '' : path.replace(/\/$/, '');
}

function errorResponse(error: unknown): Response {
  if (error instanceof MiroError) return json(error.status, error.body(), error.headers);
  const message = error instanceof Error ? error.message : String(error);
  return json(500, { status: 500, code: 'internalError', message: `Simulation failure: ${message}`, type: 'error' });
}

function unrouted(method: string, path: string): Response {
  if (pathKnown(ROUTES, path))
    return json(405, {
      status: 405,
      code: 'methodNotAllowed',
      message: `${method} is not allowed on ${path}`,
      type: 'error',
    });
  // A Miro-looking path the simulation lacks: say so, rather than pretend Miro has no such endpoint.
  if (/^\/v\d/.test(path))
    return json(501, {
      status: 501,
      code: 'notSimulated',
      message: `The Miro simulation does not implement ${method} ${path}`,
      type: 'error',
    });
  return json(404, { status: 404, code: 'notFound', message: `No such endpoint: ${method} ${path}`, type: 'error' });
}

export function createMiroSimulation(input: MiroSimulationOptions = {}): MiroSimulation {
  const options: ResolvedOptions = resolveOptions(input);
  const prefix = basePath(options.baseUrl);
  let store = new Store(options);
  let ledger = new CreditLedger(options.budget, options.now);

  const budgetKey = (clientId: string, userId: string): string => `${clientId}:${userId}`;

  async function runApi(route: ApiRoute, base: RequestContext): Promise<{ response: Response; credits: number }> {
    const token = authenticate(store, base.request, base.now);
    const credits = await creditsFor(route, base.request, base.query);
    const charge = ledger.charge(budgetKey(token.clientId, token.userId), credits);
    store.counters.apiRequests += 1;
    if (!charge.allowed) {
      store.counters.rateLimited += 1;
      const body = {
        status: 429,
        code: 'tooManyRequests',
        message: 'Request rate limit exceeded: the credit budget of this window is spent',
        context: null,
        type: 'error',
      };
      return { response: json(429, body, charge.headers), credits: 0 };
    }
    let response: Response;
    try {
      checkScope(token, route.scopes ?? boardScopes(base.request.method));
      const user = store.users.get(token.userId) ?? store.defaultUser;
      const ctx: ApiContext = { ...base, token, user };
      response = await route.handler(ctx);
    } catch (error) {
      response = errorResponse(error);
    }
    return { response: withHeaders(response, charge.headers), credits: charge.credits };
  }

  async function dispatch(request: Request): Promise<{ response: Response; credits: number; path: string }> {
    const url = new URL(request.url);
    let path = url.pathname;
    let match = matchRoute(ROUTES, request.method, path);
    if (!match && prefix && path.startsWith(prefix)) {
      path = path.slice(prefix.length) || '/';
      match = matchRoute(ROUTES, request.method, path);
    }
    if (request.method === 'OPTIONS') return { response: new Response(null, { status: 204 }), credits: 0, path };
    if (!match) return { response: unrouted(request.method, path), credits: 0, path };
    const base: RequestContext = {
      request,
      url,
      params: match.params,
      query: url.searchParams,
      selfUrl: new URL(`${options.baseUrl}${path}${url.search}`),
      options,
      store,
      now: options.now(),
    };
    try {
      if (match.route.kind === 'open') return { response: await match.route.handler(base), credits: 0, path };
      return { ...(await runApi(match.route, base)), path };
    } catch (error) {
      return { response: errorResponse(error), credits: 0, path };
    }
  }

  const handle = async (request: Request): Promise<Response> => {
    const current = store;
    const { response, credits, path } = await dispatch(request);
    const requestId = current.nextRequestId();
    current.record({ method: request.method, path, status: response.status, credits, requestId });
    if (options.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    // A network error (a simulated dropped connection) has no headers to add.
    return response.type === 'error' ? response : withHeaders(response, { ...CORS_HEADERS, 'x-request-id': requestId });
  };

  const state: SimulationState = {
    get counters() {
      return { ...store.counters };
    },
    get requests() {
      return [...store.log];
    },
    get defaultUser() {
      return store.defaultUser;
    },
    get team() {
      return { id: store.team.id, name: store.team.name };
    },
    get organization() {
      return organizationSnapshot(store);
    },
    boardIds: () => [...store.boards.keys()],
    board: (boardId) => {
      const board = store.boards.get(boardId);
      return board ? boardSnapshot(store, board) : undefined;
    },
    teams: () => teamSnapshots(store),
    userGroups: () => userGroupSnapshots(store),
    exportJobs: () => exportJobSnapshots(store, options.now()),
    itemCount: (boardId) => {
      const board = store.boards.get(boardId);
      if (!board) throw new Error(`itemCount: no board ${boardId} in the simulation`);
      return board.items.size;
    },
    tokens: () =>
      [...store.tokens.values()].map((t) => ({
        accessToken: t.accessToken,
        refreshToken: t.refreshToken,
        expiresAt: t.expiresAt,
        userId: t.userId,
        clientId: t.clientId,
        scope: t.scope,
        active: !t.revoked && !t.rotated && (t.expiresAt === null || options.now() < t.expiresAt),
      })),
    creditsRemaining: (accessToken) => {
      const token = store.tokens.get(accessToken);
      return token ? ledger.remaining(budgetKey(token.clientId, token.userId)) : undefined;
    },
  };

  return {
    baseUrl: options.baseUrl,
    authorizeBase: options.authorizeBase,
    handle,
    state,
    issueToken(opts = {}) {
      const userId = opts.userId ?? store.defaultUser.id;
      if (!store.users.has(userId)) throw new Error(`issueToken: unknown user ${userId}`);
      const record = issueTokens(store, options, {
        clientId: opts.clientId ?? options.clients[0]?.clientId ?? 'demo-client-id',
        userId,
        teamId: store.team.id,
        scope: opts.scope ?? DEFAULT_SCOPE,
        expiresInSeconds: opts.expiresInSeconds,
        accessToken: opts.accessToken,
      });
      return {
        accessToken: record.accessToken,
        refreshToken: record.refreshToken,
        expiresAt: record.expiresAt,
        userId,
      };
    },
    authorizeUrl({ redirectUri, clientId, state: oauthState, scope }) {
      const url = new URL(`${options.authorizeBase}/oauth/authorize`);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('client_id', clientId ?? options.clients[0]?.clientId ?? '');
      url.searchParams.set('redirect_uri', redirectUri);
      if (oauthState !== undefined) url.searchParams.set('state', oauthState);
      if (scope !== undefined) url.searchParams.set('scope', scope);
      return url.toString();
    },
    reset() {
      store = new Store(options);
      ledger = new CreditLedger(options.budget, options.now);
    },
  };
}
