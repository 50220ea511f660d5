import { badRequest, MiroError, notFound } from './errors.js';
import { iso } from './lookup.js';
import { orgPage, requireOrg, requireTeam, teamsOf } from './org-access.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute } from './router.js';
import type { OrganizationRecord, TeamMemberRecord, TeamRecord } from './store.js';
import { readTeamSettings } from './team-settings.js';
import { optEnum, reqString, type JsonObject } from './validate.js';

const READ_TEAMS = ['organizations:teams:read'] as const;
const WRITE_TEAMS = ['organizations:teams:write'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function teamView(team: TeamRecord): JsonObject {
  return { id: team.id, name: team.name, type: 'team' };
}

function memberView(team: TeamRecord, userId: string, member: TeamMemberRecord): JsonObject {
  return {
    id: userId,
    role: member.role,
    createdAt: iso(member.createdAt),
    createdBy: member.createdBy,
    modifiedAt: iso(member.modifiedAt),
    modifiedBy: member.modifiedBy,
    teamId: team.id,
    type: 'team-member',
  };
}

function teamSettingsView(org: OrganizationRecord, team: TeamRecord): JsonObject {
  return { organizationId: org.id, teamId: team.id, ...structuredClone(team.settings), type: 'team-settings' };
}

function requireMember(team: TeamRecord, userId: string): TeamMemberRecord {
  const member = team.members.get(userId);
  if (!member) throw notFound(`Member ${userId} not found in team ${team.id}`);
  return member;
}

function readName(body: JsonObject, required: boolean): string | undefined {
  if (!required && body.name === undefined) return undefined;
  return reqString(body, 'name', 'name', { min: 1, max: 60 });
}

async function createTeam(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const name = readName(await readJsonObject(ctx.request), true) as string;
  const team = ctx.store.addTeam(org, name);
  const now = ctx.now;
  team.members.set(ctx.user.id, {
    role: 'admin',
    createdAt: now,
    createdBy: ctx.user.id,
    modifiedAt: now,
    modifiedBy: ctx.user.id,
  });
  return json(201, teamView(team));
}

function listTeams(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  const name = ctx.query.get('name')?.toLowerCase();
  const teams = teamsOf(ctx, org).filter((t) => !name || t.name.toLowerCase().includes(name));
  return json(200, orgPage(ctx, teams, teamView));
}

function getTeam(ctx: ApiContext): Response {
  return json(200, teamView(requireTeam(ctx, requireOrg(ctx))));
}

async function updateTeam(ctx: ApiContext): Promise<Response> {
  const team = requireTeam(ctx, requireOrg(ctx));
  const name = readName(await readJsonObject(ctx.request), false);
  if (name !== undefined) team.name = name;
  return json(200, teamView(team));
}

/** Deletes a team with its boards. An organization keeps at least one team. */
function deleteTeam(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  const team = requireTeam(ctx, org);
  if (teamsOf(ctx, org).length === 1)
    throw badRequest(`Team ${team.id} is the last team of organization ${org.id}; an organization keeps at least one`);
  for (const board of [...ctx.store.boards.values()]) if (board.teamId === team.id) ctx.store.boards.delete(board.id);
  ctx.store.teams.delete(team.id);
  return noContent();
}

/** Invites by email: the user joins the organization (if new to it) and the team. */
async function inviteMember(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const team = requireTeam(ctx, org);
  const body = await readJsonObject(ctx.request);
  const email = reqString(body, 'email', 'email');
  if (!EMAIL.test(email))
    throw badRequest(`Invalid parameter email: ${JSON.stringify(email)} is not an email address`, [
      { field: 'email', message: 'not an email address' },
    ]);
  const role = optEnum(body, 'role', 'role', ['member', 'admin']) ?? 'member';
  const user = ctx.store.userFor(email);
  if (team.members.has(user.id))
    throw new MiroError(409, 'conflict', `User ${email} (${user.id}) is already a member of team ${team.id}`);
  ctx.store.joinOrganization(org, user.id, ctx.now);
  const member: TeamMemberRecord = {
    role,
    createdAt: ctx.now,
    createdBy: ctx.user.id,
    modifiedAt: ctx.now,
    modifiedBy: ctx.user.id,
  };
  team.members.set(user.id, member);
  return json(201, memberView(team, user.id, member));
}

function listMembers(ctx: ApiContext): Response {
  const team = requireTeam(ctx, requireOrg(ctx));
  const role = ctx.query.get('role');
  const members = [...team.members.entries()]
    .filter(([, m]) => role === null || m.role === role)
    .map(([id]) => ({ id }));
  return json(
    200,
    orgPage(ctx, members, ({ id }) => memberView(team, id, requireMember(team, id))),
  );
}

function getMember(ctx: ApiContext): Response {
  const team = requireTeam(ctx, requireOrg(ctx));
  const id = ctx.params.memberId ?? '';
  return json(200, memberView(team, id, requireMember(team, id)));
}

async function updateMember(ctx: ApiContext): Promise<Response> {
  const team = requireTeam(ctx, requireOrg(ctx));
  const id = ctx.params.memberId ?? '';
  const member = requireMember(team, id);
  const role = optEnum(await readJsonObject(ctx.request), 'role', 'role', ['member', 'admin']);
  if (role !== undefined) member.role = role;
  member.modifiedAt = ctx.now;
  member.modifiedBy = ctx.user.id;
  return json(200, memberView(team, id, member));
}

function deleteMember(ctx: ApiContext): Response {
  const team = requireTeam(ctx, requireOrg(ctx));
  const id = ctx.params.memberId ?? '';
  requireMember(team, id);
  team.members.delete(id);
  return noContent();
}

function getSettings(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  return json(200, teamSettingsView(org, requireTeam(ctx, org)));
}

async function updateSettings(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const team = requireTeam(ctx, org);
  team.settings = readTeamSettings(team.settings, await readJsonObject(ctx.request));
  return json(200, teamSettingsView(org, team));
}

const teams = '/v2/orgs/:orgId/teams';
const team = `${teams}/:teamId`;

export const teamRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: teams, scopes: WRITE_TEAMS, handler: createTeam },
  { kind: 'api', method: 'GET', path: teams, scopes: READ_TEAMS, handler: listTeams },
  { kind: 'api', method: 'GET', path: team, scopes: READ_TEAMS, handler: getTeam },
  { kind: 'api', method: 'PATCH', path: team, scopes: WRITE_TEAMS, handler: updateTeam },
  { kind: 'api', method: 'DELETE', path: team, scopes: WRITE_TEAMS, handler: deleteTeam },
  { kind: 'api', method: 'POST', path: `${team}/members`, scopes: WRITE_TEAMS, handler: inviteMember },
  { kind: 'api', method: 'GET', path: `${team}/members`, scopes: READ_TEAMS, handler: listMembers },
  { kind: 'api', method: 'GET', path: `${team}/members/:memberId`, scopes: READ_TEAMS, handler: getMember },
  {
    kind: 'api',
    method: 'PATCH',
    path: `${team}/members/:memberId`,

    scopes: WRITE_TEAMS,
    handler: updateMember,
  },
  {
    kind: 'api',
    method: 'DELETE',
    path: `${team}/members/:memberId`,

    scopes: WRITE_TEAMS,
    handler: deleteMember,
  },
  { kind: 'api', method: 'GET', path: `${team}/settings`, scopes: READ_TEAMS, handler: getSettings },
  { kind: 'api', method: 'PATCH', path: `${team}/settings`, scopes: WRITE_TEAMS, handler: updateSettings },
];
