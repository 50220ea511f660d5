import type { HttpMethod } from './operation.js';
import { redact, redactCause, redactHeaders } from './redact.js';

/** Which call failed; the URL has secrets removed. */
export interface MiroErrorOrigin {
  /** The spec's operationId (`get-specific-board`). */
  readonly operationId: string;
  /** The client method called (`getSpecificBoard`), which messages name. Default: `operationId`. */
  readonly methodName?: string;
  /** The HTTP method. */
  readonly method: HttpMethod;
  readonly url: string;
}

/** What the runtime knows of a call when it makes an error: where it went, and what to redact. */
export interface CallOrigin extends MiroErrorOrigin {
  readonly methodName: string;
  readonly secrets: readonly string[];
}

export interface MiroErrorDetails extends MiroErrorOrigin {
  readonly status?: number | undefined;
  readonly code?: string | undefined;
  readonly context?: unknown;
  readonly type?: string | undefined;
  readonly headers?: Headers | undefined;
  readonly requestId?: string | undefined;
  /** When the server says the call may be tried again (`Retry-After`, or `X-RateLimit-Reset` of a 429). */
  readonly retryAt?: Date | undefined;
  /** The parsed JSON error body, or the raw text (truncated) when it was not JSON. */
  readonly body?: unknown;
  readonly cause?: unknown;
  /**
   * Strings to remove from everything the error holds (the access token of the call, configured
   * secrets), in their raw, URL-encoded and JSON-escaped forms. Not kept on the error.
   */
  readonly secrets?: readonly string[];
}

/**
 * Base of every error the client throws. HTTP errors have a `status`; connection, timeout and
 * abort errors do not.
 *
 * Everything it holds is redacted when it is made (see `redact`): the message, the body, the
 * headers, the URL and the `cause` chain, so that `String(error)`, `util.inspect(error)`, a log of
 * its stack and `JSON.stringify(error)` (see `toJSON`) show no token or configured secret.
 */
export class MiroApiError extends Error {
  override name = 'MiroApiError';
  readonly status: number | undefined;
  /** Miro's error code (`code`, or `scimType` for SCIM errors), when the body has one. */
  readonly code: string | undefined;
  readonly context: unknown;
  readonly type: string | undefined;
  readonly headers: Headers | undefined;
  /** The server's request id, to quote to Miro support. */
  readonly requestId: string | undefined;
  /**
   * When the server says the call may be tried again: its `Retry-After` (429 and 5xx), else the
   * `X-RateLimit-Reset` of a 429. Set whether or not the client retried.
   */
  readonly retryAt: Date | undefined;
  readonly body: unknown;
  /** The spec's operationId (`get-specific-board`). */
  readonly operationId: string;
  /** The client method that was called (`getSpecificBoard`); messages start with it. */
  readonly methodName: string;
  /** The HTTP method. */
  readonly method: HttpMethod;
  readonly url: string;

  constructor(message: string, details: MiroErrorDetails) {
    const secrets = details.secrets ?? [];
    const cause = details.cause === undefined ? undefined : redactCause(details.cause, secrets);
    super(redact(message, secrets), cause === undefined ? undefined : { cause });
    this.status = details.status;
    this.code = details.code === undefined ? undefined : redact(details.code, secrets);
    this.context = redact(details.context, secrets);
    this.type = details.type === undefined ? undefined : redact(details.type, secrets);
    this.headers = details.headers && redactHeaders(details.headers, secrets);
    this.requestId = details.requestId;
    this.retryAt = details.retryAt;
    this.body = redact(details.body, secrets);
    this.operationId = details.operationId;
    this.methodName = details.methodName ?? details.operationId;
    this.method = details.method;
    this.url = redact(details.url, secrets);
  }

  /**
   * What `JSON.stringify(error)` writes: the message and every field (headers as a plain object),
   * and the cause's name and message, all as redacted as the error itself.
   */
  toJSON(): Record<string, unknown> {
    const { headers, ...fields } = this;
    const cause: unknown = this.cause;
    return {
      ...fields,
      name: this.name,
      message: this.message,
      ...(headers && { headers: Object.fromEntries(headers) }),
      ...(cause !== undefined && {
        cause: cause instanceof Error ? { name: cause.name, message: cause.message } : cause,
      }),
    };
  }
}

export class MiroBadRequestError extends MiroApiError {
  override name = 'MiroBadRequestError';
}
export class MiroAuthenticationError extends MiroApiError {
  override name = 'MiroAuthenticationError';
}
export class MiroPermissionDeniedError extends MiroApiError {
  override name = 'MiroPermissionDeniedError';
}
export class MiroNotFoundError extends MiroApiError {
  override name = 'MiroNotFoundError';
}
export class MiroConflictError extends MiroApiError {
  override name = 'MiroConflictError';
}
export class MiroPayloadTooLargeError extends MiroApiError {
  override name = 'MiroPayloadTooLargeError';
}
export class MiroRateLimitError extends MiroApiError {
  override name = 'MiroRateLimitError';
}
/** Any 5xx. */
export class MiroInternalServerError extends MiroApiError {
  override name = 'MiroInternalServerError';
}
/** A non-success status without a dedicated class (e.g. 405, 415, 422, a 3xx without a `Location`). */
export class MiroUnexpectedStatusError extends MiroApiError {
  override name = 'MiroUnexpectedStatusError';
}
/**
 * The server answered with a redirect (3xx with a `Location`). API calls never follow one: Miro's
 * API does not redirect its calls, and following would send the request (and its body) to wherever
 * the answer points. Nothing was sent there.
 */
export class MiroRedirectError extends MiroUnexpectedStatusError {
  override name = 'MiroRedirectError';
  /**
   * Where the redirect pointed, resolved against the request URL, secrets removed; undefined in
   * browsers, which hide a redirect's status and target from scripts.
   */
  readonly location: string | undefined;

  constructor(message: string, details: MiroErrorDetails & { readonly location: string | undefined }) {
    super(message, details);
    this.location = details.location === undefined ? undefined : redact(details.location, details.secrets);
  }
}
/** A success response whose body is larger than `maxResponseBytes`; reading stopped at the limit. */
export class MiroResponseTooLargeError extends MiroApiError {
  override name = 'MiroResponseTooLargeError';
  /** The limit in bytes (`maxResponseBytes` of the call or the client). */
  readonly limit: number;

  constructor(message: string, details: MiroErrorDetails & { readonly limit: number }) {
    super(message, details);
    this.limit = details.limit;
  }
}
/** The request never got a response: DNS, refused or reset connection, TLS failure. */
export class MiroConnectionError extends MiroApiError {
  override name = 'MiroConnectionError';
}
/** No complete response within `timeoutMs`. */
export class MiroTimeoutError extends MiroConnectionError {
  override name = 'MiroTimeoutError';
}
/** The caller's `signal` aborted the call. */
export class MiroAbortError extends MiroApiError {
  override name = 'MiroAbortError';
}
/** The API's pagination misbehaved (e.g. handed back a cursor it had already given). */
export class MiroPaginationError extends MiroApiError {
  override name = 'MiroPaginationError';
}

type StatusErrorClass = new (message: string, details: MiroErrorDetails) => MiroApiError;

const BY_STATUS: Readonly<Record<number, StatusErrorClass>> = {
  400: MiroBadRequestError,
  401: MiroAuthenticationError,
  403: MiroPermissionDeniedError,
  404: MiroNotFoundError,
  409: MiroConflictError,
  413: MiroPayloadTooLargeError,
  429: MiroRateLimitError,
};

export function errorClassFor(status: number): StatusErrorClass {
  return BY_STATUS[status] ?? (status >= 500 ? MiroInternalServerError : MiroUnexpectedStatusError);
}
