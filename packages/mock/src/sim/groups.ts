import { badRequest, notFound } from './errors.js';
import { deleteItem, itemView, MIN_GROUP_ITEMS } from './item-ops.js';
import { boardLink, requireBoard, requireItem } from './lookup.js';
import { cursorPage } from './pagination.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute, type RequestContext } from './router.js';
import type { BoardRecord, GroupRecord } from './store.js';
import { reqObject, type JsonObject } from './validate.js';

/**
 * Groups of items on a board (`/v2/boards/{id}/groups`). A request names the items as
 * `{ data: { items: [...] } }` and a group answers `{ id, type: 'group', data: { data: { items } } }`:
 * the shape of the spec's board `Group` schema, which `spec/overlays/50-board-groups.yaml` restores
 * after the published spec let the user groups' `Group` replace it.
 */

function groupView(ctx: RequestContext, board: BoardRecord, group: GroupRecord): JsonObject {
  return {
    id: group.id,
    type: 'group',
    data: { data: { items: [...group.itemIds] } },
    links: { self: `${boardLink(ctx, board.id)}/groups/${group.id}` },
  };
}

function requireGroup(board: BoardRecord, groupId: string): GroupRecord {
  const group = board.groups.get(groupId);
  if (!group) throw notFound(`Group ${groupId} not found on board ${board.id}`);
  return group;
}

/** The items of a group request: at least two distinct items of the board, none in another group. */
async function readItemIds(ctx: ApiContext, board: BoardRecord, replacing?: GroupRecord): Promise<string[]> {
  const body = await readJsonObject(ctx.request);
  const items = reqObject(body, 'data').items;
  if (!Array.isArray(items) || !items.every((id) => typeof id === 'string'))
    throw badRequest('Invalid parameter data.items: is required, an array of item ids', [
      { field: 'data.items', message: 'must be an array of strings' },
    ]);
  const ids = [...new Set(items as string[])];
  if (ids.length < MIN_GROUP_ITEMS)
    throw badRequest(`Invalid parameter data.items: a group holds at least ${MIN_GROUP_ITEMS} different items`, [
      { field: 'data.items', message: `fewer than ${MIN_GROUP_ITEMS} items` },
    ]);
  for (const id of ids) {
    requireItem(board, id);
    const other = [...board.groups.values()].find((g) => g !== replacing && g.itemIds.includes(id));
    if (other)
      throw badRequest(`Invalid parameter data.items: item ${id} is already in group ${other.id}`, [
        { field: 'data.items', message: 'item already grouped' },
      ]);
  }
  return ids;
}

function addGroup(ctx: ApiContext, board: BoardRecord, itemIds: string[]): GroupRecord {
  const group: GroupRecord = { id: ctx.store.ids.itemId(), itemIds };
  board.groups.set(group.id, group);
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
  return group;
}

async function createGroup(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const group = addGroup(ctx, board, await readItemIds(ctx, board));
  return json(201, groupView(ctx, board, group));
}

function listGroups(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const page = cursorPage([...board.groups.values()], ctx.query, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map((g) => groupView(ctx, board, g)) });
}

function getGroup(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  return json(200, groupView(ctx, board, requireGroup(board, ctx.params.groupId ?? '')));
}

/**
 * `GET /groups/items?group_item_id=`: the group's items, a cursor page of them wrapped as the spec
 * describes (`data: { id, type: 'group', data: [page] }`).
 */
function itemsOfGroup(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const groupId = ctx.query.get('group_item_id');
  if (!groupId)
    throw badRequest('Query parameter group_item_id is required: the id of the group', [
      { field: 'group_item_id', message: 'is required' },
    ]);
  const group = requireGroup(board, groupId);
  const items = group.itemIds.map((id) => requireItem(board, id));
  const page = cursorPage(items, ctx.query, ctx.selfUrl);
  const { cursor, ...rest } = page;
  return json(200, {
    limit: page.limit,
    size: page.size,
    total: page.total,
    ...(cursor ? { cursor } : {}),
    data: {
      id: group.id,
      type: 'group',
      data: [{ ...rest, data: page.data.map((i) => itemView(ctx, board, i)), type: 'cursor-list' }],
    },
  });
}

/** PUT: the group is replaced by a new one (with a new id), as Miro documents. */
async function replaceGroup(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const old = requireGroup(board, ctx.params.groupId ?? '');
  const itemIds = await readItemIds(ctx, board, old);
  board.groups.delete(old.id);
  return json(200, groupView(ctx, board, addGroup(ctx, board, itemIds)));
}

/** DELETE: ungroups (`unGroup`), or with `delete_items=true` deletes the items too (`deleteGroup`). */
function deleteOrUngroup(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const group = requireGroup(board, ctx.params.groupId ?? '');
  const flag = ctx.query.get('delete_items');
  if (flag !== null && flag !== 'true' && flag !== 'false')
    throw badRequest(`Invalid query parameter delete_items: must be true or false, got ${JSON.stringify(flag)}`, [
      { field: 'delete_items', message: 'must be a boolean' },
    ]);
  board.groups.delete(group.id);
  if (flag === 'true') for (const id of group.itemIds) deleteItem(ctx, board, requireItem(board, id));
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
  return noContent();
}

const base = '/v2/boards/:boardId/groups';

// `/groups/items` comes before `/groups/:groupId`, which would match it too.
export const groupRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: base, handler: createGroup },
  { kind: 'api', method: 'GET', path: base, handler: listGroups },
  { kind: 'api', method: 'GET', path: `${base}/items`, handler: itemsOfGroup },
  { kind: 'api', method: 'GET', path: `${base}/:groupId`, handler: getGroup },
  { kind: 'api', method: 'PUT', path: `${base}/:groupId`, handler: replaceGroup },
  { kind: 'api', method: 'DELETE', path: `${base}/:groupId`, handler: deleteOrUngroup },
];
