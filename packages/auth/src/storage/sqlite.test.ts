import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runStorageConformance } from './conformance.js';
import { SqliteTokenStorage } from './sqlite.js';
import { storageKey } from './stored-record.js';

const dir = mkdtempSync(join(tmpdir(), 'miro-auth-sqlite-'));
const filename = join(dir, 'tokens.db');
const admin = new Database(filename);
let blocker: Database.Database | undefined;

afterAll(() => {
  admin.close();
  rmSync(dir, { recursive: true, force: true });
});

runStorageConformance({
  name: 'SQLite',
  create: () => new SqliteTokenStorage({ filename }),
  close: (storage) => (storage as SqliteTokenStorage).close(),
  readRaw: async (userId) =>
    (
      admin.prepare('SELECT state FROM miro_auth_tokens WHERE user_id = ?').get(storageKey(userId)) as
        | { state: string }
        | undefined
    )?.state,
  breakLock: async (userId) => {
    admin
      .prepare('UPDATE miro_auth_tokens_locks SET holder = NULL, expires_at = NULL WHERE user_id = ?')
      .run(storageKey(userId));
  },
  // "Away" for a file: another process holds its write lock longer than this client will wait.
  outage: {
    create: () => new SqliteTokenStorage({ filename, busyTimeoutMs: 100 }),
    stop: async () => {
      blocker = new Database(filename);
      blocker.exec('BEGIN EXCLUSIVE');
    },
    start: async () => {
      blocker?.exec('COMMIT');
      blocker?.close();
    },
    readsFail: false,
  },
});

describe('SqliteTokenStorage', () => {
  it('opens the file in WAL mode', async () => {
    const storage = new SqliteTokenStorage({ filename });
    await storage.set('wal', { accessToken: 'a' });
    expect(admin.pragma('journal_mode', { simple: true })).toBe('wal');
    await storage.close();
  });

  it('uses a database it was given and leaves it open on close', async () => {
    const database = new Database(':memory:');
    const storage = new SqliteTokenStorage({ database, table: 'tokens' });
    await storage.set('u', { accessToken: 'a' });
    expect(await storage.get('u')).toEqual({ accessToken: 'a' });
    await storage.close();
    expect(database.open).toBe(true);
    database.close();
  });

  it('lets another holder take over a lock whose lease expired', async () => {
    let now = 1_000;
    const clock = { now: () => now };
    const crashed = new SqliteTokenStorage({ filename, lockTtlMs: 1_000, clock });
    const next = new SqliteTokenStorage({ filename, lockTtlMs: 1_000, lockWaitMs: 5_000, clock });
    let release!: () => void;
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => (held = resolve));
    const holding = crashed.withRefreshLock('lease', () => {
      held();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await isHeld;
    now += 1_001;
    await expect(next.withRefreshLock('lease', async () => 'taken over')).resolves.toBe('taken over');
    release();
    await holding;
    await crashed.close();
    await next.close();
  });

  it('asks for a file or a database', () => {
    expect(() => new SqliteTokenStorage({} as never)).toThrow(/pass \{ filename \}/);
  });

  it('creates the database file, its WAL and shared memory readable by their owner only', async () => {
    const file = join(dir, 'private.db');
    const storage = new SqliteTokenStorage({ filename: file });
    await storage.set('u', { accessToken: 'a' });
    for (const path of [file, `${file}-wal`, `${file}-shm`])
      expect((statSync(path).mode & 0o777).toString(8)).toBe('600');
    await storage.close();
  });

  it('leases the lock for what Miro asks, and its own lockTtlMs otherwise', async () => {
    const now = 1_000_000;
    const storage = new SqliteTokenStorage({ filename, lockTtlMs: 5_000, clock: { now: () => now } });
    const expiresAt = () =>
      (
        admin.prepare('SELECT expires_at FROM miro_auth_tokens_locks WHERE user_id = ?').get('lease-asked') as {
          expires_at: number;
        }
      ).expires_at;
    expect(await storage.withRefreshLock('lease-asked', async () => expiresAt(), { leaseMs: 700 })).toBe(now + 700);
    expect(await storage.withRefreshLock('lease-asked', async () => expiresAt())).toBe(now + 5_000);
    await storage.close();
  });

  it('reports a table of another shape with the columns it needs', async () => {
    admin.exec('CREATE TABLE other_shape (id INTEGER PRIMARY KEY, data TEXT)');
    const storage = new SqliteTokenStorage({ filename, table: 'other_shape' });
    await expect(storage.get('u')).rejects.toThrow(
      /SQLite token storage: table "other_shape" exists with the columns \(id, data\), but @miro\/auth needs \(user_id, state, fence, updated_at\)/,
    );
    await storage.close();
  });
});
