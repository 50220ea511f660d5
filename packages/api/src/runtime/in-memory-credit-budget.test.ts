import { describe, expect, it } from 'vitest';
import { InMemoryCreditBudget } from './in-memory-credit-budget.js';
import { steppingClock } from './test-support/msw.js';

function budget(options: { limit?: number; windowMs?: number } = {}) {
  const clock = steppingClock(1_000_000);
  return { clock, budget: new InMemoryCreditBudget({ ...options, clock }) };
}

describe('InMemoryCreditBudget', () => {
  it('grants credits until the window is spent, then waits for the next window', async () => {
    const { clock, budget: b } = budget({ limit: 1000, windowMs: 60_000 });
    for (let i = 0; i < 10; i++) await b.acquire('k', 100);
    expect(clock.sleeps).toEqual([]);
    clock.time += 15_000;
    await b.acquire('k', 100);
    expect(clock.sleeps).toEqual([45_000]);
    expect(b.available('k')).toBe(900);
  });

  it('keeps keys apart', async () => {
    const { clock, budget: b } = budget({ limit: 100 });
    await b.acquire('a', 100);
    await b.acquire('b', 100);
    expect(clock.sleeps).toEqual([]);
  });

  it('defaults to 100,000 credits per 60 s', async () => {
    const { clock, budget: b } = budget();
    for (let i = 0; i < 1000; i++) await b.acquire('k', 100);
    expect(clock.sleeps).toEqual([]);
    await b.acquire('k', 100);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it('slows down when the server reports credits spent elsewhere', async () => {
    const { clock, budget: b } = budget();
    await b.acquire('k', 100);
    b.update('k', { limit: 100_000, remaining: 50, resetAt: clock.time + 30_000 });
    await b.acquire('k', 100);
    expect(clock.sleeps).toEqual([30_000]);
  });

  it("adopts the server's limit, unless an explicit limit is lower", async () => {
    const learned = budget();
    learned.budget.update('k', { limit: 10_000, remaining: 10_000 });
    expect(learned.budget.available('k')).toBe(10_000);
    const capped = budget({ limit: 5000 });
    capped.budget.update('k', { limit: 100_000, remaining: 100_000 });
    expect(capped.budget.available('k')).toBe(5000);
  });

  it('follows a server window that started later than the local one', async () => {
    const { clock, budget: b } = budget({ limit: 1000 });
    await b.acquire('k', 1000);
    // The server's window ends 100 s from now: a newer window in which 900 credits are left.
    b.update('k', { limit: 1000, remaining: 900, resetAt: clock.time + 100_000 });
    await b.acquire('k', 900);
    expect(clock.sleeps).toEqual([]);
    await b.acquire('k', 100);
    expect(clock.sleeps).toEqual([100_000]);
  });

  it('ends the window by the first answer plus one window, not at the reset rounded up to a whole second', async () => {
    const { clock, budget: b } = budget({ limit: 1000, windowMs: 60_000 });
    await b.acquire('k', 1000);
    // The server opened its window on arrival (5 ms after we sent) and ends it 60 s later, but
    // X-RateLimit-Reset says so in whole seconds: 895 ms later than the real instant.
    const realReset = clock.time + 60_005;
    const header = Math.ceil(realReset / 1000) * 1000;
    clock.time += 20; // the answer arrives
    b.update('k', { limit: 1000, remaining: 0, resetAt: header });
    // A later answer of the same window must not move the end later again.
    clock.time += 480;
    b.update('k', { limit: 1000, remaining: 0, resetAt: header });
    await b.acquire('k', 100);
    const wokeAt = clock.time;
    expect(wokeAt).toBeLessThan(header);
    expect(wokeAt).toBeGreaterThanOrEqual(realReset);
    expect(wokeAt).toBe(1_000_000 + 20 + 60_000);
  });

  it("ignores a late answer from the window it closed before that window's rounded-up reset", async () => {
    const { clock, budget: b } = budget({ limit: 1000, windowMs: 60_000 });
    await b.acquire('k', 1000);
    const header = Math.ceil((clock.time + 60_005) / 1000) * 1000;
    clock.time += 20;
    b.update('k', { limit: 1000, remaining: 0, resetAt: header });
    await b.acquire('k', 100); // waits for the window's end, then opens the next
    const opened = clock.time;
    expect(opened).toBeLessThan(header);
    // A call sent in the old window is answered now: its reset still lies ahead, its count is the old window's.
    clock.time += 10;
    b.update('k', { limit: 1000, remaining: 0, resetAt: header });
    expect(b.available('k')).toBe(900);
    await b.acquire('k', 900);
    expect(clock.time).toBe(opened + 10);
  });

  it('takes a reset sooner than one window from the answer as it is (the window began earlier, elsewhere)', async () => {
    const { clock, budget: b } = budget({ limit: 1000, windowMs: 60_000 });
    await b.acquire('k', 1000);
    const header = Math.ceil((clock.time + 30_000) / 1000) * 1000;
    b.update('k', { limit: 1000, remaining: 0, resetAt: header });
    await b.acquire('k', 100);
    expect(clock.time).toBe(header);
  });

  it('ignores a reset time that has already passed (a late response from an old window)', () => {
    const { clock, budget: b } = budget({ limit: 1000 });
    b.update('k', { remaining: 0, resetAt: clock.time - 1 });
    expect(b.available('k')).toBe(0);
  });

  it('lets a call dearer than a whole window go alone', async () => {
    const { clock, budget: b } = budget({ limit: 100 });
    await b.acquire('k', 500);
    expect(clock.sleeps).toEqual([]);
    await b.acquire('k', 1);
    expect(clock.sleeps).toEqual([60_000]);
  });

  it('rejects with the signal reason when aborted while waiting', async () => {
    const b = new InMemoryCreditBudget({ limit: 100 });
    await b.acquire('k', 100);
    const controller = new AbortController();
    const waiting = b.acquire('k', 100, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('rejects invalid settings and credits with a clear message', async () => {
    expect(() => new InMemoryCreditBudget({ limit: 0 })).toThrow('limit must be a positive number');
    await expect(new InMemoryCreditBudget().acquire('k', -1)).rejects.toThrow('credits must be a non-negative number');
  });
});
