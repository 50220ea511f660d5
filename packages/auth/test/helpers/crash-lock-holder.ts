import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { startMockServer, TokenEndpointFaults } from '@miro/mock';
import { Redis } from 'ioredis';
import pg from 'pg';
import { LEASE_MARGIN_MS } from '../../src/defaults.js';
import { Miro } from '../../src/miro.js';
import { PostgresTokenStorage } from '../../src/storage/postgres.js';
import { RedisTokenStorage } from '../../src/storage/redis/index.js';
import { storageKey } from '../../src/storage/stored-record.js';
import { startWorker } from './run-workers.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const CLIENT = { clientId: 'crash-test-client', clientSecret: 'crash-test-client-secret' };

export interface CrashOutcome {
  /** The lease the holder's `Miro` asked for: its token request timeout plus the margin. */
  readonly leaseMs: number;
  /** Redis: what was left of the holder's lease when it was killed (PTTL of the lock key). */
  readonly leaseLeftAtKillMs: number | undefined;
  /** From the kill -9 to the other process having refreshed (wall clock, for reports only). */
  readonly waitedMs: number;
  /** Token requests Miro received: the holder's (never answered) and the other process's. */
  readonly tokenRequests: number;
  readonly reusedRefreshTokens: number;
  /** The other process got a token Miro knows. */
  readonly refreshed: boolean;
}

/**
 * A process takes a user's refresh lock and sends its token request, which Miro does not answer;
 * it is then killed with SIGKILL (no cleanup at all). This process then asks for the user's token,
 * waits for the dead holder's lock, and refreshes.
 */
export async function crashLockHolder(
  store: 'redis' | 'postgres',
  tokenRequestTimeoutMs: number,
  lockWaitMs = 60_000,
): Promise<CrashOutcome> {
  const faults = new TokenEndpointFaults();
  const mock = await startMockServer({ clients: [CLIENT], tokenEndpointFaults: faults });
  const namespace =
    store === 'redis'
      ? `miro-auth-crash:${randomBytes(5).toString('hex')}:`
      : `miro_auth_crash_${randomBytes(5).toString('hex')}`;
  const storage =
    store === 'redis'
      ? new RedisTokenStorage({ url: REDIS_URL, keyPrefix: namespace, lockWaitMs })
      : new PostgresTokenStorage({ connectionString: PG_URL, table: namespace, lockWaitMs });
  const userId = `user-${randomBytes(4).toString('hex')}`;
  try {
    const issued = mock.simulation.issueToken({ clientId: CLIENT.clientId });
    await storage.set(userId, {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken as string,
      expiresAt: Date.now() - 1_000,
    });
    // The holder's token request gets no answer before it is killed.
    faults.inject({ kind: 'hang', ms: tokenRequestTimeoutMs + 1_000 });
    const holder = await startWorker({
      STORE: store,
      STORE_URL: store === 'redis' ? REDIS_URL : PG_URL,
      STORE_NAMESPACE: namespace,
      TOKEN_URL: mock.url,
      CLIENT_ID: CLIENT.clientId,
      CLIENT_SECRET: CLIENT.clientSecret,
      USER_ID: userId,
      CALLS: '1',
      TOKEN_TIMEOUT_MS: String(tokenRequestTimeoutMs),
    });
    holder.go();
    while (faults.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const leaseLeftAtKillMs = store === 'redis' ? await pttl(`${namespace}{${storageKey(userId)}}:lock`) : undefined;
    await holder.kill();
    const killedAt = performance.now();
    const miro = new Miro({
      ...CLIENT,
      redirectUrl: 'http://127.0.0.1/cb',
      baseUrl: mock.url,
      storage,
      tokenRequestTimeoutMs,
    });
    const token = await miro.getAccessToken(userId);
    const waitedMs = performance.now() - killedAt;
    return {
      leaseMs: tokenRequestTimeoutMs + LEASE_MARGIN_MS,
      leaseLeftAtKillMs,
      waitedMs,
      tokenRequests: faults.requests.length,
      reusedRefreshTokens: faults.reusedRefreshTokens,
      refreshed: mock.simulation.state.tokens().some((t) => t.accessToken === token && t.active),
    };
  } finally {
    await storage.close();
    await mock.close();
    await dropNamespace(store, namespace);
  }
}

async function pttl(key: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  try {
    return await redis.pttl(key);
  } finally {
    redis.disconnect();
  }
}

async function dropNamespace(store: 'redis' | 'postgres', namespace: string): Promise<void> {
  if (store === 'redis') {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${namespace}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  } else {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1 });
    await pool.query(`DROP TABLE IF EXISTS ${namespace}`);
    await pool.end();
  }
}
