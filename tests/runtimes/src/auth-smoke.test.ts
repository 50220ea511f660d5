import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { MockServer } from '@miro/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInChild, type ChildRunOptions, type ChildRuntime } from './harness/child-runtimes.js';
import { startAuthMock } from './harness/mocks.js';
import type { AuthSmokeEnv, AuthSmokeReport } from './scenario/auth-smoke.ts';

const REDIS_URL = 'redis://127.0.0.1:6379';
// Keys of this run only (the Redis server is shared): removed afterwards, and nothing else.
const KEY_PREFIX = `miro:runtime-tests:${randomBytes(6).toString('hex')}:`;

let mock: MockServer;
let redis: Redis;

beforeAll(async () => {
  mock = await startAuthMock();
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});

afterAll(async () => {
  if (redis) {
    const keys = await redis.keys(`${KEY_PREFIX}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
  await mock?.close();
});

function expected(storage: AuthSmokeEnv['storage']): AuthSmokeReport {
  return {
    storage,
    stateVerified: true,
    authorizedAfterExchange: true,
    boardName: `Made on ${storage} storage`,
    tokenRotated: true,
    boardReadWithNewToken: true,
    authorizedAfterRevoke: false,
  };
}

async function runAndCount(runtime: ChildRuntime, env: AuthSmokeEnv, options: ChildRunOptions = {}) {
  const before = mock.simulation.state.counters;
  const report = await runInChild<AuthSmokeReport>(runtime, 'auth', env, options);
  const after = mock.simulation.state.counters;
  return {
    report,
    codeExchanges: after.codeExchanges - before.codeExchanges,
    refreshed: after.refreshes - before.refreshes >= 2,
    revocations: after.revocations - before.revocations,
  };
}

describe.each(['deno', 'bun'] as const)("@miro/auth's Miro on %s", (runtime) => {
  it('connects, calls as the user, refreshes and revokes, with memory storage', async () => {
    const run = await runAndCount(runtime, { mockUrl: mock.url, userId: `${runtime}-memory`, storage: 'memory' });
    expect(run).toEqual({ report: expected('memory'), codeExchanges: 1, refreshed: true, revocations: 1 });
  });

  it('does the same with its tokens in Redis, through ioredis', async () => {
    const userId = `${runtime}-redis`;
    // On Deno, ioredis needs the whole environment: its `debug` dependency lists every variable.
    const run = await runAndCount(
      runtime,
      { mockUrl: mock.url, userId, storage: 'redis', redisUrl: REDIS_URL, keyPrefix: KEY_PREFIX },
      { denoPermissions: ['--allow-env'] },
    );
    expect(run).toEqual({ report: expected('redis'), codeExchanges: 1, refreshed: true, revocations: 1 });
    // The tokens were kept in Redis under the run's prefix, and revoking emptied them.
    expect(await redis.hget(`${KEY_PREFIX}{${userId}}:state`, 'v')).toBeNull();
    expect(await redis.exists(`${KEY_PREFIX}{${userId}}:fence`)).toBe(1);
  });
});
