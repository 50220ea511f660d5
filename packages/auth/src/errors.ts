/**
 * Stable identifiers, one per error class, for `switch (error.kind)` in apps. (`code` is left to
 * `@miro/api`, where it is Miro's error code from a response body.)
 */
export type MiroAuthErrorKind =
  | 'MIRO_AUTH_CONFIG'
  | 'MIRO_AUTH_INVALID_ARGUMENT'
  | 'MIRO_AUTH_AUTHORIZATION_REQUIRED'
  | 'MIRO_AUTH_AUTHORIZATION_DENIED'
  | 'MIRO_AUTH_STATE_MISMATCH'
  | 'MIRO_AUTH_TOKEN_REQUEST_FAILED'
  | 'MIRO_AUTH_STORAGE'
  | 'MIRO_AUTH_LOCK_LOST'
  | 'MIRO_AUTH_LOCK_TIMEOUT'
  | 'MIRO_AUTH_DECRYPTION_FAILED'
  | 'MIRO_AUTH_WEB_SDK_TOKEN_INVALID';

/** Base of every error this package throws. Messages never contain tokens, codes or secrets. */
export class MiroAuthError extends Error {
  readonly kind: MiroAuthErrorKind;
  constructor(kind: MiroAuthErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.kind = kind;
  }
}

/** A setting (client id, secret, URL, key, driver) is missing or malformed. */
export class MiroConfigError extends MiroAuthError {
  constructor(message: string) {
    super('MIRO_AUTH_CONFIG', message);
  }
}

export class MiroInvalidArgumentError extends MiroAuthError {
  constructor(message: string) {
    super('MIRO_AUTH_INVALID_ARGUMENT', message);
  }
}

/**
 * The user must (re)authorize the app: nothing is stored for them, or Miro refused their refresh
 * token (`invalid_grant`), in which case their stored state has been deleted.
 */
export class MiroAuthorizationRequiredError extends MiroAuthError {
  readonly userId: string;
  constructor(userId: string, reason: string, options?: { cause?: unknown }) {
    super('MIRO_AUTH_AUTHORIZATION_REQUIRED', `User "${userId}" must authorize the app: ${reason}`, options);
    this.userId = userId;
  }
}

/** The redirect carried `error=...` instead of a code (the user declined, or Miro refused). */
export class MiroAuthorizationDeniedError extends MiroAuthError {
  readonly oauthError: string;
  constructor(oauthError: string, description?: string) {
    super(
      'MIRO_AUTH_AUTHORIZATION_DENIED',
      `Authorization was not granted: ${oauthError}${description ? ` (${description})` : ''}`,
    );
    this.oauthError = oauthError;
  }
}

/** The callback's `state` is missing or is not the one the app expected: nothing was exchanged. */
export class MiroStateMismatchError extends MiroAuthError {
  readonly reason: 'missing' | 'different';
  constructor(reason: 'missing' | 'different') {
    super(
      'MIRO_AUTH_STATE_MISMATCH',
      reason === 'missing'
        ? 'The authorization callback carries no "state": refused (pass the whole redirect URL, not the bare code)'
        : 'The authorization callback carries another "state" than the one this session expected: refused',
    );
    this.reason = reason;
  }
}

export interface TokenRequestFailure {
  /** HTTP status, absent when no response arrived. */
  readonly status?: number;
  /** The RFC 6749 `error` code of the answer, when it had one. */
  readonly oauthError?: string;
  /** Whether the same request may succeed later (an outage, a rate limit), rather than never as sent. */
  readonly retryable: boolean;
  /** From `Retry-After`, when the endpoint sent one. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/**
 * The token or revoke endpoint failed: no answer, a redirect, an unexpected answer, or an OAuth
 * error other than `invalid_grant` on a refresh. The stored tokens are kept.
 */
export class MiroTokenRequestError extends MiroAuthError {
  readonly status: number | undefined;
  readonly oauthError: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, failure: TokenRequestFailure) {
    super('MIRO_AUTH_TOKEN_REQUEST_FAILED', message, { cause: failure.cause });
    this.status = failure.status;
    this.oauthError = failure.oauthError;
    this.retryable = failure.retryable;
    this.retryAfterMs = failure.retryAfterMs;
  }
}

/** A token store could not be reached, failed, or holds data of another shape; `store` names it. */
export class MiroStorageError extends MiroAuthError {
  readonly store: string;
  constructor(store: string, message: string, options?: { cause?: unknown }) {
    super('MIRO_AUTH_STORAGE', `${store} token storage: ${message}`, options);
    this.store = store;
  }
}

/** A fenced write came from a holder whose refresh lock had expired and been taken over. */
export class MiroLockLostError extends MiroAuthError {
  constructor(store: string, userId: string) {
    super(
      'MIRO_AUTH_LOCK_LOST',
      `${store} token storage: the refresh lock for user "${userId}" expired and another holder wrote newer tokens; this write was refused`,
    );
  }
}

export class MiroLockTimeoutError extends MiroAuthError {
  constructor(store: string, userId: string, waitedMs: number) {
    super(
      'MIRO_AUTH_LOCK_TIMEOUT',
      `${store} token storage: gave up waiting ${waitedMs} ms for the refresh lock of user "${userId}"`,
    );
  }
}

/** Stored tokens could not be decrypted or authenticated: wrong key, altered data, or not encrypted. */
export class MiroTokenDecryptionError extends MiroAuthError {
  constructor(userId: string, reason: string, options?: { cause?: unknown }) {
    super('MIRO_AUTH_DECRYPTION_FAILED', `Could not decrypt the stored tokens of user "${userId}": ${reason}`, options);
  }
}

/** Why a Web SDK token was refused. */
export type WebSdkTokenRefusal =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'expired'
  | 'issued-in-future'
  | 'not-yet-valid'
  | 'claims'
  | 'wrong-app';

/** A token from `miro.board.getIdToken()` failed verification; `reason` says why. */
export class MiroWebSdkTokenError extends MiroAuthError {
  readonly reason: WebSdkTokenRefusal;
  constructor(reason: WebSdkTokenRefusal, message: string) {
    super('MIRO_AUTH_WEB_SDK_TOKEN_INVALID', `Web SDK token refused (${reason}): ${message}`);
    this.reason = reason;
  }
}
