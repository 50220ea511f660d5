export { Miro, type MiroOptions } from './miro.js';
export {
  MiroOAuth,
  DEFAULT_AUTHORIZE_URL,
  DEFAULT_REFRESH_MARGIN_MS,
  DEFAULT_TOKEN_REQUEST_TIMEOUT_MS,
  type MiroOAuthOptions,
  type TokenRequestContext,
} from './miro-oauth.js';
export { LEASE_MARGIN_MS, DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS } from './defaults.js';
export {
  createOAuthState,
  verifyOAuthState,
  DEFAULT_OAUTH_STATE_TTL_MS,
  MIN_OAUTH_STATE_SECRET_LENGTH,
  type OAuthStateOptions,
} from './oauth-state.js';
export { parseAuthorizationCode, type AuthorizationCodeRequest } from './authorization-code.js';
export {
  verifyWebSdkToken,
  DEFAULT_WEB_SDK_CLOCK_SKEW_SECONDS,
  type WebSdkTokenClaims,
  type WebSdkTokenOptions,
} from './web-sdk-token.js';
export { encryptTokenStorage, type EncryptionKey, type EncryptionOptions } from './storage/encrypted.js';
export { MemoryTokenStorage, type MemoryTokenStorageOptions } from './storage/memory.js';
export {
  MiroAuthError,
  MiroAuthorizationDeniedError,
  MiroAuthorizationRequiredError,
  MiroConfigError,
  MiroInvalidArgumentError,
  MiroLockLostError,
  MiroLockTimeoutError,
  MiroStateMismatchError,
  MiroStorageError,
  MiroTokenDecryptionError,
  MiroTokenRequestError,
  MiroWebSdkTokenError,
  type MiroAuthErrorKind,
  type TokenRequestFailure,
  type WebSdkTokenRefusal,
} from './errors.js';
export type {
  ExternalUserId,
  LockedTokenState,
  RefreshLockOptions,
  TokenState,
  TokenStorage,
} from './types.js';
