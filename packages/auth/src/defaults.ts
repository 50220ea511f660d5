/** Abort a token or revoke request after this long (0: never). */
export const DEFAULT_TOKEN_REQUEST_TIMEOUT_MS = 15_000;

/**
 * What a refresh lock's lease adds to the token request timeout: time for the read before the
 * token request and the write after it. A crashed holder delays the others by at most the lease.
 */
export const LEASE_MARGIN_MS = 2_000;

/** The lease adapters use when `Miro` does not pass one: the default token timeout plus the margin. */
export const DEFAULT_LOCK_TTL_MS = DEFAULT_TOKEN_REQUEST_TIMEOUT_MS + LEASE_MARGIN_MS;
export const DEFAULT_LOCK_WAIT_MS = 60_000;
