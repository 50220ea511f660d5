import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { MiroPaginationError } from './errors.js';
import { ops } from './test-support/operations.js';
import { API, useMockServer } from './test-support/msw.js';
import { TestApi } from './test-support/test-api.js';

const server = useMockServer();
const api = new TestApi({ accessToken: 'tok', budget: false });

interface Item {
  id: number;
}
const ids = (from: number, count: number): Item[] => Array.from({ length: count }, (_, i) => ({ id: from + i }));

/** 7 boards served by offset pages; records the query of each request. */
function offsetServer(total = 7) {
  const queries: string[] = [];
  server.use(
    http.get(`${API}/v2/boards`, ({ request }) => {
      const url = new URL(request.url);
      queries.push(url.search);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const data = ids(offset, Math.max(0, Math.min(limit, total - offset)));
      return HttpResponse.json({ data, offset, limit, size: data.length, total });
    }),
  );
  return queries;
}

/** Cursor pages of 2 items; `style` picks where the next cursor is. */
function cursorServer(pages: number, style: 'cursor' | 'links', repeatAt?: number) {
  const queries: string[] = [];
  server.use(
    http.get(`${API}/v2/boards/:id/items`, ({ request }) => {
      const url = new URL(request.url);
      queries.push(url.search);
      const page = Number(url.searchParams.get('cursor')?.replace('c', '') ?? 0);
      const nextPage = repeatAt !== undefined && page === repeatAt ? page : page + 1;
      const next = nextPage < pages ? `c${nextPage}` : undefined;
      const data = ids(page * 2, 2);
      return HttpResponse.json(
        style === 'cursor'
          ? { data, cursor: next, size: 2 }
          : {
              data,
              links: { self: url.href, ...(next && { next: `${API}/v2/boards/b1/items?limit=2&cursor=${next}` }) },
            },
      );
    }),
  );
  return queries;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('offset pagination', () => {
  it('iterates every item of every page, advancing offset by the page length', async () => {
    const queries = offsetServer(7);
    const items = await collect(api.list<unknown, Item>(ops.listBoards, [], { limit: 3 }));
    expect(items.map((i) => i.id)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(queries).toEqual(['?limit=3', '?limit=3&offset=3', '?limit=3&offset=6']);
  });

  it('awaits to the first page only, and reuses it when iterating afterwards', async () => {
    const queries = offsetServer(7);
    const paged = api.list<{ data: Item[] }, Item>(ops.listBoards, [], { limit: 3 });
    const first = await paged;
    expect(first.data).toHaveLength(3);
    expect(queries).toHaveLength(1);
    const pages = await collect(paged.pages());
    expect(pages[0]).toBe(first);
    expect(pages.map((p) => p.data.length)).toEqual([3, 3, 1]);
    expect(queries).toHaveLength(3);
  });

  it('requests the first page when called; withResponse and for await reuse it and fetch only the pages the loop reaches', async () => {
    const queries = offsetServer(7);
    const paged = api.list<{ data: Item[] }, Item>(ops.listBoards, [], { limit: 3 });
    await vi.waitFor(() => expect(queries).toEqual(['?limit=3']));
    const { data } = await paged.withResponse();
    expect(data.data).toHaveLength(3);
    const seen: number[] = [];
    for await (const item of paged) {
      seen.push(item.id);
      if (item.id === 4) break;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(queries).toEqual(['?limit=3', '?limit=3&offset=3']);
  });

  it('stops on an empty page', async () => {
    const queries = offsetServer(0);
    expect(await collect(api.list(ops.listBoards, [], { limit: 3 }))).toEqual([]);
    expect(queries).toHaveLength(1);
  });
});

describe('cursor pagination', () => {
  it('follows the body cursor over 4 pages', async () => {
    const queries = cursorServer(4, 'cursor');
    const items = await collect(api.list<unknown, Item>(ops.listItems, ['b1'], { limit: 2 }));
    expect(items.map((i) => i.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(queries).toEqual(['?limit=2', '?limit=2&cursor=c1', '?limit=2&cursor=c2', '?limit=2&cursor=c3']);
  });

  it('follows the cursor in links.next over 3 pages', async () => {
    const queries = cursorServer(3, 'links');
    const items = await collect(api.list<unknown, Item>(ops.listItems, ['b1'], { limit: 2, type: 'sticky_note' }));
    expect(items).toHaveLength(6);
    expect(queries[2]).toBe('?limit=2&cursor=c2&type=sticky_note');
  });

  it('raises MiroPaginationError when a cursor repeats instead of looping', async () => {
    const queries = cursorServer(10, 'cursor', 2);
    const error = await collect(api.list(ops.listItems, ['b1'], { limit: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroPaginationError);
    expect((error as Error).message).toContain('returned cursor "c2" again');
    expect(queries).toHaveLength(3);
  });
});
