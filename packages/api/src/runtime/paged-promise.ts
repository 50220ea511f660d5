import { ApiPromise, type ApiResult, type DeferredApiResult } from './api-promise.js';
import type { PageWalker } from './pagination.js';

type Query = Record<string, unknown>;

/**
 * An `ApiPromise` of the first page that is also an async iterable over every item of every page
 * (`for await (const board of api.getBoards())`), and whose `.pages()` iterates page bodies. The
 * first page is requested when the method is called and shared by `await` and every iteration;
 * each further page is requested only when an iteration reaches it.
 */
export class PagedPromise<Page, Item> extends ApiPromise<Page> implements AsyncIterable<Item> {
  readonly #fetchPage: (query: Query) => Promise<ApiResult<Page> | DeferredApiResult<Page>>;
  readonly #query: Query;
  readonly #walker: () => PageWalker;

  constructor(
    fetchPage: (query: Query) => Promise<ApiResult<Page> | DeferredApiResult<Page>>,
    query: Query,
    walker: () => PageWalker,
  ) {
    super(fetchPage(query));
    this.#fetchPage = fetchPage;
    this.#query = query;
    this.#walker = walker;
  }

  /** Page bodies, first to last; the next page is requested only when asked for. */
  async *pages(): AsyncGenerator<Page, void, undefined> {
    const walker = this.#walker();
    let query = this.#query;
    let page: Page = await this;
    for (;;) {
      yield page;
      const next = walker.next(page, query);
      if (next === undefined) return;
      query = next;
      page = (await this.#fetchPage(query)).data;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const walker = this.#walker();
    for await (const page of this.pages()) {
      for (const item of walker.items(page)) yield item as Item;
    }
  }

  override get [Symbol.toStringTag](): string {
    return 'PagedPromise';
  }
}
