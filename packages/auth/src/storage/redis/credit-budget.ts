import type { Clock, CreditBudget, RateLimitState } from '@miro/api';
import { MiroInvalidArgumentError } from '../../errors.js';
import { requireDriver, storeOp } from '../driver-errors.js';
import { connectRedis, type OwnedClient, type RedisConnection } from './client.js';
import { runLua } from './scripts.js';

export type RedisCreditBudgetOptions = RedisConnection & {
  /** Credits per window; default 100,000. When set it caps a larger `X-RateLimit-Limit` from Miro. */
  limit?: number;
  /** Window length in ms; default 60,000. */
  windowMs?: number;
  /** Prefix of every key; default `miro:budget:`. */
  keyPrefix?: string;
  /** Time source (tests). By default time is Redis's own `TIME`, so every process sees one clock. */
  clock?: Clock;
  /** Fail an operation Redis does not answer within this long; default 5 s. */
  operationTimeoutMs?: number;
};

// Shared by both scripts: load the window, opening a new one when the old one has ended.
const LOAD_WINDOW = `
local now = tonumber(ARGV[1])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local windowMs = tonumber(ARGV[2])
local h = redis.call('HMGET', KEYS[1], 'endsAt', 'spent', 'limit', 'serverReset', 'closedReset')
local endsAt = tonumber(h[1])
local spent = tonumber(h[2]) or 0
local limit = tonumber(h[3]) or tonumber(ARGV[3])
-- The X-RateLimit-Reset this window's end came from, and the one of the window before it.
local serverReset = tonumber(h[4])
local closedReset = tonumber(h[5])
if endsAt == nil or now >= endsAt then
  endsAt = now + windowMs
  spent = 0
  closedReset = serverReset or closedReset
  serverReset = nil
end
local function save()
  redis.call('HSET', KEYS[1], 'endsAt', endsAt, 'spent', spent, 'limit', limit,
    'serverReset', serverReset or '', 'closedReset', closedReset or '')
  redis.call('PEXPIRE', KEYS[1], math.max(1, endsAt - now + windowMs))
end
`;

/** ARGV: now|'', windowMs, defaultLimit, credits. Returns 0 when reserved, else ms to wait. */
const ACQUIRE = `${LOAD_WINDOW}
local credits = tonumber(ARGV[4])
-- A call dearer than a whole window still goes, alone, in a fresh window.
if spent + credits <= limit or spent == 0 then
  spent = spent + credits
  save()
  return 0
end
save()
return math.max(1, endsAt - now)`;

/** ARGV: now|'', windowMs, defaultLimit, explicitLimit (0/1), serverLimit|'', remaining|'', resetAt|''. */
const UPDATE = `${LOAD_WINDOW}
local configured = tonumber(ARGV[3])
local serverLimit = tonumber(ARGV[5])
local remaining = tonumber(ARGV[6])
local resetAt = tonumber(ARGV[7])
-- A late answer from a window already closed (before its rounded-up reset) counts that window's credits.
if resetAt ~= nil and closedReset ~= nil and resetAt <= closedReset then return 0 end
if resetAt ~= nil and resetAt > now then
  -- A reset later than ours means Miro already counts a newer window.
  if resetAt > endsAt + windowMs / 2 then
    spent = 0
    closedReset = serverReset or closedReset
  end
  -- serverWindowEnd of @miro/api: Miro counted the call before answering, so its window ends by
  -- now + windowMs; that pulls a reset rounded up to a whole second (1000 ms) back within that second.
  local bound = now + windowMs
  local windowEnd = resetAt
  if bound < resetAt and bound > resetAt - 1000 then windowEnd = bound end
  -- Every answer of one Miro window names the same reset; the earliest bounds it best.
  if serverReset == resetAt and endsAt < windowEnd then windowEnd = endsAt end
  endsAt = windowEnd
  serverReset = resetAt
end
if serverLimit ~= nil and serverLimit > 0 then
  if ARGV[4] == '1' then limit = math.min(configured, serverLimit) else limit = serverLimit end
end
if remaining ~= nil then
  local spentOnServer = (serverLimit or limit) - remaining
  if spentOnServer > spent then spent = spentOnServer end
end
save()
return 1`;

/**
 * Miro's credit budget (credits per user and app per window) shared through Redis, so several
 * processes spending one user's budget together pace themselves instead of running into 429s.
 * Each reservation is one atomic Lua script; a caller whose window is spent waits for the next.
 */
export class RedisCreditBudget implements CreditBudget {
  readonly limit: number;
  readonly windowMs: number;
  readonly #explicitLimit: boolean;
  readonly #options: RedisCreditBudgetOptions;
  readonly #prefix: string;
  readonly #timeoutMs: number;
  #connection: Promise<OwnedClient> | undefined;

  constructor(options: RedisCreditBudgetOptions = {}) {
    this.limit = positive(options.limit ?? 100_000, 'limit');
    this.windowMs = positive(options.windowMs ?? 60_000, 'windowMs');
    this.#explicitLimit = options.limit !== undefined;
    this.#options = options;
    this.#prefix = options.keyPrefix ?? 'miro:budget:';
    this.#timeoutMs = options.operationTimeoutMs ?? 5_000;
    if (!('client' in options)) requireDriver('Redis', 'ioredis');
  }

  async acquire(key: string, credits: number, signal?: AbortSignal): Promise<void> {
    if (!Number.isFinite(credits) || credits < 0) {
      throw new MiroInvalidArgumentError(
        `RedisCreditBudget.acquire: credits must be a non-negative number, got ${credits}`,
      );
    }
    for (;;) {
      signal?.throwIfAborted();
      const wait = Number(
        await this.#op(`reserving ${credits} credits`, (client) =>
          runLua(client, ACQUIRE, [this.#key(key)], [this.#now(), this.windowMs, this.limit, credits]),
        ),
      );
      if (wait <= 0) return;
      await (this.#options.clock?.sleep ?? sleep)(wait, signal);
    }
  }

  async update(key: string, state: RateLimitState): Promise<void> {
    await this.#op('updating the budget from rate-limit headers', (client) =>
      runLua(
        client,
        UPDATE,
        [this.#key(key)],
        [
          this.#now(),
          this.windowMs,
          this.limit,
          this.#explicitLimit ? '1' : '0',
          state.limit ?? '',
          state.remaining ?? '',
          state.resetAt ?? '',
        ],
      ),
    );
  }

  /** Credits still available under `key` in the current window (for monitoring). */
  async available(key: string): Promise<number> {
    const [endsAt, spent, limit] = await this.#op('reading the budget', async (client) =>
      client.hmget(this.#key(key), 'endsAt', 'spent', 'limit'),
    );
    const now = this.#options.clock?.now() ?? Date.now();
    if (endsAt === null || endsAt === undefined || now >= Number(endsAt)) return Number(limit ?? this.limit);
    return Math.max(0, Number(limit ?? this.limit) - Number(spent ?? 0));
  }

  /** Disconnects a client this budget made; a client passed in is left to its owner. */
  async close(): Promise<void> {
    if (!this.#connection) return;
    const { client, owned } = await this.#connection;
    if (owned) client.disconnect();
  }

  #now(): number | string {
    return this.#options.clock ? this.#options.clock.now() : '';
  }

  #key(key: string): string {
    if (key === '') throw new MiroInvalidArgumentError('RedisCreditBudget: key must be a non-empty string');
    return `${this.#prefix}${key}`;
  }

  #op<T>(what: string, run: (client: OwnedClient['client']) => Promise<T>): Promise<T> {
    this.#connection ??= connectRedis(this.#options, this.#timeoutMs);
    const connection = this.#connection;
    return storeOp('Redis', `credit budget: ${what}`, this.#timeoutMs, async () => run((await connection).client));
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new MiroInvalidArgumentError(`RedisCreditBudget: ${name} must be a positive number, got ${value}`);
  }
  return value;
}
