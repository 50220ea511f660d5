import { describe, expect, it } from 'vitest';
import { CREDITS_BY_LEVEL } from '@miro/api';
import { createMiroSimulation } from './simulation.js';
import { send } from './test-helpers.js';

describe('credit budget', () => {
  it('answers 429 with Retry-After and X-RateLimit-* once a burst spends the budget', async () => {
    let now = Date.parse('2026-05-01T12:00:00Z');
    const sim = createMiroSimulation({ now: () => now, budget: { limit: 1000, windowMs: 60_000 } });
    const token = sim.issueToken().accessToken;
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 25; i++) {
      last = await send(sim, 'GET', '/v2/boards', undefined, token); // level 1: 50 credits
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    expect(last?.body).toMatchObject({ status: 429, code: 'tooManyRequests', type: 'error' });
    const headers = last?.headers as Headers;
    expect(headers.get('x-ratelimit-limit')).toBe('1000');
    expect(headers.get('x-ratelimit-remaining')).toBe('0');
    expect(headers.get('x-ratelimit-reset')).toBe(String((now + 60_000) / 1000));
    expect(headers.get('retry-after')).toBe('60');
    expect(sim.state.counters.rateLimited).toBe(5);

    now += 30_000;
    expect((await send(sim, 'GET', '/v2/boards', undefined, token)).headers.get('retry-after')).toBe('30');
    now += 30_000;
    const fresh = await send(sim, 'GET', '/v2/boards', undefined, token);
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('950');
  });

  it('charges by Miro’s level for the operation and sends the headers on every API response', async () => {
    const sim = createMiroSimulation();
    const token = sim.issueToken().accessToken;
    const created = await send(sim, 'POST', '/v2/boards', { name: 'b' }, token); // level 3
    expect(created.headers.get('x-ratelimit-remaining')).toBe(String(100_000 - CREDITS_BY_LEVEL[3]));
    const boardId = created.body.id;
    await send(sim, 'POST', `/v2/boards/${boardId}/sticky_notes`, {}, token); // level 2
    await send(sim, 'GET', `/v2/boards/${boardId}/items`, undefined, token); // level 2
    const missing = await send(sim, 'GET', '/v2/boards/nope', undefined, token); // level 1, still charged
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-ratelimit-remaining')).toBe(String(100_000 - 500 - 100 - 100 - 50));
    expect(sim.state.creditsRemaining(token)).toBe(100_000 - 750);
    expect(sim.state.requests.map((r) => r.credits)).toEqual([500, 100, 100, 50]);
  });

  it('keeps one budget per user and app, shared by that user’s tokens', async () => {
    const sim = createMiroSimulation({ budget: { limit: 100, windowMs: 1000 } });
    const first = sim.issueToken().accessToken;
    const second = sim.issueToken().accessToken;
    await send(sim, 'GET', '/v2/boards', undefined, first);
    await send(sim, 'GET', '/v2/boards', undefined, second);
    expect((await send(sim, 'GET', '/v2/boards', undefined, first)).status).toBe(429);
    const stranger = sim.issueToken({ clientId: 'another-app' }).accessToken;
    expect((await send(sim, 'GET', '/v2/boards', undefined, stranger)).status).toBe(200);
  });

  it('sends no rate-limit headers and never 429s with budget: false', async () => {
    const sim = createMiroSimulation({ budget: false });
    const token = sim.issueToken().accessToken;
    for (let i = 0; i < 3; i++) {
      const reply = await send(sim, 'GET', '/v2/boards', undefined, token);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('x-ratelimit-limit')).toBeNull();
    }
  });
});
