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
 * each form they take when echoed back: raw, URL-encoded and JSON-escaped (see `secretForms`).
 */
export function redact(value: string, secrets?: readonly string[]): string;
export function redact(value: unknown, secrets?: readonly string[]): unknown;
export function redact(value: unknown, secrets: readonly string[] = []): unknown {
  return redactValue(value, expandSecrets(secrets), new WeakSet());
}

/** Shorter strings would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * The forms a secret takes in text a server sends back: as is, URL-encoded (`encodeURIComponent`,
 * with upper- or lower-case hex, and form encoding) and JSON-escaped (with `/` escaped or not).
 */
export function secretForms(secret: string): string[] {
  const uri = encodeURIComponent(secret);
  const json = JSON.stringify(secret).slice(1, -1);
  return [
    secret,
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
    new URLSearchParams({ s: secret }).toString().slice(2),
    json,
    json.replaceAll('/', '\\/'),
  ];
}

/** Every form of every secret, longest first (so that no shorter form leaves part of a longer one), once each. */
function expandSecrets(secrets: readonly string[]): string[] {
  if (secrets.length === 0) return [];
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    for (const form of secretForms(secret)) forms.add(form);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

function redactValue(value: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof URL) return redactText(value.href, secrets);
  if (value instanceof URLSearchParams) return redactText(value.toString(), secrets);
  if (typeof Headers !== 'undefined' && value instanceof Headers) return redactHeaderValues(value, secrets);
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

function redactHeaderValues(headers: Headers, secrets: readonly string[]): Record<string, string> {
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
  let out = text;
  // Literal secrets first: a pattern below could cut a token short and leave its tail behind.
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out
    .replace(AUTH_SCHEME_PATTERN, `$1 ${REDACTED}`)
    .replace(PARAM_PATTERN, `$1$2=${REDACTED}`)
    .replace(JSON_PATTERN, `$1${REDACTED}$3`);
}

/** `headers` with credential headers and secrets blanked, as a new `Headers`; the same object when nothing changes. */
export function redactHeaders(headers: Headers, secrets: readonly string[] = []): Headers {
  const safe = redactHeaderValues(headers, expandSecrets(secrets));
  let changed = false;
  headers.forEach((value, name) => {
    if (safe[name] !== value) changed = true;
  });
  return changed ? new Headers(safe) : headers;
}

/**
 * A thrown value with secrets removed. An `Error` whose message, stack, fields and cause chain are
 * clean comes back as it is (its class intact); otherwise as a plain `Error` copy, same `name`,
 * redacted throughout. Anything else goes through `redact`.
 */
export function redactCause(cause: unknown, secrets: readonly string[] = []): unknown {
  return redactThrown(cause, expandSecrets(secrets), new WeakSet());
}

function redactThrown(cause: unknown, secrets: readonly string[], seen: WeakSet<object>): unknown {
  if (!(cause instanceof Error)) return redactValue(cause, secrets, seen);
  if (seen.has(cause)) return cause;
  seen.add(cause);
  const message = redactText(cause.message, secrets);
  const stack = cause.stack === undefined ? undefined : redactText(cause.stack, secrets);
  const inner = cause.cause === undefined ? undefined : redactThrown(cause.cause, secrets, seen);
  const fields: Record<string, unknown> = {};
  let changed = message !== cause.message || stack !== cause.stack || inner !== cause.cause;
  for (const [key, value] of Object.entries(cause)) {
    const safe = isSecretKey(key) ? REDACTED : redactValue(value, secrets, new WeakSet());
    // Objects come back as copies: compare their JSON, primitives as they are.
    if (safe !== value && (typeof safe !== 'object' || JSON.stringify(safe) !== JSON.stringify(value))) changed = true;
    fields[key] = safe;
  }
  if (!changed) return cause;
  const copy = new Error(message, inner === undefined ? undefined : { cause: inner });
  Object.assign(copy, fields);
  copy.name = cause.name;
  if (stack === undefined) delete copy.stack;
  else copy.stack = stack;
  return copy;
}
