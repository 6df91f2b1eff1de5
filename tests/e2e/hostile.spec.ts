/**
 * Pages that try to switch us off, spoof our card or starve other tabs: a forged WXT handshake, a forged
 * location change, a custom element defined under our card's name, CSS.highlights cleared, and a page with
 * thousands of mentions beside an ordinary topic tab.
 */
import { expect, test } from './fixtures';
import { badgeText, cardPart, cardRoot, expectPainted, hoverMention, painted, SETTLE_MS, settledState, tabIdOf, WIRE_EN } from './lens';

const wire = (server: { url: string }) => new URL('wire-en.html', server.url).href;
/** Longer than the highlight guard's check interval and a rescan: whatever a forged event would do has happened. */
const LINGER_MS = 3_000;

test("a forged WXT handshake (the content-script-started event, with our id) switches nothing off", async ({ page, server, extension }) => {
  await page.goto(wire(server));
  await expectPainted(page, WIRE_EN);
  await page.evaluate((id) => {
    for (const script of ['annotator', 'detector']) {
      document.dispatchEvent(new CustomEvent(`${id}:${script}:wxt:content-script-started`, { detail: { contentScriptName: script, messageId: 'forged' } }));
    }
  }, extension.extensionId);
  await page.waitForTimeout(LINGER_MS);
  await expectPainted(page, WIRE_EN);
  await hoverMention(page, 'consistent', '$1.13 trillion');
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
});

test('forged WXT events do not switch the detector off: a story a single-page app shows later is still found', async ({ page, server, extension }) => {
  await page.goto(new URL('spa.html', server.url).href);
  expect((await settledState(page)).hit).toBe(false);
  // The detector is watching for the story; a page forges what would stop a WXT content script.
  await page.evaluate((id) => {
    document.dispatchEvent(new CustomEvent(`${id}:detector:wxt:content-script-started`, { detail: { contentScriptName: 'detector', messageId: 'forged' } }));
    window.dispatchEvent(new CustomEvent(`${id}:detector:wxt:locationchange`, { detail: { newUrl: new URL(location.href), oldUrl: new URL(location.href) } }));
  }, extension.extensionId);
  await page.click('#open-story');
  // The app inserts the story 1 s after the click.
  await expectPainted(page, WIRE_EN, 1_000 + SETTLE_MS);
});

test('WXT announces no start-up message to the page (it would carry our id)', async ({ page, server }) => {
  await page.addInitScript(() => {
    (window as { seen?: unknown[] }).seen = [];
    window.addEventListener('message', (e) => (window as unknown as { seen: unknown[] }).seen.push(JSON.stringify(e.data)));
  });
  await page.goto(wire(server));
  await expectPainted(page, WIRE_EN);
  const seen = await page.evaluate(() => (window as { seen?: string[] }).seen ?? []);
  expect(seen.filter((m) => m.includes('content-script-started'))).toEqual([]);
});

test('forged location changes do not make it rescan', async ({ page, server, extension }) => {
  // An address of its own, so the tab state read below is this tab's and no other's.
  await page.goto(`${wire(server)}?forged-location`);
  await expectPainted(page, WIRE_EN);
  const before = await settledState(page);
  await page.evaluate((id) => {
    for (let i = 0; i < 20; i++) window.dispatchEvent(new CustomEvent(`${id}:annotator:wxt:locationchange`, { detail: { newUrl: new URL(location.href), oldUrl: new URL(location.href) } }));
  }, extension.extensionId);
  await page.waitForTimeout(LINGER_MS);
  expect((await settledState(page)).updatedAt).toBe(before.updatedAt);
});

test("a custom element the page defines under our card's name never runs on our card", async ({ page, server }) => {
  await page.addInitScript(() => {
    customElements.define(
      'treasury-lens-card',
      class extends HTMLElement {
        constructor() {
          super();
          (window as { hijacked?: boolean }).hijacked = true;
          this.attachShadow({ mode: 'closed' }).textContent = 'Nothing to see here';
        }
      },
    );
  });
  await page.goto(wire(server));
  await expectPainted(page, WIRE_EN);
  await hoverMention(page, 'disputed', '$1.27 trillion');
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardPart(page, 'verdict')).toContainText(/reserve/i);
  expect(await page.evaluate(() => (window as { hijacked?: boolean }).hijacked ?? false)).toBe(false);
  // Found the way assistive technology finds it: a dialog named "Treasury Lens: …".
  await expect(page.getByRole('dialog', { name: /^Treasury Lens:/ })).toBeVisible();
});

test('a page that clears CSS.highlights gets our highlights back', async ({ page, server }) => {
  await page.goto(wire(server));
  await expectPainted(page, WIRE_EN);
  await page.evaluate(() => CSS.highlights.clear());
  expect(await painted(page)).toEqual({});
  await expectPainted(page, WIRE_EN);
});

test("a page with thousands of mentions keeps a bounded report and does not starve another tab's highlights and badge", async ({ page, server, extension }) => {
  test.setTimeout(60_000);
  await page.goto(new URL('dense.html', server.url).href);
  const dense = await settledState(page);
  expect(dense.count).toBe(1500);
  expect(dense.mentions!.length).toBeLessThanOrEqual(500);
  expect(dense.truncated).toBe(true);
  const other = await page.context().newPage();
  try {
    await other.goto(wire(server));
    await expectPainted(other, WIRE_EN);
    const state = await settledState(other);
    expect(state.count).toBe(5);
    await expect.poll(async () => badgeText(extension, await tabIdOf(extension, other)), { timeout: SETTLE_MS }).toBe('5');
  } finally {
    await other.close();
  }
});
