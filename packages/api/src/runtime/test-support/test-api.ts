import type { ApiPromise } from '../api-promise.js';
import { MiroApiBase } from '../client.js';
import type { OperationDescriptor } from '../operation.js';
import type { RequestOptions } from '../options.js';
import type { PagedPromise } from '../paged-promise.js';

/** Exposes the protected primitives the generated client calls. */
export class TestApi extends MiroApiBase {
  call<T = unknown>(
    op: OperationDescriptor,
    pathArgs: readonly (string | number)[] = [],
    body?: unknown,
    query?: object,
    options?: RequestOptions,
  ): ApiPromise<T> {
    return this.request<T>(op, pathArgs, body, query, options);
  }

  list<T = unknown, Item = unknown>(
    op: OperationDescriptor,
    pathArgs: readonly (string | number)[] = [],
    query?: object,
    options?: RequestOptions,
  ): PagedPromise<T, Item> {
    return this.paged<T, Item>(op, pathArgs, undefined, query, options);
  }
}
