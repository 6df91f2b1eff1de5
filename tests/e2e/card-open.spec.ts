/**
 * Opening the card deliberately, and what it does with focus: a click or a tap on a mention opens it,
 * "open on click only" stops hovering from opening it, a pinned card stays, the keyboard goes round the
 * card and back to where it was, a rescan keeps the open card, and turning the site off leaves nothing
 * of ours in the page (no listener: counted through the DevTools protocol, which sees every world).
 */
import type { Page } from 'playwright/test';
import { launchWithExtension, type LaunchedExtension } from '../../src/cli/chromium';
import { EXTENSION_DIR, expect, test } from './fixtures';
import {
  allHighlights,
  cardPart,
  cardRoot,
  expectNothingPainted,
  expectPainted,
  focusState,
  hoverMention,
  openPopupFor,
  rangeCentre,
  runCommand,
  SETTLE_MS,
  settledState,
  WIRE_EN,
} from './lens';

/** Longer than hover intent and the hover card's closing delay together: whatever was going to happen has. */
const LINGER_MS = 1_500;

const wire = (server: { url: string }) => new URL('wire-en.html', server.url).href;

/** Writes a setting the way the options page does: into the extension's local storage. */
async function setStored(extension: LaunchedExtension, key: string, value: unknown): Promise<void> {
  const worker = await extension.worker();
  await worker.evaluate(
    ([k, v]) => (globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }).chrome.storage.local.set({ [k as string]: v }),
    [key, value] as const,
  );
}

/** A point in the viewport away from the card and from every highlight. */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  const box = await cardRoot(page).boundingBox();
  const { width, height } = page.viewportSize()!;
  const spots = [
    { x: width - 6, y: 6 },
    { x: 6, y: 6 },
    { x: width - 6, y: height - 6 },
    { x: 6, y: height - 6 },
  ];
  return spots.find((p) => !box || p.x < box.x || p.x > box.x + box.width || p.y < box.y || p.y > box.y + box.height)!;
}

/** Every event listener in the page's DOM and on its window, in every world (the page's and ours). */
async function listenerCount(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let total = 0;
    for (const expression of ['window', 'document']) {
      const { result } = await cdp.send('Runtime.evaluate', { expression });
      const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId!, depth: -1, pierce: true });
      total += listeners.length;
    }
    return total;
  } finally {
    await cdp.detach();
  }
}

test.describe('opening the card', () => {
  test.afterEach(async ({ extension }) => {
    await setStored(extension, 'cardOpenMode', 'hover');
  });

  test('a click on a mention opens its card at once; it stays when the pointer leaves, and a click elsewhere closes it', async ({ page, server }) => {
    await page.goto(wire(server));
    await expectPainted(page, WIRE_EN);
    const { x, y } = await rangeCentre(page, 'consistent', '$1.13 trillion');
    await page.mouse.click(x, y);
    const card = cardRoot(page);
    await expect(card).toBeVisible({ timeout: 1_000 });
    await expect(cardPart(page, 'heading')).toContainText('Treasury');
    const spot = await emptySpot(page);
    await page.mouse.move(spot.x, spot.y, { steps: 4 });
    await page.waitForTimeout(LINGER_MS);
    await expect(card).toBeVisible();
    await page.mouse.click(spot.x, spot.y);
    await expect(card).toBeHidden({ timeout: SETTLE_MS });
  });

  test('"open on click only" (chosen in the popup): resting the pointer opens nothing, a click does', async ({ page, server, extension }) => {
    await page.goto(wire(server));
    await expectPainted(page, WIRE_EN);
    const popup = await openPopupFor(extension, page);
    await popup.locator('#open-mode').selectOption('click');
    await popup.close();
    await page.bringToFront();
    await hoverMention(page, 'consistent', '$1.13 trillion');
    await page.waitForTimeout(LINGER_MS);
    await expect(cardRoot(page)).toHaveCount(0);
    const { x, y } = await rangeCentre(page, 'consistent', '$1.13 trillion');
    await page.mouse.click(x, y);
    await expect(cardRoot(page)).toBeVisible({ timeout: 1_000 });

    // The setting applies to open pages at once: back to hover, and resting opens the remark's card.
    await page.keyboard.press('Escape');
    await expect(cardRoot(page)).toBeHidden();
    await setStored(extension, 'cardOpenMode', 'hover');
    await hoverMention(page, 'remark', (await settledState(page)).mentions!.find((m) => m.kind === 'remark')!.text);
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  });

  test('a pinned card stays open when the pointer leaves and when the reader clicks elsewhere; Escape still closes it', async ({ page, server }) => {
    await page.goto(wire(server));
    await expectPainted(page, WIRE_EN);
    await hoverMention(page, 'consistent', '$1.13 trillion');
    const card = cardRoot(page);
    await expect(card).toBeVisible({ timeout: SETTLE_MS });
    const pin = cardPart(page, 'pin');
    await expect(pin).toHaveAttribute('aria-pressed', 'false');
    await pin.click();
    await expect(pin).toHaveAttribute('aria-pressed', 'true');
    const spot = await emptySpot(page);
    await page.mouse.move(spot.x, spot.y, { steps: 4 });
    await page.waitForTimeout(LINGER_MS);
    await expect(card).toBeVisible();
    await page.mouse.click(spot.x, spot.y);
    await page.waitForTimeout(300);
    await expect(card).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden({ timeout: SETTLE_MS });
  });

  test('keyboard: focus starts on the first control, Tab and Shift+Tab go round the card, Enter opens Details, Escape gives focus back', async ({
    page,
    server,
    extension,
  }) => {
    await page.goto(wire(server));
    await settledState(page);
    await page.focus('#share');
    const popup = await openPopupFor(extension, page);
    try {
      // The same code path the "next mention" shortcut takes (shortcuts cannot be pressed from a test).
      await runCommand(popup, page, 'next-mention');
    } finally {
      await popup.close();
    }
    await page.bringToFront();
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
    const focusedPart = () =>
      page.evaluate(() => {
        const inner = document.activeElement?.shadowRoot?.activeElement as HTMLElement | null | undefined;
        return inner?.getAttribute('data-part') ?? inner?.closest('[data-part]')?.getAttribute('data-part') ?? inner?.tagName.toLowerCase() ?? null;
      });
    await expect.poll(focusedPart, { timeout: SETTLE_MS }).toBe('pin');
    await page.keyboard.press('Tab');
    expect(await focusedPart()).toBe('close');
    await page.keyboard.press('Tab');
    expect(await focusedPart()).toBe('details');
    // With Details shut, the summary is the last control: Tab comes round to the first.
    await page.keyboard.press('Tab');
    expect(await focusedPart()).toBe('pin');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedPart()).toBe('details');
    await page.keyboard.press('Enter');
    await expect(cardPart(page, 'details')).toHaveAttribute('open', '');
    // Now the sources' links follow, in reading order, and focus never leaves the card.
    const seen: Array<string | null> = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      seen.push(await focusedPart());
      expect((await focusState(page)).insideCard).toBe(true);
    }
    expect(seen).toContain('sources');
    expect(seen).toContain('pin');
    await page.keyboard.press('Escape');
    await expect(cardRoot(page)).toBeHidden({ timeout: SETTLE_MS });
    await expect.poll(() => focusState(page), { timeout: SETTLE_MS }).toMatchObject({ id: 'share', insideCard: false });
  });

  test('a rescan after content is added above the mention keeps its card open', async ({ page, server }) => {
    await page.goto(wire(server));
    await expectPainted(page, WIRE_EN);
    const before = await settledState(page);
    const { x, y } = await rangeCentre(page, 'consistent', '$1.13 trillion');
    await page.mouse.click(x, y);
    await expect(cardRoot(page)).toBeVisible({ timeout: 1_000 });
    const heading = await cardPart(page, 'heading').textContent();
    // A live-update box goes in at the top of the article, with topic words: the page is scanned again.
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Related coverage: Treasuries, the yen and the tariff talks.';
      document.querySelector('article, main, body')!.prepend(p);
    });
    const after = await settledState(page, before.updatedAt + 1);
    expect(after.mentions!.map((m) => m.id)).toEqual(before.mentions!.map((m) => m.id));
    await expect(cardRoot(page)).toBeVisible();
    await expect(cardPart(page, 'heading')).toHaveText(heading!);
    await expectPainted(page, WIRE_EN);
  });

  test('turning the site off removes every listener, highlight and card of ours; turning it on brings them back without a reload', async ({
    page,
    server,
    extension,
  }) => {
    // What the page has with none of ours: the site off before it loads (the detector stops at once).
    const popup0 = await openPopupFor(extension, await (async () => (await page.goto(wire(server)), page))());
    await popup0.locator('#site-disabled').check();
    await popup0.close();
    await page.reload();
    await page.waitForTimeout(LINGER_MS);
    const pageOnly = await listenerCount(page);
    const popup1 = await openPopupFor(extension, page);
    await popup1.locator('#site-disabled').uncheck();
    await popup1.close();
    await page.reload();
    await expectPainted(page, WIRE_EN);

    // Ours at work: a card open, the pointer watched.
    await hoverMention(page, 'consistent', '$1.13 trillion');
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
    const working = await listenerCount(page);
    expect(working).toBeGreaterThan(pageOnly);

    const popup = await openPopupFor(extension, page);
    const box = popup.locator('#site-disabled');
    try {
      await box.check();
      await expectNothingPainted(page);
      await expect(page.locator('[data-treasury-lens-card]')).toHaveCount(0);
      await expect(page.locator('style[data-treasury-lens-ui]')).toHaveCount(0);
      // Our listeners go with the annotator's lifetime, which may end a moment after the highlights.
      await expect.poll(() => listenerCount(page), { timeout: SETTLE_MS }).toBe(pageOnly);
      // Nothing watches the page any more: new topic text is not read.
      const state = await settledState(page);
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'Japan held $1.13 trillion of U.S. Treasuries at the end of February.';
        document.body.append(p);
      });
      await page.waitForTimeout(LINGER_MS);
      expect(await allHighlights(page)).toEqual({});
      expect((await settledState(page)).updatedAt).toBe(state.updatedAt);
    } finally {
      await box.uncheck();
      await popup.close();
    }
    await expect.poll(() => allHighlights(page), { timeout: SETTLE_MS }).not.toEqual({});
  });
});

test.describe('on a touch screen', () => {
  let phone: LaunchedExtension;
  test.beforeAll(async () => {
    phone = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true, touch: true, viewport: { width: 390, height: 844 } });
  });
  test.afterAll(async () => {
    await phone?.close();
  });

  test('a tap on a mention opens its card, which fits the screen; a tap elsewhere closes it', async ({ server }) => {
    const page = await phone.context.newPage();
    try {
      await page.goto(wire(server));
      await expectPainted(page, WIRE_EN);
      expect(await page.evaluate(() => matchMedia('(hover: none)').matches)).toBe(true);
      const { x, y } = await rangeCentre(page, 'consistent', '$1.13 trillion');
      await page.touchscreen.tap(x, y);
      const card = cardRoot(page);
      await expect(card).toBeVisible({ timeout: 2_000 });
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      const spot = await emptySpot(page);
      await page.touchscreen.tap(spot.x, spot.y);
      await expect(card).toBeHidden({ timeout: SETTLE_MS });
    } finally {
      await page.close();
    }
  });
});
