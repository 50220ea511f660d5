import { describe, expect, it } from 'vitest';
import { createMiroSimulation } from './simulation.js';
import { newBoard, newTeam, orgPath, send, testApi } from './test-helpers.js';

describe('enterprise access', () => {
  it('answers only Company Admins of the organization, with the scopes the endpoint needs', async () => {
    const api = testApi();
    const org = orgPath(api);
    const team = api.sim.state.team.id;
    const bo = (await api.call('POST', `${org}/teams/${team}/members`, { email: 'bo@example.com' })).body.id;
    const member = api.sim.issueToken({ userId: bo, scope: 'organizations:read' }).accessToken;
    const refused = await api.call('GET', org, undefined, member);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      `Enterprise endpoints need a Company Admin of organization ${api.sim.state.organization.id}; user ${bo} is a organization_internal_user`,
    );

    const noScope = api.sim.issueToken().accessToken; // boards:read boards:write
    const missing = await api.call('GET', `${org}/teams`, undefined, noScope);
    expect(missing.status).toBe(403);
    expect(missing.body.message).toContain('needs the organizations:teams:read scope');
    const export1 = await api.call('GET', `${org}/boards/export/jobs`, undefined, noScope);
    expect(export1.body.message).toContain('boards:export');

    expect((await api.call('GET', '/v2/orgs/42')).status).toBe(404);
    expect((await api.call('GET', `${org}/teams/42`)).body.message).toBe(
      `Team 42 not found in organization ${api.sim.state.organization.id}`,
    );
  });

  it('gives static tokens every scope', async () => {
    const sim = createMiroSimulation({ staticTokens: ['dev-token'], budget: false });
    const reply = await send(sim, 'GET', `/v2/orgs/${sim.state.organization.id}/teams`, undefined, 'dev-token');
    expect(reply.status).toBe(200);
    expect(reply.body.data.map((t: { name: string }) => t.name)).toEqual(['Demo Team']);
  });
});

describe('organization members', () => {
  it('filters by role and activity, searches by email, and pages by cursor', async () => {
    const api = testApi();
    const org = orgPath(api);
    const team = api.sim.state.team.id;
    for (const email of ['a@example.com', 'b@example.com'])
      await api.call('POST', `${org}/teams/${team}/members`, { email });
    const admins = await api.call('GET', `${org}/members?role=organization_internal_admin`);
    expect(admins.body.data.map((m: { email: string }) => m.email)).toEqual(['demo.user@example.com']);
    const first = await api.call('GET', `${org}/members?limit=2&active=true`);
    expect(first.body).toMatchObject({ limit: 2, size: 2, type: 'cursor-list' });
    const rest = await api.call('GET', `${org}/members?limit=2&active=true&cursor=${first.body.cursor}`);
    expect(rest.body.data.map((m: { email: string }) => m.email)).toEqual(['b@example.com']);
    expect(rest.body.cursor).toBeUndefined();
    const found = await api.call('GET', `${org}/members?emails=B@example.com,nobody@example.com`);
    expect(found.body.map((m: { email: string }) => m.email)).toEqual(['b@example.com']);
    const bad = await api.call('GET', `${org}/members?role=boss`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('role');
    expect((await api.call('GET', `${org}/members/42`)).status).toBe(404);
  });
});

describe('teams', () => {
  it('keeps an organization’s last team, and sends new boards to another team once the demo team is gone', async () => {
    const api = testApi();
    const org = orgPath(api);
    const demo = api.sim.state.team.id;
    const last = await api.call('DELETE', `${org}/teams/${demo}`);
    expect(last.status).toBe(400);
    expect(last.body.message).toContain('last team');
    const other = await newTeam(api, 'Other');
    const doomed = await newBoard(api, 'In the demo team');
    expect((await api.call('DELETE', `${org}/teams/${demo}`)).status).toBe(204);
    expect(api.sim.state.board(doomed)).toBeUndefined();
    const next = await newBoard(api, 'After');
    expect(api.sim.state.board(next)?.teamId).toBe(other);
  });

  it('makes the creator a team admin, filters teams by name and refuses a bad name', async () => {
    const api = testApi();
    const org = orgPath(api);
    const id = await newTeam(api, 'Research');
    expect(api.sim.state.teams().find((t) => t.id === id)?.members).toEqual([
      { userId: api.sim.state.defaultUser.id, role: 'admin' },
    ]);
    const found = await api.call('GET', `${org}/teams?name=sear`);
    expect(found.body.data.map((t: { id: string }) => t.id)).toEqual([id]);
    const long = await api.call('POST', `${org}/teams`, { name: 'x'.repeat(61) });
    expect(long.status).toBe(400);
    expect((await api.call('PATCH', `${org}/teams/${id}`, { name: '' })).status).toBe(400);
    expect(api.sim.state.teams().map((t) => t.name)).toEqual(['Demo Team', 'Research']);
  });

  it('invites a member once, by a valid email', async () => {
    const api = testApi();
    const at = `${orgPath(api)}/teams/${api.sim.state.team.id}/members`;
    expect((await api.call('POST', at, { email: 'dee@example.com', role: 'admin' })).status).toBe(201);
    const twice = await api.call('POST', at, { email: 'dee@example.com' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('already a member');
    expect((await api.call('POST', at, { email: 'not an email' })).status).toBe(400);
    expect((await api.call('POST', at, { email: 'eve@example.com', role: 'owner' })).status).toBe(400);
    const members = api.sim.state.teams()[0]?.members.map((m) => m.role);
    expect(members).toEqual(['admin', 'admin']);
  });

  it('changes team settings only when every value is one the spec allows', async () => {
    const api = testApi();
    const at = `${orgPath(api)}/teams/${api.sim.state.team.id}/settings`;
    const before = api.sim.state.teams()[0]?.settings;
    const bad = await api.call('PATCH', at, {
      teamCollaborationSettings: { coOwnerRole: 'disabled' },
      teamInvitationSettings: { whoCanInvite: 'everyone' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.context.fields[0].field).toBe('teamInvitationSettings.whoCanInvite');
    const unknown = await api.call('PATCH', at, { teamColourSettings: {} });
    expect(unknown.body.message).toContain('unknown setting group');
    expect(api.sim.state.teams()[0]?.settings).toEqual(before);

    const ok = await api.call('PATCH', at, {
      teamSharingPolicySettings: { allowListedDomains: ['example.com'], sharingViaPublicLink: 'not_allowed' },
    });
    expect(ok.body.teamSharingPolicySettings).toMatchObject({
      allowListedDomains: ['example.com'],
      sharingViaPublicLink: 'not_allowed',
      defaultBoardAccess: 'private',
    });
    expect(api.sim.state.teams()[0]?.settings.teamSharingPolicySettings).toMatchObject({
      sharingViaPublicLink: 'not_allowed',
    });
  });
});

describe('board classification', () => {
  it('takes only the organization’s labels and the team’s own boards', async () => {
    const api = testApi();
    const org = orgPath(api);
    const team = api.sim.state.team.id;
    const boardId = await newBoard(api);
    const elsewhere = await newBoard(api, 'Elsewhere');
    const other = await newTeam(api);
    await api.call('PATCH', `/v2/boards/${elsewhere}`, { teamId: other });

    const unclassified = await api.call('GET', `${org}/teams/${team}/boards/${boardId}/data-classification`);
    expect(unclassified.body).toEqual({ type: 'board-data-classification-label' });
    const unknown = await api.call('POST', `${org}/teams/${team}/boards/${boardId}/data-classification`, {
      labelId: '1',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('is not a classification label');
    const notInTeam = await api.call('GET', `${org}/teams/${team}/boards/${elsewhere}/data-classification`);
    expect(notInTeam.status).toBe(404);

    const [publicLabel] = api.sim.state.organization.classificationLabels;
    const set = await api.call('POST', `${org}/teams/${team}/boards/${boardId}/data-classification`, {
      labelId: publicLabel?.id,
    });
    expect(set.body).toMatchObject({ id: publicLabel?.id, name: 'Public' });
    expect(api.sim.state.board(boardId)?.classificationLabelId).toBe(publicLabel?.id);
    const all = await api.call('PATCH', `${org}/teams/${team}/data-classification`, { labelId: 'Public' });
    expect(all.status).toBe(400);
    const wholeTeam = await api.call('PATCH', `${org}/teams/${team}/data-classification`, {
      labelId: Number(publicLabel?.id),
    });
    expect(wholeTeam.body.numberUpdatedBoards).toBe(1);
    expect(api.sim.state.board(elsewhere)?.classificationLabelId).toBeUndefined();
  });
});
