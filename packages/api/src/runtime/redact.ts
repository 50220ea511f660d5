/**
 * Removes secrets from anything the runtime logs or puts into an error: the Authorization header,
 * access/refresh/id tokens, client secrets, OAuth `code` and `access_token` query parameters. It
 * works on URLs, header collections, JSON-like bodies and free text, and never mutates its input.
 */

export const REDACTED = '[REDACTED]';

/** Header names whose value is always a credential. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** Object keys (lower-cased, without `_`/`-`) whose value is a credential wherever it appears. */
const SECRET_KEYS = new Set([
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'token',
  'clientsecret',
  'password',
  'authorization',
  'apikey',
  'clientassertion',
]);

/** `name=value` pairs (query strings, form bodies) that carry a credential. */
const SECRET_PARAMS = 'access_token|refresh_token|id_token|client_secret|code|token|password|client_assertion';
const PARAM_PATTERN = new RegExp(`(^|[?&#\\s"'])(${SECRET_PARAMS})=([^&#\\s"']*)`, 'gi');
const JSON_PATTERN =
  /("(?:access_?token|refresh_?token|id_?token|client_?secret|accessToken|refreshToken|clientSecret|password|token)"\s*:\s*")((?:[^"\\]|\\.)*)(")/gi;
const AUTH_SCHEME_PATTERN = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/**
 * Returns a copy of `value` with secrets replaced by `[REDACTED]`. `Headers`, `URL`,
 * `URLSearchParams` and `FormData` come back as plain strings/objects; binary data as a summary.
 * `secrets` are extra literal strings (e.g. the current access token) to blank out of any text, in
 * raw, URL-encoded and JSON-escaped form.
 */
export function redact(value: string, secrets?: readonly string[]): string;
export function redact(value: unknown, secrets?: readonly string[]): unknown;
export function redact(value: unknown, secrets: readonly string[] = []): unknown {
  return redactValue(value, secretForms(secrets), new WeakSet());
}

/**
 * Each secret as text may carry it: raw, URL-encoded (`encodeURIComponent` and form encoding) and
 * JSON-escaped, longest first so a longer form is blanked before a raw secret inside it.
 */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    // Very short values would blank out ordinary words and protect nothing.
    if (typeof secret !== 'string' || secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function redactValue(value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof URL) return redactText(value.href, secrets);
  if (value instanceof URLSearchParams) return redactText(value.toString(), secrets);
  if (typeof Headers !== 'undefined' && value instanceof Headers) return redactHeaders(value, secrets);
  if (typeof Blob !== 'undefined' && value instanceof Blob) return `[Blob ${value.size} bytes]`;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
  if (typeof FormData !== 'undefined' && value instanceof FormData) {
    const parts: Record<string, unknown> = {};
    value.forEach((part, name) => {
      parts[name] = redactValue(part, secrets, seen);
    });
    return parts;
  }
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, seen));
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message, secrets) };
  }
  const record = value as Record<string, unknown>;
  // An OAuth token request carries the one-time `code` next to these keys; elsewhere (Miro's
  // error bodies) `code` is a harmless error code and stays readable.
  const isOAuthPayload = 'grant_type' in record || 'redirect_uri' in record || 'client_id' in record;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    out[key] = isSecretKey(key) || (isOAuthPayload && key === 'code') ? REDACTED : redactValue(item, secrets, seen);
  }
  return out;
}

function redactHeaders(headers: Headers, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(value, secrets);
  });
  return out;
}

function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[-_]/g, '');
  return SECRET_KEYS.has(normalized) || SECRET_HEADERS.has(key.toLowerCase());
}

function redactText(text: string, secrets: readonly string[]): string {
  let out = text
    .replace(AUTH_SCHEME_PATTERN, `$1 ${REDACTED}`)
    .replace(PARAM_PATTERN, `$1$2=${REDACTED}`)
    .replace(JSON_PATTERN, `$1${REDACTED}$3`);
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}
