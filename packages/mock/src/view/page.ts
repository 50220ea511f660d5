import { itemText, kindName } from './describe.js';
import { layOut, pan, viewAround, zoom, type Box, type LaidOutItem, type ViewBox } from './geometry.js';
import { formatNumber, Markup, markup } from './markup.js';
import type { BoardDrawing, TagSnapshot } from './snapshot.js';
import { boardSvg, contentBounds, describeItem, type BoardSvgOptions } from './svg.js';
import { contentText } from './text.js';

export type BoardPageOptions = BoardSvgOptions;

// Trusted constant text: a <style> element does not decode entities, so it must not be escaped.
const STYLE = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; }
body { font: 14px/1.45 Arial, "Liberation Sans", Helvetica, sans-serif; color: #1a1a1a; background: #f2f3f5; }
header { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #fff; border-bottom: 1px solid #e1e3e6; }
header h1 { font-size: 1.15rem; margin: 0; }
header p { margin: 0; color: #5f6369; }
.badge { margin-left: auto; font-size: .8rem; color: #5f6369; background: #f2f3f5; border-radius: 999px; padding: .15rem .6rem; white-space: nowrap; }
.stage { position: relative; height: calc(100vh - 3.2rem); min-height: 20rem; }
.board-canvas { display: block; width: 100%; height: 100%; background: #f6f7f9; }
nav.view { position: absolute; right: 1rem; bottom: 1rem; display: flex; gap: .25rem; background: #fff; border-radius: 8px; padding: .3rem; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
nav.view a { display: inline-block; min-width: 2rem; text-align: center; padding: .2rem .45rem; border-radius: 6px; color: #1a1a1a; text-decoration: none; font-weight: 600; }
nav.view a:hover, nav.view a:focus { background: #e8ecff; outline: none; }
section.list { padding: 1rem; background: #fff; border-top: 1px solid #e1e3e6; }
section.list h2 { font-size: 1rem; margin: 1rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; font-size: .85rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #eceef1; vertical-align: top; }
td.text { max-width: 32rem; white-space: pre-wrap; overflow-wrap: anywhere; }
code { font-size: .8rem; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 50%; vertical-align: -1px; margin-right: .3rem; }
`;

/** Response headers for the view's pages: no script may run, and nothing is loaded from elsewhere. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function page(title: string, body: Markup): string {
  return markup`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
${body}
</body>
</html>
`.toString();
}

export function viewParam(view: ViewBox): string {
  return [view.x, view.y, view.width, view.height].map(formatNumber).join(',');
}

/** Parses `?view=x,y,width,height`; a message naming what is wrong otherwise. */
export function parseView(text: string): ViewBox | string {
  const parts = text.split(',').map((p) => p.trim());
  const numbers = parts.map(Number);
  if (parts.length !== 4 || parts.some((p) => p === '') || numbers.some((v) => !Number.isFinite(v))) {
    return `view must be four numbers "x,y,width,height" (the SVG viewBox), got ${JSON.stringify(text)}`;
  }
  const [x, y, width, height] = numbers as [number, number, number, number];
  if (width <= 0 || height <= 0) return `view width and height must be greater than 0, got ${JSON.stringify(text)}`;
  return { x, y, width, height };
}

/** A view that shows an item with some of its surroundings. */
export function focusView(box: Box): ViewBox {
  return viewAround({ x: box.x - box.width, y: box.y - box.height, width: box.width * 3, height: box.height * 3 });
}

function viewControls(view: ViewBox): Markup {
  const link = (target: ViewBox, label: string, text: string) =>
    markup`<a href="?view=${viewParam(target)}" aria-label="${label}" title="${label}">${text}</a>`;
  return markup`<nav class="view" aria-label="Pan and zoom">${link(zoom(view, 1.6), 'Zoom in', '+')}${link(zoom(view, 1 / 1.6), 'Zoom out', '−')}<a href="?" aria-label="Fit the board" title="Fit the board">Fit</a>${link(pan(view, -0.4, 0), 'Pan left', '←')}${link(pan(view, 0, -0.4), 'Pan up', '↑')}${link(pan(view, 0, 0.4), 'Pan down', '↓')}${link(pan(view, 0.4, 0), 'Pan right', '→')}</nav>`;
}

function tagNames(ids: readonly string[], tags: ReadonlyMap<string, TagSnapshot>): string {
  return ids.map((id) => tags.get(id)?.title ?? id).join(', ');
}

function itemRow(
  placed: LaidOutItem,
  laidOut: ReadonlyMap<string, LaidOutItem>,
  tags: ReadonlyMap<string, TagSnapshot>,
): Markup {
  const { item } = placed;
  const parent = item.parentId ? laidOut.get(item.parentId) : undefined;
  const where = parent
    ? `${formatNumber(item.position.x)}, ${formatNumber(item.position.y)} from the top-left of frame ${item.parentId}`
    : `${formatNumber(item.position.x)}, ${formatNumber(item.position.y)}`;
  return markup`<tr id="row-${item.id}" data-item-id="${item.id}"><td>${kindName(item)}</td><td><a href="?focus=${encodeURIComponent(item.id)}"><code>${item.id}</code></a></td><td class="text">${itemText(item)}</td><td>${where}</td><td>${formatNumber(placed.box.width)} × ${formatNumber(placed.box.height)}</td><td>${tagNames(item.tagIds, tags)}</td></tr>`;
}

function lists(board: BoardDrawing, laidOut: ReadonlyMap<string, LaidOutItem>): Markup {
  const tags = new Map(board.tags.map((t) => [t.id, t]));
  const connectorRows = board.connectors.map((c) => {
    const captions = c.captions.map((caption) => contentText(caption.content)).filter((t) => t !== '');
    return markup`<tr id="row-${c.id}" data-connector-id="${c.id}"><td><code>${c.id}</code></td><td>${describeItem(laidOut.get(c.startItem.id), c.startItem.id)}</td><td>${describeItem(laidOut.get(c.endItem.id), c.endItem.id)}</td><td>${c.shape}</td><td class="text">${captions.join(' · ')}</td></tr>`;
  });
  const tagRows = board.tags.map((tag) => {
    const count = board.items.filter((i) => i.tagIds.includes(tag.id)).length;
    return markup`<tr id="row-${tag.id}" data-tag-id="${tag.id}"><td><code>${tag.id}</code></td><td>${tag.title}</td><td>${tag.fillColor}</td><td>${count}</td></tr>`;
  });
  return markup`<section class="list" aria-label="Board contents">
<h2 id="items-heading">Items (${board.items.length})</h2>
${
  board.items.length === 0
    ? markup`<p>No items yet.</p>`
    : markup`<table id="items" aria-labelledby="items-heading"><thead><tr><th scope="col">Type</th><th scope="col">ID</th><th scope="col">Text</th><th scope="col">Position (centre)</th><th scope="col">Size</th><th scope="col">Tags</th></tr></thead><tbody>${[...laidOut.values()].map((placed) => itemRow(placed, laidOut, tags))}</tbody></table>`
}
${
  board.connectors.length === 0
    ? ''
    : markup`<h2 id="connectors-heading">Connectors (${board.connectors.length})</h2><table id="connectors" aria-labelledby="connectors-heading"><thead><tr><th scope="col">ID</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Shape</th><th scope="col">Captions</th></tr></thead><tbody>${connectorRows}</tbody></table>`
}
${
  board.tags.length === 0
    ? ''
    : markup`<h2 id="tags-heading">Tags (${board.tags.length})</h2><table id="tags" aria-labelledby="tags-heading"><thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Colour</th><th scope="col">Items</th></tr></thead><tbody>${tagRows}</tbody></table>`
}
</section>`;
}

/**
 * The board view: the board drawn as SVG (pan and zoom by links that set its viewBox, no script),
 * and the same content as tables, with every id, for screen readers and for finding an item.
 */
export function renderBoardPage(board: BoardDrawing, options: BoardPageOptions = {}): string {
  const laidOut = layOut(board);
  const view = options.view ?? viewAround(contentBounds(laidOut));
  const summary = `${board.items.length} items · ${board.connectors.length} connectors · ${board.tags.length} tags`;
  return page(
    `${board.name} · simulated Miro board`,
    markup`<header><h1 id="board-name">${board.name}</h1>${board.description ? markup`<p id="board-description">${board.description}</p>` : ''}<p id="board-summary">${summary}</p><span class="badge">Simulated by @miro/mock · read-only</span></header>
<main>
<div class="stage">${boardSvg(board, { ...options, view })}${viewControls(view)}</div>
${lists(board, laidOut)}
</main>`,
  );
}

/** A page saying what was wrong with a board view request, and which boards there are. */
export function renderViewErrorPage(
  title: string,
  message: string,
  boards: readonly { readonly id: string; readonly name: string }[],
): string {
  const shown = boards.slice(0, 50);
  return page(
    `${title} · simulated Miro`,
    markup`<header><h1>${title}</h1><span class="badge">Simulated by @miro/mock</span></header>
<main><section class="list"><p id="error">${message}</p>
${
  boards.length === 0
    ? markup`<p>The simulation has no boards yet.</p>`
    : markup`<h2>Boards in this simulation (${boards.length})</h2><ul id="boards">${shown.map(
        (b) => markup`<li><a href="/app/board/${encodeURIComponent(b.id)}">${b.name}</a> <code>${b.id}</code></li>`,
      )}</ul>${boards.length > shown.length ? markup`<p>and ${boards.length - shown.length} more.</p>` : ''}`
}
</section></main>`,
  );
}
