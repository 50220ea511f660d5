// The smoke scenario of @miro/auth's `Miro`: the OAuth flow against the mock, a call as the user,
// token refresh (the mock's tokens expire inside the refresh margin, so each use refreshes), revoke.
import { createOAuthState, Miro, verifyOAuthState, type TokenStorage } from '@miro/auth';
import { MemoryTokenStorage } from '@miro/auth/storage/memory';

export interface AuthSmokeEnv {
  /** A mock server started with `autoApprove` and access tokens shorter than a minute. */
  readonly mockUrl: string;
  readonly userId: string;
  /** `redis`: a RedisTokenStorage on `redisUrl` under `keyPrefix`. */
  readonly storage: 'memory' | 'redis';
  readonly redisUrl?: string;
  readonly keyPrefix?: string;
}

export interface AuthSmokeReport {
  readonly storage: string;
  readonly stateVerified: boolean;
  readonly authorizedAfterExchange: boolean;
  readonly boardName: string;
  readonly tokenRotated: boolean;
  readonly boardReadWithNewToken: boolean;
  readonly authorizedAfterRevoke: boolean;
}

async function openStorage(env: AuthSmokeEnv): Promise<{ storage: TokenStorage; close: () => Promise<void> }> {
  if (env.storage === 'memory') return { storage: new MemoryTokenStorage(), close: async () => {} };
  const { RedisTokenStorage } = await import('@miro/auth/storage/redis');
  const storage = new RedisTokenStorage({
    url: env.redisUrl ?? 'redis://127.0.0.1:6379',
    keyPrefix: env.keyPrefix ?? 'miro:runtime-tests:',
  });
  return { storage, close: () => storage.close() };
}

export async function runAuthSmoke(env: AuthSmokeEnv): Promise<AuthSmokeReport> {
  const { storage, close } = await openStorage(env);
  try {
    const miro = new Miro({
      clientId: 'demo-client-id',
      clientSecret: 'demo-client-secret',
      redirectUrl: 'http://127.0.0.1:9/auth/callback',
      storage,
      baseUrl: env.mockUrl,
      authorizeUrl: `${env.mockUrl}/oauth/authorize`,
    });
    const secret = 'a state secret that is long enough for HMAC-SHA256';
    const state = createOAuthState('session-1', secret);
    const authorize = await fetch(miro.getAuthUrl(state), { redirect: 'manual' });
    const callback = authorize.headers.get('location');
    if (!callback) throw new Error(`the authorize page answered ${authorize.status} without a redirect`);
    const stateVerified = verifyOAuthState(new URL(callback).searchParams.get('state'), 'session-1', secret);
    await miro.exchangeCodeForAccessToken(env.userId, callback, state);
    const authorizedAfterExchange = await miro.isAuthorized(env.userId);

    const board = await miro.as(env.userId).createBoard({ name: `Made on ${env.storage} storage` });
    const before = await miro.getAccessToken(env.userId);
    const after = await miro.getAccessToken(env.userId);
    const again = await miro.as(env.userId).getSpecificBoard(board.id);

    await miro.revokeToken(env.userId);
    return {
      storage: env.storage,
      stateVerified,
      authorizedAfterExchange,
      boardName: board.name ?? '',
      tokenRotated: before !== after,
      boardReadWithNewToken: again.id === board.id,
      authorizedAfterRevoke: await miro.isAuthorized(env.userId),
    };
  } finally {
    await close();
  }
}
