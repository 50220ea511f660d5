import { badRequest, MiroError } from './errors.js';
import { kindOf } from './item-kinds.js';
import { createItem, itemView } from './item-ops.js';
import { requireBoard } from './lookup.js';
import { json } from './responses.js';
import { isMultipart, parseJson, type ApiContext, type ApiRoute } from './router.js';
import { ITEM_TYPES, type ItemRecord, type ItemType } from './store.js';
import { isObject } from './validate.js';

/** Miro's limit per bulk create call. */
export const MAX_BULK_ITEMS = 20;

/** Items of a bulk create, for its per-item price; a body that is not a list is charged once and refused. */
async function itemCount(request: Request): Promise<number> {
  if (isMultipart(request)) return 1;
  try {
    const value: unknown = JSON.parse(await request.text());
    return Array.isArray(value) ? Math.min(Math.max(value.length, 1), MAX_BULK_ITEMS) : 1;
  } catch {
    return 1;
  }
}

/**
 * `POST /v2/boards/{id}/items/bulk` (createItems): up to 20 items of any kind, all or nothing, as
 * Miro documents it. A failing item undoes the ones before it and names its index.
 */
async function createItems(ctx: ApiContext): Promise<Response> {
  if (isMultipart(ctx.request)) {
    throw new MiroError(
      501,
      'notSimulated',
      'The Miro simulation does not implement bulk creation from files (multipart items/bulk)',
    );
  }
  const board = requireBoard(ctx);
  const body = parseJson(await ctx.request.text(), 'Request body');
  if (!Array.isArray(body)) throw badRequest('Request body must be a JSON array of items');
  if (body.length < 1 || body.length > MAX_BULK_ITEMS) {
    throw badRequest(`A bulk create takes 1 to ${MAX_BULK_ITEMS} items, got ${body.length}`);
  }
  const modified = { at: board.modifiedAt, by: board.modifiedBy };
  const created: ItemRecord[] = [];
  try {
    body.forEach((entry: unknown, index) => {
      if (!isObject(entry)) throw badRequest(`Item ${index}: must be an object`);
      const type = entry.type;
      if (typeof type !== 'string' || !(ITEM_TYPES as readonly string[]).includes(type)) {
        throw badRequest(`Item ${index}: type must be one of ${ITEM_TYPES.join(', ')}`, [
          { field: `[${index}].type`, message: 'invalid' },
        ]);
      }
      const { type: _type, ...content } = entry;
      try {
        created.push(createItem(ctx, board, kindOf(type as ItemType), content));
      } catch (error) {
        if (error instanceof MiroError)
          throw new MiroError(error.status, error.code, `Item ${index}: ${error.message}`, error.context);
        throw error;
      }
    });
  } catch (error) {
    for (const item of created) board.items.delete(item.id);
    board.modifiedAt = modified.at;
    board.modifiedBy = modified.by;
    throw error;
  }
  return json(201, { data: created.map((item) => itemView(ctx, board, item)), type: 'bulk-list' });
}

export const bulkRoutes: readonly ApiRoute[] = [
  {
    kind: 'api',
    method: 'POST',
    path: '/v2/boards/:boardId/items/bulk',

    units: itemCount,
    handler: createItems,
  },
];
