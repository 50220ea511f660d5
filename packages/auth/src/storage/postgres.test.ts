import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../test/helpers/tcp-proxy.js';
import { runStorageConformance } from './conformance.js';
import { PostgresTokenStorage, postgresTokenTableSql } from './postgres.js';
import { storageKey } from './stored-record.js';

const URL = 'postgres://postgres@127.0.0.1:5432/test';
const table = `miro_auth_test_${randomBytes(5).toString('hex')}`;
const admin = new pg.Pool({ connectionString: URL, max: 2 });
const proxy = await startTcpProxy(5432);

afterAll(async () => {
  await proxy.close();
  await admin.end();
});

runStorageConformance({
  name: 'PostgreSQL',
  create: () => new PostgresTokenStorage({ connectionString: URL, table }),
  close: (storage) => (storage as PostgresTokenStorage).close(),
  readRaw: async (userId) =>
    (await admin.query<{ state: string }>(`SELECT state FROM ${table} WHERE user_id = $1`, [storageKey(userId)]))
      .rows[0]?.state,
  // The lock belongs to the holder's session: killing that session is how a holder loses it.
  breakLock: async (userId) => {
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND classid = hashtext($1)::oid AND objid = hashtext($2)::oid AND objsubid = 2`,
      [table, storageKey(userId)],
    );
    expect(killed.rowCount).toBe(1);
  },
  outage: {
    create: () =>
      new PostgresTokenStorage({
        connectionString: `postgres://postgres@127.0.0.1:${proxy.port}/test`,
        table,
        operationTimeoutMs: 3_000,
      }),
    stop: () => proxy.stop(),
    start: () => proxy.start(),
    readsFail: true,
  },
  cleanup: async () => void (await admin.query(`DROP TABLE IF EXISTS ${table}`)),
});

describe('PostgresTokenStorage', () => {
  it('exports the migration it runs, and works with createTable: false once it has run', async () => {
    const own = `${table}_migrated`;
    await admin.query(postgresTokenTableSql(own));
    const storage = new PostgresTokenStorage({ pool: admin, table: own, createTable: false });
    await storage.set('u', { accessToken: 'a' });
    expect(await storage.get('u')).toEqual({ accessToken: 'a' });
    await storage.close(); // leaves the pool it was given open
    expect((await admin.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
    await admin.query(`DROP TABLE ${own}`);
  });

  it('names the table in a clear error when it is not an identifier', () => {
    expect(() => new PostgresTokenStorage({ table: 'tokens; DROP TABLE x' })).toThrow(/table must be an identifier/);
  });

  it('gives up waiting for the lock with a typed timeout error', async () => {
    const holder = new PostgresTokenStorage({ connectionString: URL, table });
    const waiter = new PostgresTokenStorage({ connectionString: URL, table, lockWaitMs: 100 });
    let release!: () => void;
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const holding = holder.withRefreshLock('busy', () => {
      held();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await isHeld;
    await expect(waiter.withRefreshLock('busy', async () => 'never')).rejects.toMatchObject({
      kind: 'MIRO_AUTH_LOCK_TIMEOUT',
    });
    release();
    await holding;
    await holder.close();
    await waiter.close();
  });
});
