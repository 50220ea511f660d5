import { badRequest, notFound } from './errors.js';
import { kindOf } from './item-kinds.js';
import { actor, boardLink, iso, requireBoard } from './lookup.js';
import { cursorPage } from './pagination.js';
import { json, noContent } from './responses.js';
import { readJsonObject, type ApiContext, type ApiRoute, type RequestContext } from './router.js';
import type { BoardRecord, ConnectorEnd, ConnectorRecord } from './store.js';
import { isObject, optEnum, optObject, pickStrings, reqString, type JsonObject } from './validate.js';

const SHAPES = ['straight', 'elbowed', 'curved'] as const;
const SNAP = ['auto', 'top', 'right', 'bottom', 'left'] as const;
const STYLE_KEYS = [
  'color',
  'endStrokeCap',
  'fontSize',
  'startStrokeCap',
  'strokeColor',
  'strokeStyle',
  'strokeWidth',
  'textOrientation',
];

function connectorView(ctx: RequestContext, board: BoardRecord, c: ConnectorRecord): JsonObject {
  const end = (e: ConnectorEnd): JsonObject => {
    const item = board.items.get(e.id);
    const view: JsonObject = {
      id: e.id,
      links: {
        self: item
          ? `${boardLink(ctx, board.id)}/${kindOf(item.type).segment}/${item.id}`
          : `${boardLink(ctx, board.id)}/items/${e.id}`,
      },
    };
    if (e.position) view.position = e.position;
    return view;
  };
  return {
    id: c.id,
    type: 'connector',
    isSupported: true,
    shape: c.shape,
    startItem: end(c.startItem),
    endItem: end(c.endItem),
    style: structuredClone(c.style),
    captions: structuredClone(c.captions),
    createdAt: iso(c.createdAt),
    createdBy: actor(c.createdBy),
    modifiedAt: iso(c.modifiedAt),
    modifiedBy: actor(c.modifiedBy),
    links: { self: `${boardLink(ctx, board.id)}/connectors/${c.id}` },
  };
}

function readEnd(
  board: BoardRecord,
  body: JsonObject,
  key: 'startItem' | 'endItem',
  required: boolean,
): ConnectorEnd | undefined {
  const input = optObject(body, key);
  if (!input) {
    if (required) throw badRequest(`Invalid parameter ${key}: is required`, [{ field: key, message: 'is required' }]);
    return undefined;
  }
  const id = reqString(input, 'id', `${key}.id`);
  if (!board.items.has(id)) throw notFound(`Item ${id} named in ${key}.id not found on board ${board.id}`);
  const end: ConnectorEnd = { id };
  const position = optObject(input, 'position', `${key}.position`);
  if (position) end.position = pickStrings(position, ['x', 'y'], `${key}.position`);
  const snapTo = optEnum(input, 'snapTo', `${key}.snapTo`, SNAP);
  if (snapTo) end.snapTo = snapTo;
  return end;
}

function readCaptions(body: JsonObject): JsonObject[] | undefined {
  if (body.captions === undefined) return undefined;
  if (!Array.isArray(body.captions) || !body.captions.every(isObject))
    throw badRequest('Invalid parameter captions: must be an array of objects', [
      { field: 'captions', message: 'must be an array of objects' },
    ]);
  return body.captions.map((c, i) => {
    const caption = pickStrings(c, ['position', 'textAlignVertical'], `captions[${i}]`);
    caption.content = reqString(c, 'content', `captions[${i}].content`, { max: 200 });
    return caption;
  });
}

function requireConnector(board: BoardRecord, id: string): ConnectorRecord {
  const connector = board.connectors.get(id);
  if (!connector) throw notFound(`Connector ${id} not found on board ${board.id}`);
  return connector;
}

async function createConnector(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const body = await readJsonObject(ctx.request);
  const style = optObject(body, 'style');
  const connector: ConnectorRecord = {
    id: ctx.store.ids.itemId(),
    startItem: readEnd(board, body, 'startItem', true) as ConnectorEnd,
    endItem: readEnd(board, body, 'endItem', true) as ConnectorEnd,
    shape: optEnum(body, 'shape', 'shape', SHAPES) ?? 'curved',
    style: style ? pickStrings(style, STYLE_KEYS, 'style') : {},
    captions: readCaptions(body) ?? [],
    createdAt: ctx.now,
    createdBy: ctx.user.id,
    modifiedAt: ctx.now,
    modifiedBy: ctx.user.id,
  };
  board.connectors.set(connector.id, connector);
  // 200, not 201: the one create operation the spec documents so.
  return json(200, connectorView(ctx, board, connector));
}

function listConnectors(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  const page = cursorPage([...board.connectors.values()], ctx.query, ctx.selfUrl);
  return json(200, { ...page, data: page.data.map((c) => connectorView(ctx, board, c)) });
}

function getConnector(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  return json(200, connectorView(ctx, board, requireConnector(board, ctx.params.connectorId ?? '')));
}

async function updateConnector(ctx: ApiContext): Promise<Response> {
  const board = requireBoard(ctx);
  const connector = requireConnector(board, ctx.params.connectorId ?? '');
  const body = await readJsonObject(ctx.request);
  const start = readEnd(board, body, 'startItem', false);
  const end = readEnd(board, body, 'endItem', false);
  const shape = optEnum(body, 'shape', 'shape', SHAPES);
  const style = optObject(body, 'style');
  const captions = readCaptions(body);
  if (start) connector.startItem = start;
  if (end) connector.endItem = end;
  if (shape) connector.shape = shape;
  if (style) connector.style = { ...connector.style, ...pickStrings(style, STYLE_KEYS, 'style') };
  if (captions) connector.captions = captions;
  connector.modifiedAt = ctx.now;
  connector.modifiedBy = ctx.user.id;
  return json(200, connectorView(ctx, board, connector));
}

function deleteConnector(ctx: ApiContext): Response {
  const board = requireBoard(ctx);
  board.connectors.delete(requireConnector(board, ctx.params.connectorId ?? '').id);
  return noContent();
}

export const connectorRoutes: readonly ApiRoute[] = [
  { kind: 'api', method: 'POST', path: '/v2/boards/:boardId/connectors', handler: createConnector },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/connectors', handler: listConnectors },
  { kind: 'api', method: 'GET', path: '/v2/boards/:boardId/connectors/:connectorId', handler: getConnector },
  {
    kind: 'api',
    method: 'PATCH',
    path: '/v2/boards/:boardId/connectors/:connectorId',

    handler: updateConnector,
  },
  {
    kind: 'api',
    method: 'DELETE',
    path: '/v2/boards/:boardId/connectors/:connectorId',

    handler: deleteConnector,
  },
];
