export { MiroApiBase } from './client.js';
export { ApiPromise, type ApiResponse, type ApiResult } from './api-promise.js';
export { PagedPromise } from './paged-promise.js';
export type {
  AccessTokenContext,
  AccessTokenProvider,
  CreditBudgetSettings,
  FetchLike,
  MiroClientOptions,
  RequestOptions,
} from './options.js';
export {
  MiroApiError,
  MiroAbortError,
  MiroAuthenticationError,
  MiroBadRequestError,
  MiroConflictError,
  MiroConnectionError,
  MiroInternalServerError,
  MiroNotFoundError,
  MiroPaginationError,
  MiroPayloadTooLargeError,
  MiroPermissionDeniedError,
  MiroRateLimitError,
  MiroRedirectError,
  MiroResponseTooLargeError,
  MiroTimeoutError,
  MiroUnexpectedStatusError,
  type MiroErrorDetails,
  type MiroErrorOrigin,
} from './errors.js';
export type { CreditBudget, RateLimitState } from './credit-budget.js';
export {
  InMemoryCreditBudget,
  DEFAULT_CREDIT_LIMIT,
  DEFAULT_WINDOW_MS,
  type InMemoryCreditBudgetOptions,
} from './in-memory-credit-budget.js';
export { parseResetHeader, parseRetryAfter, type RateLimitInfo } from './rate-limit.js';
export { redact, REDACTED } from './redact.js';
export type { LogFields, LogLevel, Logger, LoggerFunction, LoggerObject } from './logger.js';
export type { Clock } from './clock.js';
export type { UploadFile, Uploadable, UploadSource } from './upload.js';
export { tokenKey } from './token-key.js';
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRY_DELAY_MS,
  DEFAULT_SCIM_BASE_URL,
  DEFAULT_TIMEOUT_MS,
} from './config.js';
export { VERSION } from './version.js';
export * from './operation.js';
