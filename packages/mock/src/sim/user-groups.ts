import { badRequest, MiroError, notFound } from './errors.js';
import { requireBoard } from './lookup.js';
import { orgPage, requireOrg, requireTeam, teamsOf } from './org-access.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute } from './router.js';
import {
  BOARD_GROUP_ROLES,
  type BoardRecord,
  type OrganizationRecord,
  type TeamRecord,
  type UserGroupRecord,
} from './store.js';
import { isObject, optEnum, optString, reqString, type JsonObject } from './validate.js';

/**
 * An organization's user groups (enterprise): the groups, their members, the teams they belong to
 * and the boards shared with them.
 */

const READ_GROUPS = ['organizations:groups:read'] as const;
const WRITE_GROUPS = ['organizations:groups:write'] as const;

function groupView(group: UserGroupRecord): JsonObject {
  return { id: group.id, name: group.name, description: group.description, type: 'user-group' };
}

function requireGroup(ctx: ApiContext, org: OrganizationRecord, groupId = ctx.params.groupId ?? ''): UserGroupRecord {
  const group = ctx.store.userGroups.get(groupId);
  if (!group || group.orgId !== org.id) throw notFound(`User group ${groupId} not found in organization ${org.id}`);
  return group;
}

function memberView(ctx: ApiContext, userId: string): JsonObject {
  return { id: userId, email: ctx.store.users.get(userId)?.email ?? '', type: 'user-group-member' };
}

/** The organization member a user id or an email names, or undefined. */
function findOrgMember(ctx: ApiContext, org: OrganizationRecord, idOrEmail: string): string | undefined {
  if (org.members.has(idOrEmail)) return idOrEmail;
  const user = ctx.store.usersByEmail.get(idOrEmail.toLowerCase());
  return user && org.members.has(user.id) ? user.id : undefined;
}

function readGroupFields(body: JsonObject, creating: boolean): { name?: string; description?: string } {
  const name = creating
    ? reqString(body, 'name', 'name', { min: 1, max: 60 })
    : optString(body, 'name', 'name', { min: 1, max: 60 });
  const description = optString(body, 'description', 'description', { max: 300 });
  return { ...(name !== undefined ? { name } : {}), ...(description !== undefined ? { description } : {}) };
}

async function createGroup(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const fields = readGroupFields(await readJsonObject(ctx.request), true);
  const group: UserGroupRecord = {
    id: ctx.store.ids.userId(),
    orgId: org.id,
    name: fields.name as string,
    description: fields.description ?? '',
    memberIds: new Set(),
  };
  ctx.store.userGroups.set(group.id, group);
  return json(201, groupView(group));
}

function groupsOf(ctx: ApiContext, org: OrganizationRecord): UserGroupRecord[] {
  return [...ctx.store.userGroups.values()].filter((g) => g.orgId === org.id);
}

function listGroups(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  return json(200, orgPage(ctx, groupsOf(ctx, org), groupView));
}

function getGroup(ctx: ApiContext): Response {
  return json(200, groupView(requireGroup(ctx, requireOrg(ctx))));
}

async function updateGroup(ctx: ApiContext): Promise<Response> {
  const group = requireGroup(ctx, requireOrg(ctx));
  const fields = readGroupFields(await readJsonObject(ctx.request), false);
  if (fields.name !== undefined) group.name = fields.name;
  if (fields.description !== undefined) group.description = fields.description;
  return json(200, groupView(group));
}

/** Deletes a group and its place in teams and on boards. */
function deleteGroup(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  const group = requireGroup(ctx, org);
  ctx.store.userGroups.delete(group.id);
  for (const team of teamsOf(ctx, org)) team.userGroups.delete(group.id);
  for (const board of ctx.store.boards.values()) board.userGroups.delete(group.id);
  return noContent();
}

function listMembers(ctx: ApiContext): Response {
  const group = requireGroup(ctx, requireOrg(ctx));
  return json(
    200,
    orgPage(
      ctx,
      [...group.memberIds].map((id) => ({ id })),
      ({ id }) => memberView(ctx, id),
    ),
  );
}

async function addMember(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const group = requireGroup(ctx, org);
  const email = reqString(await readJsonObject(ctx.request), 'email', 'email');
  const userId = findOrgMember(ctx, org, email);
  if (!userId) throw notFound(`No member of organization ${org.id} has the email ${email}`);
  if (group.memberIds.has(userId))
    throw new MiroError(409, 'conflict', `User ${email} (${userId}) is already a member of user group ${group.id}`);
  group.memberIds.add(userId);
  return json(201, memberView(ctx, userId));
}

function readIdList(body: JsonObject, key: string): string[] {
  const value = body[key];
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw badRequest(`Invalid parameter ${key}: must be an array of user ids or emails`, [
      { field: key, message: 'must be an array of strings' },
    ]);
  return value;
}

/** Credits: level 1 per member added or removed, as Miro charges; a body it cannot read is charged once. */
async function membersChanged(request: Request): Promise<number> {
  try {
    const body: unknown = JSON.parse(await request.text());
    if (!isObject(body)) return 1;
    const count = (key: string): number => (Array.isArray(body[key]) ? (body[key] as unknown[]).length : 0);
    return Math.max(1, count('membersToAdd') + count('membersToRemove'));
  } catch {
    return 1;
  }
}

/**
 * Adds and removes members in one call (ids or emails). Answers 207 with one result per operation:
 * unknown users fail their operation and leave the other one to go ahead.
 */
async function updateMembers(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const group = requireGroup(ctx, org);
  const body = await readJsonObject(ctx.request);
  const operations = [
    {
      operation: 'addMembers',
      names: readIdList(body, 'membersToAdd'),
      apply: (id: string) => group.memberIds.add(id),
    },
    {
      operation: 'removeMembers',
      names: readIdList(body, 'membersToRemove'),
      apply: (id: string) => group.memberIds.delete(id),
    },
  ].filter((op) => op.names.length > 0);
  if (operations.length === 0)
    throw badRequest('Nothing to do: give membersToAdd, membersToRemove or both', [
      { field: 'membersToAdd', message: 'empty' },
    ]);
  const results = operations.map(({ operation, names, apply }) => {
    const ids = names.map((name) => findOrgMember(ctx, org, name));
    const unknown = names.filter((_, i) => ids[i] === undefined);
    if (unknown.length > 0)
      return {
        operation,
        status: 400,
        error: {
          status: 400,
          code: 'invalidParameters',
          message: `Not members of organization ${org.id}: ${unknown.join(', ')}`,
          type: 'error',
        },
      };
    for (const id of ids as string[]) apply(id);
    return { operation, status: 200, affectedUsers: (ids as string[]).map((id) => memberView(ctx, id)) };
  });
  return json(207, results);
}

function getMember(ctx: ApiContext): Response {
  const group = requireGroup(ctx, requireOrg(ctx));
  const id = ctx.params.memberId ?? '';
  if (!group.memberIds.has(id)) throw notFound(`Member ${id} not found in user group ${group.id}`);
  return json(200, memberView(ctx, id));
}

function removeMember(ctx: ApiContext): Response {
  const group = requireGroup(ctx, requireOrg(ctx));
  const id = ctx.params.memberId ?? '';
  if (!group.memberIds.delete(id)) throw notFound(`Member ${id} not found in user group ${group.id}`);
  return noContent();
}

/** The teams a user group belongs to. */
function teamsOfGroup(ctx: ApiContext): Response {
  const org = requireOrg(ctx);
  const group = requireGroup(ctx, org);
  const teams = teamsOf(ctx, org).filter((t) => t.userGroups.has(group.id));
  return json(
    200,
    orgPage(ctx, teams, (t) => ({ id: t.id, role: 'member', type: 'user-group-team' })),
  );
}

/** The team and the user group the path names, the group being one of the team's. */
function requireTeamGroup(ctx: ApiContext): { team: TeamRecord; group: UserGroupRecord } {
  const org = requireOrg(ctx);
  const team = requireTeam(ctx, org);
  const group = requireGroup(ctx, org);
  if (!team.userGroups.has(group.id)) throw notFound(`User group ${group.id} is not in team ${team.id}`);
  return { team, group };
}

function teamOfGroup(ctx: ApiContext): Response {
  const { team } = requireTeamGroup(ctx);
  return json(200, { id: team.id, role: 'member', type: 'user-group-team' });
}

const teamGroupView = (groupId: string): JsonObject => ({ id: groupId, role: 'member', type: 'team-user-group' });

function groupsOfTeam(ctx: ApiContext): Response {
  const team = requireTeam(ctx, requireOrg(ctx));
  return json(
    200,
    orgPage(
      ctx,
      [...team.userGroups].map((id) => ({ id })),
      ({ id }) => teamGroupView(id),
    ),
  );
}

async function addGroupToTeam(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const team = requireTeam(ctx, org);
  const body = await readJsonObject(ctx.request);
  const group = requireGroup(ctx, org, reqString(body, 'userGroupId', 'userGroupId'));
  optEnum(body, 'role', 'role', ['member']);
  if (team.userGroups.has(group.id))
    throw new MiroError(409, 'conflict', `User group ${group.id} is already in team ${team.id}`);
  team.userGroups.add(group.id);
  return json(201, teamGroupView(group.id));
}

function groupOfTeam(ctx: ApiContext): Response {
  return json(200, teamGroupView(requireTeamGroup(ctx).group.id));
}

function removeGroupFromTeam(ctx: ApiContext): Response {
  const { team, group } = requireTeamGroup(ctx);
  team.userGroups.delete(group.id);
  return noContent();
}

function boardOfOrg(ctx: ApiContext, org: OrganizationRecord): BoardRecord {
  const board = requireBoard(ctx);
  if (ctx.store.teams.get(board.teamId)?.orgId !== org.id)
    throw notFound(`Board ${board.id} not found in organization ${org.id}`);
  return board;
}

const boardGroupView = (groupId: string, role: string): JsonObject => ({ id: groupId, role, type: 'board-user-group' });

function groupsOfBoard(ctx: ApiContext): Response {
  const board = boardOfOrg(ctx, requireOrg(ctx));
  return json(
    200,
    orgPage(
      ctx,
      [...board.userGroups.entries()].map(([id, role]) => ({ id, role })),
      ({ id, role }) => boardGroupView(id, role),
    ),
  );
}

/** Shares a board with user groups (all with one role); answers the first group's sharing, as the spec shapes it. */
async function shareBoardWithGroups(ctx: ApiContext): Promise<Response> {
  const org = requireOrg(ctx);
  const board = boardOfOrg(ctx, org);
  const body = await readJsonObject(ctx.request);
  const ids = readIdList(body, 'userGroupIds');
  if (ids.length === 0)
    throw badRequest('Invalid parameter userGroupIds: name at least one user group', [
      { field: 'userGroupIds', message: 'is required' },
    ]);
  const role = optEnum(body, 'role', 'role', BOARD_GROUP_ROLES) ?? 'VIEWER';
  const groups = ids.map((id) => requireGroup(ctx, org, id));
  for (const group of groups) board.userGroups.set(group.id, role);
  return json(200, boardGroupView((groups[0] as UserGroupRecord).id, role));
}

function unshareBoard(ctx: ApiContext): Response {
  const board = boardOfOrg(ctx, requireOrg(ctx));
  const groupId = ctx.params.groupId ?? '';
  if (!board.userGroups.delete(groupId)) throw notFound(`Board ${board.id} is not shared with user group ${groupId}`);
  return noContent();
}

const groups = '/v2/orgs/:orgId/groups';
const group = `${groups}/:groupId`;
const teamGroups = '/v2/orgs/:orgId/teams/:teamId/groups';
const boardGroups = '/v2/orgs/:orgId/boards/:boardId/groups';
const TEAMS_READ = [...READ_GROUPS, 'organizations:teams:read'];
const TEAMS_WRITE = [...READ_GROUPS, 'organizations:teams:write'];

export const userGroupRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'GET', path: groups, scopes: READ_GROUPS, handler: listGroups },
  { kind: 'api', method: 'POST', path: groups, scopes: WRITE_GROUPS, handler: createGroup },
  { kind: 'api', method: 'GET', path: group, scopes: READ_GROUPS, handler: getGroup },
  { kind: 'api', method: 'PATCH', path: group, scopes: WRITE_GROUPS, handler: updateGroup },
  { kind: 'api', method: 'DELETE', path: group, scopes: WRITE_GROUPS, handler: deleteGroup },
  { kind: 'api', method: 'GET', path: `${group}/members`, scopes: READ_GROUPS, handler: listMembers },
  { kind: 'api', method: 'POST', path: `${group}/members`, scopes: WRITE_GROUPS, handler: addMember },
  {
    kind: 'api',
    method: 'PATCH',
    path: `${group}/members`,

    scopes: WRITE_GROUPS,
    units: membersChanged,
    handler: updateMembers,
  },
  { kind: 'api', method: 'GET', path: `${group}/members/:memberId`, scopes: READ_GROUPS, handler: getMember },
  {
    kind: 'api',
    method: 'DELETE',
    path: `${group}/members/:memberId`,

    scopes: WRITE_GROUPS,
    handler: removeMember,
  },
  { kind: 'api', method: 'GET', path: `${group}/teams`, scopes: TEAMS_READ, handler: teamsOfGroup },
  { kind: 'api', method: 'GET', path: `${group}/teams/:teamId`, scopes: TEAMS_READ, handler: teamOfGroup },
  { kind: 'api', method: 'GET', path: teamGroups, scopes: TEAMS_READ, handler: groupsOfTeam },
  { kind: 'api', method: 'POST', path: teamGroups, scopes: TEAMS_WRITE, handler: addGroupToTeam },
  { kind: 'api', method: 'GET', path: `${teamGroups}/:groupId`, scopes: TEAMS_READ, handler: groupOfTeam },
  {
    kind: 'api',
    method: 'DELETE',
    path: `${teamGroups}/:groupId`,

    scopes: TEAMS_WRITE,
    handler: removeGroupFromTeam,
  },
  {
    kind: 'api',
    method: 'GET',
    path: boardGroups,

    scopes: [...READ_GROUPS, 'boards:read'],
    handler: groupsOfBoard,
  },
  {
    kind: 'api',
    method: 'POST',
    path: boardGroups,

    scopes: [...READ_GROUPS, 'boards:write'],
    handler: shareBoardWithGroups,
  },
  {
    kind: 'api',
    method: 'DELETE',
    path: `${boardGroups}/:groupId`,

    scopes: [...READ_GROUPS, 'boards:write'],
    handler: unshareBoard,
  },
];
