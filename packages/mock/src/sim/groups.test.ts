import { describe, expect, it } from 'vitest';
import { newBoard, type TestApi, testApi } from './test-helpers.js';

async function shapes(api: TestApi, boardId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await api.call('POST', `/v2/boards/${boardId}/shapes`, { data: { content: `s${i}` } })).body.id);
  return ids;
}

describe('groups of items', () => {
  it('refuses a group of fewer than two items, of unknown items, or of items already grouped, creating nothing', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const [a, b, c] = await shapes(api, boardId, 3);
    const at = `/v2/boards/${boardId}/groups`;

    const one = await api.call('POST', at, { data: { items: [a, a] } });
    expect(one.status).toBe(400);
    expect(one.body.message).toContain('at least 2 different items');
    const unknown = await api.call('POST', at, { data: { items: [a, '3458764599999999999'] } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('3458764599999999999');
    const shapeless = await api.call('POST', at, { items: [a, b] });
    expect(shapeless.status).toBe(400);
    expect(shapeless.body.context.fields[0].field).toBe('data');
    expect(api.sim.state.board(boardId)?.groups).toEqual([]);

    const group = await api.call('POST', at, { data: { items: [a, b] } });
    expect(group.status).toBe(201);
    const again = await api.call('POST', at, { data: { items: [b, c] } });
    expect(again.status).toBe(400);
    expect(again.body.message).toBe(`Invalid parameter data.items: item ${b} is already in group ${group.body.id}`);
    expect(api.sim.state.board(boardId)?.groups).toHaveLength(1);
  });

  it('drops a deleted item from its group, and dissolves a group left with one item', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const [a, b, c] = await shapes(api, boardId, 3);
    const group = (await api.call('POST', `/v2/boards/${boardId}/groups`, { data: { items: [a, b, c] } })).body.id;
    await api.call('DELETE', `/v2/boards/${boardId}/shapes/${c}`);
    expect(api.sim.state.board(boardId)?.groups).toEqual([{ id: group, itemIds: [a, b] }]);
    await api.call('DELETE', `/v2/boards/${boardId}/items/${b}`);
    expect(api.sim.state.board(boardId)?.groups).toEqual([]);
    expect((await api.call('GET', `/v2/boards/${boardId}/groups/${group}`)).status).toBe(404);
  });

  it('pages the items of a group by cursor', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const ids = await shapes(api, boardId, 12);
    const group = (await api.call('POST', `/v2/boards/${boardId}/groups`, { data: { items: ids } })).body.id;
    const first = await api.call('GET', `/v2/boards/${boardId}/groups/items?group_item_id=${group}&limit=10`);
    expect(first.body).toMatchObject({ limit: 10, size: 10, total: 12, data: { id: group, type: 'group' } });
    const second = await api.call(
      'GET',
      `/v2/boards/${boardId}/groups/items?group_item_id=${group}&limit=10&cursor=${encodeURIComponent(first.body.cursor)}`,
    );
    expect(second.body.cursor).toBeUndefined();
    const pageIds = (page: { data: { data: { data: { id: string }[] }[] } }) =>
      page.data.data[0]?.data.map((i) => i.id) ?? [];
    expect([...pageIds(first.body), ...pageIds(second.body)]).toEqual(ids);
    const missing = await api.call('GET', `/v2/boards/${boardId}/groups/items`);
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('group_item_id is required');
  });

  it('pages the groups of a board, and refuses a delete_items that is not a boolean', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const ids = await shapes(api, boardId, 24);
    for (let i = 0; i < 24; i += 2)
      await api.call('POST', `/v2/boards/${boardId}/groups`, { data: { items: [ids[i], ids[i + 1]] } });
    const first = await api.call('GET', `/v2/boards/${boardId}/groups?limit=10`);
    expect(first.body).toMatchObject({ size: 10, total: 12 });
    const rest = await api.call('GET', `/v2/boards/${boardId}/groups?limit=10&cursor=${first.body.cursor}`);
    expect(rest.body.size).toBe(2);
    const group = first.body.data[0].id;
    const bad = await api.call('DELETE', `/v2/boards/${boardId}/groups/${group}?delete_items=yes`);
    expect(bad.status).toBe(400);
    expect(api.sim.state.board(boardId)?.groups).toHaveLength(12);
  });

  it('copies groups and mind map nodes with a board, under the copies’ ids', async () => {
    const api = testApi();
    const source = await newBoard(api);
    const [a, b] = await shapes(api, source, 2);
    await api.call('POST', `/v2/boards/${source}/groups`, { data: { items: [a, b] } });
    const nodes = `/v2-experimental/boards/${source}/mindmap_nodes`;
    const root = (await api.call('POST', nodes, { data: { nodeView: { data: { type: 'text', content: 'R' } } } })).body
      .id;
    await api.call('POST', nodes, {
      data: { nodeView: { data: { type: 'text', content: 'C' } } },
      parent: { id: root },
    });

    const copy = (await api.call('PUT', `/v2/boards?copy_from=${source}`, {})).body.id;
    const copied = api.sim.state.board(copy);
    const [ca, cb] = copied?.items.map((i) => i.id) ?? [];
    expect(copied?.groups.map((g) => g.itemIds)).toEqual([[ca, cb]]);
    expect([ca, cb]).not.toContain(a);
    const [copiedRoot, copiedChild] = copied?.mindmapNodes ?? [];
    expect(copiedRoot?.id).not.toBe(root);
    expect(copiedChild).toMatchObject({ content: 'C', parentId: copiedRoot?.id });
  });
});
