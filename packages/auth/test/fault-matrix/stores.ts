import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { encryptTokenStorage } from '../../src/storage/encrypted.js';
import { MemoryTokenStorage } from '../../src/storage/memory.js';
import { PostgresTokenStorage } from '../../src/storage/postgres.js';
import { scripts } from '../../src/storage/redis/scripts.js';
import { RedisTokenStorage } from '../../src/storage/redis/token-storage.js';
import { SqliteTokenStorage } from '../../src/storage/sqlite.js';
import type { TokenStorage } from '../../src/types.js';
import { startTcpProxy } from '../helpers/tcp-proxy.js';
import { FaultyStorage } from './faulty-storage.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** One adapter under fault: the store the app uses, an untouched view of the same data, and its faults. */
export interface StoreUnderTest {
  readonly name: string;
  /** What the app's `Miro` uses: through the TCP proxy (Redis, PostgreSQL) or a fault layer. */
  readonly storage: TokenStorage;
  /** The same data, read by a client no fault touches: what is really stored. */
  readonly direct: TokenStorage;
  /** The store goes away: open connections are cut and new ones refused (SQLite: its write lock is taken). */
  down(): Promise<void>;
  up(): Promise<void>;
  /** Arms a cut: the next write reaches the store, then the connection drops before its answer. Resolves when cut. */
  cutDuringWrite(): Promise<void>;
}

export interface StoreFamily {
  readonly name: string;
  open(): Promise<{ plain: StoreUnderTest; close(): Promise<void> }>;
}

/** Each adapter also wrapped in `encryptTokenStorage` (the same key for the app's store and the direct view). */
export function withEncrypted(store: StoreUnderTest): StoreUnderTest {
  const key = randomBytes(32);
  return {
    ...store,
    name: `${store.name} encrypted`,
    storage: encryptTokenStorage(store.storage, { key }),
    direct: encryptTokenStorage(store.direct, { key }),
    down: () => store.down(),
    up: () => store.up(),
    cutDuringWrite: () => store.cutDuringWrite(),
  };
}

const memory: StoreFamily = {
  name: 'memory',
  async open() {
    const inner = new MemoryTokenStorage();
    const faulty = new FaultyStorage(inner, 'memory');
    return {
      plain: {
        name: 'memory',
        storage: faulty,
        direct: inner,
        down: async () => void (faulty.down = true),
        up: async () => void (faulty.down = false),
        cutDuringWrite: () => faulty.cutNextWrite(),
      },
      close: async () => undefined,
    };
  },
};

const sqlite: StoreFamily = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'miro-auth-faults-'));
    const filename = join(dir, 'tokens.db');
    const app = new SqliteTokenStorage({ filename, busyTimeoutMs: 50 });
    const direct = new SqliteTokenStorage({ filename });
    // A file has no connection to cut: a write's lost answer is simulated; an outage is real.
    const faulty = new FaultyStorage(app, 'SQLite');
    let blocker: Database.Database | undefined;
    return {
      plain: {
        name: 'SQLite',
        storage: faulty,
        direct,
        down: async () => {
          blocker = new Database(filename);
          blocker.exec('BEGIN EXCLUSIVE');
        },
        up: async () => {
          blocker?.exec('COMMIT');
          blocker?.close();
          blocker = undefined;
        },
        cutDuringWrite: () => faulty.cutNextWrite(),
      },
      close: async () => {
        await app.close();
        await direct.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const redis: StoreFamily = {
  name: 'Redis',
  async open() {
    const keyPrefix = `miro-auth-faults:${randomBytes(5).toString('hex')}:`;
    const proxy = await startTcpProxy(6379);
    const app = new RedisTokenStorage({
      url: `redis://127.0.0.1:${proxy.port}`,
      keyPrefix,
      operationTimeoutMs: 1_000,
      redisOptions: { retryStrategy: () => 50 },
    });
    const direct = new RedisTokenStorage({ url: REDIS_URL, keyPrefix });
    // Writes under the lock are this script: the cut comes right after Redis received it.
    const fencedWrite = createHash('sha1').update(scripts.fencedWrite).digest('hex');
    // Loads the lock's scripts into Redis, so later writes go as EVALSHA of that digest.
    await app.withRefreshLock('warm-up', (locked) => locked.set({ accessToken: 'warm-up' }));
    return {
      plain: {
        name: 'Redis',
        storage: app,
        direct,
        down: () => proxy.stop(),
        up: () => proxy.start(),
        cutDuringWrite: () => proxy.cutAfter(fencedWrite),
      },
      close: async () => {
        await app.close();
        await direct.close();
        await proxy.close();
        const admin = new Redis(REDIS_URL);
        const keys = await admin.keys(`${keyPrefix}*`);
        if (keys.length > 0) await admin.del(...keys);
        admin.disconnect();
      },
    };
  },
};

const postgres: StoreFamily = {
  name: 'PostgreSQL',
  async open() {
    const table = `miro_auth_faults_${randomBytes(5).toString('hex')}`;
    const proxy = await startTcpProxy(5432);
    const app = new PostgresTokenStorage({
      connectionString: `postgres://postgres@127.0.0.1:${proxy.port}/test`,
      table,
      operationTimeoutMs: 1_000,
    });
    const direct = new PostgresTokenStorage({ connectionString: PG_URL, table });
    // Creates the table now, so the only COMMIT the cut can meet later is a refresh's.
    await app.get('warm-up');
    return {
      plain: {
        name: 'PostgreSQL',
        storage: app,
        direct,
        down: () => proxy.stop(),
        up: () => proxy.start(),
        // The refresh's writes become visible at COMMIT: it reaches PostgreSQL, its answer does not.
        cutDuringWrite: () => proxy.cutAfter('COMMIT'),
      },
      close: async () => {
        await app.close();
        await direct.close();
        await proxy.close();
        const admin = new pg.Pool({ connectionString: PG_URL, max: 1 });
        await admin.query(`DROP TABLE IF EXISTS ${table}`);
        await admin.end();
      },
    };
  },
};

export const STORE_FAMILIES: readonly StoreFamily[] = [memory, sqlite, redis, postgres];
