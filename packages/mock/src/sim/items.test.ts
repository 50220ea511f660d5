import { describe, expect, it } from 'vitest';
import { newBoard, testApi } from './test-helpers.js';

describe('items', () => {
  it('lists 120 items in three cursor pages of 50, 50 and 20 without repeats', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    for (let i = 0; i < 120; i++) {
      const created = await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { data: { content: `note ${i}` } });
      expect(created.status).toBe(201);
    }
    const pages = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '50' });
      if (cursor) query.set('cursor', cursor);
      const page = await api.call('GET', `/v2/boards/${boardId}/items?${query}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      cursor = page.body.cursor;
    } while (cursor);

    expect(pages.map((p) => p.size)).toEqual([50, 50, 20]);
    expect(pages.every((p) => p.total === 120 && p.limit === 50)).toBe(true);
    expect(pages[0].links.next).toContain(`cursor=${encodeURIComponent(pages[0].cursor)}`);
    expect(pages[2].links.next).toBeUndefined();
    const contents = pages.flatMap((p) => p.data.map((i: { data: { content: string } }) => i.data.content));
    expect(contents).toEqual(Array.from({ length: 120 }, (_, i) => `note ${i}`));
  });

  it('changes nothing on an update it refuses, even when the fields before the bad one were valid', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const note = await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, {
      data: { content: 'before' },
      style: { fillColor: 'yellow' },
    });
    const refused = await api.call('PATCH', `/v2/boards/${boardId}/sticky_notes/${note.body.id}`, {
      data: { content: 'after' },
      style: { fillColor: 'blue' },
      parent: { id: '3458764000000000000' },
    });
    expect(refused.status).toBe(404);
    const current = await api.call('GET', `/v2/boards/${boardId}/sticky_notes/${note.body.id}`);
    expect(current.body.data.content).toBe('before');
    expect(current.body.style.fillColor).toBe('yellow');
    expect(current.body.modifiedAt).toBe(note.body.modifiedAt);
    const accepted = await api.call('PATCH', `/v2/boards/${boardId}/sticky_notes/${note.body.id}`, {
      data: { content: 'after' },
    });
    expect(accepted.body.data.content).toBe('after');
    expect((await api.call('GET', `/v2/boards/${boardId}/sticky_notes/${note.body.id}`)).body.data.content).toBe(
      'after',
    );
  });

  it('keeps a cursor valid when items before it are deleted', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const ids: string[] = [];
    for (let i = 0; i < 15; i++)
      ids.push((await api.call('POST', `/v2/boards/${boardId}/texts`, { data: { content: `t${i}` } })).body.id);
    const first = await api.call('GET', `/v2/boards/${boardId}/items?limit=10`);
    await api.call('DELETE', `/v2/boards/${boardId}/items/${ids[0]}`);
    const second = await api.call('GET', `/v2/boards/${boardId}/items?limit=10&cursor=${first.body.cursor}`);
    expect(second.body.data.map((i: { id: string }) => i.id)).toEqual(ids.slice(10));
  });

  it('rejects a limit outside 10..50 and a cursor it never issued', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const small = await api.call('GET', `/v2/boards/${boardId}/items?limit=5`);
    expect(small.status).toBe(400);
    expect(small.body.message).toContain('limit');
    const bogus = await api.call('GET', `/v2/boards/${boardId}/items?cursor=nonsense`);
    expect(bogus.status).toBe(400);
    expect(bogus.body.message).toContain('cursor');
  });

  it('creates every item kind with its type and response data', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const cases: [string, unknown, string, Record<string, unknown>][] = [
      [
        'sticky_notes',
        { data: { content: 'hi', shape: 'rectangle' } },
        'sticky_note',
        { content: 'hi', shape: 'rectangle' },
      ],
      ['shapes', { data: { shape: 'circle' } }, 'shape', { shape: 'circle' }],
      ['texts', { data: { content: 'text' } }, 'text', { content: 'text' }],
      ['cards', { data: { title: 'card' } }, 'card', { title: 'card' }],
      ['app_cards', { data: { title: 'app', status: 'connected' } }, 'app_card', { title: 'app', status: 'connected' }],
      ['frames', { data: { title: 'frame' } }, 'frame', { title: 'frame' }],
      ['images', { data: { url: 'https://example.com/a.png' } }, 'image', { imageUrl: 'https://example.com/a.png' }],
      [
        'documents',
        { data: { url: 'https://example.com/a.pdf' } },
        'document',
        { documentUrl: 'https://example.com/a.pdf' },
      ],
      ['embeds', { data: { url: 'https://example.com/video' } }, 'embed', { url: 'https://example.com/video' }],
    ];
    for (const [segment, body, type, data] of cases) {
      const created = await api.call('POST', `/v2/boards/${boardId}/${segment}`, body);
      expect(created.status, segment).toBe(201);
      expect(created.body.type).toBe(type);
      expect(created.body.id).toMatch(/^\d{19}$/);
      expect(created.body.data).toMatchObject(data);
      expect(created.body.links.self).toBe(`https://api.miro.com/v2/boards/${boardId}/${segment}/${created.body.id}`);
      expect(created.body.position).toEqual({ x: 0, y: 0, origin: 'center', relativeTo: 'canvas_center' });
      expect(created.body.createdBy).toEqual({ id: api.sim.state.defaultUser.id, type: 'user' });
      const fetched = await api.call('GET', `/v2/boards/${boardId}/${segment}/${created.body.id}`);
      expect(fetched.body).toEqual(created.body);
    }
    const images = await api.call('GET', `/v2/boards/${boardId}/items?type=image`);
    expect(images.body.data.map((i: { type: string }) => i.type)).toEqual(['image']);
  });

  it('updates an item through its typed endpoint and 404s it under another type', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const note = (await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { data: { content: 'a' } })).body;
    const patched = await api.call('PATCH', `/v2/boards/${boardId}/sticky_notes/${note.id}`, {
      data: { content: 'b' },
      style: { fillColor: 'blue' },
      position: { x: 10 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.data.content).toBe('b');
    expect(patched.body.style.fillColor).toBe('blue');
    expect(patched.body.position).toMatchObject({ x: 10, y: 0 });
    const asShape = await api.call('GET', `/v2/boards/${boardId}/shapes/${note.id}`);
    expect(asShape.status).toBe(404);
    expect(asShape.body).toMatchObject({ status: 404, code: 'notFound', type: 'error' });
  });

  it('answers 400 naming the field for missing or invalid input', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const noContent = await api.call('POST', `/v2/boards/${boardId}/texts`, { data: {} });
    expect(noContent.status).toBe(400);
    expect(noContent.body.message).toContain('data.content');
    expect(noContent.body.context.fields[0].field).toBe('data.content');
    const noUrl = await api.call('POST', `/v2/boards/${boardId}/images`, { data: { title: 'x' } });
    expect(noUrl.body.message).toContain('data.url');
    const badColor = await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { style: { fillColor: 'plaid' } });
    expect(badColor.status).toBe(400);
    expect(badColor.body.message).toContain('style.fillColor');
    const both = await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, {
      geometry: { width: 100, height: 100 },
    });
    expect(both.status).toBe(400);
    expect(both.body.message).toContain('either width or height');
    const badJson = await api.sim.handle(
      new Request(`${api.sim.baseUrl}/v2/boards/${boardId}/texts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token}` },
        body: '{',
      }),
    );
    expect(badJson.status).toBe(400);
  });

  it('keeps the aspect ratio of a sticky note given only a width', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const note = await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { geometry: { width: 398 } });
    expect(note.body.geometry).toEqual({ width: 398, height: 456 });
  });

  it('deletes an item through the generic endpoint, then 404s it', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const card = (await api.call('POST', `/v2/boards/${boardId}/cards`, {})).body;
    expect((await api.call('GET', `/v2/boards/${boardId}/items/${card.id}`)).body.type).toBe('card');
    expect((await api.call('DELETE', `/v2/boards/${boardId}/items/${card.id}`)).status).toBe(204);
    const gone = await api.call('GET', `/v2/boards/${boardId}/items/${card.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.message).toContain(card.id);
    expect(api.sim.state.itemCount(boardId)).toBe(0);
  });
});
