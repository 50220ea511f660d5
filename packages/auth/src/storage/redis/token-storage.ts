import { randomBytes } from 'node:crypto';
import { MiroLockLostError, MiroStorageError } from '../../errors.js';
import type { LockedTokenState, RefreshLockOptions, TokenState, TokenStorage } from '../../types.js';
import { checkUserId } from '../../user-id.js';
import { requireDriver, storeOp } from '../driver-errors.js';
import {
  acquireWithin,
  DEFAULT_LOCK_TTL_MS,
  DEFAULT_LOCK_WAIT_MS,
  keepAlive,
  positiveMs,
  type LeaseOptions,
} from '../lease.js';
import { decodeRecord, encodeRecord, storageKey } from '../stored-record.js';
import { connectRedis, type OwnedClient, type RedisConnection } from './client.js';
import { runScript } from './scripts.js';

const STORE = 'Redis';

export type RedisTokenStorageOptions = RedisConnection &
  LeaseOptions & {
    /** Prefix of every key; default `miro:auth:`. */
    keyPrefix?: string;
    /** Fail an operation Redis does not answer within this long; default 5 s. */
    operationTimeoutMs?: number;
  };

/**
 * Tokens in Redis, shared by every process of the app. The refresh lock is a lease (`SET NX PX`,
 * renewed while held) with a fence token checked by a Lua compare-and-set on every write under
 * the lock, so a holder that lost its lease cannot overwrite newer tokens.
 */
export class RedisTokenStorage implements TokenStorage {
  readonly #options: RedisTokenStorageOptions;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #ttlMs: number;
  readonly #waitMs: number;
  #connection: Promise<OwnedClient> | undefined;

  constructor(options: RedisTokenStorageOptions = {}) {
    this.#options = options;
    this.#prefix = options.keyPrefix ?? 'miro:auth:';
    this.#timeoutMs = options.operationTimeoutMs ?? 5_000;
    this.#ttlMs = positiveMs(STORE, 'lockTtlMs', options.lockTtlMs, DEFAULT_LOCK_TTL_MS);
    this.#waitMs = positiveMs(STORE, 'lockWaitMs', options.lockWaitMs, DEFAULT_LOCK_WAIT_MS);
    if (!('client' in options)) requireDriver(STORE, 'ioredis');
  }

  async get(userId: string): Promise<TokenState | undefined> {
    const key = this.#key(userId, 'state');
    return this.#op(`reading the tokens of user "${userId}"`, async (client) => {
      const json = await client.hget(key, 'v');
      return json === null ? undefined : decodeRecord(STORE, userId, json);
    });
  }

  async set(userId: string, state: TokenState): Promise<void> {
    await this.#op(`writing the tokens of user "${userId}"`, (client) =>
      runScript(
        client,
        'write',
        [this.#key(userId, 'state'), this.#key(userId, 'fence')],
        [encodeRecord(userId, state), this.#tombstoneMs()],
      ),
    );
  }

  async delete(userId: string): Promise<void> {
    await this.#op(`deleting the tokens of user "${userId}"`, (client) =>
      runScript(client, 'write', [this.#key(userId, 'state'), this.#key(userId, 'fence')], ['', this.#tombstoneMs()]),
    );
  }

  async withRefreshLock<T>(
    userId: string,
    fn: (locked: LockedTokenState) => Promise<T>,
    options: RefreshLockOptions = {},
  ): Promise<T> {
    const leaseMs = positiveMs(STORE, 'leaseMs', options.leaseMs, this.#ttlMs);
    const nonce = randomBytes(16).toString('hex');
    const lockKey = this.#key(userId, 'lock');
    const fence = await acquireWithin(STORE, userId, this.#waitMs, async () =>
      Number(
        await this.#op(`taking the refresh lock of user "${userId}"`, (client) =>
          runScript(client, 'acquire', [lockKey, this.#key(userId, 'fence')], [nonce, leaseMs]),
        ),
      ),
    );
    const stopRenewing = keepAlive(leaseMs, () =>
      this.#op('renewing the refresh lock', (client) => runScript(client, 'renew', [lockKey], [nonce, leaseMs])),
    );
    const fencedWrite = async (json: string) => {
      const ok = await this.#op(`writing the tokens of user "${userId}" under the refresh lock`, (client) =>
        runScript(client, 'fencedWrite', [this.#key(userId, 'state')], [fence, json, this.#tombstoneMs()]),
      );
      if (Number(ok) !== 1) throw new MiroLockLostError(STORE, userId);
    };
    try {
      return await fn({
        get: () => this.get(userId),
        set: (state) => fencedWrite(encodeRecord(userId, state)),
        delete: () => fencedWrite(''),
      });
    } finally {
      stopRenewing();
      await this.#op('releasing the refresh lock', (client) => runScript(client, 'release', [lockKey], [nonce])).catch(
        () => undefined, // it expires by itself
      );
    }
  }

  /** The ioredis client in use (connecting on first call). */
  async client(): Promise<OwnedClient['client']> {
    return (await this.#connect()).client;
  }

  /** Disconnects a client this store made; a client passed in is left to its owner. */
  async close(): Promise<void> {
    if (!this.#connection) return;
    const { client, owned } = await this.#connection;
    if (owned) client.disconnect();
  }

  /** `<prefix>{<key>}:<kind>`: hash-tagged on the user, so a user's keys share a cluster slot. */
  #key(userId: string, kind: 'state' | 'fence' | 'lock'): string {
    return `${this.#prefix}{${storageKey(checkUserId(userId))}}:${kind}`;
  }

  // A deleted user's fence outlives the tokens for as long as a stale holder could still write.
  #tombstoneMs(): number {
    return Math.max(this.#ttlMs * 10, 60 * 60 * 1000);
  }

  #connect(): Promise<OwnedClient> {
    this.#connection ??= connectRedis(this.#options, this.#timeoutMs);
    return this.#connection;
  }

  #op<T>(what: string, run: (client: OwnedClient['client']) => Promise<T>): Promise<T> {
    return storeOp(STORE, what, this.#timeoutMs, async () => {
      try {
        return await run((await this.#connect()).client);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('WRONGTYPE')) throw this.#layoutError(what, error);
        throw error;
      }
    });
  }

  #layoutError(what: string, cause: Error): MiroStorageError {
    return new MiroStorageError(
      STORE,
      `${what} failed: a key under the prefix "${this.#prefix}" holds another type than @miro/auth writes there. Expected per user: <prefix>{<user>}:state a hash (fields v: the token record, f: its fence), <prefix>{<user>}:fence an integer, <prefix>{<user>}:lock a string; use another keyPrefix`,
      { cause },
    );
  }
}
