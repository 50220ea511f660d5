import type { Redis, RedisOptions } from 'ioredis';

/** Either a client you own (closed by you) or what to connect to (closed by `close()`). */
export type RedisConnection = { client: Redis } | { url?: string; redisOptions?: RedisOptions };

export interface OwnedClient {
  readonly client: Redis;
  readonly owned: boolean;
}

/** Imports ioredis only when the store has to make its own client: it is an optional peer. */
export async function connectRedis(connection: RedisConnection, commandTimeoutMs: number): Promise<OwnedClient> {
  if ('client' in connection) return { client: connection.client, owned: false };
  const mod = await import('ioredis');
  const RedisClass = (mod.Redis ?? mod.default) as unknown as new (url: string, options: RedisOptions) => Redis;
  const client = new RedisClass(connection.url ?? 'redis://127.0.0.1:6379', {
    // Fail a command after one reconnect attempt instead of queueing it for as long as Redis is away.
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    ...connection.redisOptions,
  });
  // Without a listener ioredis logs every connection error; failures reach callers as rejections.
  client.on('error', () => undefined);
  return { client, owned: true };
}
