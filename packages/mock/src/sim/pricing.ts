import { operations, type ResolvedOperation } from '@miro/api';
import type { ApiRoute } from './router.js';

/**
 * What a simulated call costs, read from the generated operation table of @miro/api (each
 * operation's rate-limit level and credits, as the spec documents them): the routes name no level.
 */

/** A path template with its parameter names blanked: `/v2/boards/{board_id}` and `/v2/boards/:boardId` both give `/v2/boards/{}`. */
function shapeOf(path: string): string {
  return path.replace(/\{[^}]+\}|:[^/]+/g, '{}');
}

const candidates = new WeakMap<ApiRoute, readonly ResolvedOperation[]>();

/**
 * The spec operations a route serves: the REST operations with its method and path shape. Several
 * share one (`getItems` and `getItemsByTag` are both `GET /v2/boards/{id}/items`); their required
 * query parameters tell them apart. Most specific first.
 */
export function operationsOf(route: ApiRoute): readonly ResolvedOperation[] {
  let found = candidates.get(route);
  if (!found) {
    const shape = shapeOf(route.path);
    found = Object.values(operations)
      .filter((op) => op.server === 'api' && op.method === route.method && shapeOf(op.path) === shape)
      .sort((a, b) => requiredQuery(b).length - requiredQuery(a).length);
    candidates.set(route, found);
  }
  return found;
}

function requiredQuery(op: ResolvedOperation): string[] {
  return op.parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.wireName);
}

/** The operation a request to the route calls: the most specific one whose required query parameters it sends. */
export function operationFor(route: ApiRoute, query: URLSearchParams): ResolvedOperation | undefined {
  const served = operationsOf(route);
  return served.find((op) => requiredQuery(op).every((name) => query.has(name))) ?? served.at(-1);
}

/**
 * Credits a call costs: its operation's, times the items of a per-item priced call (the route's
 * `units`). A route the spec has no operation for (the content of an uploaded file) says what it costs.
 */
export async function creditsFor(route: ApiRoute, request: Request, query: URLSearchParams): Promise<number> {
  if (route.unlisted) return route.unlisted.credits;
  const operation = operationFor(route, query);
  if (!operation) throw new Error(`no operation of the spec is ${route.method} ${route.path}`);
  const units = operation.creditsPerItem && route.units ? await route.units(request.clone()) : 1;
  return operation.credits * units;
}
