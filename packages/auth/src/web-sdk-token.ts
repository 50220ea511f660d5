import type { Clock } from '@miro/api';
// jose is ESM only: loaded on first use, so the CommonJS build loads without it (see the README).
type Jose = typeof import('jose');
import { MiroConfigError, MiroWebSdkTokenError, type WebSdkTokenRefusal } from './errors.js';

/** What Miro says in a token from `miro.board.getIdToken()`. */
export interface WebSdkTokenClaims {
  /** Miro's id of the user in the board (exact: ids beyond 2^53 are kept as text). */
  readonly user: string;
  /** Miro's id of the team the board belongs to. */
  readonly team: string;
  /** The app's client id. */
  readonly sub: string;
  readonly iss: string | undefined;
  /** Expiry, epoch seconds. */
  readonly exp: number;
  /** Issued at, epoch seconds. */
  readonly iat: number;
}

export interface WebSdkTokenOptions {
  /** The app's client secret: Miro signs the token with it (HS256). */
  readonly clientSecret: string;
  /** When given, a token made for another app (`sub`) is refused. */
  readonly clientId?: string;
  /** Tolerated clock difference for `exp`, `iat` and `nbf`; default 30 s. */
  readonly clockSkewSeconds?: number;
  readonly clock?: Pick<Clock, 'now'>;
}

export const DEFAULT_WEB_SDK_CLOCK_SKEW_SECONDS = 30;

/**
 * Verifies a Web SDK token (the JWT the app's board iframe gets from `miro.board.getIdToken()` and
 * sends to the app's backend): HS256 only (`none` and every other algorithm are refused), the
 * signature with the client secret, `exp` and `iat` within the skew, and the claims Miro sends.
 * Each refusal is a `MiroWebSdkTokenError` whose `reason` says why.
 */
export async function verifyWebSdkToken(token: string, options: WebSdkTokenOptions): Promise<WebSdkTokenClaims> {
  if (typeof options?.clientSecret !== 'string' || options.clientSecret === '') {
    throw new MiroConfigError('verifyWebSdkToken: clientSecret must be the app’s client secret');
  }
  const skew = options.clockSkewSeconds ?? DEFAULT_WEB_SDK_CLOCK_SKEW_SECONDS;
  if (!Number.isFinite(skew) || skew < 0) {
    throw new MiroConfigError(`verifyWebSdkToken: clockSkewSeconds must be a non-negative number, got ${String(skew)}`);
  }
  if (typeof token !== 'string' || token === '') throw new MiroWebSdkTokenError('malformed', 'no token was given');
  const nowMs = options.clock?.now() ?? Date.now();
  const jose: Jose = await import('jose');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jose.jwtVerify(token, new TextEncoder().encode(options.clientSecret), {
      algorithms: ['HS256'],
      clockTolerance: skew,
      currentDate: new Date(nowMs),
      requiredClaims: ['exp', 'iat', 'sub', 'user', 'team'],
      ...(options.clientId === undefined ? {} : { subject: options.clientId }),
    }));
  } catch (error) {
    throw refusal(error, jose.errors);
  }
  const iat = payload.iat as number;
  if (iat > nowMs / 1000 + skew) {
    throw new MiroWebSdkTokenError('issued-in-future', `it was issued ${Math.round(iat - nowMs / 1000)} s from now`);
  }
  const exact = exactIds(token);
  const user = idClaim('user', payload.user, exact.user);
  const team = idClaim('team', payload.team, exact.team);
  if (typeof payload.sub !== 'string') throw new MiroWebSdkTokenError('claims', 'its "sub" claim is not a string');
  const iss = typeof payload.iss === 'string' ? payload.iss : undefined;
  return { user, team, sub: payload.sub, iss, exp: payload.exp as number, iat };
}

function refusal(error: unknown, errors: Jose['errors']): MiroWebSdkTokenError {
  const say = (reason: WebSdkTokenRefusal) => new MiroWebSdkTokenError(reason, (error as Error).message);
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new MiroWebSdkTokenError('algorithm', 'only HS256 is accepted (its "alg" header names another algorithm)');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new MiroWebSdkTokenError('signature', 'the signature does not match the client secret');
  }
  if (error instanceof errors.JWTExpired) return say('expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return say('not-yet-valid');
    if (error.claim === 'sub' && error.reason === 'check_failed') {
      return new MiroWebSdkTokenError('wrong-app', 'it was issued for another app (its "sub" is not this client id)');
    }
    return say('claims');
  }
  return new MiroWebSdkTokenError('malformed', 'it is not a compact JWS with a JSON claims set');
}

/** Miro's ids exceed 2^53; when sent as bare numbers, their digits are read from the payload text. */
function exactIds(token: string): { user?: string; team?: string } {
  const text = Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8');
  const found: { user?: string; team?: string } = {};
  for (const [, name, digits] of text.matchAll(/"(user|team)"\s*:\s*(\d+)/g)) {
    if (digits !== undefined) found[name as 'user' | 'team'] = digits;
  }
  return found;
}

function idClaim(name: 'user' | 'team', value: unknown, digits: string | undefined): string {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isInteger(value) && digits !== undefined) return digits;
  throw new MiroWebSdkTokenError('claims', `its "${name}" claim is not an id`);
}
