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

  it('reports a table of another shape, or a missing one, with what it needs', async () => {
    const other = `${table}_other`;
    await admin.query(`CREATE TABLE ${other} (id integer PRIMARY KEY, data text)`);
    const storage = new PostgresTokenStorage({ pool: admin, table: other });
    await expect(storage.get('u')).rejects.toThrow(
      /PostgreSQL token storage: table "\w+" exists with the columns \(id integer, data text\), but @miro\/auth needs \(user_id text, state text, updated_at timestamp with time zone\) with user_id as its primary key/,
    );
    await admin.query(`DROP TABLE ${other}`);
    const missing = new PostgresTokenStorage({ pool: admin, table: `${table}_missing`, createTable: false });
    await expect(missing.get('u')).rejects.toThrow(
      /table "\w+" does not exist; create it with postgresTokenTableSql\(\)/,
    );
  });

  it('keeps the lock of a holder that works longer than its lease, by pinging', async () => {
    const storage = new PostgresTokenStorage({ connectionString: URL, table });
    const result = await storage.withRefreshLock(
      'slow-holder',
      async (locked) => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await locked.set({ accessToken: 'after-a-long-wait' });
        return 'done';
      },
      { leaseMs: 300 },
    );
    expect(result).toBe('done');
    expect(await storage.get('slow-holder')).toEqual({ accessToken: 'after-a-long-wait' });
    await storage.close();
  });

  it('ends the session of a holder gone silent (no FIN) after its lease, so others get the lock', async () => {
    const silentProxy = await startTcpProxy(5432);
    const holder = new PostgresTokenStorage({
      connectionString: `postgres://postgres@127.0.0.1:${silentProxy.port}/test`,
      table,
      operationTimeoutMs: 2_000,
    });
    const waiter = new PostgresTokenStorage({ connectionString: URL, table, lockWaitMs: 20_000 });
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const holding = holder
      .withRefreshLock(
        'silent',
        async (locked) => {
          held();
          await new Promise((resolve) => setTimeout(resolve, 2_000));
          await locked.set({ accessToken: 'from-the-silent-holder' });
        },
        { leaseMs: 400 },
      )
      .catch((error: unknown) => error);
    await isHeld;
    silentProxy.silence();
    // PostgreSQL ends the idle transaction after the lease; the waiter gets the lock then, not after lockWaitMs.
    await expect(
      waiter.withRefreshLock('silent', (locked) => locked.set({ accessToken: 'waiter' })),
    ).resolves.toBeUndefined();
    await silentProxy.close();
    expect(await holding).toBeInstanceOf(Error);
    expect(await waiter.get('silent')).toEqual({ accessToken: 'waiter' });
    await holder.close();
    await waiter.close();
  });
});
