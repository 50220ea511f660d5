import { connectorSvg, Markers, routeConnector } from './connectors.js';
import { itemText, kindName } from './describe.js';
import { bounds, layOut, viewAround, type Box, type LaidOutItem, type ViewBox } from './geometry.js';
import { itemBody, type ItemContext } from './items.js';
import { markup, type Markup } from './markup.js';
import type { BoardDrawing, ResourceSnapshot } from './snapshot.js';

export interface BoardSvgOptions {
  /** The part of the canvas to show (the SVG `viewBox`); default every item, with a margin. */
  readonly view?: ViewBox | undefined;
  /** The URL of an uploaded file; default `/app/board/{boardId}/resources/{family}/{id}`, where the mock server serves it. */
  readonly resourceHref?: ((resource: ResourceSnapshot) => string) | undefined;
}

/** The box around everything drawn: items, and frame titles above their frames. */
export function contentBounds(laidOut: ReadonlyMap<string, LaidOutItem>): Box | undefined {
  const boxes: Box[] = [];
  for (const placed of laidOut.values()) {
    const { box } = placed;
    const reach = placed.rotation === 0 ? 0 : Math.hypot(box.width, box.height) / 2;
    boxes.push(
      reach === 0
        ? box
        : { x: placed.center.x - reach, y: placed.center.y - reach, width: 2 * reach, height: 2 * reach },
    );
    if (placed.item.type === 'frame') boxes.push({ ...box, y: box.y - Math.max(24, box.width * 0.05), height: 1 });
  }
  return bounds(boxes);
}

/** `Sticky note 3458764…: Ship it`: how an item is named in titles and lists. */
export function describeItem(placed: LaidOutItem | undefined, id: string): string {
  if (!placed) return `item ${id}`;
  const text = itemText(placed.item);
  return `${kindName(placed.item)} ${id}${text ? `: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}` : ''}`;
}

const RESOURCE_PATH = /\/resources\/(images|documents)\/(\d+)(?:[?#]|$)/;

function itemContext(board: BoardDrawing, href: (resource: ResourceSnapshot) => string): ItemContext {
  const resources = new Map(board.resources.map((r) => [r.id, r]));
  return {
    tags: new Map(board.tags.map((t) => [t.id, t])),
    resourceHref: href,
    resourceOf(url) {
      if (typeof url !== 'string' || !url.includes(`/boards/${board.id}/`)) return undefined;
      const match = RESOURCE_PATH.exec(url);
      const resource = match ? resources.get(match[2] ?? '') : undefined;
      return resource && resource.family === match?.[1] ? resource : undefined;
    },
  };
}

export function defaultResourceHref(boardId: string): (resource: ResourceSnapshot) => string {
  return (resource) =>
    `/app/board/${encodeURIComponent(boardId)}/resources/${resource.family}/${encodeURIComponent(resource.id)}`;
}

function itemGroup(placed: LaidOutItem, context: ItemContext): Markup {
  const { item, box, center, rotation } = placed;
  const transform = rotation === 0 ? '' : markup` transform="rotate(${rotation} ${center.x} ${center.y})"`;
  const parent = item.parentId ? markup` data-parent-id="${item.parentId}"` : '';
  return markup`<g class="item ${item.type}" id="item-${item.id}" data-item-id="${item.id}" data-type="${item.type}" data-x="${center.x}" data-y="${center.y}" data-width="${box.width}" data-height="${box.height}"${parent}${transform}><title>${describeItem(placed, item.id)}</title>${itemBody(placed, context)}</g>`;
}

/** A grid step that is a round number and about 1/40 of the view's width. */
function gridStep(view: ViewBox): number {
  const raw = view.width / 40;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  return step;
}

/** The board as an SVG element: frames, then the other items in creation order, then connectors. */
export function boardSvg(board: BoardDrawing, options: BoardSvgOptions = {}): Markup {
  const laidOut = layOut(board);
  const view = options.view ?? viewAround(contentBounds(laidOut));
  const context = itemContext(board, options.resourceHref ?? defaultResourceHref(board.id));
  const frames: Markup[] = [];
  const items: Markup[] = [];
  for (const placed of laidOut.values())
    (placed.item.type === 'frame' ? frames : items).push(itemGroup(placed, context));
  const markers = new Markers();
  const connectors: Markup[] = [];
  for (const connector of board.connectors) {
    const from = laidOut.get(connector.startItem.id);
    const to = laidOut.get(connector.endItem.id);
    if (!from || !to) continue;
    const describe = `Connector ${connector.id} from ${describeItem(from, from.item.id)} to ${describeItem(to, to.item.id)}`;
    connectors.push(connectorSvg(connector, routeConnector(connector, from, to), markers, describe));
  }
  const step = gridStep(view);
  const summary = `Board ${board.name}: ${board.items.length} items, ${board.connectors.length} connectors`;
  const empty =
    board.items.length === 0
      ? markup`<text class="empty" x="${view.x + view.width / 2}" y="${view.y + view.height / 2}" text-anchor="middle" dominant-baseline="central" font-size="${view.width / 30}" fill="#80868b" font-family="Arial, Helvetica, sans-serif">This board is empty</text>`
      : '';
  return markup`<svg xmlns="http://www.w3.org/2000/svg" id="board-canvas" class="board-canvas" viewBox="${view.x} ${view.y} ${view.width} ${view.height}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="${summary}"><title>${summary}</title><defs><pattern id="dots" width="${step}" height="${step}" patternUnits="userSpaceOnUse"><circle cx="${step / 2}" cy="${step / 2}" r="${step / 22}" fill="#d3d6db"/></pattern><filter id="shadow" x="-20%" y="-20%" width="140%" height="150%"><feDropShadow dx="0" dy="2" stdDeviation="2.5" flood-color="#000000" flood-opacity="0.16"/></filter>${markers.definitions()}</defs><rect class="canvas-background" x="${view.x - view.width}" y="${view.y - view.height}" width="${view.width * 3}" height="${view.height * 3}" fill="url(#dots)"/>${empty}<g class="frames">${frames}</g><g class="items">${items}</g><g class="connectors">${connectors}</g></svg>`;
}

/** The board as a standalone SVG document: a pure function of the snapshot (and the view). */
export function renderBoardSvg(board: BoardDrawing, options: BoardSvgOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${boardSvg(board, options).toString()}\n`;
}
