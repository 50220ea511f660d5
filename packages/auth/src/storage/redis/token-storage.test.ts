import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../../test/helpers/tcp-proxy.js';
import { runStorageConformance } from '../conformance.js';
import { storageKey } from '../stored-record.js';
import { RedisTokenStorage } from './token-storage.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `miro-auth-test:${randomBytes(6).toString('hex')}:`;
const admin = new Redis(REDIS_URL);
const proxy = await startTcpProxy(6379);

afterAll(async () => {
  await proxy.close();
  admin.disconnect();
});

runStorageConformance({
  name: 'Redis',
  create: () => new RedisTokenStorage({ url: REDIS_URL, keyPrefix: prefix }),
  close: (storage) => (storage as RedisTokenStorage).close(),
  readRaw: async (userId) => (await admin.hget(`${prefix}{${storageKey(userId)}}:state`, 'v')) ?? undefined,
  breakLock: async (userId) => void (await admin.del(`${prefix}{${storageKey(userId)}}:lock`)),
  outage: {
    create: () =>
      new RedisTokenStorage({
        url: `redis://127.0.0.1:${proxy.port}`,
        keyPrefix: prefix,
        operationTimeoutMs: 2_000,
        redisOptions: { retryStrategy: () => 100 },
      }),
    stop: () => proxy.stop(),
    start: () => proxy.start(),
    readsFail: true,
  },
  cleanup: async () => {
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  },
});

describe('RedisTokenStorage', () => {
  it('leaves a client it was given connected on close', async () => {
    const client = new Redis(REDIS_URL);
    const storage = new RedisTokenStorage({ client, keyPrefix: prefix });
    await storage.set('given-client', { accessToken: 'a' });
    await storage.close();
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
  });

  it('expires a crashed holder’s lock after its TTL so others can refresh', async () => {
    const storage = new RedisTokenStorage({ url: REDIS_URL, keyPrefix: prefix, lockTtlMs: 200 });
    const userId = `crashed-${randomBytes(4).toString('hex')}`;
    // A lock left behind by a process that died (no renewal, no release).
    await admin.set(`${prefix}{${userId}}:lock`, 'dead-holder', 'PX', 200);
    await expect(storage.withRefreshLock(userId, async () => 'took over')).resolves.toBe('took over');
    await storage.close();
  });

  it('gives up waiting for a lock with a typed timeout error', async () => {
    const storage = new RedisTokenStorage({ url: REDIS_URL, keyPrefix: prefix, lockWaitMs: 100 });
    const userId = `held-${randomBytes(4).toString('hex')}`;
    await admin.set(`${prefix}{${userId}}:lock`, 'other-holder', 'PX', 10_000);
    await expect(storage.withRefreshLock(userId, async () => 'never')).rejects.toMatchObject({
      kind: 'MIRO_AUTH_LOCK_TIMEOUT',
    });
    await storage.close();
  });

  it('renews the lease while its holder works, so a slow refresh keeps the lock past one TTL', async () => {
    const holder = new RedisTokenStorage({ url: REDIS_URL, keyPrefix: prefix, lockTtlMs: 600 });
    const other = new RedisTokenStorage({ url: REDIS_URL, keyPrefix: prefix, lockWaitMs: 50 });
    const userId = `slow-${randomBytes(4).toString('hex')}`;
    let attempt: Promise<unknown> | undefined;
    await holder.withRefreshLock(userId, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000)); // well past the 600 ms TTL
      attempt = other.withRefreshLock(userId, async () => 'should not get in').catch((e: unknown) => e);
      await attempt;
    });
    expect(await attempt).toMatchObject({ kind: 'MIRO_AUTH_LOCK_TIMEOUT' });
    await holder.close();
    await other.close();
  });

  it('leases the lock for what Miro asks (its token timeout plus a margin), and its own lockTtlMs otherwise', async () => {
    const storage = new RedisTokenStorage({ url: REDIS_URL, keyPrefix: prefix, lockTtlMs: 5_000 });
    const userId = `lease-${randomBytes(4).toString('hex')}`;
    const lockKey = `${prefix}{${userId}}:lock`;
    const asked = await storage.withRefreshLock(userId, () => admin.pttl(lockKey), { leaseMs: 700 });
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThanOrEqual(700);
    const own = await storage.withRefreshLock(userId, () => admin.pttl(lockKey));
    expect(own).toBeGreaterThan(700);
    expect(own).toBeLessThanOrEqual(5_000);
    await storage.close();
  });

  it('reports keys of another shape under its prefix, saying what it expects', async () => {
    const storage = new RedisTokenStorage({ url: REDIS_URL, keyPrefix: prefix });
    const userId = `shape-${randomBytes(4).toString('hex')}`;
    await admin.set(`${prefix}{${userId}}:state`, 'a plain string');
    await expect(storage.get(userId)).rejects.toThrow(
      /Redis token storage: reading the tokens of user "shape-\w+" failed: a key under the prefix ".*" holds another type .* Expected per user: <prefix>\{<user>\}:state a hash/,
    );
    await admin.del(`${prefix}{${userId}}:state`);
    await admin.hset(`${prefix}{${userId}}:state`, 'v', 'not json at all');
    await expect(storage.get(userId)).rejects.toThrow(
      /is not a @miro\/auth token record \(it is not JSON\); expected JSON like/,
    );
    await storage.close();
  });
});
