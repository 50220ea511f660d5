import {
  MiroBadRequestError,
  MiroConnectionError,
  MiroInternalServerError,
  MiroNotFoundError,
  MiroRateLimitError,
} from '@miro/api';
import { MiroAuthorizationDeniedError, MiroStorageError, MiroTokenRequestError } from '@miro/auth';
import { describe, expect, it } from 'vitest';
import { ActionError, attempt, describeError, UserError } from './errors.js';

const origin = { operationId: 'createBoard', method: 'POST' as const, url: 'https://api.miro.com/v2/boards' };

describe('describeError', () => {
  it("shows Miro's own message, the action, status, code and request id", () => {
    const error = new MiroBadRequestError('createBoard failed with 400 invalidParameters: Name is too long', {
      ...origin,
      status: 400,
      code: 'invalidParameters',
      requestId: 'req-1',
      body: { status: 400, code: 'invalidParameters', message: 'Name is too long', type: 'error' },
    });
    expect(describeError(new ActionError('create the board', error))).toEqual({
      status: 400,
      title: 'Could not create the board',
      message: 'Miro says: Name is too long',
      details: ['HTTP status: 400', 'Miro error code: invalidParameters', 'Request id: req-1'],
    });
  });

  it('falls back to the client message when the body has none, and maps 5xx to 502', () => {
    const error = new MiroInternalServerError('getBoards failed with 503: empty response body', {
      ...origin,
      status: 503,
      body: '',
    });
    const shown = describeError(error);
    expect(shown.status).toBe(502);
    expect(shown.title).toBe('Something went wrong');
    expect(shown.message).toBe('Miro says: getBoards failed with 503: empty response body');
  });

  it('keeps 404 as 404', () => {
    const error = new MiroNotFoundError('x', { ...origin, status: 404, body: { message: 'Board not found' } });
    expect(describeError(error)).toMatchObject({ status: 404, message: 'Miro says: Board not found' });
  });

  it('explains a rate limit and a connection failure in plain words', () => {
    const limited = new MiroRateLimitError('x', { ...origin, status: 429 });
    expect(describeError(limited)).toMatchObject({
      status: 429,
      message: expect.stringContaining('used up its Miro credits'),
    });
    const offline = new MiroConnectionError('getBoards: fetch failed (ECONNREFUSED 10.0.0.1)', { ...origin });
    const shown = describeError(offline);
    expect(shown).toMatchObject({ status: 502, message: 'Miro could not be reached. Please try again in a moment.' });
    expect(JSON.stringify(shown)).not.toContain('ECONNREFUSED');
  });

  it('explains a denied authorization, a token endpoint failure and a store outage', () => {
    expect(describeError(new MiroAuthorizationDeniedError('access_denied'))).toMatchObject({
      status: 403,
      message: expect.stringContaining('(access_denied)'),
    });
    expect(
      describeError(new MiroTokenRequestError('boom', { status: 401, oauthError: 'invalid_client', retryable: false })),
    ).toMatchObject({
      status: 502,
      message: "Miro's token endpoint refused the request (invalid_client).",
      details: ['HTTP status: 401'],
    });
    expect(describeError(new MiroStorageError('Redis', 'connect ECONNREFUSED'))).toMatchObject({
      status: 503,
      message: 'The token store (Redis) is not available right now.',
    });
  });

  it('never shows the message of an unexpected error (it may hold internals)', () => {
    const shown = describeError(new ActionError('list your boards', new Error('secret internal detail at line 3')));
    expect(shown).toEqual({
      status: 500,
      title: 'Could not list your boards',
      message: 'An unexpected error occurred. It has been logged.',
      details: [],
    });
  });

  it("passes the app's own user errors through", () => {
    expect(describeError(new UserError(400, 'Invalid page', 'Bad offset'))).toEqual({
      status: 400,
      title: 'Invalid page',
      message: 'Bad offset',
      details: [],
    });
  });
});

describe('attempt', () => {
  it('wraps a failure with the action, keeping the cause', async () => {
    const cause = new Error('x');
    const error = await attempt('sign out', () => Promise.reject(cause)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).action).toBe('sign out');
    expect((error as ActionError).cause).toBe(cause);
  });

  it('returns the value on success', async () => {
    await expect(attempt('x', () => Promise.resolve(42))).resolves.toBe(42);
  });
});
