import { CREDITS_BY_LEVEL } from '@miro/api';
import { badRequest, MiroError, notFound } from './errors.js';
import type { ItemKind } from './item-kinds.js';
import { requireBoard } from './lookup.js';
import { parseJson, type ApiContext, type ApiRoute } from './router.js';
import type { BoardRecord, UploadRecord } from './store.js';
import { isObject, optString, type JsonObject } from './validate.js';

/** Miro's documented limit for an uploaded image or document. */
export const MAX_UPLOAD_BYTES = 6 * 1024 * 1024;

export const FAMILIES: Partial<Record<ItemKind['type'], UploadRecord['family']>> = {
  image: 'images',
  document: 'documents',
};

/** Item kinds whose create and update also take a file (`multipart/form-data`, parts `resource` and `data`). */
export function takesUpload(kind: ItemKind): boolean {
  return FAMILIES[kind.type] !== undefined;
}

/** An item request's body, and what to keep once the item is saved (the uploaded file, if any). */
export interface ItemRequestBody {
  readonly body: JsonObject;
  readonly keep: () => void;
}

/** The request's `multipart/form-data` body, or a 400 that says it is not one. */
export async function readMultipart(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badRequest('Request body is not valid multipart/form-data');
  }
}

/** A stored file waiting for its item: the URL the item will carry, and `keep` to store it once the item is saved. */
export interface PendingResource {
  readonly url: string;
  readonly name: string;
  readonly keep: () => void;
}

/** Turns an uploaded file into a resource of `board` the simulation will serve (after `keep`). */
export async function pendingResource(
  ctx: ApiContext,
  board: BoardRecord,
  family: UploadRecord['family'],
  file: File,
): Promise<PendingResource> {
  const id = ctx.store.ids.itemId();
  const upload: UploadRecord = {
    boardId: board.id,
    family,
    name: file.name,
    contentType: file.type || 'application/octet-stream',
    bytes: await file.arrayBuffer(),
  };
  return {
    url: `${ctx.options.baseUrl}/v2/boards/${board.id}/resources/${family}/${id}?format=preview&redirect=false`,
    name: file.name,
    keep: () => void ctx.store.uploads.set(id, upload),
  };
}

/** What the `data` part of an upload carries into the item's body: title, position, geometry and parent. */
export function uploadBody(data: JsonObject, resource: PendingResource | undefined, field: string): JsonObject {
  const body: JsonObject = {};
  for (const key of ['position', 'geometry', 'parent']) if (data[key] !== undefined) body[key] = data[key];
  const title = optString(data, 'title', `${field}.title`);
  if (resource) body.data = { url: resource.url, title: title ?? resource.name };
  else if (title !== undefined) body.data = { title };
  return body;
}

/**
 * Reads an upload request into the JSON body the item's create or update reads: the file becomes
 * a resource the simulation serves (once `keep` is called, so a refused item leaves none behind),
 * its URL the item's `imageUrl`/`documentUrl`; `data` carries the title and, unlike the JSON
 * endpoints, the position, geometry and parent.
 */
export async function readUpload(
  ctx: ApiContext,
  board: BoardRecord,
  kind: ItemKind,
  creating: boolean,
): Promise<ItemRequestBody> {
  const family = FAMILIES[kind.type];
  if (!family) throw new Error(`${kind.type} items take no upload`);
  const form = await readMultipart(ctx.request);
  const resource = form.get('resource');
  const data = await readDataPart(form.get('data'));
  if (resource === null) {
    if (creating)
      throw badRequest('Missing part resource: the file to upload', [{ field: 'resource', message: 'required' }]);
    return { body: uploadBody(data, undefined, 'data'), keep: () => {} };
  }
  if (typeof resource === 'string')
    throw badRequest('Part resource must be a file, not a text field', [{ field: 'resource', message: 'not a file' }]);
  if (resource.size > MAX_UPLOAD_BYTES) {
    throw new MiroError(
      413,
      'payloadTooLarge',
      `Part resource is ${resource.size} bytes; the limit is ${MAX_UPLOAD_BYTES} (6 MB)`,
    );
  }
  const pending = await pendingResource(ctx, board, family, resource);
  return { body: uploadBody(data, pending, 'data'), keep: pending.keep };
}

async function readDataPart(part: FormDataEntryValue | null): Promise<JsonObject> {
  if (part === null) return {};
  const text = typeof part === 'string' ? part : await part.text();
  const value = parseJson(text, 'Part data');
  if (!isObject(value)) throw badRequest('Part data must be a JSON object');
  return value;
}

/** The uploaded file behind an item's URL, as it was sent. */
function serveUpload(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const upload = ctx.store.uploads.get(ctx.params.resourceId ?? '');
  if (!upload || upload.boardId !== board.id || upload.family !== ctx.params.family) {
    throw notFound(`Resource ${ctx.params.resourceId} not found on board ${board.id}`);
  }
  return new Response(upload.bytes, { status: 200, headers: { 'content-type': upload.contentType } });
}

export const uploadResourceRoutes: readonly ApiRoute[] = [
  {
    kind: 'api',
    method: 'GET',
    path: '/v2/boards/:boardId/resources/:family/:resourceId',
    // The address Miro gives an uploaded file's content; no operation of the spec: priced as a level-1 read.
    unlisted: { credits: CREDITS_BY_LEVEL[1] },
    handler: serveUpload,
  },
];
