import {
  errorClassFor,
  MiroRedirectError,
  MiroResponseTooLargeError,
  type MiroApiError,
  type CallOrigin,
} from './errors.js';
import { retryAtOf } from './rate-limit.js';
import { MAX_ERROR_BODY_BYTES, type BodyText } from './read-body.js';

/** Raw error text kept on the error (an HTML error page can be large). */
export const MAX_RAW_BODY_CHARS = 2000;
/** Raw error text quoted in the message. */
const MAX_MESSAGE_SNIPPET_CHARS = 200;

/**
 * Headers that may carry the request id. Miro's public docs do not name one; `X-Request-Id` is the
 * common convention and the others are what CDNs/gateways in front of an API commonly add.
 */
const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-miro-request-id', 'x-amzn-requestid', 'x-trace-id'];

export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/**
 * Turns a non-success response into the typed error for its status. `body` is the body as read
 * (`truncated` when it went on past `MAX_ERROR_BODY_BYTES`); `note` is added to the message (why
 * it was not retried); `now` dates `retryAt`.
 */
export function errorFromResponse(
  origin: CallOrigin,
  response: Response,
  { text, truncated }: BodyText,
  now: number,
  note?: string,
): MiroApiError {
  const { status, headers } = response;
  const retryAt = retryAtOf(status, headers, now);
  const base = {
    ...origin,
    status,
    headers,
    requestId: requestIdOf(headers),
    ...(retryAt !== undefined && { retryAt: new Date(retryAt) }),
  };
  const end = note ? `; ${note}` : '';
  if (response.type === 'opaqueredirect') {
    return new MiroRedirectError(
      `${origin.methodName}: the server answered with a redirect (the browser hides its status and target); API calls do not follow redirects`,
      { ...base, status: undefined, location: undefined },
    );
  }
  const location = headers.get('location');
  if (status >= 300 && status < 400 && location !== null) {
    const target = resolveLocation(location, origin.url);
    return new MiroRedirectError(
      `${origin.methodName}: the server answered ${status} with a redirect to ${target}; API calls do not follow redirects, so nothing was sent there`,
      { ...base, location: target },
    );
  }
  const parsed = truncated ? undefined : parseJsonObject(text);
  const ErrorClass = errorClassFor(status);
  if (parsed) {
    // Miro: { status, code, message, context, type }; SCIM: { detail, scimType }; OAuth: { error, error_description }.
    const code = stringField(parsed, 'code') ?? stringField(parsed, 'scimType') ?? stringField(parsed, 'error');
    const apiMessage =
      stringField(parsed, 'message') ?? stringField(parsed, 'detail') ?? stringField(parsed, 'error_description');
    const message = `${origin.methodName} failed with ${status}${code ? ` ${code}` : ''}: ${apiMessage ?? 'no message in the response'}${end}`;
    return new ErrorClass(message, {
      ...base,
      code,
      context: parsed['context'],
      type: stringField(parsed, 'type'),
      body: parsed,
    });
  }
  const raw = truncate(text, MAX_RAW_BODY_CHARS);
  const snippet = truncate(text.replace(/\s+/g, ' ').trim(), MAX_MESSAGE_SNIPPET_CHARS);
  const what = truncated
    ? `a response body over ${MAX_ERROR_BODY_BYTES} bytes, not kept whole: ${snippet}`
    : snippet === ''
      ? 'empty response body'
      : `non-JSON response: ${snippet}`;
  return new ErrorClass(`${origin.methodName} failed with ${status}: ${what}${end}`, { ...base, body: raw });
}

/** A success response over the size limit: `readText` stopped reading it. */
export function responseTooLargeError(
  origin: CallOrigin,
  response: Response,
  limit: number,
): MiroResponseTooLargeError {
  return new MiroResponseTooLargeError(
    `${origin.methodName}: the ${response.status} response is larger than the ${limit}-byte limit (maxResponseBytes); reading stopped there`,
    { ...origin, status: response.status, headers: response.headers, requestId: requestIdOf(response.headers), limit },
  );
}

function resolveLocation(location: string, requestUrl: string): string {
  try {
    return new URL(location, requestUrl).href;
  } catch {
    return location;
  }
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
