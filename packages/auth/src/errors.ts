/** Stable codes, one per error class, for `switch (err.code)` in apps. */
export type MiroAuthErrorCode =
  | 'MIRO_AUTH_CONFIG'
  | 'MIRO_AUTH_INVALID_ARGUMENT'
  | 'MIRO_AUTH_AUTHORIZATION_REQUIRED'
  | 'MIRO_AUTH_AUTHORIZATION_DENIED'
  | 'MIRO_AUTH_TOKEN_REQUEST_FAILED'
  | 'MIRO_AUTH_STORAGE'
  | 'MIRO_AUTH_LOCK_LOST'
  | 'MIRO_AUTH_LOCK_TIMEOUT'
  | 'MIRO_AUTH_DECRYPTION_FAILED';

/** Base of every error this package throws. Messages never contain tokens, codes or secrets. */
export class MiroAuthError extends Error {
  readonly code: MiroAuthErrorCode;
  constructor(code: MiroAuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A required setting (client id, secret, redirect URL, key) is missing or malformed. */
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

/** The token or revoke endpoint failed (network, 5xx, unexpected answer, invalid client). */
export class MiroTokenRequestError extends MiroAuthError {
  /** HTTP status, absent when no response arrived. */
  readonly status: number | undefined;
  /** OAuth `error` field of the answer, when it had one. */
  readonly oauthError: string | undefined;
  constructor(message: string, details: { status?: number; oauthError?: string; cause?: unknown } = {}) {
    super('MIRO_AUTH_TOKEN_REQUEST_FAILED', message, { cause: details.cause });
    this.status = details.status;
    this.oauthError = details.oauthError;
  }
}

/** A token store could not be reached or failed; `store` names it (`Redis`, `PostgreSQL`, ...). */
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

/** Stored tokens could not be decrypted: the key is wrong (or rotated away), or the data was altered. */
export class MiroTokenDecryptionError extends MiroAuthError {
  constructor(userId: string, reason: string, options?: { cause?: unknown }) {
    super('MIRO_AUTH_DECRYPTION_FAILED', `Could not decrypt the stored tokens of user "${userId}": ${reason}`, options);
  }
}
