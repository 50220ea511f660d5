import { badRequest, notFound } from './errors.js';
import { kindOf, readGeometry, readStyle, type ItemKind } from './item-kinds.js';
import { actor, boardLink, iso } from './lookup.js';
import { canvasPosition as canvasPositionOf, frameOrigin } from './placement.js';
import type { ApiContext, RequestContext } from './router.js';
import type { BoardRecord, ItemRecord } from './store.js';
import { optNumber, optObject, reqString, type JsonObject } from './validate.js';

export function itemLink(ctx: RequestContext, board: BoardRecord, item: ItemRecord): string {
  return `${boardLink(ctx, board.id)}/${kindOf(item.type).segment}/${item.id}`;
}

/** An item as Miro answers it: the typed item shape, which is also a superset of `GenericItem`. */
export function itemView(ctx: RequestContext, board: BoardRecord, item: ItemRecord): JsonObject {
  const kind = kindOf(item.type);
  const view: JsonObject = {
    id: item.id,
    type: item.type,
    data: structuredClone(item.data),
  };
  if (kind.hasStyle) view.style = structuredClone(item.style);
  view.position = {
    x: item.position.x,
    y: item.position.y,
    origin: 'center',
    relativeTo: item.parentId ? 'parent_top_left' : 'canvas_center',
  };
  view.geometry = structuredClone(item.geometry);
  view.createdAt = iso(item.createdAt);
  view.createdBy = actor(item.createdBy);
  view.modifiedAt = iso(item.modifiedAt);
  view.modifiedBy = actor(item.modifiedBy);
  const parent = item.parentId ? board.items.get(item.parentId) : undefined;
  if (parent) view.parent = { id: parent.id, links: { self: itemLink(ctx, board, parent) } };
  const links: JsonObject = { self: itemLink(ctx, board, item) };
  if (item.type === 'frame')
    links.related = `${boardLink(ctx, board.id)}/items?parent_item_id=${item.id}&limit=10&cursor=`;
  view.links = links;
  return view;
}

export function canvasPosition(board: BoardRecord, item: ItemRecord): { x: number; y: number } {
  return canvasPositionOf(item, (id) => board.items.get(id));
}

function requireFrame(board: BoardRecord, parentId: string): ItemRecord {
  const parent = board.items.get(parentId);
  if (!parent) throw notFound(`Parent item ${parentId} not found on board ${board.id}`);
  if (parent.type !== 'frame')
    throw badRequest(`Invalid parameter parent.id: item ${parentId} is a ${parent.type}; only frames can be parents`, [
      { field: 'parent.id', message: 'must be a frame' },
    ]);
  return parent;
}

function readPosition(body: JsonObject): { x?: number | undefined; y?: number | undefined } | undefined {
  const position = optObject(body, 'position');
  if (!position) return undefined;
  return { x: optNumber(position, 'x', 'position.x'), y: optNumber(position, 'y', 'position.y') };
}

/**
 * Applies `parent` and `position` of a create or update body. A new parent keeps the item where it
 * was on the canvas unless a position is given (then relative to the frame's top-left, as in Miro);
 * `parent: null` moves the item back onto the canvas.
 */
export function applyPlacement(board: BoardRecord, item: ItemRecord, kind: ItemKind, body: JsonObject): void {
  const position = readPosition(body);
  if ('parent' in body) {
    if (body.parent === null) {
      item.position = canvasPosition(board, item);
      delete item.parentId;
    } else {
      const parentInput = optObject(body, 'parent');
      if (parentInput) {
        if (!kind.allowsParent)
          throw badRequest(`Invalid parameter parent: ${kind.type} items cannot have a parent`, [
            { field: 'parent', message: 'not allowed' },
          ]);
        const parentId = reqString(parentInput, 'id', 'parent.id');
        if (parentId === item.id)
          throw badRequest('Invalid parameter parent.id: an item cannot be its own parent', [
            { field: 'parent.id', message: 'is the item itself' },
          ]);
        const frame = requireFrame(board, parentId);
        const canvas = canvasPosition(board, item);
        const origin = frameOrigin(frame);
        item.parentId = frame.id;
        item.position = { x: canvas.x - origin.x, y: canvas.y - origin.y };
      }
    }
  }
  if (position) item.position = { x: position.x ?? item.position.x, y: position.y ?? item.position.y };
}

function applyContent(item: ItemRecord, kind: ItemKind, body: JsonObject, creating: boolean): void {
  const data = optObject(body, 'data');
  if (creating && kind.dataRequired && !data)
    throw badRequest(`Invalid parameter data: is required to create a ${kind.type}`, [
      { field: 'data', message: 'is required' },
    ]);
  const dataChanges = kind.readData(data ?? {}, creating);
  const style = optObject(body, 'style');
  const styleChanges = style ? readStyle(kind, style) : {};
  const geometry = optObject(body, 'geometry');
  const geometryChanges = geometry ? readGeometry(kind, geometry, item.geometry) : {};
  item.data = { ...item.data, ...dataChanges };
  if (kind.hasStyle) item.style = { ...item.style, ...styleChanges };
  item.geometry = { ...item.geometry, ...geometryChanges };
}

export function createItem(ctx: ApiContext, board: BoardRecord, kind: ItemKind, body: JsonObject): ItemRecord {
  const item: ItemRecord = {
    id: ctx.store.ids.itemId(),
    type: kind.type,
    data: structuredClone(kind.defaults.data),
    style: structuredClone(kind.defaults.style),
    position: { x: 0, y: 0 },
    geometry: structuredClone(kind.defaults.geometry),
    tagIds: [],
    createdAt: ctx.now,
    createdBy: ctx.user.id,
    modifiedAt: ctx.now,
    modifiedBy: ctx.user.id,
  };
  applyContent(item, kind, body, true);
  // A new item has no canvas position to keep: a given position is relative to the parent.
  const parentInput = optObject(body, 'parent');
  if (parentInput) {
    if (!kind.allowsParent)
      throw badRequest(`Invalid parameter parent: ${kind.type} items cannot have a parent`, [
        { field: 'parent', message: 'not allowed' },
      ]);
    item.parentId = requireFrame(board, reqString(parentInput, 'id', 'parent.id')).id;
  }
  const position = readPosition(body);
  if (position) item.position = { x: position.x ?? 0, y: position.y ?? 0 };
  board.items.set(item.id, item);
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
  return item;
}

/**
 * Applies an update to a copy that replaces the item only once every field has been accepted, so a
 * refused update (say, a valid `data` with an unknown `parent.id`) changes nothing. Returns the new record.
 */
export function updateItem(ctx: ApiContext, board: BoardRecord, item: ItemRecord, body: JsonObject): ItemRecord {
  const kind = kindOf(item.type);
  const updated: ItemRecord = { ...structuredClone(item), modifiedAt: ctx.now, modifiedBy: ctx.user.id };
  applyContent(updated, kind, body, false);
  applyPlacement(board, updated, kind, body);
  board.items.set(item.id, updated);
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
  return updated;
}

/** A group holds at least this many items: one left alone is no longer grouped. */
export const MIN_GROUP_ITEMS = 2;

/** Takes an item out of its group, dissolving a group that would be left too small. */
function leaveGroups(board: BoardRecord, itemId: string): void {
  for (const group of [...board.groups.values()]) {
    if (!group.itemIds.includes(itemId)) continue;
    const rest = group.itemIds.filter((id) => id !== itemId);
    if (rest.length < MIN_GROUP_ITEMS) board.groups.delete(group.id);
    else board.groups.set(group.id, { id: group.id, itemIds: rest });
  }
}

/** Deletes an item, the connectors attached to it and its place in a group, and moves a frame's children onto the canvas. */
export function deleteItem(ctx: ApiContext, board: BoardRecord, item: ItemRecord): void {
  for (const child of board.items.values()) {
    if (child.parentId === item.id) {
      child.position = canvasPosition(board, child);
      delete child.parentId;
    }
  }
  for (const connector of [...board.connectors.values()]) {
    if (connector.startItem.id === item.id || connector.endItem.id === item.id) board.connectors.delete(connector.id);
  }
  leaveGroups(board, item.id);
  board.items.delete(item.id);
  board.modifiedAt = ctx.now;
  board.modifiedBy = ctx.user.id;
}
