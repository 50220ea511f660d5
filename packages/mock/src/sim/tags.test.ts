import { describe, expect, it } from 'vitest';
import { newBoard, testApi } from './test-helpers.js';

describe('tags', () => {
  it('tags and untags an item, listing items by tag with offset paging', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const tag = await api.call('POST', `/v2/boards/${boardId}/tags`, { title: 'urgent', fillColor: 'cyan' });
    expect(tag.status).toBe(201);
    expect(tag.body).toMatchObject({ title: 'urgent', fillColor: 'cyan', type: 'tag' });
    expect(tag.body.links.self).toBe(`https://api.miro.com/v2/boards/${boardId}/tags/${tag.body.id}`);
    const notes: string[] = [];
    for (let i = 0; i < 3; i++)
      notes.push(
        (await api.call('POST', `/v2/boards/${boardId}/sticky_notes`, { data: { content: `n${i}` } })).body.id,
      );
    for (const id of notes)
      expect((await api.call('POST', `/v2/boards/${boardId}/items/${id}?tag_id=${tag.body.id}`)).status).toBe(204);

    const ofItem = await api.call('GET', `/v2/boards/${boardId}/items/${notes[0]}/tags`);
    expect(ofItem.body.tags).toEqual([{ id: tag.body.id, type: 'tag', title: 'urgent', fillColor: 'cyan' }]);
    const page = await api.call('GET', `/v2/boards/${boardId}/items?tag_id=${tag.body.id}&limit=2`);
    expect(page.body).toMatchObject({ total: 3, size: 2, offset: 0, limit: 2 });
    expect(page.body.links.next).toContain('offset=2');
    const page2 = await api.call('GET', `/v2/boards/${boardId}/items?tag_id=${tag.body.id}&limit=2&offset=2`);
    expect(page2.body.data.map((i: { id: string }) => i.id)).toEqual([notes[2]]);

    expect((await api.call('DELETE', `/v2/boards/${boardId}/items/${notes[0]}?tag_id=${tag.body.id}`)).status).toBe(
      204,
    );
    expect((await api.call('GET', `/v2/boards/${boardId}/items/${notes[0]}/tags`)).body.tags).toEqual([]);
    // Detaching is not deleting: the item is still there.
    expect((await api.call('GET', `/v2/boards/${boardId}/items/${notes[0]}`)).status).toBe(200);
    expect((await api.call('GET', `/v2/boards/${boardId}/items?tag_id=${tag.body.id}`)).body.total).toBe(2);

    expect((await api.call('DELETE', `/v2/boards/${boardId}/tags/${tag.body.id}`)).status).toBe(204);
    expect((await api.call('GET', `/v2/boards/${boardId}/items/${notes[1]}/tags`)).body.tags).toEqual([]);
    expect((await api.call('GET', `/v2/boards/${boardId}/tags/${tag.body.id}`)).status).toBe(404);
  });

  it('lists, gets and updates tags', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    for (let i = 0; i < 25; i++) await api.call('POST', `/v2/boards/${boardId}/tags`, { title: `t${i}` });
    const first = await api.call('GET', `/v2/boards/${boardId}/tags`);
    expect(first.body).toMatchObject({ total: 25, size: 20, offset: 0, limit: 20, type: 'list' });
    expect(first.body.data[0]).toMatchObject({ title: 't0', fillColor: 'red' });
    const id = first.body.data[1].id;
    const updated = await api.call('PATCH', `/v2/boards/${boardId}/tags/${id}`, {
      title: 'renamed',
      fillColor: 'blue',
    });
    expect(updated.body).toMatchObject({ id, title: 'renamed', fillColor: 'blue' });
    expect((await api.call('GET', `/v2/boards/${boardId}/tags/${id}`)).body.title).toBe('renamed');
  });

  it('refuses tags on items other than sticky notes and cards, and bad tag input', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const tag = (await api.call('POST', `/v2/boards/${boardId}/tags`, { title: 'x' })).body.id;
    const shape = (await api.call('POST', `/v2/boards/${boardId}/shapes`, {})).body.id;
    const onShape = await api.call('POST', `/v2/boards/${boardId}/items/${shape}?tag_id=${tag}`);
    expect(onShape.status).toBe(400);
    expect(onShape.body.message).toContain('sticky notes and cards');
    const noTitle = await api.call('POST', `/v2/boards/${boardId}/tags`, { fillColor: 'red' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.message).toContain('title');
    const badColor = await api.call('POST', `/v2/boards/${boardId}/tags`, { title: 'a', fillColor: 'pink' });
    expect(badColor.body.message).toContain('fillColor');
    const unknownTag = await api.call('POST', `/v2/boards/${boardId}/items/${shape}?tag_id=1`);
    expect(unknownTag.status).toBe(404);
  });

  it('allows at most 8 tags on one item', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const card = (await api.call('POST', `/v2/boards/${boardId}/cards`, {})).body.id;
    for (let i = 0; i < 9; i++) {
      const tag = (await api.call('POST', `/v2/boards/${boardId}/tags`, { title: `t${i}` })).body.id;
      const attached = await api.call('POST', `/v2/boards/${boardId}/items/${card}?tag_id=${tag}`);
      expect(attached.status).toBe(i < 8 ? 204 : 400);
    }
  });
});
