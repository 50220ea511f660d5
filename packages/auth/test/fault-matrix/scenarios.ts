import type { TokenEndpointFault, TokenEndpointFaults } from '@miro/mock';
import { expect } from 'vitest';
import { MiroAuthorizationRequiredError, MiroStorageError, MiroTokenRequestError } from '../../src/errors.js';
import type { Miro } from '../../src/miro.js';
import type { TokenState } from '../../src/types.js';
import type { StoreUnderTest } from './stores.js';

/** Everything a scenario acts on. */
export interface ScenarioContext {
  readonly store: StoreUnderTest;
  readonly miro: Miro;
  readonly userId: string;
  readonly seeded: TokenState;
  readonly faults: TokenEndpointFaults;
  /** Requests that reached the other origin a redirect pointed to. */
  readonly stolen: () => number;
  /** The other origin's token endpoint. */
  readonly thiefUrl: string;
  /** What the app logged so far (info, warn and error). */
  readonly logged: readonly string[];
  cut?: Promise<void>;
}

type ErrorClass = abstract new (...args: never[]) => Error;

export interface Expected {
  /** How the call that meets the fault ends: with the new access token, or this error. */
  readonly call: 'new token' | { readonly error: ErrorClass; readonly fields?: Readonly<Record<string, unknown>> };
  /** Token requests that call made. (Refresh tokens re-sent after Miro exchanged them: always 0.) */
  readonly tokenRequests: number;
  /** What the store holds once it is reachable again. */
  readonly stored: 'the seeded tokens' | 'nothing' | 'the new tokens';
  readonly authorized: boolean;
  /** Lines logged at info, warn and error (debug lines of background retries vary with timing). */
  readonly logged: readonly string[];
  /** The next call, with Miro and the store healthy again. */
  readonly next: { readonly tokenRequests: number; readonly call: 'a token' | 'authorization required' };
}

export interface Scenario {
  readonly name: string;
  /** Sets the fault up before the call. */
  arrange(ctx: ScenarioContext): void | Promise<void>;
  /** Checks made while the fault still lasts. */
  meanwhile?(ctx: ScenarioContext, token: string | undefined): Promise<void>;
  /** Ends the fault (the store comes back). */
  restore?(ctx: ScenarioContext): Promise<void>;
  readonly expected: Expected;
}

export const LOG = {
  kept: 'warn @miro/auth: the token request failed; the stored tokens are kept',
  deleted: 'warn @miro/auth: Miro refused the refresh token (invalid_grant); deleted the stored tokens',
  refreshed: 'info @miro/auth: refreshed the access token',
  unstored: 'error @miro/auth: could not store the new tokens; keeping them in memory and retrying',
  storedLater: 'info @miro/auth: stored the tokens kept in memory',
} as const;

/** The token request timeout of the app under test, and how long a hanging endpoint hangs. */
export const TOKEN_TIMEOUT_MS = 300;
const HANG_MS = 1_500;

/** The token endpoint answers `fault` once: the tokens are kept, the error says how it failed. */
function endpointFault(
  name: string,
  fault: TokenEndpointFault | ((ctx: ScenarioContext) => TokenEndpointFault),
  fields: Record<string, unknown>,
  extra: Pick<Scenario, 'meanwhile'> = {},
): Scenario {
  return {
    name,
    arrange: (ctx) => void ctx.faults.inject(typeof fault === 'function' ? fault(ctx) : fault),
    ...extra,
    expected: {
      call: { error: MiroTokenRequestError, fields },
      tokenRequests: 1,
      stored: 'the seeded tokens',
      authorized: true,
      logged: [LOG.kept],
      next: { tokenRequests: 1, call: 'a token' },
    },
  };
}

/** The other origin got nothing: no secret, no refresh token. */
const nothingStolen: Pick<Scenario, 'meanwhile'> = {
  meanwhile: async (ctx) => {
    if (ctx.stolen() !== 0) throw new Error(`the other origin received ${ctx.stolen()} requests`);
  },
};

/** The store is back, and the app's background retry stores what it kept in memory (no call needed). */
async function storeComesBack(ctx: ScenarioContext): Promise<void> {
  await ctx.store.up();
  const deadline = Date.now() + 20_000;
  while (!ctx.logged.includes(LOG.storedLater)) {
    if (Date.now() > deadline) throw new Error('the tokens kept in memory never reached the store');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** While the store is away, the app serves the new tokens from memory and asks Miro for nothing. */
async function servedFromMemory(ctx: ScenarioContext, token: string | undefined): Promise<void> {
  const before = ctx.faults.requests.length;
  const again = await ctx.miro.getAccessToken(ctx.userId);
  if (again !== token) throw new Error('a second call during the outage did not get the tokens kept in memory');
  if (!(await ctx.miro.isAuthorized(ctx.userId))) throw new Error('the user was not authorized during the outage');
  if (ctx.faults.requests.length !== before) throw new Error('a second call during the outage asked Miro again');
}

/** The call gets the new tokens from memory; once the store is back, they are written in the background. */
const keptInMemoryThenStored: Expected = {
  call: 'new token',
  tokenRequests: 1,
  stored: 'the new tokens',
  authorized: true,
  logged: [LOG.unstored, LOG.storedLater],
  next: { tokenRequests: 0, call: 'a token' },
};

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'token endpoint: 400 invalid_grant',
    arrange: (ctx) => void ctx.faults.inject({ kind: 'oauth-error', status: 400, error: 'invalid_grant' }),
    expected: {
      call: { error: MiroAuthorizationRequiredError },
      tokenRequests: 1,
      stored: 'nothing',
      authorized: false,
      logged: [LOG.deleted],
      next: { tokenRequests: 0, call: 'authorization required' },
    },
  },
  endpointFault(
    'token endpoint: 400 invalid_request',
    { kind: 'oauth-error', status: 400, error: 'invalid_request' },
    { status: 400, oauthError: 'invalid_request', retryable: false },
  ),
  endpointFault(
    'token endpoint: 400 unsupported_grant_type',
    { kind: 'oauth-error', status: 400, error: 'unsupported_grant_type' },
    { status: 400, oauthError: 'unsupported_grant_type', retryable: false },
  ),
  endpointFault(
    'token endpoint: 401 invalid_client',
    { kind: 'oauth-error', status: 401, error: 'invalid_client' },
    { status: 401, oauthError: 'invalid_client', retryable: false },
  ),
  endpointFault(
    'token endpoint: HTML 400 (a proxy page)',
    { kind: 'html', status: 400 },
    { status: 400, oauthError: undefined, retryable: true },
  ),
  endpointFault(
    'token endpoint: 401 with an empty body',
    { kind: 'empty', status: 401 },
    { status: 401, oauthError: undefined, retryable: true },
  ),
  endpointFault(
    'token endpoint: 429 with Retry-After',
    { kind: 'status', status: 429, retryAfterSeconds: 5 },
    { status: 429, retryable: true, retryAfterMs: 5_000 },
  ),
  endpointFault('token endpoint: 500', { kind: 'status', status: 500 }, { status: 500, retryable: true }),
  endpointFault('token endpoint: 503', { kind: 'status', status: 503 }, { status: 503, retryable: true }),
  endpointFault(
    'token endpoint: no answer (timeout)',
    { kind: 'hang', ms: HANG_MS },
    { status: undefined, retryable: true, message: expect.stringMatching(`timed out after ${TOKEN_TIMEOUT_MS} ms`) },
  ),
  endpointFault('token endpoint: connection reset', { kind: 'reset' }, { status: undefined, retryable: true }),
  ...([302, 307, 308] as const).map((status) =>
    endpointFault(
      `token endpoint: ${status} to another origin`,
      (ctx) => ({ kind: 'redirect', status, location: `${ctx.thiefUrl}/v1/oauth/token` }),
      { status, retryable: false },
      nothingStolen,
    ),
  ),
  {
    name: 'store: down before the token request',
    arrange: (ctx) => ctx.store.down(),
    restore: (ctx) => ctx.store.up(),
    expected: {
      call: { error: MiroStorageError },
      tokenRequests: 0,
      stored: 'the seeded tokens',
      authorized: true,
      logged: [],
      next: { tokenRequests: 1, call: 'a token' },
    },
  },
  {
    name: 'store: cut right after the token response',
    arrange: (ctx) => void ctx.faults.afterNextIssue(() => ctx.store.down()),
    meanwhile: servedFromMemory,
    restore: storeComesBack,
    expected: keptInMemoryThenStored,
  },
  {
    name: 'store: cut during the write (it lands, its answer is lost)',
    arrange: (ctx) => {
      ctx.cut = ctx.store.cutDuringWrite();
    },
    meanwhile: async (ctx) => {
      await ctx.cut;
    },
    restore: storeComesBack,
    expected: keptInMemoryThenStored,
  },
];
