import type { Pool, PoolClient, PoolConfig } from 'pg';
import { MiroLockTimeoutError } from '../errors.js';
import type { LockedTokenState, RefreshLockOptions, TokenState, TokenStorage } from '../types.js';
import { checkUserId } from '../user-id.js';
import { requireDriver, storeOp } from './driver-errors.js';
import { DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS, keepAlive, positiveMs } from './lease.js';
import { checkTableShape, DEFAULT_POSTGRES_TABLE, postgresTokenTableSql, quoteTable } from './postgres-schema.js';
import { decodeRecord, encodeRecord, storageKey } from './stored-record.js';

export { postgresTokenTableSql, DEFAULT_POSTGRES_TABLE } from './postgres-schema.js';

const STORE = 'PostgreSQL';

/** Either a pool you own (ended by you) or what to connect to (ended by `close()`). */
export type PostgresConnection = { pool: Pool } | { connectionString?: string; poolConfig?: PoolConfig };

export type PostgresTokenStorageOptions = PostgresConnection & {
  /** Table name (`name` or `schema.name`); default `miro_auth_tokens`. */
  table?: string;
  /** Create the table on first use (default true); false when your migrations run `postgresTokenTableSql()`. */
  createTable?: boolean;
  /** How long to wait for another process's refresh lock; default 60 s. */
  lockWaitMs?: number;
  /**
   * How long PostgreSQL lets a lock holder's transaction sit idle before it ends its session (and
   * so releases the lock), when `Miro` does not say: it passes its token request timeout plus 2 s.
   * The holder pings while it works. Default 17 s.
   */
  lockTtlMs?: number;
  /** Fail an operation PostgreSQL does not answer within this long; default 10 s. */
  operationTimeoutMs?: number;
};

/**
 * Tokens in a PostgreSQL table, shared by every process of the app. The refresh lock is
 * `pg_advisory_xact_lock` in a transaction that also carries the lock holder's writes: the lock
 * lives exactly as long as the holder's session, and if that session dies its writes roll back
 * with it, so the session itself is the fence. A holder that goes silent without closing its
 * connection (a machine gone from the network) is ended by PostgreSQL after the lease
 * (`idle_in_transaction_session_timeout`); a live holder pings to keep it.
 */
export class PostgresTokenStorage implements TokenStorage {
  readonly #options: PostgresTokenStorageOptions;
  readonly #tableName: string;
  readonly #table: string;
  readonly #timeoutMs: number;
  readonly #waitMs: number;
  readonly #ttlMs: number;
  #pool: Promise<{ pool: Pool; owned: boolean }> | undefined;
  #ready: Promise<void> | undefined;

  constructor(options: PostgresTokenStorageOptions = {}) {
    this.#options = options;
    this.#tableName = options.table ?? DEFAULT_POSTGRES_TABLE;
    this.#table = quoteTable(this.#tableName);
    this.#timeoutMs = positiveMs(STORE, 'operationTimeoutMs', options.operationTimeoutMs, 10_000);
    this.#waitMs = positiveMs(STORE, 'lockWaitMs', options.lockWaitMs, DEFAULT_LOCK_WAIT_MS);
    this.#ttlMs = positiveMs(STORE, 'lockTtlMs', options.lockTtlMs, DEFAULT_LOCK_TTL_MS);
    if (!('pool' in options)) requireDriver(STORE, 'pg', '@types/pg');
  }

  async get(userId: string): Promise<TokenState | undefined> {
    checkUserId(userId);
    return this.#op(`reading the tokens of user "${userId}"`, async (pool) => readState(pool, this.#table, userId));
  }

  async set(userId: string, state: TokenState): Promise<void> {
    checkUserId(userId);
    await this.#op(`writing the tokens of user "${userId}"`, (pool) => writeState(pool, this.#table, userId, state));
  }

  async delete(userId: string): Promise<void> {
    checkUserId(userId);
    await this.#op(`deleting the tokens of user "${userId}"`, (pool) => deleteState(pool, this.#table, userId));
  }

  async withRefreshLock<T>(
    userId: string,
    fn: (locked: LockedTokenState) => Promise<T>,
    options: RefreshLockOptions = {},
  ): Promise<T> {
    checkUserId(userId);
    const leaseMs = positiveMs(STORE, 'leaseMs', options.leaseMs, this.#ttlMs);
    const client = await this.#op(`taking a connection for the refresh lock of user "${userId}"`, (pool) =>
      pool.connect(),
    );
    let broken: Error | undefined;
    // A checked-out client whose connection dies emits 'error'; unheard, it would crash the process.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    const run = <R>(what: string, op: () => Promise<R>) =>
      storeOp(STORE, what, this.#timeoutMs, op).catch((error: unknown) => {
        broken ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      });
    let stopPinging = () => {};
    try {
      await run('starting the refresh transaction', () => client.query('BEGIN'));
      await run('setting the lock timeouts', () =>
        client.query(
          `SET LOCAL lock_timeout = ${Math.ceil(this.#waitMs)}; SET LOCAL idle_in_transaction_session_timeout = ${Math.ceil(leaseMs)}`,
        ),
      );
      try {
        await storeOp(STORE, `taking the refresh lock of user "${userId}"`, this.#waitMs + this.#timeoutMs, () =>
          client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
            this.#tableName,
            storageKey(userId),
          ]),
        );
      } catch (error) {
        if (isLockTimeout(error)) throw new MiroLockTimeoutError(STORE, userId, this.#waitMs);
        broken ??= error instanceof Error ? error : new Error(String(error));
        throw error;
      }
      // The lease is renewed by not being idle: a ping every third of it while the holder works.
      stopPinging = keepAlive(leaseMs, () => client.query('SELECT 1'));
      const result = await fn({
        get: () =>
          run(`reading the tokens of user "${userId}" under the refresh lock`, () =>
            readState(client, this.#table, userId),
          ),
        set: (state) =>
          run(`writing the tokens of user "${userId}" under the refresh lock`, () =>
            writeState(client, this.#table, userId, state),
          ),
        delete: () =>
          run(`deleting the tokens of user "${userId}" under the refresh lock`, () =>
            deleteState(client, this.#table, userId),
          ),
      });
      // Until COMMIT nobody else sees the new tokens; only then is the result handed out.
      await run(`committing the tokens of user "${userId}"`, () => client.query('COMMIT'));
      return result;
    } catch (error) {
      if (!broken) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      stopPinging();
      client.off('error', onError);
      // A broken connection is destroyed rather than handed back to the pool.
      client.release(broken ?? undefined);
    }
  }

  /** Ends a pool this store made; a pool passed in is left to its owner. */
  async close(): Promise<void> {
    if (!this.#pool) return;
    const { pool, owned } = await this.#pool;
    if (owned) await pool.end();
  }

  #connect(): Promise<{ pool: Pool; owned: boolean }> {
    this.#pool ??= (async () => {
      const options = this.#options;
      if ('pool' in options) return { pool: options.pool, owned: false };
      const pg = await import('pg');
      const PoolClass = (pg.default?.Pool ?? pg.Pool) as typeof import('pg').Pool;
      const pool = new PoolClass({
        connectionString: options.connectionString,
        connectionTimeoutMillis: this.#timeoutMs,
        ...options.poolConfig,
      });
      // Idle connections that die (server restart) are dropped by the pool; without a listener
      // the 'error' event would crash the process. Callers see failures as rejected operations.
      pool.on('error', () => undefined);
      return { pool, owned: true };
    })();
    return this.#pool;
  }

  #ensureTable(pool: Pool): Promise<void> {
    this.#ready ??= (async () => {
      if (this.#options.createTable === false) return checkTableShape(pool, this.#tableName);
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // Serialized: concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog.
        await client.query('BEGIN');
        await client.query("SELECT pg_advisory_xact_lock(hashtext('@miro/auth migration'))");
        await client.query(postgresTokenTableSql(this.#tableName));
        await client.query('COMMIT');
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release(broken);
      }
      await checkTableShape(pool, this.#tableName);
    })().catch((error: unknown) => {
      this.#ready = undefined; // try again on the next operation
      throw error;
    });
    return this.#ready;
  }

  #op<T>(what: string, run: (pool: Pool) => Promise<T>): Promise<T> {
    return storeOp(STORE, what, this.#timeoutMs, async () => {
      const { pool } = await this.#connect();
      await this.#ensureTable(pool);
      return run(pool);
    });
  }
}

type Queryable = Pick<PoolClient, 'query'>;

// user_id holds the store key (see storageKey): a long id or one with a NUL is its fixed-length digest.
async function readState(db: Queryable, table: string, userId: string): Promise<TokenState | undefined> {
  const result = await db.query<{ state: string }>(`SELECT state FROM ${table} WHERE user_id = $1`, [
    storageKey(userId),
  ]);
  const row = result.rows[0];
  return row ? decodeRecord(STORE, userId, row.state) : undefined;
}

async function writeState(db: Queryable, table: string, userId: string, state: TokenState): Promise<void> {
  await db.query(
    `INSERT INTO ${table} (user_id, state, updated_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
    [storageKey(userId), encodeRecord(userId, state)],
  );
}

async function deleteState(db: Queryable, table: string, userId: string): Promise<void> {
  await db.query(`DELETE FROM ${table} WHERE user_id = $1`, [storageKey(userId)]);
}

function isLockTimeout(error: unknown): boolean {
  const cause = error instanceof Error && 'cause' in error ? error.cause : error;
  return typeof cause === 'object' && cause !== null && (cause as { code?: unknown }).code === '55P03';
}
