import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresTokenStorage } from '../src/storage/postgres.js';
import { RedisTokenStorage } from '../src/storage/redis/index.js';
import { SqliteTokenStorage } from '../src/storage/sqlite.js';
import type { TokenStorage } from '../src/types.js';
import { runWorkers } from './helpers/run-workers.js';
import { startTokenServer, type TokenServer } from './helpers/token-server.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const run = randomBytes(5).toString('hex');
const redisPrefix = `miro-auth-xproc:${run}:`;
const pgTable = `miro_auth_xproc_${run}`;
const sqliteDir = mkdtempSync(join(tmpdir(), 'miro-auth-xproc-'));

let server: TokenServer;
beforeEach(async () => {
  // Latency makes the processes' refresh attempts overlap for real.
  server = await startTokenServer({ latencyMs: 100 });
});
afterEach(() => server.close());

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${redisPrefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  const pool = new pg.Pool({ connectionString: PG_URL });
  await pool.query(`DROP TABLE IF EXISTS ${pgTable}`);
  await pool.end();
  rmSync(sqliteDir, { recursive: true, force: true });
});

async function scenario(
  store: 'redis' | 'postgres' | 'sqlite',
  storage: TokenStorage & { close(): Promise<void> },
  namespace: string,
  url: string,
) {
  const userId = `user-${randomBytes(4).toString('hex')}`;
  const seeded = server.seedTokens();
  server.expire(seeded.accessToken); // expired at Miro as well as locally
  await storage.set(userId, { ...seeded, expiresAt: Date.now() - 1_000 });

  const results = await runWorkers(4, {
    STORE: store,
    STORE_URL: url,
    STORE_NAMESPACE: namespace,
    TOKEN_URL: server.url,
    CLIENT_ID: server.clientId,
    CLIENT_SECRET: server.clientSecret,
    USER_ID: userId,
    CALLS: '20',
  });

  expect(results.map((r) => r.errors)).toEqual([[], [], [], []]);
  expect(results.map((r) => r.ok)).toEqual([20, 20, 20, 20]);
  expect(server.counts.refreshes).toBe(1);
  expect(server.counts.reusedRefreshTokens).toBe(0);
  expect(server.counts.boards).toBe(80);
  const stored = await storage.get(userId);
  expect(stored?.refreshToken).not.toBe(seeded.refreshToken);
  expect(server.requests.every((r) => !r.url.includes(server.clientSecret))).toBe(true);
  await storage.close();
}

describe('four processes sharing one store, each making 20 calls with an expired token', () => {
  it('Redis: exactly one refresh, and every call succeeds', async () => {
    await scenario('redis', new RedisTokenStorage({ url: REDIS_URL, keyPrefix: redisPrefix }), redisPrefix, REDIS_URL);
  }, 60_000);

  it('PostgreSQL: exactly one refresh, and every call succeeds', async () => {
    await scenario('postgres', new PostgresTokenStorage({ connectionString: PG_URL, table: pgTable }), pgTable, PG_URL);
  }, 60_000);

  it('SQLite (one file on this machine): exactly one refresh, and every call succeeds', async () => {
    const file = join(sqliteDir, 'tokens.db');
    await scenario('sqlite', new SqliteTokenStorage({ filename: file, table: 'tokens' }), 'tokens', file);
  }, 60_000);
});
