import { ApiPromise } from './api-promise.js';
import { resolveConfig, type ClientConfig } from './config.js';
import { resolveOperation, type OperationDescriptor } from './operation.js';
import type { MiroClientOptions, RequestOptions } from './options.js';
import { PagedPromise } from './paged-promise.js';
import { createPageWalker } from './pagination.js';
import { redact } from './redact.js';
import { send } from './transport.js';

/**
 * The hand-written half of the client: the generated `MiroApi` extends it with one method per
 * operation, each handing its `OperationDescriptor` to `request` or `paged`.
 *
 * `new MiroApi('<token>')` or `new MiroApi({ accessToken, ...options })`.
 */
export class MiroApiBase {
  readonly #config: ClientConfig;

  constructor(options: string | MiroClientOptions) {
    this.#config = resolveConfig(options);
  }

  /** One call; the request goes out now, and the returned promise settles with it. */
  protected request<T>(
    op: OperationDescriptor,
    pathArgs: readonly (string | number)[],
    body: unknown,
    query: object | undefined,
    options: RequestOptions | undefined,
  ): ApiPromise<T> {
    return new ApiPromise<T>(send<T>(this.#config, op, pathArgs, body, query, options));
  }

  /** A paginated call, first page requested now: awaitable to that page, async-iterable over all items. */
  protected paged<T, Item>(
    op: OperationDescriptor,
    pathArgs: readonly (string | number)[],
    body: unknown,
    query: object | undefined,
    options: RequestOptions | undefined,
  ): PagedPromise<T, Item> {
    const { operationId, methodName, method, path } = resolveOperation(op);
    let url: string | undefined;
    // Redacted only if a pagination error needs it.
    const origin = {
      operationId,
      methodName,
      method,
      get url() {
        return (url ??= redact(path));
      },
    };
    return new PagedPromise<T, Item>(
      (pageQuery) => send<T>(this.#config, op, pathArgs, body, pageQuery, options),
      { ...(query as Record<string, unknown> | undefined) },
      () => createPageWalker(op, origin),
    );
  }
}
