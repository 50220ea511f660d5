import { badRequest, MiroError } from './errors.js';
import { kindOf } from './item-kinds.js';
import { createItem, itemView } from './item-ops.js';
import { requireBoard } from './lookup.js';
import { json } from './responses.js';
import { isMultipart, parseJson, type ApiContext, type ApiRoute } from './router.js';
import { type BoardRecord, ITEM_TYPES, type ItemRecord, type ItemType } from './store.js';
import { FAMILIES, MAX_UPLOAD_BYTES, pendingResource, readMultipart, uploadBody } from './uploads.js';
import { isObject, type JsonObject } from './validate.js';

/** Miro's limit per bulk create call. */
export const MAX_BULK_ITEMS = 20;

const clampCount = (n: number): number => Math.min(Math.max(n, 1), MAX_BULK_ITEMS);

/** Items of a bulk create (files of an upload), for its per-item price; a body it cannot read is charged once and refused. */
async function itemCount(request: Request): Promise<number> {
  try {
    if (isMultipart(request)) return clampCount((await request.formData()).getAll('resources').length);
    const value: unknown = JSON.parse(await request.text());
    return Array.isArray(value) ? clampCount(value.length) : 1;
  } catch {
    return 1;
  }
}

function checkCount(count: number): void {
  if (count < 1 || count > MAX_BULK_ITEMS)
    throw badRequest(`A bulk create takes 1 to ${MAX_BULK_ITEMS} items, got ${count}`);
}

/** Creates every item or none: a failing item undoes the ones before it and its error names its index. */
function createAll(
  ctx: ApiContext,
  board: BoardRecord,
  requests: readonly { readonly type: ItemType; readonly body: JsonObject }[],
): ItemRecord[] {
  const modified = { at: board.modifiedAt, by: board.modifiedBy };
  const created: ItemRecord[] = [];
  try {
    requests.forEach(({ type, body }, index) => {
      try {
        created.push(createItem(ctx, board, kindOf(type), body));
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
  return created;
}

function typeOf(entry: JsonObject, index: number, allowed: readonly string[]): ItemType {
  const type = entry.type;
  if (typeof type !== 'string' || !allowed.includes(type))
    throw badRequest(`Item ${index}: type must be one of ${allowed.join(', ')}`, [
      { field: `[${index}].type`, message: 'invalid' },
    ]);
  return type as ItemType;
}

/** `createItems`: a JSON array of 1 to 20 items of any kind, each with its `type`. */
async function createFromJson(ctx: ApiContext, board: BoardRecord): Promise<ItemRecord[]> {
  const body = parseJson(await ctx.request.text(), 'Request body');
  if (!Array.isArray(body)) throw badRequest('Request body must be a JSON array of items');
  checkCount(body.length);
  const requests = body.map((entry: unknown, index) => {
    if (!isObject(entry)) throw badRequest(`Item ${index}: must be an object`);
    const { type: _type, ...content } = entry;
    return { type: typeOf(entry, index, ITEM_TYPES), body: content };
  });
  return createAll(ctx, board, requests);
}

/**
 * `createItemsInBulkUsingFileFromDevice`: a `data` part holding a JSON array that describes each
 * file (`type` image or document, `title`, `position`, `geometry`, `parent`) and the files as
 * `resources` parts in the same order; at most 6 MB in all, as Miro documents.
 */
async function createFromFiles(ctx: ApiContext, board: BoardRecord): Promise<ItemRecord[]> {
  const form = await readMultipart(ctx.request);
  const dataPart = form.get('data');
  if (dataPart === null)
    throw badRequest('Missing part data: a JSON array describing each file', [{ field: 'data', message: 'required' }]);
  const entries = parseJson(typeof dataPart === 'string' ? dataPart : await dataPart.text(), 'Part data');
  if (!Array.isArray(entries)) throw badRequest('Part data must be a JSON array, one entry per file');
  const files = form.getAll('resources');
  if (!files.every((f): f is File => typeof f !== 'string'))
    throw badRequest('Parts resources must be files, not text fields', [{ field: 'resources', message: 'not a file' }]);
  if (entries.length !== files.length)
    throw badRequest(
      `Part data describes ${entries.length} items but ${files.length} files came in resources; they pair up in order`,
      [{ field: 'resources', message: 'count differs from data' }],
    );
  checkCount(files.length);
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  if (bytes > MAX_UPLOAD_BYTES)
    throw new MiroError(
      413,
      'payloadTooLarge',
      `The files add up to ${bytes} bytes; the limit is ${MAX_UPLOAD_BYTES} (6 MB)`,
    );
  const prepared = await Promise.all(
    entries.map(async (entry: unknown, index) => {
      if (!isObject(entry)) throw badRequest(`Item ${index}: must be an object`);
      const type = typeOf(entry, index, Object.keys(FAMILIES));
      const resource = await pendingResource(
        ctx,
        board,
        FAMILIES[type] as 'images' | 'documents',
        files[index] as File,
      );
      return { type, body: uploadBody(entry, resource, `[${index}]`), keep: resource.keep };
    }),
  );
  const created = createAll(ctx, board, prepared);
  for (const { keep } of prepared) keep();
  return created;
}

/** `POST /v2/boards/{id}/items/bulk`: up to 20 items, all or nothing, from JSON or from files. */
async function createItems(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const created = isMultipart(ctx.request) ? await createFromFiles(ctx, board) : await createFromJson(ctx, board);
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
