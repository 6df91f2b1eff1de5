/**
 * Firefox ESR with the built Firefox MV3 extension, driven over WebDriver BiDi (puppeteer-core; Playwright
 * cannot load extensions into stock Firefox). The same fixture pages and expectations as the Chromium
 * tests: highlights painted in a Firefox content script, the card on hover and on a click, highlights a page
 * clears painted again, nothing on the negative page.
 *
 * Run by `npm test` (step "firefox"), which builds it; alone: `npx wxt build -b firefox --mv3 --mode e2e && npm run test:firefox`.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { serve, type Served } from '../../src/cli/serve';
import { HIGHLIGHT_PREFIX, MENTION_CLASSES, NEWS_JA, SETTLE_MS, WIRE_EN, type Painted } from '../support/expected';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The e2e build: its card's shadow root is open to the tests (src/page/e2e-hook.ts). */
const EXTENSION_DIR = join(ROOT, '.output/firefox-mv3-e2e');
const PAGES_DIR = join(ROOT, 'tests/fixtures/pages');
const FIREFOX_CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean) as string[];
/** How long a page with nothing for us is watched before concluding nothing was painted. */
const QUIET_MS = 3000;

let browser: Browser;
let server: Served;
let extensionId: string;

async function painted(page: Page): Promise<Painted> {
  const all = await page.evaluate((prefix: string) => {
    const out: Record<string, string[]> = {};
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith(`${prefix}-`)) continue;
      out[name.slice(prefix.length + 1)] = [...(highlight as unknown as Iterable<Range>)].map((r) => r.toString()).sort();
    }
    return out;
  }, HIGHLIGHT_PREFIX);
  const out: Painted = {};
  for (const c of MENTION_CLASSES) if (all[c]?.length) out[c] = all[c];
  return out;
}

const sortedPainted = (p: Painted): Painted => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, [...v].sort()]));

async function openPage(file: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(new URL(file, server.url).href);
  return page;
}

/** The first range of a mention class scrolled to the middle, and a point on its first line box. */
function firstRangePoint(page: Page, cls: string): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate((name: string) => {
    for (const range of CSS.highlights.get(name) as unknown as Iterable<Range>) {
      range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + Math.min(6, rect.width / 2), y: rect.top + rect.height / 2 };
    }
    return undefined;
  }, `${HIGHLIGHT_PREFIX}-${cls}`);
}

async function waitForPainted(page: Page, expected: Painted): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  let last: Painted = {};
  while (Date.now() < deadline) {
    last = await painted(page);
    if (JSON.stringify(sortedPainted(last)) === JSON.stringify(sortedPainted(expected))) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  assert.deepEqual(sortedPainted(last), sortedPainted(expected));
}

describe('Firefox ESR with the extension', () => {
  before(async () => {
    const executablePath = FIREFOX_CANDIDATES.find((p) => existsSync(p));
    if (!executablePath) throw new Error('No Firefox found: apt-get install firefox-esr, or set FIREFOX_PATH.');
    if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No Firefox e2e build in ${EXTENSION_DIR}: run npx wxt build -b firefox --mv3 --mode e2e.`);
    server = await serve({ root: PAGES_DIR });
    browser = await puppeteer.launch({ browser: 'firefox', executablePath, protocol: 'webDriverBiDi', headless: true });
    extensionId = await browser.installExtension(EXTENSION_DIR);
  });

  after(async () => {
    if (browser && extensionId) await browser.uninstallExtension(extensionId).catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  test('wire-en: every mention painted under its class in a Firefox content script', async () => {
    const page = await openPage('wire-en.html');
    await waitForPainted(page, WIRE_EN);
    await page.close();
  });

  test('news-ja: the Japanese figures, the yen conversion and both remarks', async () => {
    const page = await openPage('news-ja.html');
    await waitForPainted(page, NEWS_JA);
    await page.close();
  });

  test('hovering the "$1.27 trillion" Treasuries figure opens the card: the reserves confusion', async () => {
    const page = await openPage('wire-en.html');
    await waitForPainted(page, WIRE_EN);
    const point = await firstRangePoint(page, 'disputed');
    assert.ok(point, 'the disputed figure has a range on screen');
    await page.mouse.move(point.x, point.y);
    await page.waitForFunction(() => Boolean(document.querySelector('[data-treasury-lens-card]')?.shadowRoot?.querySelector('[data-part="card"]')), {
      timeout: SETTLE_MS,
    });
    const card = await page.evaluate(() => {
      const root = document.querySelector('[data-treasury-lens-card]')!.shadowRoot!;
      return {
        status: root.querySelector('[data-part="card"]')?.getAttribute('data-status'),
        verdict: root.querySelector('[data-part="verdict"]')?.textContent ?? '',
        sources: [...root.querySelectorAll('[data-part="sources"] a[href]')].map((a) => (a as HTMLAnchorElement).href),
      };
    });
    assert.equal(card.status, 'confusion');
    assert.match(card.verdict, /reserves/i);
    assert.ok(card.sources.length > 0 && card.sources.every((h) => /^https?:/.test(h)));
    await page.close();
  });

  test('a click on a figure opens its card at once; Escape closes it', async () => {
    const page = await openPage('wire-en.html');
    await waitForPainted(page, WIRE_EN);
    const point = await firstRangePoint(page, 'consistent');
    assert.ok(point, 'the consistent figure has a range on screen');
    await page.mouse.click(point.x, point.y);
    const open = () => Boolean(document.querySelector('[data-treasury-lens-card]')?.shadowRoot?.querySelector('[data-part="card"]'));
    await page.waitForFunction(open, { timeout: 2_000 });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-treasury-lens-card]')?.shadowRoot?.querySelector('[data-part="card"]'), { timeout: SETTLE_MS });
    await page.close();
  });

  test('a page that clears CSS.highlights gets our highlights back', async () => {
    const page = await openPage('wire-en.html');
    await waitForPainted(page, WIRE_EN);
    await page.evaluate(() => CSS.highlights.clear());
    assert.deepEqual(await painted(page), {});
    await waitForPainted(page, WIRE_EN);
    await page.close();
  });

  test('the popup\'s "Change keyboard shortcuts" opens Firefox\'s Manage Extension Shortcuts (about:addons)', async () => {
    // BiDi may not navigate to an extension page, but one of ours may: the welcome tab opened on install.
    const ours = async () => {
      for (const p of await browser.pages()) if (String(await p.evaluate(() => location.href).catch(() => '')).startsWith('moz-extension:')) return p;
      return undefined;
    };
    const deadline = Date.now() + SETTLE_MS;
    let page = await ours();
    while (!page && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
      page = await ours();
    }
    assert.ok(page, 'the welcome page is open');
    await page.evaluate(() => {
      location.href = '/popup.html';
    });
    await page.waitForFunction(() => location.pathname === '/popup.html' && document.documentElement.dataset.ready === '1', { timeout: SETTLE_MS });
    await page.click('#change-shortcuts');
    const addons = async () => (await browser.pages()).some((p) => p.url() === 'about:addons');
    while (!(await addons()) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 200));
    assert.ok(await addons(), 'about:addons is open');
    // It opened, so the popup does not also tell the reader where to look.
    assert.equal(await page.evaluate(() => (document.querySelector('#shortcuts-where') as HTMLElement).hidden), true);
    await page.close();
  });

  for (const [file, how] of [
    ['shadow-open.html', 'an open shadow root attached by a script'],
    ['shadow-declarative.html', 'a declarative shadow root'],
  ] as const) {
    test(`an article in ${how}: found, and painted with the shadow root's own style sheet (Firefox styles a shadow tree's text by its own rules only)`, async () => {
      const page = await openPage(file);
      await waitForPainted(page, WIRE_EN);
      const clip = await page.evaluate((name: string) => {
        for (const range of CSS.highlights.get(name) as unknown as Iterable<Range>) {
          range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
          const r = range.getClientRects()[0]!;
          // Puppeteer's clip is in document coordinates.
          return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height };
        }
        return undefined;
      }, `${HIGHLIGHT_PREFIX}-consistent`);
      assert.ok(clip, 'the consistent figure has a range on screen');
      const painted = await page.screenshot({ clip, encoding: 'base64' });
      await page.evaluate(() => CSS.highlights.clear());
      assert.notEqual(await page.screenshot({ clip, encoding: 'base64' }), painted, 'the highlight shows on screen');
      await page.close();
    });
  }

  test('an article in a same-origin iframe: painted in the frame', async () => {
    const page = await openPage('iframe.html');
    const deadline = Date.now() + SETTLE_MS;
    let frame = page.frames().find((f) => f.url().endsWith('/wire-en.html'));
    while (!frame && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
      frame = page.frames().find((f) => f.url().endsWith('/wire-en.html'));
    }
    assert.ok(frame, 'the frame is there');
    await waitForPainted(frame as unknown as Page, WIRE_EN);
    await page.close();
  });

  test('negative: China, reserves without Treasuries, another Kato — nothing painted', async () => {
    const page = await openPage('negative.html');
    await new Promise((done) => setTimeout(done, QUIET_MS));
    assert.deepEqual(await painted(page), {});
    await page.close();
  });
});
