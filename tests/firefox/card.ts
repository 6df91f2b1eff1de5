/**
 * Opening the card in Firefox, as tests/e2e/card.spec.ts and card-open.spec.ts do in Chromium: on hover
 * (the reserves confusion), on a click (it stays when the pointer leaves; Escape closes it), from the
 * keyboard (the "next mention" command: focus on the card's first control, Tab and Shift+Tab go round,
 * Enter opens Details, Escape gives focus back), and by a tap on a touch screen (the Firefox build
 * declares Android).
 *
 * The command goes through the popup's "Next mention" button, the code path the Alt+Shift+N shortcut
 * takes: key presses sent over WebDriver BiDi reach the page (trusted, with their modifiers) but not
 * Firefox's shortcut handling, so a shortcut cannot be pressed from a test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { WIRE_EN } from '../support/expected';
import { focusedCardPart, focusState } from '../support/in-page';
import {
  cardPart,
  clickThenBack,
  hoverMention,
  inPage,
  LINGER_MS,
  openExtensionPage,
  openPage,
  rangeCentre,
  settledState,
  sleep,
  until,
  waitForCard,
  waitForPainted,
  type Firefox,
} from './harness';

/** A phone's screen, as the Chromium touch test has it. */
const PHONE = { width: 390, height: 844 };

/**
 * A point in the viewport away from the card and from every highlight. The bottom corners first: a BiDi
 * tap a few pixels from the top edge gives Firefox no click (seen here: pointerdown and pointerup, no click).
 */
async function emptySpot(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const card = document.querySelector('[data-treasury-lens-card]')?.shadowRoot?.querySelector('[data-part="card"]')?.getBoundingClientRect();
    const spots = [
      { x: 6, y: innerHeight - 6 },
      { x: innerWidth - 6, y: innerHeight - 6 },
      { x: 6, y: 6 },
      { x: innerWidth - 6, y: 6 },
    ];
    return spots.find((p) => !card || p.x < card.left || p.x > card.right || p.y < card.top || p.y > card.bottom)!;
  });
}

export const cardTests = (ff: Firefox) =>
  describe('the card', () => {
    test('hovering the "$1.27 trillion" Treasuries figure opens the card: the reserves confusion, with its sources', async () => {
      const page = await openPage(ff, 'wire-en.html');
      await waitForPainted(page, WIRE_EN);
      await hoverMention(page, 'disputed', '$1.27 trillion');
      await waitForCard(page, true);
      assert.equal((await cardPart(page, 'card', ['data-status']))?.attrs['data-status'], 'confusion');
      assert.match((await cardPart(page, 'verdict'))?.text ?? '', /reserves/i);
      const sources = await page.evaluate(() =>
        [...document.querySelector('[data-treasury-lens-card]')!.shadowRoot!.querySelectorAll('[data-part="sources"] a[href]')].map((a) => (a as HTMLAnchorElement).href),
      );
      assert.ok(sources.length > 0 && sources.every((h) => /^https?:/.test(h)), 'official sources linked');
      await page.close();
    });

    test('a click on a figure opens its card at once; it stays when the pointer leaves; Escape closes it', async () => {
      const page = await openPage(ff, 'wire-en.html');
      await waitForPainted(page, WIRE_EN);
      const { x, y } = await rangeCentre(page, 'consistent', '$1.13 trillion');
      await page.mouse.click(x, y);
      await waitForCard(page, true, 2_000);
      assert.match((await cardPart(page, 'heading'))?.text ?? '', /Treasury/);
      const spot = await emptySpot(page);
      await page.mouse.move(spot.x, spot.y, { steps: 4 });
      await sleep(LINGER_MS);
      await waitForCard(page, true, 0);
      await page.keyboard.press('Escape');
      await waitForCard(page, false);
      await page.close();
    });

    test('keyboard: "next mention" puts focus on the first control, Tab and Shift+Tab go round the card, Enter opens Details, Escape gives focus back', async () => {
      const page = await openPage(ff, 'wire-en.html');
      await waitForPainted(page, WIRE_EN);
      const { page: popup, tabId } = await openExtensionPage(ff, page, 'popup');
      await settledState(popup, tabId!);
      await page.bringToFront();
      await page.focus('#share');
      await clickThenBack(popup, '[data-action="next-mention"]', page);
      await popup.close();
      await page.bringToFront();
      await waitForCard(page, true);
      const part = () => inPage(page, focusedCardPart);
      await until(part, (p) => p === 'pin', 'focus on the pin button');
      const press = async (key: 'Tab' | 'Enter' | 'Escape', shift = false) => {
        if (shift) await page.keyboard.down('Shift');
        await page.keyboard.press(key);
        if (shift) await page.keyboard.up('Shift');
      };
      await press('Tab');
      assert.equal(await part(), 'close');
      await press('Tab');
      assert.equal(await part(), 'details');
      // With Details shut, the summary is the last control: Tab comes round to the first.
      await press('Tab');
      assert.equal(await part(), 'pin');
      await press('Tab', true);
      assert.equal(await part(), 'details');
      await press('Enter');
      await until(async () => (await cardPart(page, 'details', ['open']))?.attrs.open, (open) => open === '', 'Details open');
      // Now the sources' links follow, in reading order, and focus never leaves the card.
      const seen: Array<string | null> = [];
      for (let i = 0; i < 12; i++) {
        await press('Tab');
        seen.push(await part());
        assert.equal((await inPage(page, focusState)).insideCard, true, `focus inside the card after ${i + 1} Tabs`);
      }
      assert.ok(seen.includes('sources') && seen.includes('pin'), `round the card: ${seen.join(' ')}`);
      await press('Escape');
      await waitForCard(page, false);
      await until(() => inPage(page, focusState), (f) => f.id === 'share' && !f.insideCard, 'focus back on #share');
      await page.close();
    });

    test('touch: a tap on a mention opens its card, which fits the screen; a tap elsewhere closes it', async () => {
      const page = await ff.browser.newPage();
      await page.setViewport({ ...PHONE, hasTouch: true, isMobile: true });
      await page.goto(new URL('wire-en.html', ff.server.url).href);
      await waitForPainted(page, WIRE_EN);
      assert.equal(await page.evaluate(() => matchMedia('(hover: none)').matches), true, 'a touch screen, no hover');
      const { x, y } = await rangeCentre(page, 'consistent', '$1.13 trillion');
      await page.touchscreen.tap(x, y);
      await waitForCard(page, true, 2_000);
      const box = await page.evaluate(() => {
        const r = document.querySelector('[data-treasury-lens-card]')!.shadowRoot!.querySelector('[data-part="card"]')!.getBoundingClientRect();
        return { left: r.left, right: r.right };
      });
      assert.ok(box.left >= 0 && box.right <= PHONE.width, `the card within the screen: ${JSON.stringify(box)}`);
      const spot = await emptySpot(page);
      await page.touchscreen.tap(spot.x, spot.y);
      await waitForCard(page, false);
      await page.close();
    });
  });
