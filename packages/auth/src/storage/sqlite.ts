import { randomBytes } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { MiroConfigError, MiroLockLostError } from '../errors.js';
import type { Clock, LockedTokenState, TokenState, TokenStorage } from '../types.js';
import { parseStoredState, storeOp } from './driver-errors.js';
import { acquireWithin, DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS, keepAlive, type LeaseOptions } from './lease.js';

const STORE = 'SQLite';

type Database = BetterSqlite3.Database;

/** Either a database you opened (closed by you) or a file to open (closed by `close()`). */
export type SqliteConnection = { database: Database } | { filename: string };

export type SqliteTokenStorageOptions = SqliteConnection &
  LeaseOptions & {
    /** Table name; default `miro_auth_tokens` (a second table `<name>_locks` holds the locks). */
    table?: string;
    /** How long a write waits for another connection's transaction; default 5 s. */
    busyTimeoutMs?: number;
    /** Time source for lock leases (tests); default `Date.now`. */
    now?: Clock;
  };

interface Statements {
  get: BetterSqlite3.Statement<[string], { state: string | null }>;
  write: (userId: string, json: string | null) => void;
  fencedWrite: (userId: string, fence: number, json: string | null) => boolean;
  acquire: (userId: string, nonce: string, now: number, ttlMs: number) => number;
  renew: BetterSqlite3.Statement<[number, string, string]>;
  release: BetterSqlite3.Statement<[string, string]>;
}

/**
 * Tokens in an SQLite file (WAL mode), for apps on one machine: several processes on that machine
 * share the file and its refresh lock. The lock is a lease row taken in a `BEGIN IMMEDIATE`
 * transaction (SQLite's write lock serializes processes), with a fence checked by every write
 * under the lock, so a holder whose lease ran out cannot overwrite newer tokens.
 */
export class SqliteTokenStorage implements TokenStorage {
  readonly #options: SqliteTokenStorageOptions;
  readonly #table: string;
  readonly #ttlMs: number;
  readonly #waitMs: number;
  readonly #now: Clock;
  #db: Promise<{ db: Database; owned: boolean; sql: Statements }> | undefined;

  constructor(options: SqliteTokenStorageOptions) {
    if (!options || (!('database' in options) && !('filename' in options))) {
      throw new MiroConfigError(
        'SQLite token storage: pass { filename } (a file path) or { database } (a better-sqlite3 Database)',
      );
    }
    this.#options = options;
    this.#table = options.table ?? 'miro_auth_tokens';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(this.#table)) {
      throw new MiroConfigError(
        `SQLite token storage: table must be an identifier of letters, digits and _, got "${this.#table}"`,
      );
    }
    this.#ttlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
    this.#waitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
    this.#now = options.now ?? Date.now;
  }

  async get(userId: string): Promise<TokenState | undefined> {
    return this.#op(`reading the tokens of user "${userId}"`, ({ get }) => {
      const row = get.get(userId);
      return row?.state == null ? undefined : parseStoredState<TokenState>(STORE, userId, row.state);
    });
  }

  async set(userId: string, state: TokenState): Promise<void> {
    await this.#op(`writing the tokens of user "${userId}"`, (sql) => sql.write(userId, JSON.stringify(state)));
  }

  async delete(userId: string): Promise<void> {
    await this.#op(`deleting the tokens of user "${userId}"`, (sql) => sql.write(userId, null));
  }

  async withRefreshLock<T>(userId: string, fn: (locked: LockedTokenState) => Promise<T>): Promise<T> {
    const nonce = randomBytes(16).toString('hex');
    const fence = await acquireWithin(STORE, userId, this.#waitMs, () =>
      this.#op(`taking the refresh lock of user "${userId}"`, (sql) =>
        sql.acquire(userId, nonce, this.#now(), this.#ttlMs),
      ),
    );
    const stopRenewing = keepAlive(this.#ttlMs, () =>
      this.#op('renewing the refresh lock', (sql) => sql.renew.run(this.#now() + this.#ttlMs, userId, nonce)),
    );
    const fencedWrite = async (json: string | null) => {
      const ok = await this.#op(`writing the tokens of user "${userId}" under the refresh lock`, (sql) =>
        sql.fencedWrite(userId, fence, json),
      );
      if (!ok) throw new MiroLockLostError(STORE, userId);
    };
    try {
      return await fn({
        get: () => this.get(userId),
        set: (state) => fencedWrite(JSON.stringify(state)),
        delete: () => fencedWrite(null),
      });
    } finally {
      stopRenewing();
      await this.#op('releasing the refresh lock', (sql) => sql.release.run(userId, nonce)).catch(() => undefined);
    }
  }

  /** Closes a database this store opened; one passed in is left to its owner. */
  async close(): Promise<void> {
    if (!this.#db) return;
    const { db, owned } = await this.#db;
    if (owned) db.close();
  }

  #open(): Promise<{ db: Database; owned: boolean; sql: Statements }> {
    this.#db ??= (async () => {
      const options = this.#options;
      let db: Database;
      let owned = false;
      if ('database' in options) {
        db = options.database;
      } else {
        const mod = await import('better-sqlite3');
        const DatabaseClass = (mod.default ?? mod) as unknown as typeof BetterSqlite3;
        db = new DatabaseClass(options.filename);
        owned = true;
        db.pragma('journal_mode = WAL');
      }
      db.pragma(`busy_timeout = ${Math.ceil(options.busyTimeoutMs ?? 5_000)}`);
      return { db, owned, sql: prepare(db, this.#table) };
    })().catch((error: unknown) => {
      this.#db = undefined;
      throw error;
    });
    return this.#db;
  }

  #op<T>(what: string, run: (sql: Statements) => T): Promise<T> {
    return storeOp(STORE, what, Math.max(this.#options.busyTimeoutMs ?? 5_000, 1_000) * 2, async () =>
      run((await this.#open()).sql),
    );
  }
}

function prepare(db: Database, table: string): Statements {
  const tokens = `"${table}"`;
  const locks = `"${table}_locks"`;
  // state NULL is a deleted user's tombstone: it keeps the fence, so a stale holder cannot resurrect it.
  db.exec(`CREATE TABLE IF NOT EXISTS ${tokens} (
    user_id TEXT PRIMARY KEY, state TEXT, fence INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS ${locks} (
    user_id TEXT PRIMARY KEY, holder TEXT, expires_at INTEGER, fence INTEGER NOT NULL DEFAULT 0);`);
  const nextFence = db.prepare<[string], { fence: number }>(
    `INSERT INTO ${locks} (user_id, fence) VALUES (?, 1)
     ON CONFLICT (user_id) DO UPDATE SET fence = fence + 1 RETURNING fence`,
  );
  const upsert = db.prepare<[string, string | null, number, number]>(
    `INSERT INTO ${tokens} (user_id, state, fence, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, fence = excluded.fence, updated_at = excluded.updated_at`,
  );
  const lastFence = db.prepare<[string], { fence: number }>(`SELECT fence FROM ${tokens} WHERE user_id = ?`);
  const lockRow = db.prepare<[string], { holder: string | null; expires_at: number | null; fence: number }>(
    `SELECT holder, expires_at, fence FROM ${locks} WHERE user_id = ?`,
  );
  const takeLock = db.prepare<[string, string, number, number]>(
    `INSERT INTO ${locks} (user_id, holder, expires_at, fence) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at, fence = excluded.fence`,
  );
  // BEGIN IMMEDIATE takes SQLite's write lock up front: check-then-write is atomic across processes.
  const write = db.transaction((userId: string, json: string | null) => {
    upsert.run(userId, json, nextFence.get(userId)!.fence, Date.now());
  });
  const fencedWrite = db.transaction((userId: string, fence: number, json: string | null) => {
    const last = lastFence.get(userId)?.fence ?? 0;
    if (fence < last) return false;
    upsert.run(userId, json, fence, Date.now());
    return true;
  });
  const acquire = db.transaction((userId: string, nonce: string, now: number, ttlMs: number) => {
    const row = lockRow.get(userId);
    if (row?.holder && (row.expires_at ?? 0) > now) return 0;
    const fence = (row?.fence ?? 0) + 1;
    takeLock.run(userId, nonce, now + ttlMs, fence);
    return fence;
  });
  return {
    get: db.prepare<[string], { state: string | null }>(`SELECT state FROM ${tokens} WHERE user_id = ?`),
    write: (userId, json) => write.immediate(userId, json),
    fencedWrite: (userId, fence, json) => fencedWrite.immediate(userId, fence, json),
    acquire: (userId, nonce, now, ttlMs) => acquire.immediate(userId, nonce, now, ttlMs),
    renew: db.prepare(`UPDATE ${locks} SET expires_at = ? WHERE user_id = ? AND holder = ?`),
    release: db.prepare(`UPDATE ${locks} SET holder = NULL, expires_at = NULL WHERE user_id = ? AND holder = ?`),
  };
}
