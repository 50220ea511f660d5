import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Lua scripts for the token store. Per user there are three keys (hash-tagged on the user so they
 * share a cluster slot): `state` (hash: `v` = JSON, `f` = fence of the last write), `fence` (a
 * counter) and `lock` (the lease, holding the holder's nonce).
 *
 * Fencing: taking the lock draws the next fence from the counter; a write under the lock succeeds
 * only while no write with a higher fence has happened. A holder whose lease ran out while it was
 * paused can therefore never overwrite tokens a newer holder stored. Writes outside the lock (after
 * a login) draw a fence too, so they also win over any stale holder.
 */
export const scripts = {
  /** KEYS: lock, fence. ARGV: nonce, ttlMs. Returns the fence, or 0 while someone else holds it. */
  acquire: `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return 0`,
  /** KEYS: lock. ARGV: nonce, ttlMs. */
  renew: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  /** KEYS: lock. ARGV: nonce. */
  release: `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  /** KEYS: state. ARGV: fence, json ('' deletes). Returns 1, or 0 when a newer fence already wrote. */
  fencedWrite: `
local last = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
if tonumber(ARGV[1]) < last then return 0 end
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 'v')
  redis.call('HSET', KEYS[1], 'f', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[2], 'f', ARGV[1])
  redis.call('PERSIST', KEYS[1])
end
return 1`,
  /** KEYS: state, fence. ARGV: json ('' deletes), tombstoneTtlMs. A write outside the lock. */
  write: `
local f = redis.call('INCR', KEYS[2])
if ARGV[1] == '' then
  redis.call('HDEL', KEYS[1], 'v')
  redis.call('HSET', KEYS[1], 'f', f)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
else
  redis.call('HSET', KEYS[1], 'v', ARGV[1], 'f', f)
  redis.call('PERSIST', KEYS[1])
end
return f`,
} as const;

export type ScriptName = keyof typeof scripts;

const shas = Object.fromEntries(
  Object.entries(scripts).map(([name, body]) => [name, createHash('sha1').update(body).digest('hex')]),
) as Record<ScriptName, string>;

/** EVALSHA, falling back to EVAL the first time a server has not seen the script. */
export async function runScript(
  client: Redis,
  name: ScriptName,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(shas[name], keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
    return client.eval(scripts[name], keys.length, ...keys, ...args);
  }
}

/** Same, for scripts given as text (the credit budget's). */
export async function runLua(
  client: Redis,
  body: string,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  const sha = createHash('sha1').update(body).digest('hex');
  try {
    return await client.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
    return client.eval(body, keys.length, ...keys, ...args);
  }
}
