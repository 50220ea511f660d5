import { badRequest, notFound } from './errors.js';
import { kindOf } from './item-kinds.js';
import { applyPlacement, deleteItem, itemView } from './item-ops.js';
import { requireBoard, requireItem } from './lookup.js';
import { cursorPage } from './pagination.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute } from './router.js';
import { ITEM_TYPES, type ItemType } from './store.js';
import { detachTag, itemsByTag } from './tags.js';

function listItems(ctx: ApiContext): Response {
  if (ctx.query.has('tag_id')) return itemsByTag(ctx);
  const board = requireBoard(ctx);
  const type = ctx.query.get('type');
  if (type !== null && !(ITEM_TYPES as readonly string[]).includes(type)) {
    throw badRequest(
      `Invalid query parameter type: must be one of ${ITEM_TYPES.join(', ')}; got ${JSON.stringify(type)}`,
      [{ field: 'type', message: 'unknown item type' }],
    );
  }
  const parentId = ctx.query.get('parent_item_id');
  if (parentId !== null && !board.items.has(parentId))
    throw notFound(`Parent item ${parentId} not found on board ${board.id}`);
  let items = [...board.items.values()];
  if (type) items = items.filter((i) => i.type === (type as ItemType));
  if (parentId !== null) items = items.filter((i) => i.parentId === parentId);
  const page = cursorPage(items, ctx.query, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map((i) => itemView(ctx, board, i)) });
}

function getItem(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  return json(200, itemView(ctx, board, requireItem(board, ctx.params.itemId ?? '')));
}

/** Generic update: only `parent` and `position` (Miro's `GenericItemUpdate`). */
async function patchItem(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const item = requireItem(board, ctx.params.itemId ?? '');
  const body = await readJsonObject(ctx.request);
  applyPlacement(board, item, kindOf(item.type), body);
  item.modifiedAt = ctx.now;
  item.modifiedBy = ctx.user.id;
  return json(200, itemView(ctx, board, item));
}

function deleteOrDetach(ctx: ApiContext): Response {
  if (ctx.query.has('tag_id')) return detachTag(ctx);
  const board = requireBoard(ctx);
  deleteItem(ctx, board, requireItem(board, ctx.params.itemId ?? ''));
  return noContent();
}

export const genericItemRoutes: readonly ApiRoute[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/v2/boards/:boardId/items',
    handler: listItems,
  },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/items/:itemId', handler: getItem },
  { kind: 'api', method: 'PATCH', path: '/v2/boards/:boardId/items/:itemId', handler: patchItem },
  {
    kind: 'api',
    method: 'DELETE',
    path: '/v2/boards/:boardId/items/:itemId',
    handler: deleteOrDetach,
  },
];
