import type { ContractOperation } from './types.js';

/**
 * Which operation a request is for. Each operation's handler claims a request only when it is the
 * one operation that should answer it, so the handlers work in any order:
 *
 * - a path template matches (a parameter matches one segment, even an empty one, so that the
 *   operation can say the parameter is empty instead of the request going unanswered);
 * - no more specific template of the same method matches (`/groups/items` beats `/groups/{group_id}`);
 * - among operations that share method and template (`getItems`, `getItemsWithinFrame`,
 *   `getItemsByTag`), the request's content type and query names pick one (see `choose`).
 */

export interface Route {
  readonly op: ContractOperation;
  readonly base: BaseUrl;
  /** Matches the path below the base URL; group i is the raw value of `params[i]`. */
  readonly pattern: RegExp;
  /** Wire names of the path placeholders, in order. */
  readonly params: readonly string[];
  /** `/v2/boards/{}/items`: routes with equal shapes are siblings. */
  readonly shape: string;
  readonly segments: readonly string[];
}

export interface BaseUrl {
  readonly origin: string;
  /** Path of the base URL without a trailing slash (`/api/v1/scim`, or `` for `https://api.miro.com`). */
  readonly path: string;
}

export function parseBaseUrl(url: string, option: string): BaseUrl {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`createContractHandlers: ${option} must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.search || parsed.hash)
    throw new TypeError(
      `createContractHandlers: ${option} must not have a query or fragment, got ${JSON.stringify(url)}`,
    );
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, '') };
}

/** The path of `url` below `base`, or undefined when the URL is not under it. */
export function pathBelow(url: URL, base: BaseUrl): string | undefined {
  if (url.origin !== base.origin) return undefined;
  if (base.path === '') return url.pathname;
  if (url.pathname !== base.path && !url.pathname.startsWith(`${base.path}/`)) return undefined;
  return url.pathname.slice(base.path.length);
}

const sameBase = (a: BaseUrl, b: BaseUrl): boolean => a.origin === b.origin && a.path === b.path;

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileRoute(op: ContractOperation, base: BaseUrl): Route {
  const params: string[] = [];
  const source = op.path.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
    if (name === undefined) return escapeRegExp(part);
    params.push(name);
    return '([^/]*)';
  });
  return {
    op,
    base,
    pattern: new RegExp(`^${source}$`),
    params,
    shape: op.path.replace(/\{[^}]+\}/g, '{}'),
    segments: op.path.split('/'),
  };
}

/** True when `a` is more specific than `b`: same length, and a literal wherever they differ. */
export function moreSpecific(a: Route, b: Route): boolean {
  if (a.segments.length !== b.segments.length || a.shape === b.shape) return false;
  let literalOverParam = false;
  for (let i = 0; i < a.segments.length; i++) {
    const x = a.segments[i]!;
    const y = b.segments[i]!;
    if (x === y) continue;
    const xParam = x.startsWith('{');
    const yParam = y.startsWith('{');
    if (xParam && yParam) continue;
    if (!xParam && yParam) literalOverParam = true;
    else return false;
  }
  return literalOverParam;
}

/** The raw (still percent-encoded) value of each path parameter, or undefined when the path does not match. */
export function matchPath(route: Route, path: string): Map<string, string> | undefined {
  const match = route.pattern.exec(path);
  if (!match) return undefined;
  return new Map(route.params.map((name, i) => [name, match[i + 1] ?? '']));
}

export interface RequestFacts {
  readonly contentType: string | null;
  readonly queryNames: ReadonlySet<string>;
}

/**
 * Picks the operation among siblings (same method and template). Operations whose body kind
 * fits the content type come first (multipart vs JSON uploads); then one whose required query
 * parameters are all present; then the one the fewest query names are unknown to; then the one
 * with the most required query parameters (`deleteGroup` needs `delete_items`, `unGroup` does
 * not); then the first by method name.
 */
export function choose(siblings: readonly ContractOperation[], facts: RequestFacts): ContractOperation {
  if (siblings.length === 1) return siblings[0]!;
  const multipart = /^\s*multipart\//i.test(facts.contentType ?? '');
  const fitting = siblings.filter((op) => (op.body?.kind === 'multipart') === multipart);
  const candidates = fitting.length ? fitting : siblings;
  const score = (op: ContractOperation): [number, number, number] => {
    const query = op.parameters.filter((p) => p.in === 'query');
    const known = new Set(query.map((p) => p.wireName));
    const required = query.filter((p) => p.required);
    const complete = required.every(
      (p) => facts.queryNames.has(p.wireName) || hasDeepKey(facts.queryNames, p.wireName),
    );
    const unknown = [...facts.queryNames].filter((name) => !known.has(name.replace(/\[.*$/, ''))).length;
    return [complete ? 0 : 1, unknown, -required.length];
  };
  let best = candidates[0]!;
  let bestScore = score(best);
  for (const op of candidates.slice(1)) {
    const s = score(op);
    if (
      s[0] < bestScore[0] ||
      (s[0] === bestScore[0] && (s[1] < bestScore[1] || (s[1] === bestScore[1] && s[2] < bestScore[2])))
    ) {
      best = op;
      bestScore = s;
    }
  }
  return best;
}

function hasDeepKey(names: ReadonlySet<string>, wireName: string): boolean {
  for (const name of names) if (name.startsWith(`${wireName}[`)) return true;
  return false;
}

/** Everything the handlers need to route: each route with its siblings and the routes that beat it. */
export interface RouteTable {
  readonly routes: readonly Route[];
  siblingsOf(route: Route): readonly ContractOperation[];
  shadowsOf(route: Route): readonly Route[];
}

export function routeTable(
  operations: readonly ContractOperation[],
  baseFor: (op: ContractOperation) => BaseUrl,
): RouteTable {
  const routes = operations.map((op) => compileRoute(op, baseFor(op)));
  const key = (r: Route): string => `${r.op.method} ${r.base.origin}${r.base.path} ${r.shape}`;
  const groups = new Map<string, ContractOperation[]>();
  for (const r of routes) groups.set(key(r), [...(groups.get(key(r)) ?? []), r.op]);
  const shadows = new Map<Route, Route[]>(
    routes.map((r) => [
      r,
      routes.filter(
        (other) => other.op.method === r.op.method && sameBase(other.base, r.base) && moreSpecific(other, r),
      ),
    ]),
  );
  return {
    routes,
    siblingsOf: (route) => groups.get(key(route)) ?? [route.op],
    shadowsOf: (route) => shadows.get(route) ?? [],
  };
}
