import { badRequest, notFound } from './errors.js';
import { itemView } from './item-ops.js';
import { boardLink, requireBoard, requireItem } from './lookup.js';
import { offsetPage } from './pagination.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute, type RequestContext } from './router.js';
import type { BoardRecord, TagRecord } from './store.js';
import { optEnum, optString, reqString, type JsonObject } from './validate.js';

export const TAG_COLORS = [
  'red',
  'light_green',
  'cyan',
  'yellow',
  'magenta',
  'green',
  'blue',
  'gray',
  'violet',
  'dark_green',
  'dark_blue',
  'black',
] as const;
/** Miro lets tags sit on sticky notes and cards only, at most 8 per item. */
const TAGGABLE = new Set(['sticky_note', 'card']);
const MAX_TAGS_PER_ITEM = 8;

function tagView(ctx: RequestContext, board: BoardRecord, tag: TagRecord, withLinks: boolean): JsonObject {
  const view: JsonObject = { id: tag.id, type: 'tag', title: tag.title, fillColor: tag.fillColor };
  if (withLinks) view.links = { self: `${boardLink(ctx, board.id)}/tags/${tag.id}` };
  return view;
}

function requireTag(board: BoardRecord, tagId: string): TagRecord {
  const tag = board.tags.get(tagId);
  if (!tag) throw notFound(`Tag ${tagId} not found on board ${board.id}`);
  return tag;
}

function tagIdParam(ctx: RequestContext): string {
  const tagId = ctx.query.get('tag_id');
  if (!tagId) throw badRequest('Query parameter tag_id is required', [{ field: 'tag_id', message: 'is required' }]);
  return tagId;
}

async function createTag(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const body = await readJsonObject(ctx.request);
  const tag: TagRecord = {
    id: ctx.store.ids.itemId(),
    title: reqString(body, 'title', 'title', { max: 120 }),
    fillColor: optEnum(body, 'fillColor', 'fillColor', TAG_COLORS) ?? 'red',
  };
  board.tags.set(tag.id, tag);
  return json(201, tagView(ctx, board, tag, true));
}

function listTags(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const page = offsetPage([...board.tags.values()], ctx.query, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map((t) => tagView(ctx, board, t, false)) });
}

function getTag(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  return json(200, tagView(ctx, board, requireTag(board, ctx.params.tagId ?? ''), true));
}

async function updateTag(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const tag = requireTag(board, ctx.params.tagId ?? '');
  const body = await readJsonObject(ctx.request);
  const title = optString(body, 'title', 'title', { max: 120 });
  const fillColor = optEnum(body, 'fillColor', 'fillColor', TAG_COLORS);
  if (title !== undefined) tag.title = title;
  if (fillColor !== undefined) tag.fillColor = fillColor;
  return json(200, tagView(ctx, board, tag, true));
}

function deleteTag(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const tag = requireTag(board, ctx.params.tagId ?? '');
  board.tags.delete(tag.id);
  for (const item of board.items.values()) item.tagIds = item.tagIds.filter((id) => id !== tag.id);
  return noContent();
}

/** `POST /v2/boards/{id}/items/{item_id}?tag_id=` */
function attachTag(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const item = requireItem(board, ctx.params.itemId ?? '');
  const tag = requireTag(board, tagIdParam(ctx));
  if (!TAGGABLE.has(item.type))
    throw badRequest(`Tags can be attached to sticky notes and cards only; item ${item.id} is a ${item.type}`);
  if (!item.tagIds.includes(tag.id)) {
    if (item.tagIds.length >= MAX_TAGS_PER_ITEM)
      throw badRequest(`Item ${item.id} already has ${MAX_TAGS_PER_ITEM} tags, the most an item can have`);
    item.tagIds.push(tag.id);
  }
  return noContent();
}

/** `DELETE /v2/boards/{id}/items/{item_id}?tag_id=`: shares its path with deleting the item. */
export function detachTag(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const item = requireItem(board, ctx.params.itemId ?? '');
  const tag = requireTag(board, tagIdParam(ctx));
  item.tagIds = item.tagIds.filter((id) => id !== tag.id);
  return noContent();
}

function tagsOfItem(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const item = requireItem(board, ctx.params.itemId ?? '');
  const tags = item.tagIds.map((id) => board.tags.get(id)).filter((t): t is TagRecord => t !== undefined);
  return json(200, { tags: tags.map((t) => tagView(ctx, board, t, false)) });
}

/** `GET /v2/boards/{id}/items?tag_id=`: offset-paged, unlike the plain item list. */
export function itemsByTag(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const tag = requireTag(board, tagIdParam(ctx));
  const items = [...board.items.values()].filter((i) => i.tagIds.includes(tag.id));
  const page = offsetPage(items, ctx.query, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map((i) => itemView(ctx, board, i)) });
}

export const tagRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: '/v2/boards/:boardId/tags', handler: createTag },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/tags', handler: listTags },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/tags/:tagId', handler: getTag },
  { kind: 'api', method: 'PATCH', path: '/v2/boards/:boardId/tags/:tagId', handler: updateTag },
  { kind: 'api', method: 'DELETE', path: '/v2/boards/:boardId/tags/:tagId', handler: deleteTag },
  { kind: 'api', method: 'POST', path: '/v2/boards/:boardId/items/:itemId', handler: attachTag },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/items/:itemId/tags', handler: tagsOfItem },
];
