import { MiroPaginationError, type MiroErrorOrigin } from './errors.js';
import {
  resolveOperation,
  type OperationDescriptor,
  type ResolvedOperation,
  type ResolvedPagination,
} from './operation.js';

type Query = Record<string, unknown>;

/** Decides, page by page, the query of the next page (or that there is none). */
export interface PageWalker {
  items(page: unknown): unknown[];
  next(page: unknown, query: Query): Query | undefined;
}

export function createPageWalker(descriptor: OperationDescriptor, origin: MiroErrorOrigin): PageWalker {
  const op = resolveOperation(descriptor);
  const pagination = op.pagination;
  if (!pagination) throw new TypeError(`${op.methodName} is not a paginated operation`);
  const pageKey = queryName(op, pagination.pageParam);
  const limitKey = pagination.limitParam === null ? undefined : queryName(op, pagination.limitParam);
  const items = (page: unknown): unknown[] => itemsOf(op.methodName, pagination, page);
  if (pagination.kind === 'offset') {
    return {
      items,
      next(page, query) {
        const count = items(page).length;
        if (count === 0) return undefined;
        const body = page as Record<string, unknown>;
        const offset = toNumber(query[pageKey]) ?? toNumber(body['offset']) ?? 0;
        const nextOffset = offset + count;
        const total = toNumber(body['total']);
        if (total !== undefined) {
          if (nextOffset >= total) return undefined;
        } else {
          // Without a total, a short page is the last one.
          const limit = toNumber(body['limit']) ?? (limitKey ? toNumber(query[limitKey]) : undefined);
          if (limit !== undefined && count < limit) return undefined;
        }
        return { ...query, [pageKey]: nextOffset };
      },
    };
  }
  const seen = new Set<string>();
  return {
    items,
    next(page, query) {
      const current = query[pageKey];
      if (typeof current === 'string' && current !== '') seen.add(current);
      if (items(page).length === 0) return undefined;
      const cursor = nextCursor(page, pagination.pageParam);
      if (cursor === undefined) return undefined;
      if (seen.has(cursor)) {
        throw new MiroPaginationError(
          `${op.methodName}: the API returned cursor ${JSON.stringify(cursor)} again; stopping instead of looping over the same pages`,
          origin,
        );
      }
      seen.add(cursor);
      return { ...query, [pageKey]: cursor };
    },
  };
}

/** The page's items; a missing items field counts as an empty page. */
function itemsOf(methodName: string, pagination: ResolvedPagination, page: unknown): unknown[] {
  const value =
    typeof page === 'object' && page !== null ? (page as Record<string, unknown>)[pagination.itemsField] : undefined;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new TypeError(`${methodName}: expected the response field "${pagination.itemsField}" to be an array`);
  }
  return value;
}

/** The body's `cursor`, else the cursor parameter of `links.next`. */
function nextCursor(page: unknown, wireName: string): string | undefined {
  const body = page as { cursor?: unknown; links?: { next?: unknown } };
  if (typeof body.cursor === 'string') return body.cursor === '' ? undefined : body.cursor;
  const next = body.links?.next;
  if (typeof next !== 'string' || next === '') return undefined;
  try {
    return new URL(next, 'https://api.miro.com').searchParams.get(wireName) || undefined;
  } catch {
    return undefined;
  }
}

/** The camelCase query key for a wire name (the generated query types use `name`). */
function queryName(op: ResolvedOperation, wireName: string): string {
  return op.parameters.find((p) => p.in === 'query' && p.wireName === wireName)?.name ?? wireName;
}

function toNumber(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}
