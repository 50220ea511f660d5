import { describe, expect, it } from 'vitest';
import { newBoard, testApi, type TestApi } from './test-helpers.js';

async function frameAt(api: TestApi, boardId: string): Promise<string> {
  // A 1000x600 frame centred at (500, 300): its top-left corner is the canvas origin.
  const frame = await api.call('POST', `/v2/boards/${boardId}/frames`, {
    data: { title: 'F' },
    position: { x: 500, y: 300 },
    geometry: { width: 1000, height: 600 },
  });
  expect(frame.status).toBe(201);
  return frame.body.id;
}

describe('frames and parents', () => {
  it('lists only the items inside a frame with parent_item_id', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const frameId = await frameAt(api, boardId);
    const inside = [];
    for (let i = 0; i < 3; i++) {
      const child = await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, {
        data: { content: `in ${i}` },
        parent: { id: frameId },
        position: { x: 10, y: 20 },
      });
      expect(child.body.parent).toEqual({
        id: frameId,
        links: { self: `https://api.miro.com/v2/boards/${boardId}/frames/${frameId}` },
      });
      expect(child.body.position).toMatchObject({ x: 10, y: 20, relativeTo: 'parent_top_left' });
      inside.push(child.body.id);
    }
    await api.call('POST', `/v2/boards/${boardId}/shapes`, { data: { content: 'outside' } });

    const listed = await api.call('GET', `/v2/boards/${boardId}/items?parent_item_id=${frameId}`);
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual(inside);
    expect(listed.body.total).toBe(3);
    const frame = await api.call('GET', `/v2/boards/${boardId}/frames/${frameId}`);
    expect(frame.body.links.related).toContain(`parent_item_id=${frameId}`);
  });

  it('refuses a parent that is not a frame, and 404s an unknown one', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const shape = (await api.call('POST', `/v2/boards/${boardId}/shapes`, {})).body.id;
    const notFrame = await api.call('POST', `/v2/boards/${boardId}/texts`, {
      data: { content: 'x' },
      parent: { id: shape },
    });
    expect(notFrame.status).toBe(400);
    expect(notFrame.body.message).toContain('only frames can be parents');
    const unknown = await api.call('POST', `/v2/boards/${boardId}/texts`, {
      data: { content: 'x' },
      parent: { id: '3458764599999999999' },
    });
    expect(unknown.status).toBe(404);
    const unknownList = await api.call('GET', `/v2/boards/${boardId}/items?parent_item_id=3458764599999999999`);
    expect(unknownList.status).toBe(404);
  });

  it('moves an item into a frame keeping its place on the canvas, and out again', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const frameId = await frameAt(api, boardId);
    const note = (await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { position: { x: 100, y: 50 } })).body
      .id;
    const moved = await api.call('PATCH', `/v2/boards/${boardId}/items/${note}`, { parent: { id: frameId } });
    expect(moved.status).toBe(200);
    expect(moved.body.parent.id).toBe(frameId);
    expect(moved.body.position).toMatchObject({ x: 100, y: 50, relativeTo: 'parent_top_left' });

    const frame2 = (
      await api.call('POST', `/v2/boards/${boardId}/frames`, {
        data: {},
        position: { x: 0, y: 0 },
        geometry: { width: 200, height: 200 },
      })
    ).body.id;
    const again = await api.call('PATCH', `/v2/boards/${boardId}/items/${note}`, { parent: { id: frame2 } });
    // Canvas (100, 50) relative to frame2's top-left (-100, -100).
    expect(again.body.position).toMatchObject({ x: 200, y: 150 });
    const out = await api.call('PATCH', `/v2/boards/${boardId}/items/${note}`, { parent: null });
    expect(out.body.parent).toBeUndefined();
    expect(out.body.position).toMatchObject({ x: 100, y: 50, relativeTo: 'canvas_center' });
  });

  it('moves a deleted frame’s children onto the canvas', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const frameId = await frameAt(api, boardId);
    const child = (
      await api.call('POST', `/v2/boards/${boardId}/cards`, { parent: { id: frameId }, position: { x: 5, y: 6 } })
    ).body.id;
    expect((await api.call('DELETE', `/v2/boards/${boardId}/frames/${frameId}`)).status).toBe(204);
    const after = await api.call('GET', `/v2/boards/${boardId}/cards/${child}`);
    expect(after.body.parent).toBeUndefined();
    expect(after.body.position).toMatchObject({ x: 5, y: 6, relativeTo: 'canvas_center' });
  });

  it('does not let a frame have a parent', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const frameId = await frameAt(api, boardId);
    const nested = await api.call('POST', `/v2/boards/${boardId}/frames`, { data: {}, parent: { id: frameId } });
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('frame items cannot have a parent');
  });
});
