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
 * Where an error class's prototype lists the names of its class and of every class above it. The
 * symbol is registered (`Symbol.for`), so it is the same in every copy of this package loaded in
 * a process: the ESM and the CommonJS build, or two bundles.
 */
const BRANDS = Symbol.for('@miro/api.errorBrands');
/** The brand a class itself declares (a subclass a user writes declares none). */
const OWN_BRAND = Symbol('ownBrand');

interface Branded {
  readonly prototype: object;
  [OWN_BRAND]?: string;
}

/** Names a class (its `name` on the prototype) and brands its instances for `instanceof`. */
function brand(errorClass: Branded, name: string): void {
  const inherited: unknown = (Object.getPrototypeOf(errorClass.prototype) as Record<symbol, unknown>)[BRANDS];
  const brands = Object.freeze([name, ...(Array.isArray(inherited) ? (inherited as string[]) : [])]);
  Object.defineProperty(errorClass.prototype, BRANDS, { value: brands });
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
  Object.defineProperty(errorClass, OWN_BRAND, { value: name });
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

  static {
    brand(this, 'MiroApiError');
  }

  /**
   * `error instanceof MiroNotFoundError` holds for an error made by any copy of this package in
   * the process (an app that loads both its ESM and its CommonJS build, or bundles one and
   * imports the other), not only for instances of this very class: besides the prototype chain,
   * it checks the brand every error class of the package leaves on its prototype.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    const own = Object.hasOwn(this, OWN_BRAND) ? (this as Branded)[OWN_BRAND] : undefined;
    if (own === undefined || value === null || typeof value !== 'object') return false;
    const brands: unknown = (value as Record<symbol, unknown>)[BRANDS];
    return Array.isArray(brands) && brands.includes(own);
  }

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
  static {
    brand(this, 'MiroBadRequestError');
  }
}
export class MiroAuthenticationError extends MiroApiError {
  static {
    brand(this, 'MiroAuthenticationError');
  }
}
export class MiroPermissionDeniedError extends MiroApiError {
  static {
    brand(this, 'MiroPermissionDeniedError');
  }
}
export class MiroNotFoundError extends MiroApiError {
  static {
    brand(this, 'MiroNotFoundError');
  }
}
export class MiroConflictError extends MiroApiError {
  static {
    brand(this, 'MiroConflictError');
  }
}
export class MiroPayloadTooLargeError extends MiroApiError {
  static {
    brand(this, 'MiroPayloadTooLargeError');
  }
}
export class MiroRateLimitError extends MiroApiError {
  static {
    brand(this, 'MiroRateLimitError');
  }
}
/** Any 5xx. */
export class MiroInternalServerError extends MiroApiError {
  static {
    brand(this, 'MiroInternalServerError');
  }
}
/** A non-success status without a dedicated class (e.g. 405, 415, 422, a 3xx without a `Location`). */
export class MiroUnexpectedStatusError extends MiroApiError {
  static {
    brand(this, 'MiroUnexpectedStatusError');
  }
}
/**
 * The server answered with a redirect (3xx with a `Location`). API calls never follow one: Miro's
 * API does not redirect its calls, and following would send the request (and its body) to wherever
 * the answer points. Nothing was sent there.
 */
export class MiroRedirectError extends MiroUnexpectedStatusError {
  static {
    brand(this, 'MiroRedirectError');
  }
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
  static {
    brand(this, 'MiroResponseTooLargeError');
  }
  /** The limit in bytes (`maxResponseBytes` of the call or the client). */
  readonly limit: number;

  constructor(message: string, details: MiroErrorDetails & { readonly limit: number }) {
    super(message, details);
    this.limit = details.limit;
  }
}
/** The request never got a response: DNS, refused or reset connection, TLS failure. */
export class MiroConnectionError extends MiroApiError {
  static {
    brand(this, 'MiroConnectionError');
  }
}
/** No complete response within `timeoutMs`. */
export class MiroTimeoutError extends MiroConnectionError {
  static {
    brand(this, 'MiroTimeoutError');
  }
}
/** The caller's `signal` aborted the call. */
export class MiroAbortError extends MiroApiError {
  static {
    brand(this, 'MiroAbortError');
  }
}
/** The API's pagination misbehaved (e.g. handed back a cursor it had already given). */
export class MiroPaginationError extends MiroApiError {
  static {
    brand(this, 'MiroPaginationError');
  }
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
