import { MiroApi, MiroNotFoundError } from '@miro/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMiroSimulation } from './simulation.js';
import { send } from './test-helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createMiroSimulation', () => {
  it('answers 401 without a token and 403 without the needed scope', async () => {
    const sim = createMiroSimulation();
    const none = await send(sim, 'GET', '/v2/boards');
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ code: 'tokenNotProvided', type: 'error' });
    const readOnly = sim.issueToken({ scope: 'boards:read' }).accessToken;
    expect((await send(sim, 'GET', '/v2/boards', undefined, readOnly)).status).toBe(200);
    const write = await send(sim, 'POST', '/v2/boards', {}, readOnly);
    expect(write.status).toBe(403);
    expect(write.body.message).toContain('boards:write');
  });

  it('accepts static tokens from the options, forever', async () => {
    let now = 0;
    const sim = createMiroSimulation({ staticTokens: ['fixed'], now: () => now });
    now += 365 * 24 * 3600 * 1000;
    expect((await send(sim, 'GET', '/v2/boards', undefined, 'fixed')).status).toBe(200);
  });

  it('tells unsimulated Miro endpoints (501), wrong methods (405) and unknown paths (404) apart', async () => {
    const sim = createMiroSimulation();
    const token = sim.issueToken().accessToken;
    expect((await send(sim, 'GET', '/v2/orgs/1/cases', undefined, token)).status).toBe(501);
    expect((await send(sim, 'PUT', '/v2/boards/x/tags', {}, token)).status).toBe(405);
    expect((await send(sim, 'GET', '/nothing', undefined, token)).status).toBe(404);
  });

  it('serves a base URL with a path prefix', async () => {
    const sim = createMiroSimulation({ baseUrl: 'http://localhost:9999/miro' });
    const token = sim.issueToken().accessToken;
    const created = await send(sim, 'POST', '/v2/boards', { name: 'p' }, token);
    expect(created.status).toBe(201);
    expect(created.body.links.self).toBe(`http://localhost:9999/miro/v2/boards/${created.body.id}`);
  });

  it('reset() forgets state and restarts ids from the seed', async () => {
    const sim = createMiroSimulation({ seed: 42 });
    const first = await send(sim, 'POST', '/v2/boards', {}, sim.issueToken().accessToken);
    sim.reset();
    expect(sim.state.boardIds()).toEqual([]);
    expect(sim.state.counters.apiRequests).toBe(0);
    const again = await send(sim, 'POST', '/v2/boards', {}, sim.issueToken().accessToken);
    expect(again.body.id).toBe(first.body.id);
    const other = createMiroSimulation({ seed: 7 });
    expect((await send(other, 'POST', '/v2/boards', {}, other.issueToken().accessToken)).body.id).not.toBe(
      first.body.id,
    );
  });

  it('delays responses by latencyMs', async () => {
    vi.useFakeTimers();
    const sim = createMiroSimulation({ latencyMs: 500 });
    const token = sim.issueToken().accessToken;
    let done = false;
    const pending = sim
      .handle(new Request(`${sim.baseUrl}/v2/boards`, { headers: { authorization: `Bearer ${token}` } }))
      .then((r) => {
        done = true;
        return r;
      });
    await vi.advanceTimersByTimeAsync(499);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await pending).status).toBe(200);
  });

  it('answers CORS preflights and exposes the rate-limit headers', async () => {
    const sim = createMiroSimulation();
    const preflight = await sim.handle(new Request(`${sim.baseUrl}/v2/boards`, { method: 'OPTIONS' }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-expose-headers')).toContain('x-ratelimit-remaining');
  });

  it("gives every response an X-Request-Id, logged with the request, that the client's errors carry", async () => {
    const sim = createMiroSimulation({ budget: false });
    const { accessToken } = sim.issueToken();
    const first = await send(sim, 'GET', '/v2/boards', undefined, accessToken);
    const missing = await send(sim, 'GET', '/v2/boards/nope', undefined, accessToken);
    const ids = [first, missing].map((reply) => reply.headers.get('x-request-id'));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[1]).not.toBe(ids[0]);
    expect(sim.state.requests.map((entry) => entry.requestId)).toEqual(ids);
    expect(first.headers.get('access-control-expose-headers')).toContain('x-request-id');

    const api = new MiroApi({
      accessToken,
      baseUrl: sim.baseUrl,
      fetch: (url, init) => sim.handle(new Request(url, init)),
    });
    const error = await api.getSpecificBoard('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiroNotFoundError);
    expect((error as MiroNotFoundError).requestId).toBe(sim.state.requests.at(-1)?.requestId);
    expect((error as MiroNotFoundError).message).toMatch(/^getSpecificBoard failed with 404/);
    expect((error as MiroNotFoundError).operationId).toBe('get-specific-board');
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => createMiroSimulation({ baseUrl: 'not a url' })).toThrow(/baseUrl/);
    expect(() => createMiroSimulation({ budget: { limit: 0, windowMs: 1000 } })).toThrow(/budget.limit/);
    expect(() => createMiroSimulation({ clients: [] })).toThrow(/clients/);
  });
});
