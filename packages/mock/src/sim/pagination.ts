import { badRequest } from './errors.js';
import { queryInt } from './validate.js';

export interface OffsetPage<T> {
  readonly data: T[];
  readonly total: number;
  readonly size: number;
  readonly offset: number;
  readonly limit: number;
  readonly links: Record<string, string>;
  readonly type: 'list';
}

function withQuery(selfUrl: URL, changes: Record<string, string | undefined>): string {
  const url = new URL(selfUrl);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) url.searchParams.delete(key);
    else url.searchParams.set(key, value);
  }
  return url.toString();
}

/**
 * Offset pagination as Miro's offset lists answer it (`offset`, `limit`, `total`, `size`, links).
 * `selfUrl` is the request URL rewritten onto the simulation's base URL.
 */
export function offsetPage<T>(
  all: readonly T[],
  query: URLSearchParams,
  selfUrl: URL,
  limits = { fallback: 20, max: 50 },
): OffsetPage<T> {
  const limit = queryInt(query, 'limit', limits.fallback, 1, limits.max);
  const offset = queryInt(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const data = all.slice(offset, offset + limit);
  const links: Record<string, string> = {
    self: withQuery(selfUrl, { limit: String(limit), offset: String(offset) }),
    first: withQuery(selfUrl, { limit: String(limit), offset: '0' }),
    last: withQuery(selfUrl, {
      limit: String(limit),
      offset: String(Math.max(0, Math.floor((all.length - 1) / limit) * limit)),
    }),
  };
  if (offset + limit < all.length)
    links.next = withQuery(selfUrl, { limit: String(limit), offset: String(offset + limit) });
  if (offset > 0)
    links.prev = withQuery(selfUrl, { limit: String(limit), offset: String(Math.max(0, offset - limit)) });
  return { data, total: all.length, size: data.length, offset, limit, links, type: 'list' };
}

export interface CursorPage<T> {
  readonly data: T[];
  readonly total: number;
  readonly size: number;
  readonly limit: number;
  readonly cursor?: string;
  readonly links: Record<string, string>;
}

// A cursor names the id of the first record of the next page, so deleting records between pages
// neither skips nor repeats the ones that remain.
function encodeCursor(id: string): string {
  return Buffer.from(`${id}~`, 'utf8').toString('base64');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!/^\d+~$/.test(decoded))
    throw badRequest(`Invalid query parameter cursor: ${JSON.stringify(cursor)} is not a cursor this API returned`, [
      { field: 'cursor', message: 'unknown cursor' },
    ]);
  return decoded.slice(0, -1);
}

function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}

/** The `limit` a list takes: its default and range. */
export interface PageLimits {
  readonly fallback: number;
  readonly min: number;
  readonly max: number;
}

/** Board lists (items, connectors, groups): 10 to 50, default 10. */
export const BOARD_LIST_LIMITS: PageLimits = { fallback: 10, min: 10, max: 50 };
/** Organization lists (teams, members, user groups): 1 to 100, default 100. */
export const ORG_LIST_LIMITS: PageLimits = { fallback: 100, min: 1, max: 100 };

/** Cursor pagination over records sorted by numeric id (board lists by default). */
export function cursorPage<T extends { id: string }>(
  all: readonly T[],
  query: URLSearchParams,
  selfUrl: URL,
  limits: PageLimits = BOARD_LIST_LIMITS,
): CursorPage<T> {
  const limit = queryInt(query, 'limit', limits.fallback, limits.min, limits.max);
  const cursor = query.get('cursor');
  const startId = cursor ? decodeCursor(cursor) : undefined;
  const start = startId === undefined ? 0 : all.findIndex((r) => compareIds(r.id, startId) >= 0);
  const from = start === -1 ? all.length : start;
  const data = all.slice(from, from + limit);
  const nextRecord = all[from + limit];
  const links: Record<string, string> = { self: selfUrl.toString() };
  const page: { -readonly [K in keyof CursorPage<T>]: CursorPage<T>[K] } = {
    data,
    total: all.length,
    size: data.length,
    limit,
    links,
  };
  if (nextRecord) {
    page.cursor = encodeCursor(nextRecord.id);
    links.next = withQuery(selfUrl, { limit: String(limit), cursor: page.cursor });
  }
  return page;
}

/**
 * Cursor pagination where the cursor is the id of the next page's first record, as is (the export
 * lists take a UUID there). For lists whose records are never deleted.
 */
export function idCursorPage<T extends { id: string }>(
  all: readonly T[],
  query: URLSearchParams,
  limits: PageLimits,
): { data: T[]; total: number; cursor?: string } {
  const limit = queryInt(query, 'limit', limits.fallback, limits.min, limits.max);
  const cursor = query.get('cursor');
  const from = cursor ? all.findIndex((r) => r.id === cursor) : 0;
  if (from === -1)
    throw badRequest(`Invalid query parameter cursor: ${JSON.stringify(cursor)} is not a cursor this API returned`, [
      { field: 'cursor', message: 'unknown cursor' },
    ]);
  const data = all.slice(from, from + limit);
  const next = all[from + limit];
  return next ? { data, total: all.length, cursor: next.id } : { data, total: all.length };
}
