import { notFound } from './errors.js';
import { ITEM_KINDS, type ItemKind } from './item-kinds.js';
import { createItem, deleteItem, itemView, updateItem } from './item-ops.js';
import { requireBoard } from './lookup.js';
import { json, noContent } from './responses.js';
import { isMultipart, readJsonObject, type ApiContext, type ApiRoute } from './router.js';
import type { BoardRecord, ItemRecord } from './store.js';
import { readUpload, takesUpload, type ItemRequestBody } from './uploads.js';

/** The item behind a typed endpoint: another type under the same id is "not found" there, as in Miro. */
function requireTyped(board: BoardRecord, kind: ItemKind, itemId: string): ItemRecord {
  const item = board.items.get(itemId);
  if (!item || item.type !== kind.type) throw notFound(`${kind.type} item ${itemId} not found on board ${board.id}`);
  return item;
}

/** The JSON body, or for images and documents sent as `multipart/form-data`, the upload read into one. */
async function readBody(
  ctx: ApiContext,
  board: BoardRecord,
  kind: ItemKind,
  creating: boolean,
): Promise<ItemRequestBody> {
  if (takesUpload(kind) && isMultipart(ctx.request)) return readUpload(ctx, board, kind, creating);
  return { body: await readJsonObject(ctx.request), keep: () => {} };
}

function routesFor(kind: ItemKind): ApiRoute[] {
  const base = `/v2/boards/:boardId/${kind.segment}`;
  return [
    {
      kind: 'api',
      method: 'POST',
      path: base,

      handler: async (ctx: ApiContext) => {
        const board = requireBoard(ctx);
        const { body, keep } = await readBody(ctx, board, kind, true);
        const item = createItem(ctx, board, kind, body);
        keep();
        return json(201, itemView(ctx, board, item));
      },
    },
    {
      kind: 'api',
      method: 'GET',
      path: `${base}/:itemId`,

      handler: (ctx: ApiContext) => {
        const board = requireBoard(ctx);
        return json(200, itemView(ctx, board, requireTyped(board, kind, ctx.params.itemId ?? '')));
      },
    },
    {
      kind: 'api',
      method: 'PATCH',
      path: `${base}/:itemId`,

      handler: async (ctx: ApiContext) => {
        const board = requireBoard(ctx);
        const item = requireTyped(board, kind, ctx.params.itemId ?? '');
        const { body, keep } = await readBody(ctx, board, kind, false);
        const updated = updateItem(ctx, board, item, body);
        keep();
        return json(200, itemView(ctx, board, updated));
      },
    },
    {
      kind: 'api',
      method: 'DELETE',
      path: `${base}/:itemId`,

      handler: (ctx: ApiContext) => {
        const board = requireBoard(ctx);
        deleteItem(ctx, board, requireTyped(board, kind, ctx.params.itemId ?? ''));
        return noContent();
      },
    },
  ];
}

export const itemRoutes: readonly ApiRoute[] = ITEM_KINDS.flatMap(routesFor);
