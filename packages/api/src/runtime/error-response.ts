import { errorClassFor, type MiroApiError, type MiroErrorOrigin } from './errors.js';

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

/** Turns a non-success response into the typed error for its status. */
export function errorFromResponse(
  origin: MiroErrorOrigin,
  status: number,
  headers: Headers,
  text: string,
): MiroApiError {
  const parsed = parseJsonObject(text);
  const ErrorClass = errorClassFor(status);
  const base = {
    ...origin,
    status,
    headers,
    requestId: requestIdOf(headers),
  };
  if (parsed) {
    // Miro: { status, code, message, context, type }; SCIM: { detail, scimType }; OAuth: { error, error_description }.
    const code = stringField(parsed, 'code') ?? stringField(parsed, 'scimType') ?? stringField(parsed, 'error');
    const apiMessage =
      stringField(parsed, 'message') ?? stringField(parsed, 'detail') ?? stringField(parsed, 'error_description');
    const message = `${origin.operationId} failed with ${status}${code ? ` ${code}` : ''}: ${apiMessage ?? 'no message in the response'}`;
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
  const message = `${origin.operationId} failed with ${status}: ${snippet === '' ? 'empty response body' : `non-JSON response: ${snippet}`}`;
  return new ErrorClass(message, { ...base, body: raw });
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
