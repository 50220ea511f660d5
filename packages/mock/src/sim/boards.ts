import { badRequest, notFound } from './errors.js';
import { boardLink, iso, requireBoard, userInfo } from './lookup.js';
import { offsetPage } from './pagination.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute, type RequestContext } from './router.js';
import type { BoardRecord, ConnectorRecord, ItemRecord, MindmapNodeRecord, Store } from './store.js';
import { optEnum, optObject, optString, type JsonObject } from './validate.js';

const SORTS = ['default', 'last_modified', 'last_opened', 'last_created', 'alphabetically'] as const;

const DEFAULT_POLICY: JsonObject = {
  permissionsPolicy: {
    collaborationToolsStartAccess: 'all_editors',
    copyAccess: 'anyone',
    sharingAccess: 'team_members_with_editing_rights',
  },
  sharingPolicy: {
    access: 'private',
    inviteToAccountAndBoardLinkAccess: 'no_access',
    organizationAccess: 'private',
    teamAccess: 'edit',
  },
};

export function boardView(ctx: RequestContext, board: BoardRecord, viewerId?: string): JsonObject {
  const role = viewerId ? board.members.get(viewerId) : undefined;
  const view: JsonObject = {
    id: board.id,
    type: 'board',
    name: board.name,
    description: board.description,
    team: { id: board.teamId, name: ctx.store.teams.get(board.teamId)?.name ?? 'Deleted team', type: 'team' },
    policy: board.policy,
    viewLink: `${ctx.options.authorizeBase}/app/board/${board.id}`,
    owner: userInfo(ctx.store, board.ownerId),
    createdAt: iso(board.createdAt),
    createdBy: userInfo(ctx.store, board.createdBy),
    modifiedAt: iso(board.modifiedAt),
    modifiedBy: userInfo(ctx.store, board.modifiedBy),
    lastOpenedAt: iso(board.lastOpenedAt),
    lastOpenedBy: userInfo(ctx.store, board.lastOpenedBy),
    links: { self: boardLink(ctx, board.id), related: `${boardLink(ctx, board.id)}/members?limit=20&offset=0` },
  };
  if (viewerId && role)
    view.currentUserMembership = { id: viewerId, name: userInfo(ctx.store, viewerId).name, role, type: 'board_member' };
  if (board.projectId) view.project = { id: board.projectId };
  return view;
}

function mergePolicy(current: JsonObject, change: JsonObject | undefined): JsonObject {
  if (!change) return current;
  const permissions = optObject(change, 'permissionsPolicy', 'policy.permissionsPolicy');
  const sharing = optObject(change, 'sharingPolicy', 'policy.sharingPolicy');
  return {
    permissionsPolicy: { ...(current.permissionsPolicy as JsonObject), ...permissions },
    sharingPolicy: { ...(current.sharingPolicy as JsonObject), ...sharing },
  };
}

interface BoardChanges {
  name?: string | undefined;
  description?: string | undefined;
  teamId?: string | undefined;
  projectId?: string | undefined;
  policy?: JsonObject | undefined;
}

function readChanges(store: Store, body: JsonObject): BoardChanges {
  const teamId = optString(body, 'teamId', 'teamId');
  if (teamId !== undefined && !store.teams.has(teamId)) throw notFound(`Team ${teamId} not found`);
  return {
    name: optString(body, 'name', 'name', { min: 1, max: 60 }),
    description: optString(body, 'description', 'description', { max: 300 }),
    teamId,
    projectId: optString(body, 'projectId', 'projectId'),
    policy: optObject(body, 'policy'),
  };
}

/** Where a board goes when no team is named: the demo team, or while it is deleted, the organization's first team. */
function defaultTeamId(store: Store): string {
  if (store.teams.has(store.team.id)) return store.team.id;
  const first = [...store.teams.values()].find((t) => t.orgId === store.organization.id);
  return (first ?? store.team).id;
}

export function newBoard(store: Store, userId: string, now: number, changes: BoardChanges): BoardRecord {
  let id = store.ids.boardId();
  while (store.boards.has(id)) id = store.ids.boardId();
  const board: BoardRecord = {
    id,
    name: changes.name ?? 'Untitled',
    description: changes.description ?? '',
    teamId: changes.teamId ?? defaultTeamId(store),
    policy: mergePolicy(structuredClone(DEFAULT_POLICY), changes.policy),
    ownerId: userId,
    createdAt: now,
    createdBy: userId,
    modifiedAt: now,
    modifiedBy: userId,
    lastOpenedAt: now,
    lastOpenedBy: userId,
    items: new Map(),
    connectors: new Map(),
    tags: new Map(),
    members: new Map([[userId, 'owner']]),
    groups: new Map(),
    mindmapNodes: new Map(),
    userGroups: new Map(),
  };
  if (changes.projectId) board.projectId = changes.projectId;
  store.boards.set(id, board);
  return board;
}

function sortBoards(boards: BoardRecord[], sort: (typeof SORTS)[number], byTeam: boolean): BoardRecord[] {
  const effective = sort === 'default' ? (byTeam ? 'last_created' : 'last_opened') : sort;
  const key: Record<Exclude<typeof effective, 'alphabetically' | 'default'>, (b: BoardRecord) => number> = {
    last_created: (b) => b.createdAt,
    last_modified: (b) => b.modifiedAt,
    last_opened: (b) => b.lastOpenedAt,
  };
  if (effective === 'alphabetically') return boards.sort((a, b) => a.name.localeCompare(b.name));
  const pick = key[effective];
  // Newest first; the input is newest-created first and the sort is stable, so ties keep that order.
  return boards.sort((a, b) => pick(b) - pick(a));
}

function listBoards(ctx: ApiContext): Response {
  const q = ctx.query;
  const sort = optEnum({ sort: q.get('sort') ?? undefined }, 'sort', 'sort', SORTS) ?? 'default';
  const teamId = q.get('team_id');
  const projectId = q.get('project_id');
  let boards = [...ctx.store.boards.values()].reverse();
  if (teamId) boards = boards.filter((b) => b.teamId === teamId);
  if (projectId) boards = boards.filter((b) => b.projectId === projectId);
  // Miro ignores `query` and `owner` when a team or project is given.
  if (!teamId && !projectId) {
    const text = q.get('query')?.toLowerCase();
    const owner = q.get('owner');
    if (text)
      boards = boards.filter((b) => b.name.toLowerCase().includes(text) || b.description.toLowerCase().includes(text));
    if (owner) boards = boards.filter((b) => b.ownerId === owner);
  }
  const sorted = sortBoards(boards, sort, Boolean(teamId || projectId));
  const page = offsetPage(sorted, q, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map((b) => boardView(ctx, b, ctx.user.id)) });
}

async function createBoard(ctx: ApiContext): Promise<Response> {
  const changes = readChanges(ctx.store, await readJsonObject(ctx.request));
  const board = newBoard(ctx.store, ctx.user.id, ctx.now, changes);
  return json(201, boardView(ctx, board, ctx.user.id));
}

function getBoard(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  board.lastOpenedAt = ctx.now;
  board.lastOpenedBy = ctx.user.id;
  return json(200, boardView(ctx, board, ctx.user.id));
}

async function updateBoard(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const changes = readChanges(ctx.store, await readJsonObject(ctx.request));
  if (changes.name !== undefined) board.name = changes.name;
  if (changes.description !== undefined) board.description = changes.description;
  if (changes.teamId !== undefined) board.teamId = changes.teamId;
  if (changes.projectId !== undefined) board.projectId = changes.projectId;
  board.policy = mergePolicy(board.policy, changes.policy);
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
  return json(200, boardView(ctx, board, ctx.user.id));
}

function deleteBoard(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  ctx.store.boards.delete(board.id);
  return noContent();
}

/** Copies a board with its items, tags, connectors, groups and mind map nodes under fresh ids (references remapped). */
async function copyBoard(ctx: ApiContext): Promise<Response> {
  const sourceId = ctx.query.get('copy_from');
  if (!sourceId)
    throw badRequest('Query parameter copy_from is required: the id of the board to copy', [
      { field: 'copy_from', message: 'is required' },
    ]);
  const source = ctx.store.boards.get(sourceId);
  if (!source) throw notFound(`Board ${sourceId} not found`);
  const changes = readChanges(ctx.store, await readJsonObject(ctx.request));
  const copy = newBoard(ctx.store, ctx.user.id, ctx.now, {
    name: changes.name ?? source.name,
    description: source.description,
    teamId: changes.teamId ?? source.teamId,
    policy: mergePolicy(structuredClone(source.policy), changes.policy),
  });
  const idMap = new Map<string, string>();
  for (const tag of source.tags.values()) {
    const id = ctx.store.ids.itemId();
    idMap.set(tag.id, id);
    copy.tags.set(id, { ...tag, id });
  }
  for (const item of source.items.values()) idMap.set(item.id, ctx.store.ids.itemId());
  for (const item of source.items.values()) {
    const id = idMap.get(item.id) as string;
    const cloned: ItemRecord = {
      ...structuredClone(item),
      id,
      tagIds: item.tagIds.map((t) => idMap.get(t) as string),
      createdAt: ctx.now,
      createdBy: ctx.user.id,
      modifiedAt: ctx.now,
      modifiedBy: ctx.user.id,
    };
    const clonedParent = item.parentId ? idMap.get(item.parentId) : undefined;
    if (clonedParent) cloned.parentId = clonedParent;
    copy.items.set(id, cloned);
  }
  for (const connector of source.connectors.values()) {
    const id = ctx.store.ids.itemId();
    const cloned: ConnectorRecord = structuredClone({
      ...connector,
      id,
      createdAt: ctx.now,
      createdBy: ctx.user.id,
      modifiedAt: ctx.now,
      modifiedBy: ctx.user.id,
    });
    cloned.startItem.id = idMap.get(connector.startItem.id) ?? connector.startItem.id;
    cloned.endItem.id = idMap.get(connector.endItem.id) ?? connector.endItem.id;
    copy.connectors.set(id, cloned);
  }
  for (const group of source.groups.values()) {
    const id = ctx.store.ids.itemId();
    copy.groups.set(id, { id, itemIds: group.itemIds.map((itemId) => idMap.get(itemId) as string) });
  }
  // Nodes are stored parents first, so a parent's new id is known before its children's.
  for (const node of source.mindmapNodes.values()) {
    const id = ctx.store.ids.itemId();
    idMap.set(node.id, id);
    const { parentId, ...rest } = structuredClone(node);
    const cloned: MindmapNodeRecord = {
      ...rest,
      id,
      createdAt: ctx.now,
      createdBy: ctx.user.id,
      modifiedAt: ctx.now,
      modifiedBy: ctx.user.id,
      ...(parentId ? { parentId: idMap.get(parentId) as string } : {}),
    };
    copy.mindmapNodes.set(id, cloned);
  }
  return json(201, boardView(ctx, copy, ctx.user.id));
}

export const boardRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: '/v2/boards', handler: createBoard },
  { kind: 'api', method: 'GET', path: '/v2/boards', handler: listBoards },
  { kind: 'api', method: 'PUT', path: '/v2/boards', handler: copyBoard },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId', handler: getBoard },
  { kind: 'api', method: 'PATCH', path: '/v2/boards/:boardId', handler: updateBoard },
  { kind: 'api', method: 'DELETE', path: '/v2/boards/:boardId', handler: deleteBoard },
];
