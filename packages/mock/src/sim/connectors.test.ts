import { describe, expect, it } from 'vitest';
import { newBoard, testApi } from './test-helpers.js';

describe('connectors', () => {
  it('creates connectors and pages them by cursor', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const a = (await api.call('POST', `/v2/boards/${boardId}/shapes`, {})).body.id;
    const b = (await api.call('POST', `/v2/boards/${boardId}/shapes`, {})).body.id;
    const ids = [];
    for (let i = 0; i < 12; i++) {
      const created = await api.call('POST', `/v2/boards/${boardId}/connectors`, {
        startItem: { id: a, snapTo: 'right' },
        endItem: { id: b },
        shape: 'straight',
        captions: [{ content: `c${i}` }],
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        type: 'connector',
        shape: 'straight',
        startItem: { id: a },
        endItem: { id: b },
      });
      ids.push(created.body.id);
    }
    const first = await api.call('GET', `/v2/boards/${boardId}/connectors?limit=10`);
    expect(first.body.size).toBe(10);
    const second = await api.call('GET', `/v2/boards/${boardId}/connectors?limit=10&cursor=${first.body.cursor}`);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual(ids.slice(10));
    expect(second.body.cursor).toBeUndefined();
  });

  it('updates and deletes a connector, and drops connectors of a deleted item', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const a = (await api.call('POST', `/v2/boards/${boardId}/cards`, {})).body.id;
    const b = (await api.call('POST', `/v2/boards/${boardId}/cards`, {})).body.id;
    const c = (await api.call('POST', `/v2/boards/${boardId}/cards`, {})).body.id;
    const ab = (
      await api.call('POST', `/v2/boards/${boardId}/connectors`, { startItem: { id: a }, endItem: { id: b } })
    ).body.id;
    const bc = (
      await api.call('POST', `/v2/boards/${boardId}/connectors`, { startItem: { id: b }, endItem: { id: c } })
    ).body.id;
    const patched = await api.call('PATCH', `/v2/boards/${boardId}/connectors/${ab}`, {
      endItem: { id: c },
      style: { strokeColor: '#ff0000' },
    });
    expect(patched.body.endItem.id).toBe(c);
    expect(patched.body.style.strokeColor).toBe('#ff0000');
    await api.call('DELETE', `/v2/boards/${boardId}/cards/${b}`);
    expect((await api.call('GET', `/v2/boards/${boardId}/connectors/${bc}`)).status).toBe(404);
    expect((await api.call('GET', `/v2/boards/${boardId}/connectors/${ab}`)).status).toBe(200);
    expect((await api.call('DELETE', `/v2/boards/${boardId}/connectors/${ab}`)).status).toBe(204);
    expect((await api.call('GET', `/v2/boards/${boardId}/connectors`)).body.total).toBe(0);
  });

  it('needs both ends, on items of the board', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const a = (await api.call('POST', `/v2/boards/${boardId}/cards`, {})).body.id;
    const noEnd = await api.call('POST', `/v2/boards/${boardId}/connectors`, { startItem: { id: a } });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.message).toContain('endItem');
    const ghost = await api.call('POST', `/v2/boards/${boardId}/connectors`, {
      startItem: { id: a },
      endItem: { id: '3458764500000000001' },
    });
    expect(ghost.status).toBe(404);
  });
});
