import { MiroApi } from '@miro/api';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../server/server.js';
import { clientOnSimulation } from '../sim/test-helpers.js';

function simulated() {
  const { sim, api } = clientOnSimulation();
  const open = async (url: string) => {
    const response = await sim.handle(new Request(url));
    return { response, document: parseHTML(await response.text()).document };
  };
  return { sim, api, open };
}

describe('GET /app/board/{id}', () => {
  it('serves the page the board JSON’s viewLink names, without a token, as a page that runs no script', async () => {
    const { api, open } = simulated();
    const board = await api.createBoard({ name: 'Plans' });
    const note = await api.createStickyNoteItem(board.id, { data: { content: 'Hello' } });
    expect(board.viewLink).toBe(`https://miro.com/app/board/${board.id}`);

    const { response, document } = await open(board.viewLink ?? '');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(document.querySelector('#board-name')?.textContent).toBe('Plans');
    expect(document.querySelector(`g[data-item-id="${note.id}"] .content`)?.textContent).toBe('Hello');
    expect(document.querySelector(`#row-${note.id}`)?.textContent).toContain(note.id);
    // Miro's links may end in a slash.
    expect((await open(`${board.viewLink}/`)).response.status).toBe(200);
  });

  it('answers an unknown board with a 404 page that names it and lists the boards there are', async () => {
    const { api, open } = simulated();
    const board = await api.createBoard({ name: 'Only board' });
    const { response, document } = await open('https://miro.com/app/board/uXjVnope000=');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(document.querySelector('#error')?.textContent).toBe('There is no board uXjVnope000= in this simulation.');
    const link = document.querySelector('#boards a');
    expect(link?.textContent).toBe('Only board');
    expect(link?.getAttribute('href')).toBe(`/app/board/${encodeURIComponent(board.id)}`);
  });

  it('pans and zooms by the viewBox: ?view= sets it, the controls link to moved and scaled ones, ?focus= centres an item', async () => {
    const { api, open } = simulated();
    const board = await api.createBoard({ name: 'Pan' });
    const note = await api.createStickyNoteItem(board.id, { position: { x: 1000, y: 500 } });
    const viewBox = (doc: Document) => doc.querySelector('svg')?.getAttribute('viewBox');

    const { document } = await open(`${board.viewLink}?view=0,0,800,600`);
    expect(viewBox(document)).toBe('0 0 800 600');
    const control = (label: string) =>
      document.querySelector(`nav.view a[aria-label="${label}"]`)?.getAttribute('href');
    expect(control('Zoom in')).toBe('?view=150,112.5,500,375');
    expect(control('Zoom out')).toBe('?view=-240,-180,1280,960');
    expect(control('Pan right')).toBe('?view=320,0,800,600');
    expect(control('Pan up')).toBe('?view=0,-240,800,600');
    expect(control('Fit the board')).toBe('?');

    const focused = await open(`${board.viewLink}?focus=${note.id}`);
    const [x, y, width, height] = (viewBox(focused.document) ?? '').split(' ').map(Number) as number[];
    expect((x ?? 0) + (width ?? 0) / 2).toBeCloseTo(1000);
    expect((y ?? 0) + (height ?? 0) / 2).toBeCloseTo(500);
    expect(width).toBeLessThan(1000);

    const bad = await open(`${board.viewLink}?view=1,2,abc`);
    expect(bad.response.status).toBe(400);
    expect(bad.document.querySelector('#error')?.textContent).toBe(
      'view must be four numbers "x,y,width,height" (the SVG viewBox), got "1,2,abc"',
    );
    const zero = await open(`${board.viewLink}?view=0,0,0,10`);
    expect(zero.response.status).toBe(400);
    const missing = await open(`${board.viewLink}?focus=123`);
    expect(missing.response.status).toBe(404);
    expect(missing.document.querySelector('#error')?.textContent).toBe(`Board ${board.id} has no item 123.`);
  });

  it('serves an uploaded image to the page, sandboxed, and nothing of another board', async () => {
    const { api, sim } = simulated();
    const board = await api.createBoard({ name: 'Pictures' });
    const other = await api.createBoard({ name: 'Other' });
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3]);
    const image = await api.createImageItemUsingLocalFile(board.id, {
      resource: { data: bytes, filename: 'p.png', contentType: 'image/png' },
    });
    const resourceId = /resources\/images\/(\d+)/.exec(image.data?.imageUrl ?? '')?.[1];
    const path = (boardId: string) =>
      `https://miro.com/app/board/${encodeURIComponent(boardId)}/resources/images/${resourceId}`;

    const served = await sim.handle(new Request(path(board.id)));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(bytes);
    expect((await sim.handle(new Request(path(other.id)))).status).toBe(404);
  });

  it('is where the mock server’s boards link to, over HTTP', async () => {
    const server = await startMockServer({ port: 0 });
    try {
      const api = new MiroApi({ accessToken: server.simulation.issueToken().accessToken, baseUrl: server.url });
      const board = await api.createBoard({ name: 'Served' });
      expect(board.viewLink).toBe(`${server.url}/app/board/${board.id}`);
      const response = await fetch(board.viewLink ?? '');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<h1 id="board-name">Served</h1>');
    } finally {
      await server.close();
    }
  });
});
