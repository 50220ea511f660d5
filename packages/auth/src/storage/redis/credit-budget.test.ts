import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { RedisCreditBudget } from './credit-budget.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `miro-budget-test:${randomBytes(6).toString('hex')}:`;
const admin = new Redis(REDIS_URL);
const budgets: RedisCreditBudget[] = [];

/** A clock that never really waits: `sleep` records the wait and moves time forward. */
function manualClock(start = 1_000_000) {
  const clock = {
    time: start,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

function budget(options: ConstructorParameters<typeof RedisCreditBudget>[0] = {}) {
  const b = new RedisCreditBudget({ url: REDIS_URL, keyPrefix: prefix, ...options });
  budgets.push(b);
  return b;
}

let key: string;
beforeEach(() => {
  key = `user-${randomBytes(4).toString('hex')}`;
});

afterAll(async () => {
  for (const b of budgets) await b.close();
  const keys = await admin.keys(`${prefix}*`);
  if (keys.length > 0) await admin.del(...keys);
  admin.disconnect();
});

describe('RedisCreditBudget', () => {
  it('lets calls go until the window is spent, then waits for the next window', async () => {
    const clock = manualClock();
    const b = budget({ limit: 100, windowMs: 60_000, clock });
    await b.acquire(key, 50);
    clock.time += 10_000;
    await b.acquire(key, 50);
    expect(clock.sleeps).toEqual([]);
    await b.acquire(key, 50);
    expect(clock.sleeps).toEqual([50_000]);
    expect(await b.available(key)).toBe(50);
  });

  it('is one budget for every process that shares the key', async () => {
    const clock = manualClock();
    const processA = budget({ limit: 100, clock });
    const processB = budget({ limit: 100, clock });
    await processA.acquire(key, 60);
    await processB.acquire(key, 50);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it('reserves atomically: of 20 concurrent calls only those that fit go without waiting', async () => {
    const clock = { now: () => 5_000, sleep: async () => Promise.reject(new Error('would wait')) };
    const clients = [budget({ limit: 100, clock }), budget({ limit: 100, clock })];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => clients[i % 2]!.acquire(key, 10)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(10);
  });

  it('lets a call dearer than the whole window go alone in a fresh window', async () => {
    const clock = manualClock();
    const b = budget({ limit: 100, clock });
    await b.acquire(key, 500);
    expect(clock.sleeps).toEqual([]);
    await b.acquire(key, 1);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it('update re-syncs from the server: spent credits, its window end, its limit', async () => {
    const clock = manualClock();
    const b = budget({ clock });
    await b.acquire(key, 100);
    // Another app instance (not using this budget) spent most of the window.
    await b.update(key, { limit: 100_000, remaining: 500, resetAt: clock.time + 20_000 });
    expect(await b.available(key)).toBe(500);
    await b.acquire(key, 2_000);
    expect(clock.sleeps).toEqual([20_000]);
  });

  it('ends the window by the first answer plus one window, not at the reset rounded up to a whole second', async () => {
    const clock = manualClock();
    const b = budget({ limit: 100, windowMs: 60_000, clock });
    await b.acquire(key, 100);
    // Miro opened its window 5 ms after we sent; X-RateLimit-Reset names it in whole seconds.
    const realReset = clock.time + 60_005;
    const header = Math.ceil(realReset / 1000) * 1000;
    clock.time += 20;
    await b.update(key, { limit: 100, remaining: 0, resetAt: header });
    clock.time += 480; // a later answer of the same window does not move the end later again
    await b.update(key, { limit: 100, remaining: 0, resetAt: header });
    await b.acquire(key, 10);
    expect(clock.time).toBeLessThan(header);
    expect(clock.time).toBeGreaterThanOrEqual(realReset);
    expect(clock.time).toBe(1_000_000 + 20 + 60_000);
  });

  it("ignores a late answer from the window it closed before that window's rounded-up reset", async () => {
    const clock = manualClock();
    const b = budget({ limit: 100, windowMs: 60_000, clock });
    await b.acquire(key, 100);
    const header = Math.ceil((clock.time + 60_005) / 1000) * 1000;
    clock.time += 20;
    await b.update(key, { limit: 100, remaining: 0, resetAt: header });
    await b.acquire(key, 10); // waits for the window's end, then opens the next
    expect(clock.time).toBeLessThan(header);
    clock.time += 10;
    await b.update(key, { limit: 100, remaining: 0, resetAt: header });
    expect(await b.available(key)).toBe(90);
  });

  it('update keeps a configured limit as a cap and takes a smaller server limit', async () => {
    const clock = manualClock();
    const capped = budget({ limit: 1_000, clock });
    await capped.update(key, { limit: 100_000 });
    expect(await capped.available(key)).toBe(1_000);
    await capped.update(key, { limit: 400 });
    expect(await capped.available(key)).toBe(400);
  });

  it('stops waiting with the signal’s reason when aborted', async () => {
    const b = budget({ limit: 10, windowMs: 60_000 });
    await b.acquire(key, 10);
    const controller = new AbortController();
    const waiting = b.acquire(key, 10, controller.signal);
    setTimeout(() => controller.abort(new Error('caller gave up')), 20);
    await expect(waiting).rejects.toThrow('caller gave up');
  });

  it('uses Redis time when no clock is given', async () => {
    const b = budget({ limit: 100 });
    await b.acquire(key, 30);
    expect(await b.available(key)).toBe(70);
    const ttl = await admin.pttl(`${prefix}${key}`);
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('rejects a negative cost with a clear error', async () => {
    await expect(budget().acquire(key, -1)).rejects.toThrow(/credits must be a non-negative number, got -1/);
  });
});
