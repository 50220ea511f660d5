// The whole flow in a real browser: Debian's Chromium driven by playwright-core (no downloaded
// browser), against the demo wiring (mock + app, in this process, on free ports).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MiroApi } from '@miro/api';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../src/demo.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), '..', '.artifacts', 'screenshots');

let demo: Demo;
let browser: Browser;
let page: Page;
let dataDir: string;
let step = 0;

async function screenshot(name: string, of: Page = page, fullPage = true): Promise<void> {
  step += 1;
  await of.screenshot({ path: join(SCREENSHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
}

/**
 * Puts more on the board the app made (as another app of the user would, through the mock's API):
 * a frame with sticky notes in it, a tag, a shape, a card, a text and two connectors around the
 * app's own sticky note.
 */
async function addRetroItems(boardId: string, appNoteId: string): Promise<void> {
  const mock = demo.mock;
  if (!mock) throw new Error('the end-to-end test runs on the mock');
  const api = new MiroApi({ accessToken: mock.simulation.issueToken().accessToken, baseUrl: mock.url });
  // A 1000 x 560 frame centred at (350, 0): children are placed from its top-left corner (-150, -280).
  const frame = await api.createFrameItem(boardId, {
    data: { title: 'Sprint 14 retro' },
    position: { x: 350, y: 0 },
    geometry: { width: 1000, height: 560 },
  });
  const inFrame = (x: number, y: number) => ({ parent: { id: frame.id }, position: { x, y } });
  const pairing = await api.createStickyNoteItem(boardId, {
    data: { content: 'Pairing on the mock saved days' },
    style: { fillColor: 'light_green' },
    ...inFrame(400, 150),
  });
  const flaky = await api.createStickyNoteItem(boardId, {
    data: { content: 'Flaky e2e test' },
    style: { fillColor: 'light_pink' },
    ...inFrame(700, 150),
  });
  const action = await api.createTag(boardId, { title: 'action', fillColor: 'red' });
  await api.attachTagToItem(boardId, flaky.id, { tagId: action.id });
  const fix = await api.createShapeItem(boardId, {
    data: { shape: 'round_rectangle', content: 'Fix it by Friday' },
    style: { fillColor: '#e6f4ff', borderColor: '#4262ff' },
    geometry: { width: 220, height: 110 },
    ...inFrame(700, 430),
  });
  await api.createCardItem(boardId, {
    data: {
      title: 'Write the release notes',
      description: 'Board view and runtime tests',
      dueDate: '2026-05-01T00:00:00Z',
    },
    style: { cardTheme: '#f24726' },
    position: { x: -420, y: 120 },
  });
  await api.createTextItem(boardId, {
    data: { content: 'Team retro' },
    style: { fontSize: '48', color: '#1a1a1a' },
    position: { x: -420, y: -120 },
    geometry: { width: 320 },
  });
  await api.createConnector(boardId, { startItem: { id: appNoteId }, endItem: { id: pairing.id }, shape: 'straight' });
  await api.createConnector(boardId, {
    startItem: { id: flaky.id },
    endItem: { id: fix.id },
    shape: 'elbowed',
    style: { strokeColor: '#4262ff', strokeWidth: '3' },
    captions: [{ content: 'owner: Sam' }],
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does`);
  }
  await rm(SCREENSHOTS, { recursive: true, force: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  dataDir = await mkdtemp(join(tmpdir(), 'web-app-e2e-'));
  demo = await startDemo({ env: { DATA_DIR: dataDir }, port: 0, mockPort: 0, sampleBoards: 12 });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('the web app in Chromium', () => {
  it('connects, approves on the authorize page, pages through boards, creates a board with a sticky note, signs out', async () => {
    const mockUrl = demo.mock?.url ?? '';

    await page.goto(demo.app.url);
    await expect(page.locator('#connect').textContent()).resolves.toBe('Connect to Miro');
    await screenshot('connect');

    await page.click('#connect');
    await page.waitForURL((url) => url.href.startsWith(`${mockUrl}/oauth/authorize`));
    await expect(page.locator('#approve').isVisible()).resolves.toBe(true);
    await screenshot('authorize');

    await page.click('#approve');
    await page.waitForURL(`${demo.app.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your boards');
    await expect(page.locator('#boards tbody tr').count()).resolves.toBe(10);
    await expect(page.locator('#credits').textContent()).resolves.toMatch(
      /[\d,]+ of 100,000 credits left in the current rate-limit window/,
    );
    await expect(page.locator('#prev').count()).resolves.toBe(0);
    await screenshot('boards');

    await page.click('#next');
    await page.waitForURL(`${demo.app.url}/?offset=10`);
    await expect(page.locator('#boards tbody td:first-child').allTextContents()).resolves.toEqual([
      'Sample board 02',
      'Sample board 01',
    ]);
    await expect(page.locator('#next').count()).resolves.toBe(0);
    await screenshot('boards-page-2');

    await page.click('#prev');
    await page.waitForURL(`${demo.app.url}/?offset=0`);
    await expect(page.locator('#boards tbody tr').count()).resolves.toBe(10);

    await page.fill('#board-name', 'Team retro <b>Q3</b>');
    await page.fill('#sticky-text', 'What went well? & what next');
    await screenshot('create-form');
    await page.click('#create');
    await page.waitForURL((url) => url.searchParams.has('created'));
    const created = page.locator('#boards tr.created');
    await expect(created.locator('td').first().textContent()).resolves.toBe('Team retro <b>Q3</b>');
    await expect(page.locator('#boards tbody tr').first().getAttribute('class')).resolves.toBe('created');
    await expect(page.locator('#notice').textContent()).resolves.toBe('Board created with a sticky note.');
    await screenshot('board-created');

    await created.locator('td a').first().click();
    await expect(page.locator('#board-title').textContent()).resolves.toBe('Team retro <b>Q3</b>');
    await expect(page.locator('.sticky').allTextContents()).resolves.toEqual(['What went well? & what next']);
    await screenshot('board');

    expect(demo.mock?.simulation.state.boardIds()).toHaveLength(13);

    // "Open in Miro" opens the board in the simulated Miro: a picture of everything on it.
    const boardId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    const appNoteId = (await page.locator('.sticky').getAttribute('data-item-id')) ?? '';
    await addRetroItems(boardId, appNoteId);
    const [miroPage] = await Promise.all([page.context().waitForEvent('page'), page.click('#open-in-miro')]);
    await miroPage.setViewportSize({ width: 1280, height: 760 });
    await miroPage.waitForLoadState();
    expect(miroPage.url()).toBe(`${mockUrl}/app/board/${boardId}`);
    await expect(miroPage.locator('#board-name').textContent()).resolves.toBe('Team retro <b>Q3</b>');
    await expect(miroPage.locator('g.item').count()).resolves.toBe(7); // the app's sticky note and the six added
    await expect(miroPage.locator('g.connector').count()).resolves.toBe(2);
    const appNote = miroPage.locator(`g[data-item-id="${appNoteId}"]`);
    const noteLines = await appNote.locator('.content tspan').allTextContents(); // one per wrapped line
    expect(noteLines.join(' ')).toBe('What went well? & what next');
    await expect(miroPage.locator('g.tag').textContent()).resolves.toBe('action');
    await expect(miroPage.locator('.caption').textContent()).resolves.toBe('owner: Sam');
    // Every item is drawn inside the window, at a size one can read.
    const viewport = { width: 1280, height: 760 };
    for (const item of await miroPage.locator('g.item').all()) {
      const box = await item.boundingBox();
      expect(box).not.toBeNull();
      if (!box) continue;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    }
    expect((await appNote.boundingBox())?.width).toBeGreaterThan(80);
    await screenshot('miro-board', miroPage, false);
    await miroPage.close();

    await page.click('#signout');
    await page.waitForURL(`${demo.app.url}/?notice=signed-out`);
    await expect(page.locator('#notice').textContent()).resolves.toContain('You have signed out');
    await expect(page.locator('#connect').isVisible()).resolves.toBe(true);
    expect(demo.mock?.simulation.state.counters.revocations).toBe(1);
    await screenshot('signed-out');

    // The old session is gone: the start page asks to connect again.
    await page.goto(demo.app.url);
    await expect(page.locator('#connect').textContent()).resolves.toBe('Connect to Miro');
  });
});
