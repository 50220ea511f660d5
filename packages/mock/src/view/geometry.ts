import { canvasPosition } from '../sim/placement.js';
import type { BoardDrawing, ItemSnapshot } from './snapshot.js';
import { contentText, LINE_HEIGHT, wrapText } from './text.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A rectangle by its top-left corner. */
export interface Box extends Point {
  readonly width: number;
  readonly height: number;
}

/** An item where it is drawn: its box on the canvas (before rotation) and its rotation in degrees. */
export interface LaidOutItem {
  readonly item: ItemSnapshot;
  readonly box: Box;
  readonly center: Point;
  readonly rotation: number;
}

function size(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A text item is as tall as its wrapped lines, as in Miro (its `geometry` sets only the width). */
function textHeight(item: ItemSnapshot, width: number): number {
  const fontSize = size(Number.parseFloat(String(item.style.fontSize)), 14);
  const lines = wrapText(contentText(item.data.content), width, fontSize).length;
  return Math.max(1, lines) * fontSize * LINE_HEIGHT;
}

/**
 * Every item's box on the canvas. Positions are centres; an item in a frame is placed relative to
 * the frame's top-left corner, as Miro does. Linear in the number of items.
 */
export function layOut(board: BoardDrawing): Map<string, LaidOutItem> {
  const byId = new Map(board.items.map((item) => [item.id, item]));
  const laidOut = new Map<string, LaidOutItem>();
  for (const item of board.items) {
    const center = canvasPosition(item, (id) => byId.get(id));
    const width = size(item.geometry.width, 100);
    const height = item.type === 'text' ? textHeight(item, width) : size(item.geometry.height, width);
    const rotation = typeof item.geometry.rotation === 'number' ? item.geometry.rotation : 0;
    laidOut.set(item.id, {
      item,
      center,
      rotation,
      box: { x: center.x - width / 2, y: center.y - height / 2, width, height },
    });
  }
  return laidOut;
}

/** The smallest box around all the boxes, or `undefined` for none. */
export function bounds(boxes: Iterable<Box>): Box | undefined {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  if (minX === Number.POSITIVE_INFINITY) return undefined;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The SVG viewBox: which part of the canvas is shown. */
export type ViewBox = Box;

export const EMPTY_VIEW: ViewBox = { x: -600, y: -400, width: 1200, height: 800 };

/** A view around `box`, with a margin, and never smaller than a few hundred units. */
export function viewAround(box: Box | undefined): ViewBox {
  if (!box) return EMPTY_VIEW;
  const margin = Math.max(80, Math.max(box.width, box.height) * 0.06);
  const width = Math.max(box.width + 2 * margin, 400);
  const height = Math.max(box.height + 2 * margin, 300);
  return {
    x: box.x + box.width / 2 - width / 2,
    y: box.y + box.height / 2 - height / 2,
    width,
    height,
  };
}

export function zoom(view: ViewBox, factor: number): ViewBox {
  const width = view.width / factor;
  const height = view.height / factor;
  return { x: view.x + (view.width - width) / 2, y: view.y + (view.height - height) / 2, width, height };
}

/** Moves the view by fractions of its own size. */
export function pan(view: ViewBox, dx: number, dy: number): ViewBox {
  return { ...view, x: view.x + dx * view.width, y: view.y + dy * view.height };
}
