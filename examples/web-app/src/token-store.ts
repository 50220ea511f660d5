import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { encryptTokenStorage, type TokenStorage } from '@miro/auth';
import type { TokenStoreConfig } from './config.js';

export interface OpenTokenStore {
  readonly storage: TokenStorage;
  /** For the startup banner, without credentials: `SQLite (/path/tokens.db)`. */
  readonly description: string;
  close(): Promise<void>;
}

/** Keys and table of this app, apart from anything else in the same Redis or database. */
export const REDIS_KEY_PREFIX = 'miro:example-web-app:';
export const POSTGRES_TABLE = 'miro_example_web_app_tokens';

/** A URL without its password, for logs. */
export function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Opens the configured store. Each adapter's module (and its driver) is imported only when chosen,
 * so an app on SQLite never loads `pg` or `ioredis`.
 */
export async function openTokenStore(config: TokenStoreConfig, encryptionKey?: string): Promise<OpenTokenStore> {
  const opened = await openPlain(config);
  if (encryptionKey === undefined) return opened;
  return {
    ...opened,
    storage: encryptTokenStorage(opened.storage, { key: encryptionKey }),
    description: `${opened.description}, encrypted`,
  };
}

async function openPlain(config: TokenStoreConfig): Promise<OpenTokenStore> {
  switch (config.kind) {
    case 'sqlite': {
      const { SqliteTokenStorage } = await import('@miro/auth/storage/sqlite');
      await mkdir(dirname(config.filename), { recursive: true });
      const storage = new SqliteTokenStorage({ filename: config.filename });
      return { storage, description: `SQLite (${config.filename})`, close: () => storage.close() };
    }
    case 'redis': {
      const { RedisTokenStorage } = await import('@miro/auth/storage/redis');
      const storage = new RedisTokenStorage({ url: config.url, keyPrefix: REDIS_KEY_PREFIX });
      return { storage, description: `Redis (${withoutPassword(config.url)})`, close: () => storage.close() };
    }
    case 'postgres': {
      const { PostgresTokenStorage } = await import('@miro/auth/storage/postgres');
      const storage = new PostgresTokenStorage({ connectionString: config.connectionString, table: POSTGRES_TABLE });
      return {
        storage,
        description: `PostgreSQL (${withoutPassword(config.connectionString)}, table ${POSTGRES_TABLE})`,
        close: () => storage.close(),
      };
    }
  }
}
