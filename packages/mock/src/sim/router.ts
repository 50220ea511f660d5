import { badRequest } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { Store, TokenRecord, UserRecord } from './store.js';
import { isObject, type JsonObject } from './validate.js';

/** What a route handler gets for one request. */
export interface RequestContext {
  readonly request: Request;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The request URL moved onto the simulation's base URL, for `links.self` of lists. */
  readonly selfUrl: URL;
  readonly options: ResolvedOptions;
  readonly store: Store;
  /** Epoch milliseconds, from the injected clock. */
  readonly now: number;
}

/** Context of an authenticated REST API request. */
export interface ApiContext extends RequestContext {
  readonly token: TokenRecord;
  readonly user: UserRecord;
}

interface RouteBase {
  readonly method: string;
  /** Path pattern with `:name` segments, e.g. `/v2/boards/:boardId`. */
  readonly path: string;
}

/**
 * A route of the REST API. What a call costs comes from the spec operation with the route's method
 * and path (see pricing.ts), so a route names no rate-limit level.
 */
export interface ApiRoute extends RouteBase {
  readonly kind: 'api';
  /** Scopes the token needs; default `boards:read` for GET, `boards:write` otherwise. */
  readonly scopes?: readonly string[];
  /** How many items a call carries, for an operation priced per item; default 1. Reads a clone of the request. */
  readonly units?: (request: Request) => Promise<number>;
  /** For a route the spec has no operation for: what a call costs. */
  readonly unlisted?: { readonly credits: number };
  readonly handler: (ctx: ApiContext) => Response | Promise<Response>;
}

export interface OpenRoute extends RouteBase {
  readonly kind: 'open';
  readonly handler: (ctx: RequestContext) => Response | Promise<Response>;
}

export type Route = ApiRoute | OpenRoute;

export interface RouteMatch {
  readonly route: Route;
  readonly params: Record<string, string>;
}

export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch | undefined {
  const segments = pathname.split('/').filter((s) => s !== '');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/').filter((s) => s !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      const p = pattern[i] as string;
      const s = segments[i] as string;
      if (p.startsWith(':')) params[p.slice(1)] = safeDecode(s);
      else ok = p === s;
    }
    if (ok) return { route, params };
  }
  return undefined;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Whether any route serves this path with another method (for 405 versus 404). */
export function pathKnown(routes: readonly Route[], pathname: string): boolean {
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].some((m) => matchRoute(routes, m, pathname) !== undefined);
}

export async function readJsonObject(request: Request): Promise<JsonObject> {
  const text = await request.text();
  if (text.trim() === '') return {};
  const value = parseJson(text, 'Request body');
  if (!isObject(value)) throw badRequest('Request body must be a JSON object');
  return value;
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest(`${what} is not valid JSON`);
  }
}

export function isMultipart(request: Request): boolean {
  return (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

/** Reads a request body sent as `application/x-www-form-urlencoded` (or JSON, leniently). */
export async function readForm(request: Request): Promise<URLSearchParams> {
  const text = await request.text();
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json') && text.trim() !== '') {
    const value = parseJson(text, 'Request body');
    const form = new URLSearchParams();
    if (isObject(value)) for (const [k, v] of Object.entries(value)) if (typeof v === 'string') form.set(k, v);
    return form;
  }
  return new URLSearchParams(text);
}
