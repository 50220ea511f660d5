import { describe, expect, it } from 'vitest';
import { newBoard, newTeam, testApi } from './test-helpers.js';

describe('boards', () => {
  it('pages boards by offset with total, size and links', async () => {
    const api = testApi();
    for (let i = 0; i < 45; i++) await newBoard(api, `Board ${String(i).padStart(2, '0')}`);
    const sizes = [];
    const names: string[] = [];
    for (const offset of [0, 20, 40]) {
      const page = await api.call('GET', `/v2/boards?limit=20&offset=${offset}&sort=alphabetically`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ total: 45, offset, limit: 20, type: 'list' });
      sizes.push(page.body.size);
      names.push(...page.body.data.map((b: { name: string }) => b.name));
      if (offset < 40) expect(page.body.links.next).toContain(`offset=${offset + 20}`);
      else expect(page.body.links.next).toBeUndefined();
      if (offset > 0) expect(page.body.links.prev).toContain(`offset=${offset - 20}`);
    }
    expect(sizes).toEqual([20, 20, 5]);
    expect(names).toEqual(Array.from({ length: 45 }, (_, i) => `Board ${String(i).padStart(2, '0')}`));
    const tooMany = await api.call('GET', '/v2/boards?limit=51');
    expect(tooMany.status).toBe(400);
  });

  it('filters by query and team and sorts by creation with team_id', async () => {
    let t = Date.parse('2026-01-01T00:00:00Z');
    const api = testApi({ now: () => (t += 1000) });
    await newBoard(api, 'Alpha roadmap');
    await newBoard(api, 'Beta retro');
    const otherTeamId = await newTeam(api, 'Other team');
    const other = await api.call('POST', '/v2/boards', { name: 'Gamma', teamId: otherTeamId });
    const byQuery = await api.call('GET', '/v2/boards?query=RETRO');
    expect(byQuery.body.data.map((b: { name: string }) => b.name)).toEqual(['Beta retro']);
    const team = api.sim.state.team.id;
    const byTeam = await api.call('GET', `/v2/boards?team_id=${team}`);
    expect(byTeam.body.data.map((b: { name: string }) => b.name)).toEqual(['Beta retro', 'Alpha roadmap']);
    const otherTeam = await api.call('GET', `/v2/boards?team_id=${otherTeamId}`);
    expect(otherTeam.body.data.map((b: { id: string }) => b.id)).toEqual([other.body.id]);
    expect(other.body.team).toEqual({ id: otherTeamId, name: 'Other team', type: 'team' });
  });

  it('refuses a board in a team that does not exist, on create and on update', async () => {
    const api = testApi();
    const refused = await api.call('POST', '/v2/boards', { name: 'Nowhere', teamId: '999' });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe('Team 999 not found');
    expect(api.sim.state.boardIds()).toEqual([]);
    const boardId = await newBoard(api);
    expect((await api.call('PATCH', `/v2/boards/${boardId}`, { teamId: '999' })).status).toBe(404);
    expect(api.sim.state.board(boardId)?.teamId).toBe(api.sim.state.team.id);
  });

  it('creates, reads, updates and deletes a board in Miro’s shape', async () => {
    const api = testApi();
    const created = await api.call('POST', '/v2/boards', {
      name: 'Plan',
      description: 'Q3',
      policy: { sharingPolicy: { access: 'view' } },
    });
    expect(created.status).toBe(201);
    const board = created.body;
    expect(board.id).toMatch(/^[A-Za-z0-9_-]{11}=$/);
    expect(board).toMatchObject({
      type: 'board',
      name: 'Plan',
      description: 'Q3',
      links: { self: `https://api.miro.com/v2/boards/${board.id}` },
    });
    expect(board.policy.sharingPolicy.access).toBe('view');
    expect(board.currentUserMembership.role).toBe('owner');
    const updated = await api.call('PATCH', `/v2/boards/${board.id}`, { name: 'Plan v2' });
    expect(updated.body.name).toBe('Plan v2');
    expect((await api.call('GET', `/v2/boards/${board.id}`)).body.name).toBe('Plan v2');
    expect((await api.call('DELETE', `/v2/boards/${board.id}`)).status).toBe(204);
    const gone = await api.call('GET', `/v2/boards/${board.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ status: 404, code: 'notFound', message: `Board ${board.id} not found`, type: 'error' });
  });

  it('validates board names', async () => {
    const api = testApi();
    const long = await api.call('POST', '/v2/boards', { name: 'x'.repeat(61) });
    expect(long.status).toBe(400);
    expect(long.body.message).toContain('name');
    const wrongType = await api.call('POST', '/v2/boards', { name: 5 });
    expect(wrongType.body.message).toBe('Invalid parameter name: must be a string');
  });

  it('copies a board with its items, tags and connectors under new ids', async () => {
    const api = testApi();
    const source = await newBoard(api, 'Source');
    const frame = (await api.call('POST', `/v2/boards/${source}/frames`, { data: {} })).body.id;
    const note = (await api.call('POST', `/v2/boards/${source}/sticky_notes`, { parent: { id: frame } })).body.id;
    const tag = (await api.call('POST', `/v2/boards/${source}/tags`, { title: 'x' })).body.id;
    await api.call('POST', `/v2/boards/${source}/items/${note}?tag_id=${tag}`);
    await api.call('POST', `/v2/boards/${source}/connectors`, { startItem: { id: frame }, endItem: { id: note } });

    const copy = await api.call('PUT', `/v2/boards?copy_from=${source}`, { name: 'Copy' });
    expect(copy.status).toBe(201);
    expect(copy.body.name).toBe('Copy');
    const items = (await api.call('GET', `/v2/boards/${copy.body.id}/items`)).body.data;
    expect(items).toHaveLength(2);
    const [copiedFrame, copiedNote] = items;
    expect(copiedFrame.id).not.toBe(frame);
    expect(copiedNote.parent.id).toBe(copiedFrame.id);
    const tags = (await api.call('GET', `/v2/boards/${copy.body.id}/items/${copiedNote.id}/tags`)).body.tags;
    expect(tags).toHaveLength(1);
    expect(tags[0].id).not.toBe(tag);
    const connectors = (await api.call('GET', `/v2/boards/${copy.body.id}/connectors`)).body.data;
    expect(connectors[0].startItem.id).toBe(copiedFrame.id);
    expect((await api.call('PUT', '/v2/boards?copy_from=nope', {})).status).toBe(404);
    expect((await api.call('PUT', '/v2/boards', {})).status).toBe(400);
  });
});
