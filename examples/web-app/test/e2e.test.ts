// The whole flow in a real browser: Debian's Chromium driven by playwright-core (no downloaded
// browser), against the demo wiring (mock + app, in this process, on free ports).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function screenshot(name: string): Promise<void> {
  step += 1;
  await page.screenshot({ path: join(SCREENSHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
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
