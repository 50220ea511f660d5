import { MiroAuthorizationDeniedError, MiroInvalidArgumentError } from './errors.js';

/** An incoming callback request: Node's IncomingMessage (`url` is a path) or a Fetch `Request`. */
export interface AuthorizationCodeRequest {
  readonly url?: string | undefined;
}

/**
 * The authorization code out of what the redirect delivered: the full redirect URL, its path and
 * query (`/callback?code=...`), or the bare code. A redirect carrying `error=...` throws
 * `MiroAuthorizationDeniedError`.
 */
export function parseAuthorizationCode(urlOrCode: string): string {
  if (typeof urlOrCode !== 'string' || urlOrCode.trim() === '') {
    throw new MiroInvalidArgumentError('Expected the redirect URL or the authorization code, got an empty value');
  }
  const input = urlOrCode.trim();
  if (!looksLikeUrl(input)) return input;
  const params = new URL(input, 'http://callback.invalid').searchParams;
  const error = params.get('error');
  if (error) throw new MiroAuthorizationDeniedError(error, params.get('error_description') ?? undefined);
  const code = params.get('code');
  if (!code) throw new MiroInvalidArgumentError('The redirect URL has no "code" query parameter');
  return code;
}

/** The code from a callback request (see `parseAuthorizationCode`). */
export function codeFromRequest(req: AuthorizationCodeRequest): string {
  if (!req || typeof req.url !== 'string' || req.url === '') {
    throw new MiroInvalidArgumentError('The request has no url to read the authorization code from');
  }
  return parseAuthorizationCode(req.url.includes('?') ? req.url : `${req.url}?`);
}

// Codes are opaque tokens without '?', '/' or ':'; anything with them is a URL or a path.
function looksLikeUrl(input: string): boolean {
  return input.includes('?') || input.includes('://') || input.startsWith('/');
}
