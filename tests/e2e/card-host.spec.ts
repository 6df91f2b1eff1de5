/**
 * Pages that go after the card's host element: one that removes it while the card is open (once, as a
 * framework re-rendering <body> does, and on sight, every time), and custom elements defined to run on it:
 * ahead of time under our old name `treasury-lens-card`, and on sight under the host's own tag, which any
 * page can read off the host. Their constructors attach an open root and rewrite what is there, attach a
 * closed root, or remove the element; our card still shows our text.
 */
import type { Page } from 'playwright/test';
import { CARD_HOST_ATTR, MAX_HOST_RESTORES } from '../../src/page/card-host';
import { expect, test } from './fixtures';
import { cardPart, cardRoot, expectPainted, hoverMention, SETTLE_MS, WIRE_EN } from './lens';

const HOST = `[${CARD_HOST_ATTR}]`;
/** Longer than a hover card's close delay and a few frames: a loop of removals and restores would have gone on. */
const LINGER_MS = 2_000;

const wire = (server: { url: string }) => new URL('wire-en.html', server.url).href;

type Seen = { inserted: number; removed: number; ran: string[] };
const seen = (page: Page) => page.evaluate(() => (window as unknown as { seen: Seen }).seen);

/** The page counts our host's insertions; with `removeOnSight` it removes the host each time it sees it. */
async function watchHost(page: Page, removeOnSight: boolean): Promise<void> {
  await page.addInitScript(
    ({ host, removeOnSight }) => {
      const s: Seen = { inserted: 0, removed: 0, ran: [] };
      (window as unknown as { seen: Seen }).seen = s;
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of Array.from(r.addedNodes)) {
            if (!(n instanceof Element) || !n.matches(host)) continue;
            s.inserted++;
            if (removeOnSight) {
              n.remove();
              s.removed++;
            }
          }
        }
      }).observe(document, { childList: true, subtree: true });
    },
    { host: HOST, removeOnSight },
  );
}

test('a page that removes the host of the open card (a re-render of <body>): the card is put back at once', async ({ page, server }) => {
  await watchHost(page, false);
  await page.goto(wire(server));
  await expectPainted(page, WIRE_EN);
  await hoverMention(page, 'disputed', '$1.27 trillion');
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await page.evaluate((host) => document.querySelector(host)!.remove(), HOST);
  await expect(cardRoot(page)).toBeVisible();
  await expect(cardPart(page, 'verdict')).toContainText(/reserve/i);
  expect((await seen(page)).inserted).toBe(2);
  await expect(page.locator(HOST)).toHaveCount(1);
});

test(`a page that removes the card's host on sight: put back ${MAX_HOST_RESTORES} times, then the card closes and stays closed`, async ({ page, server }) => {
  await watchHost(page, true);
  await page.goto(wire(server));
  await expectPainted(page, WIRE_EN);
  await hoverMention(page, 'disputed', '$1.27 trillion');
  await expect.poll(async () => (await seen(page)).inserted, { timeout: SETTLE_MS }).toBe(1 + MAX_HOST_RESTORES);
  await page.waitForTimeout(LINGER_MS);
  expect(await seen(page)).toMatchObject({ inserted: 1 + MAX_HOST_RESTORES, removed: 1 + MAX_HOST_RESTORES });
  await expect(page.locator(HOST)).toHaveCount(0);
  // Opening it again costs one insertion, not another round: the tries are spent.
  await page.mouse.move(2, 2);
  await hoverMention(page, 'disputed', '$1.27 trillion');
  await expect.poll(async () => (await seen(page)).inserted, { timeout: SETTLE_MS }).toBe(2 + MAX_HOST_RESTORES);
  await page.waitForTimeout(LINGER_MS);
  expect((await seen(page)).inserted).toBe(2 + MAX_HOST_RESTORES);
  // The rest of the extension carries on.
  await expectPainted(page, WIRE_EN);
});

/** What a hostile custom element's constructor does to the element it runs on. */
const BEHAVIOURS = {
  'attaches an open root and rewrites what is there': 'open',
  'attaches a closed root': 'closed',
  'removes itself': 'self-removal',
} as const;

for (const [does, behaviour] of Object.entries(BEHAVIOURS)) {
  test(`custom elements defined under our old name and under the host's own tag, whose constructor ${does}, never run on our card`, async ({ page, server }) => {
    await page.addInitScript(
      ({ host, behaviour }) => {
        const ran: string[] = ((window as { ran?: string[] }).ran = []);
        const hostile = (name: string) =>
          class extends HTMLElement {
            constructor() {
              super();
              ran.push(`${name} constructor`);
              try {
                if (behaviour === 'open') {
                  const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
                  root.querySelector('[data-part="verdict"]')?.replaceChildren('Verified: consistent with the record');
                  if (!root.childNodes.length) root.textContent = 'Nothing to see here';
                } else if (behaviour === 'closed') {
                  this.attachShadow({ mode: 'closed' }).textContent = 'Nothing to see here';
                }
              } catch {
                // Our host already has its root: the spoof fails, but the constructor ran.
              }
            }
            connectedCallback() {
              ran.push(`${name} connected`);
              if (behaviour === 'self-removal') this.remove();
            }
          };
        customElements.define('treasury-lens-card', hostile('treasury-lens-card'));
        // On sight: the tag of whatever element carries our host's attribute.
        new MutationObserver((records) => {
          for (const r of records) {
            for (const n of Array.from(r.addedNodes)) {
              if (!(n instanceof Element) || !n.matches(host)) continue;
              const tag = n.localName;
              // A built-in tag cannot be defined (the browser throws): nothing of the page's runs on it.
              if (!customElements.get(tag)) {
                try {
                  customElements.define(tag, hostile(tag));
                } catch {
                  ran.push(`define ${tag} refused`);
                }
              }
            }
          }
        }).observe(document, { childList: true, subtree: true });
      },
      { host: HOST, behaviour },
    );
    await page.goto(wire(server));
    await expectPainted(page, WIRE_EN);
    for (let round = 0; round < 2; round++) {
      // Twice: the second time the host goes in again with any definition already in place.
      await page.mouse.move(2, 2);
      await hoverMention(page, 'disputed', '$1.27 trillion');
      await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
      await expect(cardPart(page, 'verdict')).toContainText(/reserve/i);
      await expect(page.getByRole('dialog', { name: /^Treasury Lens:/ })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.locator(HOST)).toHaveCount(0);
    }
    const ran = await page.evaluate(() => (window as { ran?: string[] }).ran ?? []);
    expect(ran.filter((r) => !r.endsWith('refused'))).toEqual([]);
  });
}
