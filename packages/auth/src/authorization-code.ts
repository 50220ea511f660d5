import { timingSafeEqual } from 'node:crypto';
import { MiroAuthorizationDeniedError, MiroInvalidArgumentError, MiroStateMismatchError } from './errors.js';

/** An incoming callback request: Node's IncomingMessage (`url` is a path) or a Fetch `Request`. */
export interface AuthorizationCodeRequest {
  readonly url?: string | undefined;
}

/**
 * The authorization code out of what the redirect delivered: the full redirect URL, its path and
 * query (`/callback?code=...`), or the bare code. A redirect carrying `error=...` throws
 * `MiroAuthorizationDeniedError`. The `state` is not checked here (see `codeForState`).
 */
export function parseAuthorizationCode(urlOrCode: string): string {
  const params = redirectParams(urlOrCode);
  if (!params) return urlOrCode.trim();
  return codeOf(params);
}

/**
 * The code of a callback whose `state` is the one the app expected (compared in constant time):
 * a callback without a state (or a bare code) or with another state throws
 * `MiroStateMismatchError` before anything else is looked at.
 */
export function codeForState(urlOrCode: string, expectedState: string): string {
  if (typeof expectedState !== 'string' || expectedState === '') {
    throw new MiroInvalidArgumentError(
      'expectedState must be the state this session sent to getAuthUrl (a non-empty string)',
    );
  }
  const params = redirectParams(urlOrCode);
  const state = params?.get('state');
  if (state === null || state === undefined || state === '') throw new MiroStateMismatchError('missing');
  const given = Buffer.from(state);
  const expected = Buffer.from(expectedState);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new MiroStateMismatchError('different');
  }
  return codeOf(params as URLSearchParams);
}

/** The redirect URL of a callback request (see `codeForState`). */
export function callbackUrl(req: AuthorizationCodeRequest): string {
  if (!req || typeof req.url !== 'string' || req.url === '') {
    throw new MiroInvalidArgumentError('The request has no url to read the authorization code from');
  }
  return req.url.includes('?') ? req.url : `${req.url}?`;
}

/** The query of a redirect URL, or undefined for a bare code. */
function redirectParams(urlOrCode: string): URLSearchParams | undefined {
  if (typeof urlOrCode !== 'string' || urlOrCode.trim() === '') {
    throw new MiroInvalidArgumentError('Expected the redirect URL or the authorization code, got an empty value');
  }
  const input = urlOrCode.trim();
  // Codes are opaque tokens without '?', '/' or ':'; anything with them is a URL or a path.
  if (!(input.includes('?') || input.includes('://') || input.startsWith('/'))) return undefined;
  return new URL(input, 'http://callback.invalid').searchParams;
}

function codeOf(params: URLSearchParams): string {
  const error = params.get('error');
  if (error) throw new MiroAuthorizationDeniedError(error, params.get('error_description') ?? undefined);
  const code = params.get('code');
  if (!code) throw new MiroInvalidArgumentError('The redirect URL has no "code" query parameter');
  return code;
}
