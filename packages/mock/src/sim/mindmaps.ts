import { badRequest, notFound } from './errors.js';
import { actor, iso, requireBoard } from './lookup.js';
import { cursorPage } from './pagination.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute, type RequestContext } from './router.js';
import type { BoardRecord, MindmapNodeRecord } from './store.js';
import { optNumber, optObject, optString, reqObject, reqString, type JsonObject } from './validate.js';

/** Mind map nodes, Miro's experimental API (`/v2-experimental/boards/{id}/mindmap_nodes`). */

const DEFAULT_WIDTH = 120;

function nodeLink(ctx: RequestContext, board: BoardRecord, nodeId: string): string {
  return `${ctx.options.baseUrl}/v2-experimental/boards/${board.id}/mindmap_nodes/${nodeId}`;
}

function nodeView(ctx: RequestContext, board: BoardRecord, node: MindmapNodeRecord): JsonObject {
  const data: JsonObject = {
    nodeView: { type: 'text', data: { content: node.content } },
    isRoot: node.parentId === undefined,
  };
  if (node.direction) data.direction = node.direction;
  const view: JsonObject = {
    id: node.id,
    type: 'mindmap_node',
    data,
    createdAt: iso(node.createdAt),
    createdBy: actor(node.createdBy),
    modifiedAt: iso(node.modifiedAt),
    modifiedBy: actor(node.modifiedBy),
    links: { self: nodeLink(ctx, board, node.id) },
  };
  if (node.parentId) view.parent = { id: node.parentId, links: { self: nodeLink(ctx, board, node.parentId) } };
  return view;
}

function requireNode(board: BoardRecord, nodeId: string): MindmapNodeRecord {
  const node = board.mindmapNodes.get(nodeId);
  if (!node) throw notFound(`Mind map node ${nodeId} not found on board ${board.id}`);
  return node;
}

/** A node with its descendants, parents before children. */
function subtree(board: BoardRecord, root: MindmapNodeRecord): MindmapNodeRecord[] {
  const out = [root];
  for (let i = 0; i < out.length; i++)
    for (const node of board.mindmapNodes.values()) if (node.parentId === out[i]?.id) out.push(node);
  return out;
}

/**
 * Creates one node: a root without `parent`, else a child of the parent node. Children of a root
 * grow to its `end` side; deeper nodes keep their branch's side.
 */
async function createNode(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const body = await readJsonObject(ctx.request);
  const viewInput = reqObject(reqObject(body, 'data'), 'nodeView', 'data.nodeView');
  const textData = optObject(viewInput, 'data', 'data.nodeView.data') ?? {};
  const kind = reqString(textData, 'type', 'data.nodeView.data.type');
  if (kind !== 'text')
    throw badRequest(
      `Invalid parameter data.nodeView.data.type: only text nodes are supported, got ${JSON.stringify(kind)}`,
      [{ field: 'data.nodeView.data.type', message: 'must be text' }],
    );
  const content = optString(textData, 'content', 'data.nodeView.data.content') ?? '';
  const parentInput = optObject(body, 'parent');
  const parent = parentInput ? requireNode(board, reqString(parentInput, 'id', 'parent.id')) : undefined;
  const position = optObject(body, 'position');
  const geometry = optObject(body, 'geometry');
  const width = geometry ? optNumber(geometry, 'width', 'geometry.width') : undefined;
  if (width !== undefined && width <= 0)
    throw badRequest('Invalid parameter geometry.width: must be greater than 0', [
      { field: 'geometry.width', message: 'must be greater than 0' },
    ]);
  const direction = parent ? (parent.direction ?? 'end') : undefined;
  const node: MindmapNodeRecord = {
    id: ctx.store.ids.itemId(),
    content,
    position: {
      x: (position && optNumber(position, 'x', 'position.x')) ?? 0,
      y: (position && optNumber(position, 'y', 'position.y')) ?? 0,
    },
    geometry: { width: width ?? DEFAULT_WIDTH },
    createdAt: ctx.now,
    createdBy: ctx.user.id,
    modifiedAt: ctx.now,
    modifiedBy: ctx.user.id,
    ...(parent ? { parentId: parent.id } : {}),
    ...(direction ? { direction } : {}),
  };
  board.mindmapNodes.set(node.id, node);
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
  return json(201, nodeView(ctx, board, node));
}

function listNodes(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const page = cursorPage([...board.mindmapNodes.values()], ctx.query, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map((n) => nodeView(ctx, board, n)) });
}

function getNode(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  return json(200, nodeView(ctx, board, requireNode(board, ctx.params.nodeId ?? '')));
}

/** Deletes a node and every node below it. */
function deleteNode(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  for (const node of subtree(board, requireNode(board, ctx.params.nodeId ?? ''))) board.mindmapNodes.delete(node.id);
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
  return noContent();
}

const base = '/v2-experimental/boards/:boardId/mindmap_nodes';

export const mindmapRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: base, handler: createNode },
  { kind: 'api', method: 'GET', path: base, handler: listNodes },
  { kind: 'api', method: 'GET', path: `${base}/:nodeId`, handler: getNode },
  { kind: 'api', method: 'DELETE', path: `${base}/:nodeId`, handler: deleteNode },
];
