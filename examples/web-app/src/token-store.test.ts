import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { TokenStoreConfig } from './config.js';
import { openTokenStore, withoutPassword } from './token-store.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'web-app-store-'));
  dirs.push(dir);
  return dir;
}

const state = { accessToken: 'access-123', refreshToken: 'refresh-456', expiresAt: 1_900_000_000_000 };

async function roundTrip(config: TokenStoreConfig): Promise<string> {
  const store = await openTokenStore(config);
  const user = `web-app-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await store.storage.set(user, state);
    expect(await store.storage.get(user)).toMatchObject(state);
    await store.storage.delete(user);
    expect(await store.storage.get(user)).toBeUndefined();
    return store.description;
  } finally {
    await store.close();
  }
}

describe('openTokenStore', () => {
  it('keeps tokens in an SQLite file, creating the data dir', async () => {
    const dir = join(await tempDir(), 'nested', 'data');
    const filename = join(dir, 'tokens.db');
    expect(await roundTrip({ kind: 'sqlite', filename })).toBe(`SQLite (${filename})`);
    expect((await stat(filename)).isFile()).toBe(true);
  });

  it('keeps tokens in Redis', async () => {
    expect(await roundTrip({ kind: 'redis', url: 'redis://127.0.0.1:6379' })).toBe('Redis (redis://127.0.0.1:6379)');
  });

  it('keeps tokens in PostgreSQL, in a table of its own', async () => {
    expect(await roundTrip({ kind: 'postgres', connectionString: 'postgres://postgres@127.0.0.1:5432/test' })).toBe(
      'PostgreSQL (postgres://postgres@127.0.0.1:5432/test, table miro_example_web_app_tokens)',
    );
  });

  it('encrypts tokens at rest when given a key: the file does not contain them', async () => {
    const filename = join(await tempDir(), 'tokens.db');
    const store = await openTokenStore({ kind: 'sqlite', filename }, 'ab'.repeat(32));
    await store.storage.set('u1', state);
    expect(await store.storage.get('u1')).toMatchObject(state);
    await store.close();
    const raw = new Database(filename, { readonly: true });
    const rows = JSON.stringify(raw.prepare('SELECT * FROM miro_auth_tokens').all());
    raw.close();
    expect(rows).toContain('u1');
    expect(rows).not.toContain('access-123');
    expect(rows).not.toContain('refresh-456');
  });
});

describe('withoutPassword', () => {
  it('hides the password of a connection URL', () => {
    expect(withoutPassword('postgres://app:hunter2@db:5432/x')).toBe('postgres://app:***@db:5432/x');
    expect(withoutPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
