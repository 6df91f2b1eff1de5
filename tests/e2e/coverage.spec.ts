/**
 * Articles the page's own DOM does not hold: in a same-origin iframe, in an open shadow root attached by a
 * script, and in a declarative shadow root (`<template shadowrootmode="open">`). Each is found by the
 * detector (no page title or outer text gives it away), painted where it is (the frame's own registry and
 * style sheet; the shadow root's own style sheet), opens its card, and is counted in the popup and badge.
 */
import type { Frame, Page } from 'playwright/test';
import { expect, tabState, test } from './fixtures';
import { badgeText, cardRoot, countOf, expectPainted, ONE_PARAGRAPH, openPopupFor, painted, rangeCentre, SETTLE_MS, tabIdOf, WIRE_EN, type MentionClass, type Painted } from './lens';

const FLAGGED = countOf(WIRE_EN);

/**
 * Whether the highlights show on screen, not only in the registry: the consistent figure's line box,
 * photographed as painted and again with the registry cleared, differs (a shadow root without our style
 * sheet would show nothing either way). The guard paints them again afterwards.
 */
async function highlightsShow(page: Page, where: Page | Frame): Promise<boolean> {
  const { x, y } = await rangeCentre(where, 'consistent', '$1.13 trillion');
  // A frame's coordinates start at its box, wherever scrolling the mention into view left it.
  const offset = where === page ? { x: 0, y: 0 } : (await page.locator('iframe').boundingBox())!;
  const clip = { x: offset.x + x - 40, y: offset.y + y - 12, width: 80, height: 24 };
  const painted = await page.screenshot({ clip });
  await where.evaluate(() => CSS.highlights.clear());
  const bare = await page.screenshot({ clip });
  return !painted.equals(bare);
}

async function popupCount(extension: Parameters<typeof openPopupFor>[0], page: Page): Promise<void> {
  const popup = await openPopupFor(extension, page);
  try {
    await expect(popup.locator('#status')).toHaveText(`${FLAGGED} mentions highlighted.`, { timeout: SETTLE_MS });
  } finally {
    await popup.close();
  }
  await expect.poll(async () => badgeText(extension, await tabIdOf(extension, page)), { timeout: SETTLE_MS }).toBe(String(FLAGGED));
}

test('an article in a same-origin iframe: painted in the frame, its card opens there, the popup and badge count it', async ({ page, server, extension }) => {
  await page.goto(new URL('iframe.html', server.url).href);
  const frame = page.frames().find((f) => f.url().endsWith('/wire-en.html'))!;
  expect(frame).toBeDefined();
  await expectPainted(frame, WIRE_EN);
  expect(await painted(page)).toEqual({});
  expect(await highlightsShow(page, frame)).toBe(true);
  await expectPainted(frame, WIRE_EN);
  const { x, y } = await rangeCentre(frame, 'disputed', '$1.27 trillion');
  // The frame may have scrolled the page to bring the mention into view.
  const at = (await page.locator('iframe').boundingBox())!;
  await page.mouse.move(2, 2);
  await page.mouse.move(at.x + x, at.y + y, { steps: 5 });
  await expect(cardRoot(frame)).toBeVisible({ timeout: SETTLE_MS });
  await popupCount(extension, page);
});

for (const [file, how] of [
  ['shadow-open.html', 'an open shadow root attached by a script'],
  ['shadow-declarative.html', 'a declarative shadow root'],
] as const) {
  test(`an article in ${how}: painted on screen, its card opens, the popup and badge count it`, async ({ page, server, extension }) => {
    await page.goto(new URL(file, server.url).href);
    await expectPainted(page, WIRE_EN);
    expect(await highlightsShow(page, page)).toBe(true);
    await expectPainted(page, WIRE_EN);
    const { x, y } = await rangeCentre(page, 'disputed', '$1.27 trillion');
    await page.mouse.move(2, 2);
    await page.mouse.move(x, y, { steps: 5 });
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
    await popupCount(extension, page);
  });
}

/** WIRE_EN's mentions and ONE_PARAGRAPH's, on one page. */
function both(a: Painted, b: Painted): Painted {
  const out: Painted = { ...a };
  for (const [cls, texts] of Object.entries(b) as [MentionClass, string[]][]) out[cls] = [...(out[cls] ?? []), ...texts];
  return out;
}

/** The last of the timed checks for late shadow roots comes a minute after load; the tests' roots arrive within 6 s. */
const LATE_ROOT_SETTLE_MS = 2 * SETTLE_MS;

test('articles in open shadow roots attached after load (1 s, then 5 s later) are found and painted, with no change to the light DOM', async ({ page, server }) => {
  test.setTimeout(60_000);
  await page.goto(new URL('shadow-late.html', server.url).href);
  await expectPainted(page, WIRE_EN, LATE_ROOT_SETTLE_MS);
  await expectPainted(page, both(WIRE_EN, ONE_PARAGRAPH), LATE_ROOT_SETTLE_MS);
  const { x, y } = await rangeCentre(page, 'disputed', '$1.27 trillion');
  await page.mouse.move(2, 2);
  await page.mouse.move(x, y, { steps: 5 });
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
});

test('the detector finds an article that arrives only in a shadow root attached 5 s after load', async ({ page, server }) => {
  test.setTimeout(60_000);
  await page.goto(new URL('shadow-late.html?at=5000', server.url).href);
  const state = await tabState(page);
  // The first look found nothing: the page has no article yet.
  expect(state.hit).toBe(false);
  await expectPainted(page, WIRE_EN, LATE_ROOT_SETTLE_MS);
});

/** Clicks the mention `text` of class `cls` in `where` (the page or its iframe), as a reader would. */
async function clickMention(page: Page, where: Page | Frame, cls: MentionClass, text: string): Promise<void> {
  const { x, y } = await rangeCentre(where, cls, text);
  const offset = where === page ? { x: 0, y: 0 } : (await page.locator('iframe').boundingBox())!;
  await page.mouse.click(offset.x + x, offset.y + y);
}

test('the same article in the page and in a same-origin iframe: each painted in its own document, one card open at a time', async ({ page, server }) => {
  // wire-en.html with a copy of itself in a same-origin iframe below the article (the page is ours to change).
  await page.goto(new URL('wire-en.html', server.url).href);
  await page.evaluate(() => {
    const copy = Object.assign(document.createElement('iframe'), { src: 'wire-en.html?copy', title: 'Syndicated copy' });
    copy.style.cssText = 'display: block; width: 100%; height: 1400px; border: 0';
    document.body.append(copy);
  });
  const frame = (await (await page.waitForSelector('iframe')).contentFrame())!;
  await frame.waitForLoadState();
  await expectPainted(page, WIRE_EN);
  await expectPainted(frame, WIRE_EN);

  await clickMention(page, page, 'disputed', '$1.27 trillion');
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  // The other card closed, not merely hidden: bringing one document's mention to the middle scrolls the
  // other's off screen, and a card whose mention is off screen hides itself while it stays open.
  // A click in the frame is a click elsewhere: the page's card closes as the frame's opens...
  await clickMention(page, frame, 'disputed', '$1.27 trillion');
  await expect(cardRoot(frame)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardRoot(page)).toHaveCount(0, { timeout: SETTLE_MS });
  // ...and the other way round.
  await clickMention(page, page, 'consistent', '$1.13 trillion');
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardRoot(frame)).toHaveCount(0, { timeout: SETTLE_MS });
  // Hovering: the page sees no pointer leave its mention once the pointer is over the frame.
  const { x, y } = await rangeCentre(frame, 'consistent', '$1.13 trillion');
  const at = (await page.locator('iframe').boundingBox())!;
  await page.mouse.move(at.x + x, at.y + y, { steps: 5 });
  await expect(cardRoot(frame)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardRoot(page)).toHaveCount(0, { timeout: SETTLE_MS });
});
