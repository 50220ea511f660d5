import { UserError } from './errors.js';

/** The `offset` query parameter: a whole number from 0, default 0. */
export function parseOffset(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d{1,9}$/.test(value)) {
    throw new UserError(400, 'Invalid page', `The page offset must be a whole number of 0 or more, got "${value}".`);
  }
  return Number(value);
}

/** What one page of an offset-paged Miro list says about itself (all optional in Miro's spec). */
export interface OffsetPage {
  readonly offset?: number;
  readonly limit?: number;
  readonly size?: number;
  readonly total?: number;
}

export interface PageLinks {
  readonly prevOffset: number | undefined;
  readonly nextOffset: number | undefined;
}

/**
 * Offsets of the previous and next pages. Miro's `total` decides whether there is a next page;
 * without it, a full page suggests one.
 */
export function pageLinks(
  page: OffsetPage,
  requested: { offset: number; limit: number },
  itemCount: number,
): PageLinks {
  const offset = page.offset ?? requested.offset;
  const limit = page.limit ?? requested.limit;
  const size = page.size ?? itemCount;
  const hasNext = page.total === undefined ? size >= limit && size > 0 : offset + size < page.total;
  return {
    prevOffset: offset > 0 ? Math.max(0, offset - limit) : undefined,
    nextOffset: hasNext ? offset + size : undefined,
  };
}
