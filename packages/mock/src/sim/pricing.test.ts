import { CREDITS_BY_LEVEL, operations } from '@miro/api';
import { describe, expect, it } from 'vitest';
import { operationFor, operationsOf } from './pricing.js';
import type { ApiRoute } from './router.js';
import { ROUTES } from './simulation.js';
import { send } from './test-helpers.js';
import { createMiroSimulation } from './simulation.js';

const apiRoutes = ROUTES.filter((r): r is ApiRoute => r.kind === 'api');
const route = (method: string, path: string): ApiRoute =>
  apiRoutes.find((r) => r.method === method && r.path === path)!;
const requiredQuery = (op: (typeof operations)[keyof typeof operations]) =>
  op.parameters
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => p.wireName)
    .sort()
    .join('&');

describe('pricing from the generated operation table', () => {
  it('finds a spec operation for every API route of the simulation, but the one that says it is unlisted', () => {
    const without = apiRoutes.filter((r) => operationsOf(r).length === 0).map((r) => `${r.method} ${r.path}`);
    expect(without).toEqual(['GET /v2/boards/:boardId/resources/:family/:resourceId']);
    expect(apiRoutes.filter((r) => r.unlisted).map((r) => r.path)).toEqual([
      '/v2/boards/:boardId/resources/:family/:resourceId',
    ]);
  });

  it('tells apart the operations that share a route by their required query parameters, or they cost the same', () => {
    for (const r of apiRoutes) {
      const served = operationsOf(r);
      const byQuery = new Map<string, Set<string>>();
      for (const op of served)
        byQuery.set(
          requiredQuery(op),
          (byQuery.get(requiredQuery(op)) ?? new Set()).add(`${op.credits}/${op.creditsPerItem}`),
        );
      for (const [query, prices] of byQuery) expect(prices.size, `${r.method} ${r.path} ?${query}`).toBe(1);
    }
  });

  it('picks the operation a request calls by its query: the items of a tag, or all items', () => {
    const items = route('GET', '/v2/boards/:boardId/items');
    expect(operationFor(items, new URLSearchParams('tag_id=1'))).toBe(operations.getItemsByTag);
    expect(operationFor(items, new URLSearchParams('limit=10'))).toBe(operations.getItems);
    const detach = route('DELETE', '/v2/boards/:boardId/items/:itemId');
    expect(operationFor(detach, new URLSearchParams('tag_id=1'))).toBe(operations.removeTagFromItem);
    expect(operationFor(detach, new URLSearchParams())).toBe(operations.deleteItem);
  });

  it('charges what the table says: the items of a tag at level 1, the items of a board at level 2', async () => {
    const sim = createMiroSimulation();
    const token = sim.issueToken().accessToken;
    const board = (await send(sim, 'POST', '/v2/boards', { name: 'b' }, token)).body.id as string;
    await send(sim, 'GET', `/v2/boards/${board}/items?tag_id=1`, undefined, token);
    await send(sim, 'GET', `/v2/boards/${board}/items`, undefined, token);
    expect(sim.state.requests.map((r) => r.credits)).toEqual([
      operations.createBoard.credits,
      operations.getItemsByTag.credits,
      operations.getItems.credits,
    ]);
    expect([operations.getItemsByTag.credits, operations.getItems.credits]).toEqual([
      CREDITS_BY_LEVEL[1],
      CREDITS_BY_LEVEL[2],
    ]);
  });
});
