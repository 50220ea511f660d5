import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import type { Clock } from '@miro/api';
import type BetterSqlite3 from 'better-sqlite3';
import { MiroConfigError, MiroLockLostError, MiroStorageError } from '../errors.js';
import type { LockedTokenState, RefreshLockOptions, TokenState, TokenStorage } from '../types.js';
import { checkUserId } from '../user-id.js';
import { requireDriver, storeOp } from './driver-errors.js';
import {
  acquireWithin,
  DEFAULT_LOCK_TTL_MS,
  DEFAULT_LOCK_WAIT_MS,
  keepAlive,
  positiveMs,
  type LeaseOptions,
} from './lease.js';
import { decodeRecord, encodeRecord, storageKey } from './stored-record.js';

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
    /** `@miro/api`'s clock, the time source of lock leases (tests); default the system clock. */
    clock?: Pick<Clock, 'now'>;
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
  readonly #clock: Pick<Clock, 'now'>;
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
    this.#ttlMs = positiveMs(STORE, 'lockTtlMs', options.lockTtlMs, DEFAULT_LOCK_TTL_MS);
    this.#waitMs = positiveMs(STORE, 'lockWaitMs', options.lockWaitMs, DEFAULT_LOCK_WAIT_MS);
    this.#clock = options.clock ?? { now: () => Date.now() };
    if ('filename' in options) requireDriver(STORE, 'better-sqlite3', '@types/better-sqlite3');
  }

  async get(userId: string): Promise<TokenState | undefined> {
    const key = storageKey(checkUserId(userId));
    return this.#op(`reading the tokens of user "${userId}"`, ({ get }) => {
      const row = get.get(key);
      return row?.state == null ? undefined : decodeRecord(STORE, userId, row.state);
    });
  }

  async set(userId: string, state: TokenState): Promise<void> {
    const key = storageKey(checkUserId(userId));
    await this.#op(`writing the tokens of user "${userId}"`, (sql) => sql.write(key, encodeRecord(userId, state)));
  }

  async delete(userId: string): Promise<void> {
    const key = storageKey(checkUserId(userId));
    await this.#op(`deleting the tokens of user "${userId}"`, (sql) => sql.write(key, null));
  }

  async withRefreshLock<T>(
    userId: string,
    fn: (locked: LockedTokenState) => Promise<T>,
    options: RefreshLockOptions = {},
  ): Promise<T> {
    const key = storageKey(checkUserId(userId));
    const leaseMs = positiveMs(STORE, 'leaseMs', options.leaseMs, this.#ttlMs);
    const nonce = randomBytes(16).toString('hex');
    const fence = await acquireWithin(STORE, userId, this.#waitMs, () =>
      this.#op(`taking the refresh lock of user "${userId}"`, (sql) =>
        sql.acquire(key, nonce, this.#clock.now(), leaseMs),
      ),
    );
    const stopRenewing = keepAlive(leaseMs, () =>
      this.#op('renewing the refresh lock', (sql) => sql.renew.run(this.#clock.now() + leaseMs, key, nonce)),
    );
    const fencedWrite = async (json: string | null) => {
      const ok = await this.#op(`writing the tokens of user "${userId}" under the refresh lock`, (sql) =>
        sql.fencedWrite(key, fence, json),
      );
      if (!ok) throw new MiroLockLostError(STORE, userId);
    };
    try {
      return await fn({
        get: () => this.get(userId),
        set: (state) => fencedWrite(encodeRecord(userId, state)),
        delete: () => fencedWrite(null),
      });
    } finally {
      stopRenewing();
      await this.#op('releasing the refresh lock', (sql) => sql.release.run(key, nonce)).catch(() => undefined);
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
        createPrivately(options.filename);
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

/**
 * Creates a new database file readable by its owner only (0600); SQLite gives its WAL and
 * shared-memory files the same mode. An existing file keeps its mode.
 */
function createPrivately(filename: string): void {
  if (filename === '' || filename === ':memory:' || filename.startsWith('file:') || existsSync(filename)) return;
  closeSync(openSync(filename, 'a', 0o600));
}

const TOKEN_COLUMNS = ['user_id', 'state', 'fence', 'updated_at'];
const LOCK_COLUMNS = ['user_id', 'holder', 'expires_at', 'fence'];

/** A table of the same name made by something else is reported with the columns we expect. */
function checkColumns(db: Database, table: string, expected: readonly string[]): void {
  const columns = db
    .prepare<[], { name: string }>(`PRAGMA table_info("${table}")`)
    .all()
    .map((c) => c.name);
  if (expected.every((name) => columns.includes(name))) return;
  throw new MiroStorageError(
    STORE,
    `table "${table}" exists with the columns (${columns.join(', ')}), but @miro/auth needs (${expected.join(', ')}); choose another table name (option table) or move that table away`,
  );
}

function prepare(db: Database, table: string): Statements {
  const tokens = `"${table}"`;
  const locks = `"${table}_locks"`;
  // user_id holds the store key (see storageKey); the record beside it names the user.
  // state NULL is a deleted user's tombstone: it keeps the fence, so a stale holder cannot resurrect it.
  db.exec(`CREATE TABLE IF NOT EXISTS ${tokens} (
    user_id TEXT PRIMARY KEY, state TEXT, fence INTEGER NOT NULL DEFAULT 0, updated_at INTEGER NOT NULL);
  CREATE TABLE IF NOT EXISTS ${locks} (
    user_id TEXT PRIMARY KEY, holder TEXT, expires_at INTEGER, fence INTEGER NOT NULL DEFAULT 0);`);
  checkColumns(db, table, TOKEN_COLUMNS);
  checkColumns(db, `${table}_locks`, LOCK_COLUMNS);
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
