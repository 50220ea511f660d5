/** One field that failed validation, reported in the error body's `context.fields`. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * An error answered in Miro's REST error shape `{ status, code, message, type: 'error', context? }`.
 * Handlers throw it; the simulation turns it into the response.
 */
export class MiroError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly context?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'MiroError';
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = {
      status: this.status,
      code: this.code,
      message: this.message,
      type: 'error',
    };
    if (this.context) body.context = this.context;
    return body;
  }
}

export function badRequest(message: string, fields?: readonly FieldError[]): MiroError {
  return new MiroError(400, 'invalidParameters', message, fields ? { fields } : undefined);
}

export function notFound(message: string): MiroError {
  return new MiroError(404, 'notFound', message);
}

/** An OAuth error: RFC 6749 `error`/`error_description` plus Miro's error fields, so either kind of client reads it. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }

  body(): Record<string, unknown> {
    return {
      error: this.error,
      error_description: this.message,
      status: this.status,
      code: this.error,
      message: this.message,
      type: 'error',
    };
  }
}
