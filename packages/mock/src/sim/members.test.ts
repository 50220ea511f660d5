import { describe, expect, it } from 'vitest';
import { newBoard, testApi } from './test-helpers.js';

describe('board members', () => {
  it('shares a board, lists, reads, updates and removes members', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const shared = await api.call('POST', `/v2/boards/${boardId}/members`, {
      emails: ['ann@example.com', 'bob@example.com', 'not-an-email'],
      role: 'editor',
    });
    expect(shared.status).toBe(201);
    expect(shared.body.successful).toHaveLength(2);
    expect(shared.body.failed).toEqual([{ email: 'not-an-email', reason: 'INVALID_EMAIL' }]);
    const annId = String(shared.body.successful[0]);

    const list = await api.call('GET', `/v2/boards/${boardId}/members?limit=2`);
    expect(list.body).toMatchObject({ total: 3, size: 2, offset: 0, limit: 2 });
    expect(list.body.data[0]).toMatchObject({ role: 'owner', type: 'board_member' });
    const ann = await api.call('GET', `/v2/boards/${boardId}/members/${annId}`);
    expect(ann.body).toMatchObject({ id: annId, name: 'ann', role: 'editor', type: 'board_member' });
    expect(ann.body.links.self).toBe(`https://api.miro.com/v2/boards/${boardId}/members/${annId}`);

    const updated = await api.call('PATCH', `/v2/boards/${boardId}/members/${annId}`, { role: 'viewer' });
    expect(updated.body.role).toBe('viewer');
    const badRole = await api.call('PATCH', `/v2/boards/${boardId}/members/${annId}`, { role: 'boss' });
    expect(badRole.status).toBe(400);
    expect((await api.call('DELETE', `/v2/boards/${boardId}/members/${annId}`)).status).toBe(204);
    expect((await api.call('GET', `/v2/boards/${boardId}/members/${annId}`)).status).toBe(404);
  });

  it('keeps the owner on the board and requires emails', async () => {
    const api = testApi();
    const boardId = await newBoard(api);
    const owner = api.sim.state.defaultUser.id;
    const removeOwner = await api.call('DELETE', `/v2/boards/${boardId}/members/${owner}`);
    expect(removeOwner.status).toBe(400);
    expect(removeOwner.body.message).toContain('owns board');
    const noEmails = await api.call('POST', `/v2/boards/${boardId}/members`, { role: 'editor' });
    expect(noEmails.status).toBe(400);
    expect(noEmails.body.message).toContain('emails');
  });
});
