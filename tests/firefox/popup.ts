/**
 * The popup in Firefox, opened for an article's tab through the e2e build's test route, as
 * tests/e2e/popup.spec.ts opens it in Chromium: what the page says (counts by class, each mention in its
 * sentence with its verdict in its button's name, the clarification the page leaves out), "Show" (scrolls
 * to the mention and opens its card), and "Change keyboard shortcuts" (Firefox's Manage Extension Shortcuts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { countOf, ONE_PARAGRAPH, WIRE_EN, type Painted } from '../support/expected';
import { clickThenBack, openExtensionPage, openPage, settledState, until, waitForCard, waitForPainted, type Firefox } from './harness';

const texts = (popup: Page, selector: string) => popup.$$eval(selector, (els) => els.map((e) => e.textContent ?? ''));

/** Opens `file`, waits until it paints `expected` and both reports are in, and opens the popup for its tab. */
async function popupFor(ff: Firefox, file: string, expected: Painted): Promise<{ page: Page; popup: Page }> {
  const page = await openPage(ff, file);
  await waitForPainted(page, expected);
  const { page: popup, tabId } = await openExtensionPage(ff, page, 'popup');
  await settledState(popup, tabId!);
  return { page, popup };
}

export const popupTests = (ff: Firefox) =>
  describe('the popup', () => {
    test('the page at a glance: counts by class, each mention in its sentence with its verdict, nothing said missing', async () => {
      const { page, popup } = await popupFor(ff, 'wire-en.html', WIRE_EN);
      // The list is rendered from the tab's state once read: wait for it.
      await until(() => texts(popup, '#status'), (s) => s[0] === `${countOf(WIRE_EN)} mentions highlighted.`, 'the status line');
      for (const [cls, list] of Object.entries(WIRE_EN) as [keyof Painted, string[]][]) {
        assert.deepEqual(await texts(popup, `#counts li[data-class="${cls}"] b`), [String(list.length)], `count of ${cls}`);
        assert.equal((await texts(popup, `#mentions li[data-class="${cls}"]`)).length, list.length, `${cls} mentions listed`);
      }
      // The mention in its sentence, shortened around it; the verdict in words and in the button's name.
      const reserves = await popup.$eval('#mentions li[data-class="disputed"]', (li) => ({
        mark: li.querySelector('mark')?.textContent ?? '',
        quote: li.querySelector('.quote')?.textContent ?? '',
        verdict: li.querySelector('.verdict strong')?.textContent ?? '',
        show: li.querySelector('button[data-action="show"]')?.getAttribute('aria-label') ?? '',
      }));
      assert.equal(reserves.mark, '$1.27 trillion');
      assert.ok(reserves.quote.includes('$1.27 trillion') && reserves.quote.length > '$1.27 trillion'.length + 20, reserves.quote);
      assert.ok(reserves.verdict.length > 3, reserves.verdict);
      assert.ok(reserves.show.startsWith(`Show: ${reserves.verdict}.`), reserves.show);
      assert.match((await texts(popup, '#mentions li[data-class="consistent"] .verdict'))[0] ?? '', /Official:/);
      // wire-en reports the remark and the clarification: nothing is said to be missing.
      assert.equal(await popup.$eval('#omits', (p) => (p as HTMLElement).hidden), true);
      await popup.close();
      await page.close();
    });

    test('a page that reports the remark but not the clarification: the popup says so, from the data', async () => {
      const { page, popup } = await popupFor(ff, 'editable.html', ONE_PARAGRAPH);
      await until(() => popup.$eval('#omits', (p) => ((p as HTMLElement).hidden ? '' : p.textContent ?? '')), (text) => text.includes('4 May'), 'the omitted clarification');
      await popup.close();
      await page.close();
    });

    // wire-en, not long.html as in Chromium: its mentions are all below the first screen too, and Firefox
    // takes seconds more to load the 100,000-node page than this needs.
    test('"Show" scrolls to the mention and opens its card', async () => {
      const { page, popup } = await popupFor(ff, 'wire-en.html', WIRE_EN);
      const focusInView = () =>
        page.evaluate(() => {
          const h = CSS.highlights.get('treasury-lens-focus');
          const r = h?.size ? ([...(h as unknown as Iterable<Range>)][0] as Range).getBoundingClientRect() : undefined;
          return r ? r.top >= 0 && r.bottom <= innerHeight : false;
        });
      await page.evaluate(() => window.scrollTo(0, 0));
      assert.equal(await focusInView(), false, 'nothing shown yet');
      await clickThenBack(popup, '#mentions li[data-class="consistent"] button[data-action="show"]', page);
      await waitForCard(page, true);
      assert.equal(await focusInView(), true, 'the mention is in view');
      await popup.close();
      await page.close();
    });

    test('"Change keyboard shortcuts" opens Firefox\'s Manage Extension Shortcuts (about:addons)', async () => {
      const { page, popup } = await popupFor(ff, 'wire-en.html', WIRE_EN);
      await popup.bringToFront();
      await popup.click('#change-shortcuts');
      const addons = await until(async () => (await ff.browser.pages()).find((p) => p.url() === 'about:addons'), Boolean, 'about:addons opens');
      // It opened, so the popup does not also tell the reader where to look.
      assert.equal(await popup.$eval('#shortcuts-where', (p) => (p as HTMLElement).hidden), true);
      await addons!.close();
      await popup.close();
      await page.close();
    });
  });
