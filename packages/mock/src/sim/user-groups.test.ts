import { describe, expect, it } from 'vitest';
import { ALL_SCOPES } from './options.js';
import { newBoard, orgPath, send, testApi } from './test-helpers.js';
import { createMiroSimulation } from './simulation.js';

describe('user groups', () => {
  it('takes as members only people of the organization, once each', async () => {
    const api = testApi();
    const org = orgPath(api);
    const group = (await api.call('POST', `${org}/groups`, { name: 'Ops' })).body.id;
    const stranger = await api.call('POST', `${org}/groups/${group}/members`, { email: 'stranger@example.com' });
    expect(stranger.status).toBe(404);
    expect(stranger.body.message).toContain('No member of organization');
    const me = api.sim.state.defaultUser;
    expect((await api.call('POST', `${org}/groups/${group}/members`, { email: me.email })).status).toBe(201);
    expect((await api.call('POST', `${org}/groups/${group}/members`, { email: me.email })).status).toBe(409);
    expect(api.sim.state.userGroups()[0]?.memberIds).toEqual([me.id]);
    expect((await api.call('POST', `${org}/groups`, {})).status).toBe(400);
  });

  it('adds and removes members in one call, an operation naming a stranger failing alone', async () => {
    const api = testApi();
    const org = orgPath(api);
    const me = api.sim.state.defaultUser;
    const group = (await api.call('POST', `${org}/groups`, { name: 'Ops' })).body.id;
    const reply = await api.call('PATCH', `${org}/groups/${group}/members`, {
      membersToAdd: [me.id],
      membersToRemove: ['nobody@example.com'],
    });
    expect(reply.status).toBe(207);
    expect(reply.body).toEqual([
      {
        operation: 'addMembers',
        status: 200,
        affectedUsers: [{ id: me.id, email: me.email, type: 'user-group-member' }],
      },
      {
        operation: 'removeMembers',
        status: 400,
        error: expect.objectContaining({
          status: 400,
          code: 'invalidParameters',
          message: expect.stringContaining('nobody@example.com'),
        }),
      },
    ]);
    expect(api.sim.state.userGroups()[0]?.memberIds).toEqual([me.id]);
    expect((await api.call('PATCH', `${org}/groups/${group}/members`, {})).status).toBe(400);
  });

  it('charges level 1 per member added or removed', async () => {
    const sim = createMiroSimulation();
    const token = sim.issueToken({ scope: ALL_SCOPES.join(' ') }).accessToken;
    const org = `/v2/orgs/${sim.state.organization.id}`;
    const group = (await send(sim, 'POST', `${org}/groups`, { name: 'Ops' }, token)).body.id;
    const before = sim.state.creditsRemaining(token) as number;
    const me = sim.state.defaultUser;
    await send(sim, 'PATCH', `${org}/groups/${group}/members`, { membersToAdd: [me.id, me.email, me.id] }, token);
    expect(before - (sim.state.creditsRemaining(token) as number)).toBe(3 * 50);
  });

  it('leaves its teams and boards when deleted', async () => {
    const api = testApi();
    const org = orgPath(api);
    const team = api.sim.state.team.id;
    const group = (await api.call('POST', `${org}/groups`, { name: 'Ops' })).body.id;
    await api.call('POST', `${org}/teams/${team}/groups`, { userGroupId: group, role: 'member' });
    const twice = await api.call('POST', `${org}/teams/${team}/groups`, { userGroupId: group, role: 'member' });
    expect(twice.status).toBe(409);
    const boardId = await newBoard(api);
    await api.call('POST', `${org}/boards/${boardId}/groups`, { userGroupIds: [group], role: 'COMMENTER' });
    expect(api.sim.state.teams()[0]?.userGroupIds).toEqual([group]);
    expect(api.sim.state.board(boardId)?.userGroups).toEqual([{ groupId: group, role: 'COMMENTER' }]);

    expect((await api.call('DELETE', `${org}/groups/${group}`)).status).toBe(204);
    expect(api.sim.state.teams()[0]?.userGroupIds).toEqual([]);
    expect(api.sim.state.board(boardId)?.userGroups).toEqual([]);
    expect((await api.call('GET', `${org}/teams/${team}/groups/${group}`)).status).toBe(404);
  });

  it('shares a board only with groups of its organization, with a known role', async () => {
    const api = testApi();
    const org = orgPath(api);
    const boardId = await newBoard(api);
    const group = (await api.call('POST', `${org}/groups`, { name: 'Ops' })).body.id;
    const unknown = await api.call('POST', `${org}/boards/${boardId}/groups`, { userGroupIds: ['42'], role: 'VIEWER' });
    expect(unknown.status).toBe(404);
    const badRole = await api.call('POST', `${org}/boards/${boardId}/groups`, { userGroupIds: [group], role: 'OWNER' });
    expect(badRole.status).toBe(400);
    expect(api.sim.state.board(boardId)?.userGroups).toEqual([]);
  });
});
