export { Miro, type MiroOptions } from './miro.js';
export {
  MiroOAuth,
  DEFAULT_AUTHORIZE_URL,
  DEFAULT_BASE_URL,
  DEFAULT_REFRESH_MARGIN_MS,
  DEFAULT_TOKEN_REQUEST_TIMEOUT_MS,
  type MiroOptions as MiroOAuthOptions,
  type TokenRequestContext,
} from './miro-oauth.js';
export {
  createOAuthState,
  verifyOAuthState,
  DEFAULT_OAUTH_STATE_TTL_MS,
  type OAuthStateOptions,
} from './oauth-state.js';
export { parseAuthorizationCode, type AuthorizationCodeRequest } from './authorization-code.js';
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
  MiroStorageError,
  MiroTokenDecryptionError,
  MiroTokenRequestError,
  type MiroAuthErrorCode,
} from './errors.js';
export type { Clock, ExternalUserId, LockedTokenState, Logger, TokenState, TokenStorage } from './types.js';
