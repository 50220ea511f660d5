import { randomBytes } from 'node:crypto';
import { MiroInvalidArgumentError, MiroLockLostError } from '../../errors.js';
import type { LockedTokenState, TokenState, TokenStorage } from '../../types.js';
import { parseStoredState, storeOp } from '../driver-errors.js';
import { acquireWithin, DEFAULT_LOCK_TTL_MS, DEFAULT_LOCK_WAIT_MS, keepAlive, type LeaseOptions } from '../lease.js';
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
    this.#ttlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
    this.#waitMs = options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS;
  }

  async get(userId: string): Promise<TokenState | undefined> {
    return this.#op(`reading the tokens of user "${userId}"`, async (client) =>
      parseState(await client.hget(this.#key(userId, 'state'), 'v'), userId),
    );
  }

  async set(userId: string, state: TokenState): Promise<void> {
    await this.#op(`writing the tokens of user "${userId}"`, (client) =>
      runScript(
        client,
        'write',
        [this.#key(userId, 'state'), this.#key(userId, 'fence')],
        [JSON.stringify(state), this.#tombstoneMs()],
      ),
    );
  }

  async delete(userId: string): Promise<void> {
    await this.#op(`deleting the tokens of user "${userId}"`, (client) =>
      runScript(client, 'write', [this.#key(userId, 'state'), this.#key(userId, 'fence')], ['', this.#tombstoneMs()]),
    );
  }

  async withRefreshLock<T>(userId: string, fn: (locked: LockedTokenState) => Promise<T>): Promise<T> {
    const nonce = randomBytes(16).toString('hex');
    const lockKey = this.#key(userId, 'lock');
    const fence = await acquireWithin(STORE, userId, this.#waitMs, async () =>
      Number(
        await this.#op(`taking the refresh lock of user "${userId}"`, (client) =>
          runScript(client, 'acquire', [lockKey, this.#key(userId, 'fence')], [nonce, this.#ttlMs]),
        ),
      ),
    );
    const stopRenewing = keepAlive(this.#ttlMs, () =>
      this.#op('renewing the refresh lock', (client) => runScript(client, 'renew', [lockKey], [nonce, this.#ttlMs])),
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
        set: (state) => fencedWrite(JSON.stringify(state)),
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

  #key(userId: string, kind: 'state' | 'fence' | 'lock'): string {
    if (userId === '') throw new MiroInvalidArgumentError('userId must be a non-empty string');
    return `${this.#prefix}{${userId}}:${kind}`;
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
    return storeOp(STORE, what, this.#timeoutMs, async () => run((await this.#connect()).client));
  }
}

function parseState(json: string | null, userId: string): TokenState | undefined {
  return json === null ? undefined : parseStoredState<TokenState>(STORE, userId, json);
}
