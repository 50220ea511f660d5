import type { RateLimitInfo } from './rate-limit.js';

/** Metadata of the response a call resolved with. */
export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly requestId: string | undefined;
  readonly rateLimit: RateLimitInfo;
  /** The request URL, secrets removed. */
  readonly url: string;
  /** Retries it took (0 when the first attempt succeeded). */
  readonly retries: number;
}

export interface ApiResult<T> {
  readonly data: T;
  readonly response: ApiResponse;
}

/**
 * What the client's own calls settle with: the data at once, the `ApiResult` (whose metadata
 * means parsing headers and redacting the URL) only when `withResponse()` asks for it.
 */
export interface DeferredApiResult<T> {
  readonly data: T;
  result(): ApiResult<T>;
}

/**
 * What every client method returns. The request is already on its way when the method returns,
 * as with `fetch`: awaiting it gives the parsed body, `.withResponse()` gives `{ data, response }`,
 * and every consumer shares that one request. A call that fails while nobody awaits it is an
 * unhandled rejection, as a failed `fetch` nobody awaits is.
 */
export class ApiPromise<T> implements PromiseLike<T> {
  readonly #settled: Promise<ApiResult<T> | DeferredApiResult<T>>;
  #result: Promise<ApiResult<T>> | undefined;

  /** `request` is the call in flight (what the client's `send` returned). */
  constructor(request: Promise<ApiResult<T> | DeferredApiResult<T>>) {
    this.#settled = request;
  }

  /** The parsed body together with the response metadata, from the same single request. */
  withResponse(): Promise<ApiResult<T>> {
    this.#result ??= this.#settled.then((settled) => ('result' in settled ? settled.result() : settled));
    return this.#result;
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    // One promise hop: the data is unwrapped inside the fulfilment handler.
    return this.#settled.then(
      onfulfilled ? (settled) => onfulfilled(settled.data) : (settled) => settled.data as unknown as R1,
      onrejected,
    );
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  get [Symbol.toStringTag](): string {
    return 'ApiPromise';
  }
}
