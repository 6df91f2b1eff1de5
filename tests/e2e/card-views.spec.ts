/**
 * What the reader sees: the compact card beside a figure and a remark, in light and dark, English and
 * Japanese, on a laptop screen and a 390 px phone, then its details. Each view is checked (the card
 * fits its budget, never covers the highlighted line, stays in the viewport, no text under 13 px) and
 * kept as a screenshot in .output/test-results/screenshots. Then the same card in forced colours
 * (Windows high contrast), at 200 % zoom and with a larger default font.
 */
import type { Page } from 'playwright/test';
import { launchWithExtension, type LaunchedExtension } from '../../src/cli/chromium';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { allHighlights, cardPart, cardRoot, expectPainted, NEWS_JA, openDetails, rangeCentre, SETTLE_MS, WIRE_EN, type MentionClass } from './lens';

const SHOTS = '.output/test-results/screenshots';
/**
 * The compact card's budget at the default font size. About 320 × 200 px without the clarification's
 * line; with it (pages about the remarks), and a figure mixed up with another, it takes up to 300.
 */
const COMPACT_MAX = { width: 320, height: 300 };
/** No text in the compact card is smaller than this, px, at the default font size. */
const MIN_TEXT_PX = 13;
/** On a 390 px phone the card takes the screen's width, less its margins. */
const TOUCH_MAX = { width: 374, height: 320 };

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Clicks the mention's hot area and returns the box of the line it clicked. */
async function openByClick(page: Page, cls: MentionClass, text: string): Promise<Box> {
  const point = await rangeCentre(page, cls, text);
  await page.mouse.click(point.x, point.y);
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(page.locator('[data-treasury-lens-card] .floating[data-positioned]')).toHaveCount(1);
  // The line box under the point, from the highlight registry (the page's own DOM is not changed).
  const line = await page.evaluate(
    ({ x, y }) => {
      for (const [, highlight] of CSS.highlights) {
        for (const r of highlight as Iterable<Range>) {
          for (const b of Array.from(r.getClientRects())) if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) return { x: b.left, y: b.top, width: b.width, height: b.height };
        }
      }
      return undefined;
    },
    point,
  );
  expect(line).toBeDefined();
  return line!;
}

/** The smallest computed font size of any text in the compact card, px. */
function smallestText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const compact = document.querySelector('[data-treasury-lens-card]')!.shadowRoot!.querySelector('[data-part="card"]')!;
    let min = Infinity;
    const walker = document.createTreeWalker(compact, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent!.trim() || el.closest('details:not([open]) > :not(summary)') || el.closest('.sr-only')) continue;
      min = Math.min(min, parseFloat(getComputedStyle(el).fontSize));
    }
    return min;
  });
}

async function expectCompactView(page: Page, line: Box, name: string, budget = COMPACT_MAX): Promise<void> {
  const box = (await cardRoot(page).boundingBox())!;
  const viewport = page.viewportSize()!;
  await page.screenshot({ path: `${SHOTS}/card-${name}.png` });
  expect(overlaps(box, line), `${name}: the card covers the highlighted line`).toBe(false);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  expect(box.width, `${name}: width`).toBeLessThanOrEqual(budget.width);
  expect(box.height, `${name}: height`).toBeLessThanOrEqual(budget.height);
  expect(await smallestText(page), `${name}: smallest text`).toBeGreaterThanOrEqual(MIN_TEXT_PX);
  await openDetails(page);
  const open = (await cardRoot(page).boundingBox())!;
  expect(overlaps(open, line), `${name}: the open details cover the highlighted line`).toBe(false);
  expect(open.y + open.height).toBeLessThanOrEqual(viewport.height);
  await page.screenshot({ path: `${SHOTS}/card-${name}-details.png` });
}

const VIEWS = [
  { page: 'wire-en.html', painted: WIRE_EN, cls: 'consistent', text: '$1.13 trillion', name: 'figure-en-light' },
  { page: 'wire-en.html', painted: WIRE_EN, cls: 'remark', text: WIRE_EN.remark![0]!, name: 'remark-en-light' },
  { page: 'wire-en.html', painted: WIRE_EN, cls: 'disputed', text: '$1.27 trillion', name: 'figure-en-dark', dark: true },
  { page: 'wire-en.html', painted: WIRE_EN, cls: 'remark', text: WIRE_EN.remark![1]!, name: 'remark-en-dark', dark: true },
  { page: 'news-ja.html', painted: NEWS_JA, cls: 'consistent', text: '1兆1259億ドル', name: 'figure-ja-light' },
  { page: 'news-ja.html', painted: NEWS_JA, cls: 'remark', text: NEWS_JA.remark![0]!, name: 'remark-ja-light' },
  { page: 'news-ja.html', painted: NEWS_JA, cls: 'remark', text: NEWS_JA.remark![1]!, name: 'remark-ja-dark', dark: true },
] as const;

/** Opens a fixture page, dark if asked: the page's own style sheet turned dark before anything of ours runs. */
async function visit(page: Page, server: { url: string }, view: (typeof VIEWS)[number]): Promise<void> {
  if ('dark' in view) {
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = 'html, body { background: #15171c !important; color: #e6e6e6 !important; } a { color: #9cc3ff !important; }';
        document.head.append(style);
      });
    });
  }
  await page.goto(new URL(view.page, server.url).href);
  await expectPainted(page, view.painted);
}

test.describe('at 1280 × 800', () => {
  for (const view of VIEWS) {
    test(`${view.name}: compact beside the line, then the details`, async ({ page, server }) => {
      await visit(page, server, view);
      const line = await openByClick(page, view.cls, view.text);
      await expect(cardRoot(page)).toHaveAttribute('data-theme', view.name.endsWith('dark') ? 'dark' : 'light');
      await expectCompactView(page, line, `1280-${view.name}`);
    });
  }

  test('forced colours: highlights and the card use the system colours and stay visible', async ({ page, server }) => {
    await page.emulateMedia({ forcedColors: 'active' });
    try {
      await page.goto(new URL('wire-en.html', server.url).href);
      await expectPainted(page, WIRE_EN);
      // The highlight rules have a forced-colours block that the browser applies.
      const rules = await page.evaluate(() => {
        const sheet = (document.querySelector('style[data-treasury-lens-ui]') as HTMLStyleElement).sheet!;
        const media = [...sheet.cssRules].find((r) => r instanceof CSSMediaRule && r.conditionText.includes('forced-colors')) as CSSMediaRule | undefined;
        return { applies: matchMedia('(forced-colors: active)').matches, rules: media ? [...media.cssRules].map((r) => r.cssText) : [] };
      });
      expect(rules.applies).toBe(true);
      expect(rules.rules.some((r) => r.includes('treasury-lens-consistent') && /\bmark\b/i.test(r))).toBe(true);
      const line = await openByClick(page, 'consistent', '$1.13 trillion');
      // The card has a system-coloured border, so it stands apart from the page.
      const border = await cardRoot(page).evaluate((el) => getComputedStyle(el).borderTopStyle);
      expect(border).not.toBe('none');
      await expectCompactView(page, line, 'forced-colors');
    } finally {
      await page.emulateMedia({ forcedColors: 'none' });
    }
  });
});

/** A browser of its own for a view the shared one cannot take (a phone, a zoom level, a font setting). */
async function withBrowser(options: Parameters<typeof launchWithExtension>[0], body: (newPage: () => Promise<Page>) => Promise<void>): Promise<void> {
  const browser: LaunchedExtension = await launchWithExtension(options);
  try {
    await body(() => browser.context.newPage());
  } finally {
    await browser.close();
  }
}

test('at 390 px on a touch screen: the card opens by tap, fits, and leaves the line visible', async ({ server }) => {
  test.setTimeout(90_000);
  await withBrowser({ extensionDir: EXTENSION_DIR, headless: true, touch: true, viewport: { width: 390, height: 844 } }, async (newPage) => {
    for (const view of [VIEWS[0], VIEWS[1], VIEWS[2], VIEWS[5], VIEWS[6]]) {
      const page = await newPage();
      await visit(page, server, view);
      const point = await rangeCentre(page, view.cls, view.text);
      await page.touchscreen.tap(point.x, point.y);
      await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
      await expect(page.locator('[data-treasury-lens-card] .floating[data-positioned]')).toHaveCount(1);
      const line = await page.evaluate(({ x, y }) => {
        for (const [, h] of CSS.highlights) for (const r of h as Iterable<Range>) for (const b of Array.from(r.getClientRects())) if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom) return { x: b.left, y: b.top, width: b.width, height: b.height };
        return undefined;
      }, point);
      await expectCompactView(page, line!, `390-touch-${view.name}`, TOUCH_MAX);
      await page.close();
    }
  });
});

test('at 200 % zoom (half the layout width) the card still fits beside the line', async ({ server }) => {
  await withBrowser({ extensionDir: EXTENSION_DIR, headless: true, viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }, async (newPage) => {
    const page = await newPage();
    await page.goto(new URL('wire-en.html', server.url).href);
    await expectPainted(page, WIRE_EN);
    const line = await openByClick(page, 'consistent', '$1.13 trillion');
    await expectCompactView(page, line, 'zoom-200', { width: 320, height: 392 });
  });
});

test("with a larger default font (24 px) the card's type grows with it, whatever the page sets", async ({ server }) => {
  await withBrowser({ extensionDir: EXTENSION_DIR, headless: true, defaultFontSize: 24 }, async (newPage) => {
    const page = await newPage();
    await page.goto(new URL('wire-en.html', server.url).href);
    await expectPainted(page, WIRE_EN);
    expect(Object.keys(await allHighlights(page)).length).toBeGreaterThan(0);
    const line = await openByClick(page, 'consistent', '$1.13 trillion');
    const size = await cardPart(page, 'heading').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    // 15 px at the default 16 px, so 22.5 px at 24 px.
    expect(size).toBeGreaterThanOrEqual(15 * 1.5);
    expect(await smallestText(page)).toBeGreaterThanOrEqual(MIN_TEXT_PX * 1.5);
    await expectCompactView(page, line, 'font-24', { width: 480, height: 480 });
  });
});
