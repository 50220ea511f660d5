import type { MiroApi } from '@miro/api';
import { DOMParser, parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { ITEM_TYPES } from '../sim/store.js';
import { clientOnSimulation } from '../sim/test-helpers.js';
import { renderBoardPage } from './page.js';
import type { BoardDrawing } from './snapshot.js';
import { renderBoardSvg } from './svg.js';

const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13]);

/** A board with one item or more of every kind the simulation has, connectors and tags. */
async function boardOfEveryKind(api: MiroApi) {
  const board = await api.createBoard({ name: 'Retro', description: 'every kind' });
  const b = board.id;
  // An 800 x 500 frame centred at (0, 0): its top-left corner is (-400, -250).
  const frame = await api.createFrameItem(b, {
    data: { title: 'Went well' },
    position: { x: 0, y: 0 },
    geometry: { width: 800, height: 500 },
  });
  const inFrame = await api.createStickyNoteItem(b, {
    data: { content: '<p>Ship &amp; go</p><p>Line two</p>' },
    style: { fillColor: 'light_pink' },
    position: { x: 100, y: 120 },
    parent: { id: frame.id },
  });
  const beside = await api.createStickyNoteItem(b, {
    data: { content: 'Beside it' },
    style: { fillColor: 'light_green' },
    position: { x: 400, y: 120 },
    parent: { id: frame.id },
  });
  const circle = await api.createShapeItem(b, {
    data: { shape: 'circle', content: 'Round' },
    style: { fillColor: '#e6f4ff', borderColor: '#1a1a1a' },
    position: { x: 600, y: 0 },
    geometry: { width: 120, height: 80, rotation: 30 },
  });
  const text = await api.createTextItem(b, {
    data: { content: 'A heading' },
    style: { color: '#4262ff', fontSize: '24' },
    position: { x: -700, y: -300 },
    geometry: { width: 300 },
  });
  const card = await api.createCardItem(b, {
    data: { title: 'Write notes', description: 'for the release', dueDate: '2026-05-01T00:00:00Z' },
    style: { cardTheme: '#f24726' },
    position: { x: -700, y: 0 },
  });
  const appCard = await api.createAppCardItem(b, {
    data: { title: 'Build 482', status: 'connected', fields: [{ value: 'main', fillColor: '#e6f4ff' }] },
    style: { fillColor: '#4262ff' },
    position: { x: -700, y: 200 },
  });
  const uploaded = await api.createImageItemUsingLocalFile(b, {
    resource: { data: PNG, filename: 'photo.png', contentType: 'image/png' },
    data: { title: 'Photo', position: { x: 900, y: -300 }, geometry: { width: 200 } },
  });
  const linked = await api.createImageItemUsingUrl(b, {
    data: { url: 'https://example.com/diagram.png', title: 'Diagram' },
    position: { x: 900, y: 0 },
    geometry: { width: 240 },
  });
  const document = await api.createDocumentItemUsingUrl(b, {
    data: { url: 'https://example.com/plan.pdf', title: 'Plan.pdf' },
    position: { x: 900, y: 300 },
  });
  const embed = await api.createEmbedItem(b, {
    data: { url: 'https://www.youtube.com/watch?v=abc', mode: 'inline' },
    position: { x: 1300, y: 0 },
  });
  const connector = await api.createConnector(b, {
    startItem: { id: inFrame.id },
    endItem: { id: beside.id },
    shape: 'straight',
    style: { strokeColor: '#4262ff' },
    captions: [{ content: 'leads to' }],
  });
  const elbow = await api.createConnector(b, {
    startItem: { id: card.id, snapTo: 'bottom' },
    endItem: { id: appCard.id, snapTo: 'top' },
    shape: 'elbowed',
  });
  const done = await api.createTag(b, { title: 'done', fillColor: 'green' });
  await api.attachTagToItem(b, inFrame.id, { tagId: done.id });
  await api.attachTagToItem(b, card.id, { tagId: done.id });
  return {
    board,
    frame,
    inFrame,
    beside,
    circle,
    text,
    card,
    appCard,
    uploaded,
    linked,
    document,
    embed,
    connector,
    elbow,
    done,
  };
}

function svgOf(snapshot: BoardDrawing) {
  return new DOMParser().parseFromString(renderBoardSvg(snapshot), 'image/svg+xml');
}

function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`missing ${what}`);
  return value;
}

describe('the board view', () => {
  it('draws every kind of item at its place and size, in its colours, with its text, tags and connectors', async () => {
    const { sim, api } = clientOnSimulation();
    const made = await boardOfEveryKind(api);
    const doc = svgOf(must(sim.state.board(made.board.id), 'board'));
    const group = (id: string) => must(doc.querySelector(`[data-item-id="${id}"]`), `item ${id}`);

    const types = [...doc.querySelectorAll('g.item')].map((g) => g.getAttribute('data-type'));
    expect(new Set(types)).toEqual(new Set(ITEM_TYPES));

    // Inside the frame, positions are relative to its top-left corner (-400, -250), as in Miro.
    const sticky = group(made.inFrame.id);
    expect([sticky.getAttribute('data-x'), sticky.getAttribute('data-y')]).toEqual(['-300', '-130']);
    const stickyBody = must(sticky.querySelector('rect.body'), 'sticky body');
    expect(stickyBody.getAttribute('x')).toBe('-399.5'); // centre -300, default width 199
    expect(stickyBody.getAttribute('width')).toBe('199');
    expect(stickyBody.getAttribute('fill')).toBe('#ffcee0'); // Miro's light_pink
    // Miro's <p> paragraphs are lines (wrapped to the note), its entities characters.
    const lines = [...sticky.querySelectorAll('.content tspan')].map((t) => t.textContent ?? '');
    expect(lines.join(' ')).toBe('Ship & go Line two');
    expect(lines.some((line) => line.includes('go') && line.includes('Line'))).toBe(false);
    const tag = must(sticky.querySelector('g.tag'), 'tag');
    expect(tag.getAttribute('data-tag-id')).toBe(made.done.id);
    expect(tag.textContent).toBe('done');
    expect(tag.querySelector('rect')?.getAttribute('fill')).toBe('#8fd14f');
    expect(group(made.beside.id).querySelector('rect.body')?.getAttribute('fill')).toBe('#d5f692');

    const frame = group(made.frame.id);
    expect(frame.querySelector('rect.body')?.getAttribute('x')).toBe('-400');
    expect(frame.querySelector('rect.body')?.getAttribute('height')).toBe('500');
    expect(frame.querySelector('.frame-title')?.textContent).toBe('Went well');

    const circle = group(made.circle.id);
    expect(circle.getAttribute('transform')).toBe('rotate(30 600 0)');
    const outline = must(circle.querySelector('path.body'), 'circle outline');
    expect(outline.getAttribute('d')).toMatch(/^M540 0 A60 40 /); // an ellipse filling 120 x 80
    expect(outline.getAttribute('fill')).toBe('#e6f4ff');
    expect(circle.querySelector('.content')?.textContent).toBe('Round');

    const text = group(made.text.id).querySelector('.content');
    expect(text?.getAttribute('fill')).toBe('#4262ff');
    expect(text?.getAttribute('font-size')).toBe('24');
    expect(text?.textContent).toBe('A heading');

    const card = group(made.card.id);
    expect(card.querySelector('rect.theme')?.getAttribute('fill')).toBe('#f24726');
    expect(card.querySelector('.title')?.textContent).toBe('Write notes');
    expect(card.querySelector('.meta')?.textContent).toBe('Due 2026-05-01');
    expect(card.querySelector('g.tag')?.textContent).toBe('done');
    const appCard = group(made.appCard.id);
    expect(appCard.querySelector('rect.accent')?.getAttribute('fill')).toBe('#4262ff');
    expect(appCard.querySelector('circle.status')?.getAttribute('data-status')).toBe('connected');
    expect(appCard.querySelector('g.field')?.textContent).toBe('main');

    const picture = must(group(made.uploaded.id).querySelector('image'), 'uploaded picture');
    const resourceId = /resources\/images\/(\d+)/.exec(made.uploaded.data?.imageUrl ?? '')?.[1];
    expect(picture.getAttribute('href')).toBe(
      `/app/board/${encodeURIComponent(made.board.id)}/resources/images/${resourceId}`,
    );
    const linked = group(made.linked.id);
    expect(linked.querySelector('image')).toBeNull(); // not fetched from elsewhere: a placeholder
    expect(linked.querySelector('rect.placeholder')).not.toBeNull();
    expect(linked.querySelector('.label')?.textContent).toBe('Diagram');
    expect(group(made.document.id).querySelector('.badge + text')?.textContent).toBe('PDF');
    expect(group(made.embed.id).querySelector('.label')?.textContent).toBe('www.youtube.com');

    // The straight connector runs from the right edge of one note to the left edge of the other.
    const connector = must(doc.querySelector(`[data-connector-id="${made.connector.id}"]`), 'connector');
    expect(connector.getAttribute('data-start')).toBe('-200.5,-130'); // -300 + 199 / 2
    expect(connector.getAttribute('data-end')).toBe('-99.5,-130'); // 0 - 199 / 2
    const line = must(connector.querySelector('path'), 'connector path');
    expect(line.getAttribute('d')).toBe('M-200.5 -130 L-99.5 -130');
    expect(line.getAttribute('stroke')).toBe('#4262ff');
    expect(line.getAttribute('marker-end')).toMatch(/^url\(#marker-\d+\)$/);
    expect(connector.querySelector('.caption')?.textContent).toBe('leads to');
    expect(Number(connector.querySelector('.caption tspan')?.getAttribute('x'))).toBe(-150); // halfway
    // Snapped ends: from the bottom of the card (320 x 94 at -700, 0) to the top of the app card (at -700, 200).
    const elbow = must(doc.querySelector(`[data-connector-id="${made.elbow.id}"]`), 'elbow');
    expect([elbow.getAttribute('data-start'), elbow.getAttribute('data-end')]).toEqual(['-700,47', '-700,153']);
  });

  it('shows user content as text: a sticky note of <script> stays characters, never an element', async () => {
    const { sim, api } = clientOnSimulation();
    const board = await api.createBoard({ name: '<img src=x onerror=alert(1)>' });
    const payload = '<script>alert("x")</script>';
    const note = await api.createStickyNoteItem(board.id, { data: { content: payload } });
    const tag = await api.createTag(board.id, { title: '"><i>t</i>' });
    await api.attachTagToItem(board.id, note.id, { tagId: tag.id });
    await api.createShapeItem(board.id, {
      data: { content: '<a href="javascript:alert(1)">link</a>' },
      style: { fillColor: 'red;x' },
    });

    const html = renderBoardPage(must(sim.state.board(board.id), 'board'));
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelectorAll('img')).toHaveLength(0);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(document.querySelector('#board-name')?.textContent).toBe('<img src=x onerror=alert(1)>');
    const drawn = must(document.querySelector(`g[data-item-id="${note.id}"] .content`), 'note text');
    expect(drawn.textContent).toBe(payload);
    expect(document.querySelector(`#row-${note.id} td.text`)?.textContent).toBe(payload);
    expect(document.querySelector(`g[data-item-id="${note.id}"] g.tag text`)?.textContent).toBe('"><i>t</i>');
    // Miro's own formatting tags are formatting, not text; a colour that is not one is not used.
    expect(html).not.toContain('javascript:');
    expect(document.querySelector('g.shape path.body')?.getAttribute('fill')).toBe('#ffffff');
  });

  it('is a pure function of the snapshot: the same board renders to the same bytes, also built by hand', () => {
    const snapshot: BoardDrawing = {
      id: 'uXjVhand0000=',
      name: 'By hand',
      description: '',
      items: [
        {
          id: '1',
          type: 'sticky_note',
          data: { content: 'Hi' },
          style: { fillColor: 'yellow' },
          position: { x: 10, y: 20 },
          geometry: { width: 100, height: 100 },
          tagIds: [],
        },
      ],
      connectors: [],
      tags: [],
      resources: [],
    };
    const svg = renderBoardSvg(snapshot);
    expect(renderBoardSvg(structuredClone(snapshot))).toBe(svg);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.querySelector('[data-item-id="1"] rect.body')?.getAttribute('fill')).toBe('#f5d128');
    expect(doc.querySelector('svg')?.getAttribute('viewBox')).toBe('-190 -130 400 300'); // the note's box, 80 of margin, at least 400 x 300
    expect(renderBoardSvg(snapshot, { view: { x: 0, y: 0, width: 50, height: 40 } })).toContain('viewBox="0 0 50 40"');
  });

  it('fits a large board: every item drawn and listed, the default view around all of them', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      id: String(i + 1),
      type: 'sticky_note' as const,
      data: { content: `Note ${i}` },
      style: {},
      position: { x: (i % 60) * 250, y: Math.floor(i / 60) * 250 },
      geometry: { width: 199, height: 228 },
      tagIds: [],
    }));
    const html = renderBoardPage({
      id: 'uXjVlarge000=',
      name: 'Large',
      description: '',
      items,
      connectors: [],
      tags: [],
      resources: [],
    });
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('g.item')).toHaveLength(3000);
    expect(document.querySelectorAll('#items tbody tr')).toHaveLength(3000);
    const [x, y, width, height] = must(document.querySelector('svg')?.getAttribute('viewBox'), 'viewBox')
      .split(' ')
      .map(Number) as [number, number, number, number];
    expect(x).toBeLessThanOrEqual(-99.5);
    expect(y).toBeLessThanOrEqual(-114);
    expect(x + width).toBeGreaterThanOrEqual(59 * 250 + 99.5);
    expect(y + height).toBeGreaterThanOrEqual(49 * 250 + 114);
  });
});
