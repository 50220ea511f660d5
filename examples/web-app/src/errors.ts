import { MiroApiError, MiroConnectionError, MiroRateLimitError } from '@miro/api';
import {
  MiroAuthError,
  MiroAuthorizationDeniedError,
  MiroStateMismatchError,
  MiroStorageError,
  MiroTokenRequestError,
} from '@miro/auth';

/** What the error page shows: never a stack trace, never a token. */
export interface UserFacingError {
  /** HTTP status of the page. */
  readonly status: 400 | 403 | 404 | 429 | 500 | 502 | 503;
  readonly title: string;
  readonly message: string;
  /** Extra facts worth quoting to support: Miro's status, error code, request id. */
  readonly details: readonly string[];
}

/** An action of the app that failed, so the page can say what was being done. */
export class ActionError extends Error {
  override name = 'ActionError';
  constructor(
    readonly action: string,
    override readonly cause: unknown,
  ) {
    super(`Could not ${action}`, { cause });
  }
}

/** A request the app itself refuses (bad form input, unknown page); its message is for the user. */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly status: 400 | 403 | 404,
    readonly title: string,
    message: string,
  ) {
    super(message);
  }
}

/** Wraps a failure of `work` in an `ActionError` naming `action` ("list your boards"). */
export async function attempt<T>(action: string, work: () => PromiseLike<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new ActionError(action, error);
  }
}

/** Miro's own explanation from its error body (`message`), else the client's message. */
function miroMessage(error: MiroApiError): string {
  const body = error.body;
  if (
    body !== null &&
    typeof body === 'object' &&
    'message' in body &&
    typeof body.message === 'string' &&
    body.message
  ) {
    return body.message;
  }
  return error.message;
}

function apiDetails(error: MiroApiError): string[] {
  return [
    error.status === undefined ? undefined : `HTTP status: ${error.status}`,
    error.code ? `Miro error code: ${error.code}` : undefined,
    error.requestId ? `Request id: ${error.requestId}` : undefined,
  ].filter((line): line is string => line !== undefined);
}

export function describeError(error: unknown): UserFacingError {
  const action = error instanceof ActionError ? error.action : undefined;
  const cause = error instanceof ActionError ? error.cause : error;
  const title = action ? `Could not ${action}` : 'Something went wrong';

  if (cause instanceof UserError)
    return { status: cause.status, title: cause.title, message: cause.message, details: [] };
  if (cause instanceof MiroConnectionError) {
    return { status: 502, title, message: 'Miro could not be reached. Please try again in a moment.', details: [] };
  }
  if (cause instanceof MiroRateLimitError) {
    return {
      status: 429,
      title,
      message: 'The app has used up its Miro credits for this minute. Please wait a little and try again.',
      details: apiDetails(cause),
    };
  }
  if (cause instanceof MiroApiError) {
    const status = cause.status;
    return {
      status: status === 400 || status === 403 || status === 404 ? status : 502,
      title,
      message: `Miro says: ${miroMessage(cause)}`,
      details: apiDetails(cause),
    };
  }
  if (cause instanceof MiroAuthorizationDeniedError) {
    return {
      status: 403,
      title: 'Miro access was not granted',
      message: `The app was not authorized (${cause.oauthError}). Connect again and approve to continue.`,
      details: [],
    };
  }
  if (cause instanceof MiroStateMismatchError) {
    return {
      status: 403,
      title: 'Connecting to Miro failed',
      message: 'This sign-in response does not belong to your browser session. Please connect again.',
      details: [],
    };
  }
  if (cause instanceof MiroTokenRequestError) {
    return {
      status: 502,
      title,
      message: `Miro's token endpoint refused the request${cause.oauthError ? ` (${cause.oauthError})` : ''}.`,
      details: cause.status === undefined ? [] : [`HTTP status: ${cause.status}`],
    };
  }
  if (cause instanceof MiroStorageError) {
    return { status: 503, title, message: `The token store (${cause.store}) is not available right now.`, details: [] };
  }
  if (cause instanceof MiroAuthError) {
    return { status: 500, title, message: cause.message, details: [`Error kind: ${cause.kind}`] };
  }
  return { status: 500, title, message: 'An unexpected error occurred. It has been logged.', details: [] };
}
