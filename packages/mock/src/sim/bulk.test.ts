import { describe, expect, it } from 'vitest';
import { newBoard, testApi } from './test-helpers.js';

describe('bulk item creation (createItems)', () => {
  it('creates items of several kinds in one call and lists them in order', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const frame = await api.call('POST', `/v2/boards/${boardId}/frames`, {
      data: { title: 'F' },
      position: { x: 0, y: 0 },
    });
    const reply = await api.call('POST', `/v2/boards/${boardId}/items/bulk`, [
      { type: 'sticky_note', data: { content: 'one' } },
      { type: 'shape', data: { shape: 'circle', content: 'two' }, parent: { id: frame.body.id } },
      { type: 'text', data: { content: 'three' }, position: { x: 10, y: 20 } },
    ]);
    expect(reply.status).toBe(201);
    expect(reply.body.type).toBe('bulk-list');
    expect(reply.body.data.map((i: { type: string }) => i.type)).toEqual(['sticky_note', 'shape', 'text']);
    expect(reply.body.data[1].parent).toEqual({ id: frame.body.id, links: expect.any(Object) });
    const listed = await api.call('GET', `/v2/boards/${boardId}/items?limit=50`);
    expect(listed.body.data.map((i: { id: string }) => i.id)).toEqual([
      frame.body.id,
      ...reply.body.data.map((i: { id: string }) => i.id),
    ]);
  });

  it('is all or nothing: a bad item creates none and the error names its index', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const reply = await api.call('POST', `/v2/boards/${boardId}/items/bulk`, [
      { type: 'sticky_note', data: { content: 'fine' } },
      { type: 'sticky_note', data: { shape: 'hexagon' } },
    ]);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toMatch(/^Item 1: .*shape/);
    expect(api.sim.state.itemCount(boardId)).toBe(0);
  });

  it('refuses an unknown type, an empty list, more than 20 items and a body that is not a list', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const unknown = await api.call('POST', `/v2/boards/${boardId}/items/bulk`, [{ type: 'mindmap_node', data: {} }]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('Item 0: type must be one of');
    const empty = await api.call('POST', `/v2/boards/${boardId}/items/bulk`, []);
    expect(empty.body.message).toContain('1 to 20 items, got 0');
    const many = await api.call(
      'POST',
      `/v2/boards/${boardId}/items/bulk`,
      Array.from({ length: 21 }, () => ({ type: 'text', data: { content: 'x' } })),
    );
    expect(many.body.message).toContain('got 21');
    const object = await api.call('POST', `/v2/boards/${boardId}/items/bulk`, { type: 'text' });
    expect(object.body.message).toContain('JSON array');
    expect(api.sim.state.itemCount(boardId)).toBe(0);
  });

  it('charges level 2 per item, as Miro does', async () => {
    const api = testApi({ budget: { limit: 100_000, windowMs: 60_000 } });
    const boardId = await newBoard(api);
    const before = Number((await api.call('GET', `/v2/boards/${boardId}`)).headers.get('x-ratelimit-remaining'));
    await api.call(
      'POST',
      `/v2/boards/${boardId}/items/bulk`,
      Array.from({ length: 7 }, (_, i) => ({ type: 'text', data: { content: `t${i}` } })),
    );
    const after = Number((await api.call('GET', `/v2/boards/${boardId}`)).headers.get('x-ratelimit-remaining'));
    // 7 items x 100 credits for the bulk call, 50 for the GET that reports it.
    expect(before - after).toBe(7 * 100 + 50);
  });

  it('charges level 2 per file for a bulk create from files', async () => {
    const api = testApi({ budget: { limit: 100_000, windowMs: 60_000 } });
    const boardId = await newBoard(api);
    const form = new FormData();
    form.append('data', JSON.stringify([{ type: 'image' }, { type: 'image' }, { type: 'document' }]));
    for (const name of ['a.png', 'b.png', 'c.pdf']) form.append('resources', new File(['x'], name));
    const before = api.sim.state.creditsRemaining(api.token) as number;
    const reply = await api.sim.handle(
      new Request(`${api.sim.baseUrl}/v2/boards/${boardId}/items/bulk`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}` },
        body: form,
      }),
    );
    expect(reply.status).toBe(201);
    expect(before - (api.sim.state.creditsRemaining(api.token) as number)).toBe(3 * 100);
    expect(api.sim.state.itemCount(boardId)).toBe(3);
  });
});
